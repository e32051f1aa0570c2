"""Source mentions in a spaCy parse → canonical source names, kinds, roles and organisations within one article."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...types import Span
from . import gender

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me"})
GROUP_PRONOUNS = frozenset({"they", "it", "we", "who", "which", "that", "you", "them", "us"})
# chars: "it", "they", "we" stand for the group credited last only this close after it (a letter quoted further
# on says "we" of its writers, not of the network it was sent to)
GROUP_PRONOUN_REACH = 600
# a source left as one of these words names no one ("It read: …", "We ask …", "The two go on to …"): no actor
BARE_SOURCES = PERSON_PRONOUNS | GROUP_PRONOUNS | frozenset(
    {"one", "two", "three", "four", "both", "all", "some", "many", "several", "others", "another", "this", "these"})


def bare_source(name: str | None) -> bool:
    """A source left as one of BARE_SOURCES: names no one ("It", "We", "the two"; not "US", the country)."""
    return bool(name) and name.lower() in BARE_SOURCES and not (len(name) > 1 and name.isupper())
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})
# head nouns of an anonymous informant ("a source familiar with the matter", "people close to the talks")
INFORMANT_NOUNS = frozenset({"source", "people", "person", "insider"})
INFORMANT_WORDS = INFORMANT_NOUNS | {"sources", "insiders", "someone"}  # the same, as words of a source's name
REPLY_LEMMAS = frozenset({"reply", "answer", "respond", "retort"})
PRONOUN_REACH = 400  # chars: a person named this close before "he"/"she" beats the previous attribution's source
ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
PLACE_OR_GROUP = frozenset({"GPE", "NORP"})  # what a country's or a people's body belongs to
# common nouns naming a text rather than someone: their source is the author of the text when the article says so
DOCUMENT_NOUNS = frozenset({"report", "analysis", "assessment", "statement", "study", "document", "article",
                            "survey", "poll", "letter", "memo", "post", "tweet", "update", "release", "paper",
                            "investigation", "review", "ad", "advertisement", "book", "website", "story", "data",
                            "database", "tally", "count", "figures", "records"})
VAGUE_NOUNS = frozenset({"report", "reports", "rumour", "rumours", "rumor", "rumors", "word", "media", "claims"})
# "The agency said …" after "the World Health Organization reported …": a bare definite noun for a kind of
# organisation names the organisation last credited (else two sources where there is one origin). On PolNeAR
# dev it named 5 sources, all rightly ("the group" → the Roper Center, "the agency" → the Congressional Budget
# Office); "the government", "the union", "the party" and the like mostly name a body not credited before
# ("the government" → a company, "the union" → a state), so they are not in the list.
ORG_NOUNS = frozenset({"agency", "organization", "organisation", "group", "ministry", "department", "company",
                       "firm", "institute", "body", "watchdog", "commission", "office", "authority", "regulator",
                       "think-tank", "charity"})
# a country's or a person's body named by a common noun ("Ukraine's military intelligence", "Russia's army"): an
# organisation, not someone unnamed
BODY_NOUNS = frozenset({"military", "intelligence", "army", "navy", "police", "government", "administration",
                        "parliament", "cabinet", "embassy", "command", "staff", "forces", "service", "services",
                        "legislature", "court", "council", "committee", "presidency", "regime", "leadership"})
# "As-Safir reported … The paper added …": a bare definite noun for a news outlet names the organisation last
# credited, as ORG_NOUNS do
OUTLET_NOUNS = frozenset({"newspaper", "paper", "daily", "outlet", "broadcaster", "network", "channel", "website",
                          "site", "magazine", "tabloid", "publication", "station", "newsletter", "television", "tv",
                          "radio", "agency", "wire"})
# what someone's words or acts are called ("the GOP's complaint said"): the owner speaks, not someone of theirs
SPEECH_NOUNS = frozenset({"complaint", "brief", "filing", "lawsuit", "suit", "ruling", "order", "motion", "indictment",
                          "affidavit", "testimony", "remarks", "comments", "speech", "interview", "message", "email",
                          "announcement", "decision", "performance", "response", "account", "version", "position"})
NOT_SOMEONE = DOCUMENT_NOUNS | ORG_NOUNS | VAGUE_NOUNS | SPEECH_NOUNS
# nouns for someone who is of an organisation without being it: "a Pentagon spokesman", "the former
# PricewaterhouseCoopers employee", "Kremlin sources" are someone of the organisation named before the noun
# common nouns for a private person: a place before them says where they are from ("a Florida woman")
PRIVATE_PERSON_NOUNS = frozenset({"woman", "man", "girl", "boy", "resident", "teenager", "teen", "mother", "father",
                                  "mom", "dad", "son", "daughter", "wife", "husband", "student", "child", "patient",
                                  "driver", "farmer", "homeowner", "shopper", "voter", "veteran", "survivor",
                                  "witness", "victim", "neighbour", "neighbor", "nurse", "therapist", "teacher",
                                  "pastor", "grandmother", "grandfather", "couple", "family", "local", "native"})
MEMBER_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "employee", "worker", "staffer",
                          "analyst", "expert", "officer", "executive", "source", "insider", "aide", "adviser",
                          "advisor", "lawyer", "attorney", "diplomat", "representative", "investigator",
                          "prosecutor", "researcher", "scientist", "engineer", "member", "manager", "correspondent",
                          "reporter", "journalist", "editor", "columnist", "customer", "user", "fan", "student",
                          "doctor", "nurse", "veteran", "activist", "volunteer", "contractor", "consultant"})
# "the parents of X", "aides to X", "a spokesman for X": someone of X, not X (see Attributor._owned);
# but "the city of Phoenix" is Phoenix
OWNING_PREPOSITIONS = frozenset({"of", "to", "for"})
PLACE_NOUNS = frozenset({"city", "town", "village", "state", "country", "nation", "province", "region", "county",
                         "island", "republic", "kingdom", "territory", "district", "capital"})
LEADING_MARKS = re.compile(r"^[\W_]+(?=\w)")  # "• Embiid", "– Reuters": a bullet or dash before a name
POSSESSIVE = re.compile(r"\s*(?:['’]s|['’])$")
AGE = re.compile(r",\s*\d{1,3}\s*,?\s*$")  # "the doctor, 56"
DASH = re.compile(r"\s*(?:[—–]|--)\s*")
# titles and ranks written before a name ("Major General Jane Doe"), stripped from the canonical name
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
                    "president", "general", "major", "lieutenant", "colonel", "admiral", "captain", "sergeant",
                    "senator", "governor", "minister", "secretary", "chief", "judge", "justice", "prof",
                    "professor", "mayor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "director",
                    "commander", "chairman", "chairwoman", "king", "queen", "prince", "pope", "sir", "lord",
                    "deputy", "vice", "prime", "head"})

# ranks and honorifics: a person's title, not their role; at the end of a role phrase ("Pentagon spokesman
# Major General" before "Patrick Ryder") they are left out of the role (kept when nothing else is left)
RANKS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "general", "major",
                   "lieutenant", "colonel", "admiral", "captain", "sergeant", "prof", "professor", "sir", "lord",
                   "brigadier", "commodore", "corporal", "private", "marshal", "field", "rear", "vice"})


# nouns for a role an appositive gives a person ("Jane Doe, the ministry's spokeswoman")
ROLE_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary",
                        "director", "chief", "head", "leader", "commander", "governor", "mayor", "ambassador",
                        "chairman", "chairwoman", "chair", "official", "adviser", "advisor", "aide", "analyst",
                        "researcher", "professor", "expert", "correspondent", "envoy", "prosecutor", "lawyer",
                        "attorney", "senator", "lawmaker", "diplomat", "officer", "general", "founder", "ceo"})
# forms of address: alone before a name they say nothing of a role ("Mr. Nichols")
ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "mx", "sir", "madam", "dame", "lady", "lord"})
# a role never ends in these: the words before the name run on into it ("The brother of", "aides to President",
# "families of the reporters James Foley and", "claim that the government would bring charges against the")
NOT_ROLE_END = frozenset({"of", "to", "for", "by", "with", "from", "against", "about", "on", "in", "at", "the", "a",
                          "an", "and", "or", "but", "that", "who", "whom", "whose", "calling", "named", "called",
                          "herself", "himself", "themselves"})
# what may open the words before a name without belonging to a role ("Ironically, Nichols …", "But Kirby …")
NOT_ROLE_POS = frozenset({"ADV", "CCONJ", "SCONJ", "PUNCT", "INTJ"})


# nouns for bodies of people that speak or hold views as one ("an unusual coalition of leaders")
COLLECTIVE_NOUNS = frozenset({"coalition", "alliance", "bloc", "camp", "majority", "minority", "panel", "board",
                              "jury", "court", "team", "public", "electorate", "audience", "crowd", "community"})


def speaker_like(tok) -> bool:
    """Whether a noun phrase's head may name someone who speaks or holds a view: a name, a pronoun, a plural or
    a number ("dozens of papers", "19 percent"), or a noun for a person, a body, an outlet or a text; not "a
    bear" ("A man was attacked by a bear")."""
    if tok.ent_type_ or tok.pos_ in ("PRON", "PROPN", "NUM") or tok.tag_ in ("NNS", "NNPS"):
        return True
    lemma = tok.lemma_.lower()
    return lemma in (MEMBER_NOUNS | ORG_NOUNS | OUTLET_NOUNS | DOCUMENT_NOUNS | ROLE_HEADS | TITLES
                     | PRIVATE_PERSON_NOUNS | VAGUE_NOUNS | COLLECTIVE_NOUNS) \
        or any(c.dep_ == "poss" for c in tok.children)


def role_of(text: str) -> str | None:
    """The role phrase before a name, without the rank or honorific that directly precedes the name."""
    words = text.split()
    end = len(words)
    while end > 0 and words[end - 1].lower().rstrip(".") in RANKS:
        end -= 1
    kept = " ".join(words[:end] if end else words).strip(" ,")
    if all(w.lower().rstrip(".") in ADDRESS for w in kept.split()):
        return None
    if kept and (kept.split()[-1].lower() in NOT_ROLE_END or kept[-1] in "'’\"“”"):
        return None  # words that lead on to the name, not a role ("The parents of", "a woman calling herself '")
    return kept or None


@dataclass(frozen=True, slots=True)
class Resolved:
    name: str | None
    kind: str
    role: str | None = None
    org: str | None = None


def _ents(ents, span: Span):
    return [e for e in ents if e.start_char >= span.start and e.end_char <= span.end]


def _strip_titles(ent) -> str:
    toks = list(ent)
    while len(toks) > 1 and toks[0].lower_.rstrip(".") in TITLES:
        toks = toks[1:]
    return ent.doc[toks[0].i: toks[-1].i + 1].text


def _names_head(ent, head) -> bool:
    """Whether an entity names the mention itself: it holds the head, is in apposition to it, or is what a
    generic head belongs to ("Analysts at X", "X's report", "the X analysis", "a report in X")."""
    if ent.start <= head.i < ent.end:
        return True
    root = ent.root
    if root.dep_ in ("oprd", "dobj", "attr") and root.head.dep_ == "acl" and root.head.head.i == head.i \
            and root.head.lemma_.lower() in ("name", "call", "identify"):
        return ent.label_ == "PERSON"  # "a Florida woman named Jasmine Tridevil"
    if root.head.i == head.i and root.dep_ in ("appos", "poss", "compound"):
        return ent.label_ != "NORP" or root.dep_ == "poss"
    if root.dep_ != "pobj" or root.head.head.i != head.i:
        return False
    prep = root.head.lower_
    return prep in ("at", "of", "from", "with", "by") or prep == "in" and head.lemma_.lower() in DOCUMENT_NOUNS


def _group_of(head, ent) -> bool:
    """The name modifies a common noun for people or a group of its own ("the Trump campaign", "Kremlin
    insiders"), not a text, words, an outlet or a kind of organisation (the name's own: "the IMF analysis",
    "the Reuters news agency")."""
    return (ent.root.dep_ == "compound" and ent.root.head.i == head.i and head.pos_ == "NOUN"
            and not ent.start <= head.i < ent.end and head.lemma_.lower() not in NOT_SOMEONE | OUTLET_NOUNS)


def _without_article(text: str) -> str:
    """A mention as written, less a leading article ("the spokesman" → "spokesman"), anything after a dash
    ("a joint statement–a question raised by skeptics" → "joint statement") and an age after a comma ("Sources
    close to the doctor, 56" → "Sources close to the doctor")."""
    words = AGE.sub("", DASH.split(text, maxsplit=1)[0]).split()
    return " ".join(words[1:] if words and words[0].lower() in ("the", "a", "an") else words)


def _age_description(head) -> bool:
    """A definite description of someone by their age: "the 21-year-old", "the 56-year-old doctor"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    old = head if head.lower_ == "old" else next((c for c in head.children if c.dep_ == "amod" and c.lower_ == "old"),
                                                  None)
    if old is None or (old is not head and head.lemma_.lower() not in PRIVATE_PERSON_NOUNS | MEMBER_NOUNS
                       | {"doctor", "singer", "actor", "actress", "model", "star", "player", "coach"}):
        return False
    return any(c.lemma_.lower() in ("year", "month") for c in old.children)


def _possessor_of(ent, head) -> bool:
    return ent.root.dep_ == "poss" and ent.root.head.i == head.i and not ent.start <= head.i < ent.end


def _antecedent(head):
    """The noun a relative pronoun subject stands for ("the programme, which aims …" → programme), else None."""
    if head.lower_ not in RELATIVE_PRONOUNS or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = head.head
    if clause.dep_ != "relcl" or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return clause.head


def _before_clause(antecedent, clause) -> Span:
    """The antecedent's phrase up to its relative clause ("the spokesman Jane Doe, who …" → "the spokesman Jane Doe")."""
    end = max(antecedent.i, clause.left_edge.i - 1)
    while end > antecedent.i and antecedent.doc[end].is_punct:
        end -= 1
    last = antecedent.doc[end]
    return Span(antecedent.left_edge.idx, last.idx + len(last.text))


SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# "X, who runs the Y": verbs that make someone the head of an organisation named after them, and the role
LEADS = {"run": "head", "head": "head", "lead": "leader", "direct": "director", "chair": "chair",
         "found": "founder", "co-found": "co-founder", "manage": "manager", "own": "owner"}
# labels of names: the ones ``consistent_entities`` makes agree within an article
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})
PERSON_TITLES = TITLES | ADDRESS
TITLE_VOTES = 2  # a name after a personal title ("Pope Paul VI", "Mr Smith") counts this many times as a PERSON


def _name_key(span) -> str:
    words = [t for t in span if not t.is_punct and t.text not in ("'s", "’s")]
    if words and words[0].lower_ == "the":
        words = words[1:]
    return " ".join(t.text for t in words)


def consistent_entities(doc, entities=()) -> list:
    """The Doc's entities (spaCy Spans) with one label per name in the article (one sense per discourse).

    The small model tags "Comcast" ORG five times and PERSON once, and "O'Rourke" ORG after "Conal O'Rourke"
    (PERSON); a pronoun then stands for a company, and a person is an organisation. A one-word name that ends a
    longer PERSON name in the article is a PERSON; otherwise a name takes the label most of its mentions have,
    when more than half of the votes agree (a mention after a personal title votes TITLE_VOTES times for
    PERSON: "Pope Paul VI" once, "Paul VI" ORG twice stays a person). Dates and numbers are left alone.
    ``entities``: the article's corrected entities (``ArticleAnalysis.entities``), read instead of the tagger's.
    """
    from spacy.tokens import Span as DocSpan

    ents = list(doc.ents)
    if entities:  # the entity step's corrected labels ("DETROIT —" a place, "A TEENAGER" no name)
        spans = (doc.char_span(e.span.start, e.span.end, label=e.label, alignment_mode="expand") for e in entities)
        ents = [sp for sp in spans if sp is not None]
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2 and e[-1].text[:1].isupper()}
    labels = [("PERSON" if e.label_ in NAME_LABELS and _name_key(e) in surnames else e.label_) for e in ents]
    votes: dict[str, dict[str, int]] = {}
    for e, label in zip(ents, labels, strict=True):
        if label in NAME_LABELS:
            titled = e.start > 0 and doc[e.start - 1].lower_.rstrip(".") in PERSON_TITLES
            by_label = votes.setdefault(_name_key(e), {})
            by_label[label] = by_label.get(label, 0) + (TITLE_VOTES if titled and label == "PERSON" else 1)
    out = []
    for e, label in zip(ents, labels, strict=True):
        by_label = votes.get(_name_key(e), {})
        top = max(by_label, key=lambda k: (by_label[k], k), default=label)
        if label in NAME_LABELS and top != label and 2 * by_label[top] > sum(by_label.values()):
            label = top
        out.append(e if label == e.label_ else DocSpan(doc, e.start, e.end, label=label))
    return out


def _hyphenated(tok) -> tuple[str, int]:
    """The whole hyphenated word a token ends ("Al-Kahlot" for "Kahlot") and where it starts."""
    doc, i = tok.doc, tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return doc[i: tok.i + 1].text, doc[i].idx


def _object_after(cue):
    """The object of a verb written after it ("told Reuters", "asked Montoya-Lewis"), else None."""
    return next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i), None)


def _subject(ent) -> bool:
    root = ent.root
    return root.dep_ in SUBJECTS or (root.dep_ in ("appos", "compound") and root.head.dep_ in SUBJECTS)


def _salient(people: list, pronoun):
    """The person a "he"/"she" most likely stands for among the PERSON entities before it: the last one that is
    a subject within PRONOUN_REACH ("O'Rourke says Comcast and Salva defamed him …—he claims …" is O'Rourke),
    else the nearest."""
    for ent in reversed(people):
        if pronoun.idx - ent.end_char >= PRONOUN_REACH:
            break
        if _subject(ent):
            return ent
    return people[-1]


class SourceResolver:
    """Resolves mentions in text order, remembering the article's people and organisations for later mentions."""

    def __init__(self, doc, ents: list | None = None) -> None:
        """``ents``: the Doc's entities as spaCy Spans (default ``doc.ents``; see ``consistent_entities``)."""
        self.doc = doc
        self.text = doc.text
        self.ents = list(doc.ents if ents is None else ents)
        self.people: list[str] = []  # full names in order of first mention
        self.orgs: list[tuple[str, str | None]] = []  # (name, acronym)
        self.by_head: dict[str, Resolved] = {}  # head lemma of a common-noun mention → what it stood for
        self.last_person: Resolved | None = None
        self.last_speaker: tuple[Resolved, int] | None = None  # last person or unnamed member credited, and where
        self.last_group: Resolved | None = None
        self.last_group_at = -1
        self.last_people: tuple[Resolved, int] | None = None  # the last plural unnamed source credited, and where
        self.last_asked: tuple[Resolved, int] | None = None  # the person last asked a question, and where
        self.named_at: list[tuple[int, str]] = []  # (end, full name) of each mention of a person by a full name
        self.full_of: dict[int, str] = {}  # a PERSON entity's first token → the full name it stands for
        for ent in self.ents:
            if ent.label_ == "PERSON":
                full = self._person(_strip_titles(ent))
                if len(_strip_titles(ent).split()) > 1:
                    self.named_at.append((ent.end_char, full))
            elif ent.label_ == "ORG":
                self._org(ent)

    def _role(self, start: int, person) -> str | None:
        """The role written between ``start`` (the mention's start) and the person's name, if it names one:
        leading adverbs, conjunctions and punctuation left out, and at least one noun."""
        words = [t for t in self.doc[: person.start] if t.idx >= start]
        while words and words[0].pos_ in NOT_ROLE_POS:
            words = words[1:]
        # a given name the tagger left out of the person ("Dr Gwen [Korovin]") is no part of a role
        while words and words[-1].pos_ == "PROPN" and words[-1].text.istitle() and not words[-1].ent_type_ \
                and words[-1].lower_.rstrip(".") not in TITLES and words[-1].lower_ not in ROLE_HEADS:
            words = words[:-1]
        if not any(t.pos_ in ("NOUN", "PROPN") for t in words):
            return None
        return role_of(self.text[words[0].idx: words[-1].idx + len(words[-1])].strip(" ,"))

    def _person(self, name: str, at: int | None = None) -> str:
        """The full name a name shortens ("Trump" → "Donald Trump", "Kevin Vickers" → "Kevin M. Vickers",
        "Lamont Scott" → "Keith Lamont Scott"), never another first name ("Ivana Trump" stays Ivana Trump).
        A list bullet the tagger took into the name ("• Embiid") is dropped. ``at``: where the name is written."""
        name = LEADING_MARKS.sub("", name) or name
        last = name.split()[-1].lower()
        fits = [full for full in self.people if full.split()[-1].lower() == last and len(full) >= len(name) and
                (len(name.split()) == 1 or full.split()[0].lower() == name.split()[0].lower()
                 or full.lower().endswith(" " + name.lower()))]
        if len(fits) > 1 and at is not None:
            # a surname two people share ("Jim Foley", "Diane Foley"): the one named last before it
            named = [full for end, full in self.named_at if end <= at and full in fits]
            return named[-1] if named else fits[0]
        if fits:
            return fits[0]
        self.people.append(name)
        return name

    def _org(self, ent) -> str:
        name, doc = LEADING_MARKS.sub("", ent.text) or ent.text, ent.doc
        nxt = doc[ent.end: ent.end + 3]
        acronym = nxt[1].text if len(nxt) == 3 and nxt[0].text == "(" and nxt[2].text == ")" else None
        if len(ent) >= 3 and ent[-2].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")":
            # the tagger's entity often swallows the acronym's opening: "The World Health Organization (WHO"
            name, acronym = doc[ent.start: ent.end - 2].text, ent[-1].text
        for full, acr in self.orgs:
            if name in (full, acr) or (acr is None and "".join(w[0] for w in full.split() if w[0].isupper()) == name):
                return full
        self.orgs.append((name, acronym))
        return name

    def resolve(self, head, span: Span | None) -> Resolved:
        if head is None or span is None:
            return Resolved(None, "unnamed")
        res = self._resolve(head, span)
        self._note_asked(head)
        res = self._told_outlet(head, res)
        if res.kind == "person" or (res.kind == "unnamed" and head.tag_ == "NN"
                                    and head.lemma_.lower() in MEMBER_NOUNS):
            self.last_speaker = (res, span.end)
        if res.kind == "person":
            self.last_person = res
        elif res.kind in ("organisation", "document") or (res.org and head.tag_ == "NNS" and head.pos_ == "NOUN"):
            self.last_group = res  # "U.S. officials had said … But they did not confirm …": they are the officials
            self.last_group_at = span.end
        elif res.kind == "unnamed" and head.tag_ == "NNS" and head.pos_ == "NOUN":
            self.last_people = (res, span.end)  # "Witnesses said … They said …" (no "it", no "the report")
        if head.pos_ in ("NOUN", "PROPN") and res.name:
            self.by_head[head.lemma_.lower()] = res
        if res.kind == "person" and res.role and (noun := res.role.split()[-1].lower()) in MEMBER_NOUNS:
            self.by_head[noun] = res  # "UBS analyst Steven Milunovich … The analyst said …": Milunovich
        return res

    def _known(self, head) -> Resolved | None:
        """A bare surname or acronym of someone already named ("Doe", "the IMF analysis")."""
        word, at = _hyphenated(head)  # "Al-Kahlot" is three tokens
        if head.pos_ == "PROPN" and not any(c.dep_ == "compound" and c.idx < at for c in head.children):
            fits = [full for full in self.people if full.split()[-1] == word and full != word]
            if fits:
                return Resolved(self._person(word, at) if len(fits) > 1 else fits[0], "person")
        for tok in [head] + [c for c in head.children if c.dep_ in ("compound", "poss")]:
            for full, acr in self.orgs:
                if tok.text in (full, acr) and acr is not None:
                    kind = "document" if head.lemma_.lower() in DOCUMENT_NOUNS else "organisation"
                    return Resolved(full, kind)
        return None

    def _owned(self, head, span: Span, ents) -> Resolved | None:
        """Someone of a named one, not the named one: "Trump's lawyer", "Joan Rivers' personal doctor",
        "Ukraine's president", "the parents of Steven Sotloff", "aides to Trump". The head is a common noun
        for a person (not a text, a body or vague reports) whose only name is its possessor or the object of
        its "of", "to" or "for"; the source is the phrase as written, its role the words after the possessive
        (or before the preposition) and its organisation the named one."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or lemma in NOT_SOMEONE or len(ents) != 1:
            return None
        owner = ents[0]
        prep = owner.root.head if owner.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in OWNING_PREPOSITIONS and prep.head.i == head.i \
                and head.i < owner.start and span.start <= head.idx and lemma not in PLACE_NOUNS \
                and (owner.label_ == "PERSON" or owner.label_ in ORG_LABELS) \
                and not any(t.dep_ in ("cc", "conj", "punct") for t in self.doc[prep.i + 1: owner.start]):
            # (a list between them is a misparse of a title: "vice president of retail and online stores Angela
            # Ahrendts" is Ahrendts)
            start = next((t for t in head.lefts if t.dep_ not in ("det", "predet")), head)
            role = self.text[start.idx: prep.idx].strip(" ,")
            name = self._person(_strip_titles(owner)) if owner.label_ == "PERSON" else self._org(owner)
            return Resolved(_without_article(self.text[span.start: owner.end_char]), "unnamed", role or None, name)
        if not _possessor_of(owner, head):
            return None
        marker = owner.end if owner.end < len(self.doc) and self.doc[owner.end].tag_ == "POS" else None
        after = self.doc[marker].idx + len(self.doc[marker].text) if marker is not None else owner.end_char
        if not span.start <= after < span.end:
            return None
        if owner.label_ == "PERSON":  # the tagger often keeps the possessive in the name ("Joan Rivers'")
            owner_name = self._person(POSSESSIVE.sub("", _strip_titles(owner)))
        else:
            owner_name = POSSESSIVE.sub("", self._org(owner))
        text = _without_article(self.text[span.start: span.end])
        kind = "organisation" if lemma in BODY_NOUNS else "unnamed"
        return Resolved(text, kind, self.text[after: span.end].strip(" ,") or None, owner_name)

    def _described(self, person) -> tuple[str, str | None] | None:
        """(role, organisation) said of a person right after the name: "Rami Abdulrahman, who runs the Syrian
        Observatory for Human Rights" (runs), "Michael Madden, editor of North Korea Leadership Watch",
        "Maria Zakharova, the foreign ministry spokeswoman"."""
        root = person.root
        for c in root.children:
            if c.i < root.i or c.dep_ not in ("relcl", "appos"):
                continue
            if c.dep_ == "relcl" and c.lemma_.lower() not in LEADS:
                continue
            if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in ROLE_HEADS \
                    and not any(k.dep_ in ("prep", "relcl", "acl") for k in c.children):
                # "Maria Zakharova, the foreign ministry spokeswoman": the appositive is the role
                words = [t for t in c.subtree if t.dep_ not in ("det", "punct", "poss") or t.i == c.i]
                org = next((e for e in self.ents if e.label_ in ORG_LABELS and c.left_edge.i <= e.root.i < c.i),
                           None)
                return " ".join(t.text for t in words), _without_article(self._org(org)) if org else None
            if c.dep_ == "appos" and (c.pos_ != "NOUN" or not any(k.dep_ == "prep" and k.lower_ in ("of", "at")
                                                                    for k in c.children)):
                continue
            # what the person runs is the verb's object ("who runs the Observatory", not "who is running for the
            # Senate"); what they are editor of, the noun's "of"/"at" phrase
            heads = [k for k in c.children if k.dep_ == ("dobj" if c.dep_ == "relcl" else "prep")]
            inside = {t.i for k in heads for t in k.subtree}
            org = next((e for e in self.ents if e.label_ == "ORG" and e.root.i in inside), None)
            if org is None:
                continue
            name = _without_article(self._org(org))
            if c.dep_ == "relcl":
                return LEADS[c.lemma_.lower()], name
            prep = next(k for k in c.children if k.dep_ == "prep" and k.lower_ in ("of", "at"))
            return _without_article(self.text[c.left_edge.idx: prep.idx].strip(" ,")), name
        return None

    def _member(self, head, span: Span, org) -> Resolved | None:
        """Someone of an organisation named before the noun for them ("a Pentagon spokesman", "the former
        PricewaterhouseCoopers employee"): the phrase as written, its role the words other than the name."""
        if org is None or head.pos_ != "NOUN" or head.lemma_.lower() not in MEMBER_NOUNS:
            return None
        if org.root.head.i != head.i or org.root.dep_ not in ("compound", "nmod", "amod") or org.end > head.i:
            return None
        text = _without_article(self.text[span.start: span.end])
        role = " ".join(w for w in (self.text[span.start: org.start_char] + " " + self.text[org.end_char: span.end])
                        .split() if w.lower() not in ("the", "a", "an"))
        return Resolved(text, "unnamed", role or None, self._org(org))

    def _ent_at(self, tok, labels: frozenset[str] | None = None):
        """The entity (of one of ``labels``, or any) that holds a token, else None."""
        return next((e for e in self.ents if tok is not None and e.start <= tok.i < e.end
                     and (labels is None or e.label_ in labels)), None)

    def _people_near(self, head) -> Resolved | None:
        """The plural unnamed source credited last ("Witnesses said …"), when it is within reach of ``head``."""
        people, people_at = self.last_people or (None, -1)
        return people if people is not None and head.idx - people_at < GROUP_PRONOUN_REACH else None

    def _told_outlet(self, head, res: Resolved) -> Resolved:
        """An anonymous informant who told an organisation ("a source familiar with the matter told Reuters") is
        that organisation's source: it becomes their organisation."""
        cue = head.head
        if res.kind != "unnamed" or res.org or head.lemma_.lower() not in INFORMANT_NOUNS or cue.lemma_ != "tell":
            return res
        ent = self._ent_at(_object_after(cue), frozenset({"ORG"}))
        return replace(res, org=self._org(ent)) if ent is not None else res

    def _note_asked(self, head) -> None:
        """Remember whom a question was put to ("a reporter asked Montoya-Lewis, “…?”"): who answers next."""
        cue = head.head
        if cue.lemma_.lower() != "ask":
            return
        ent = self._ent_at(_object_after(cue))
        surnames = {full.split()[-1] for full in self.people}
        if ent is not None and (ent.label_ == "PERSON" or ent.text in surnames):  # (a surname tagged ORG too)
            self.last_asked = (Resolved(self._person(_strip_titles(ent), ent.start_char), "person"), ent.end_char)

    def _person_before(self, head) -> Resolved | None:
        """Who "he", "she" (or "the 21-year-old") stands for: the one last asked a question when the pronoun
        replies, the salient person named before within reach, an unnamed member credited after that one, else
        the last person credited; None when there is none."""
        asked, asked_at = self.last_asked or (None, -1)
        if asked is not None and head.head.lemma_.lower() in REPLY_LEMMAS and head.idx - asked_at < PRONOUN_REACH \
                and gender.fits(asked.name or "", head.text):
            return asked  # "a reporter asked Montoya-Lewis, “…?” “…,” she replied"
        earlier = [e for e in self.ents if e.label_ == "PERSON" and e.end_char <= head.idx and self._may_be(e, head)]
        # an unnamed member credited last ("…, said the official. He said …"), unless a name came after it
        speaker, at = self.last_speaker or (None, -1)
        unnamed = speaker is not None and speaker.kind == "unnamed"
        if earlier and (self.last_person is None or head.idx - earlier[-1].end_char < PRONOUN_REACH):
            person = _salient(earlier, head)
            if unnamed and at > person.end_char:
                return speaker
            if speaker is not None and speaker.kind == "person" and not _subject(person) \
                    and head.idx - at < 2 * PRONOUN_REACH and gender.fits(speaker.name or "", head.text):
                # a person credited last is more salient than a name that is no one's subject ("He praised
                # President Obama's plan … Rather, he said, …"): the pronoun goes on with the speaker
                return speaker
            return Resolved(self._person(_strip_titles(person), person.start_char), "person")
        if unnamed and head.idx - at < PRONOUN_REACH:
            return speaker
        if self.last_person is not None and not gender.fits(self.last_person.name or "", head.text):
            return None
        return self.last_person

    def _cited_by(self, head, span: Span) -> Resolved | None:
        """Unnamed sources an outlet cites ("sources cited by The Wall Street Journal", "officials quoted by
        Reuters"): the sources, with the outlet as their organisation (whose sources they are), else None."""
        if head.pos_ != "NOUN":
            return None
        acl = next((c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in ("cite", "quote")
                    and c.i > head.i), None)
        agent = next((c for c in acl.children if c.dep_ == "agent"), None) if acl is not None else None
        obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        ent = self._ent_at(obj, frozenset({"ORG"}))
        if ent is None:
            return None
        return Resolved(_without_article(self.text[span.start: acl.idx].strip(" ,")), "unnamed", None, self._org(ent))

    def _may_be(self, ent, pronoun) -> bool:
        """Whether "he"/"she" may stand for this PERSON entity: its given name or honorific is not of the other
        sex ("Jim Foley's mother Diane, … she said": not Jim Foley)."""
        if ent.start not in self.full_of:  # (asked for every pronoun after it: computed once)
            self.full_of[ent.start] = self._person(_strip_titles(ent), ent.start_char)
        before = self.doc[ent.start - 1].text if ent.start else ""
        return gender.fits(f"{before} {ent.text}", pronoun.text) and gender.fits(self.full_of[ent.start], pronoun.text)

    def _resolve(self, head, span: Span) -> Resolved:
        low = head.lower_
        antecedent = _antecedent(head)
        if antecedent is not None:  # "the report, which says …": the source is what "which" stands for
            return self._resolve(antecedent, _before_clause(antecedent, head.head))
        if head.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS:
            if len(head.text) > 1 and head.text.isupper():  # "according to WHO": an acronym, not "who"
                known = self._known(head)
                if known is not None:
                    return known
            if low in PERSON_PRONOUNS:
                found = self._person_before(head)
                if found is not None:
                    return found
            people = self._people_near(head)
            if low in ("they", "we") and people is not None and self.last_people[1] > self.last_group_at:
                return people
            if low in ("it", "they", "we") and self.last_group and head.idx - self.last_group_at < GROUP_PRONOUN_REACH:
                return self.last_group
            return Resolved(head.text, "unnamed")
        relayed = self._cited_by(head, span)
        if relayed is not None:
            return relayed
        people = self._people_near(head) if low in ("one", "another") and not list(head.children) else None
        if people is not None:
            return people  # "Wildlife experts believe … “…,” explained one.": one of them
        if _age_description(head):
            found = self._person_before(head)  # "The 21-year-old has hired a camera crew": the one named before
            if found is not None:
                return found
        known = self._known(head)
        if known is not None:
            return known
        ents = [e for e in _ents(self.ents, span) if _names_head(e, head)]
        owned = self._owned(head, span, ents)
        if owned is not None:
            return owned
        # "Trump's lawyer Rudy Giuliani": the person named, not the one whose lawyer they are
        people = [e for e in ents if e.label_ == "PERSON"]
        person = next((e for e in people if not _possessor_of(e, head)), people[0] if people else None)
        org = next((e for e in ents if e.label_ in ORG_LABELS), None)
        if person is not None and _group_of(head, person):
            # "the Trump campaign", "Trump aides": the person's group or people, not the person
            role = self.text[person.end_char: span.end].strip(" ,") or None
            return Resolved(_without_article(self.text[span.start: span.end]), "unnamed", role,
                            self._person(_strip_titles(person)))
        if person is not None:
            name = self._person(_strip_titles(person), person.start_char)
            role = self._role(span.start, person)
            if org is not None and org.start_char < person.start_char and not (
                    org.label_ in PLACE_OR_GROUP and head.lemma_.lower() in PRIVATE_PERSON_NOUNS):
                return Resolved(name, "person", role, org.text)
            described = self._described(person)
            if described is not None:
                return Resolved(name, "person", role or described[0], described[1])
            return Resolved(name, "person", role)
        lemma = head.lemma_.lower()
        poss = [c for c in head.children if c.dep_ == "poss"]
        own = next((e for e in ents if e.label_ == "ORG" and e.start <= head.i < e.end), None)
        owner = next((e for e in ents if e.label_ in PLACE_OR_GROUP and _possessor_of(e, head)), None)
        if own is not None and owner is not None:
            # "Ukraine's General Staff": a body of the country named as such, not the country
            return Resolved(_without_article(self.text[span.start: own.end_char]), "organisation", None,
                            POSSESSIVE.sub("", self._org(owner)))
        member = self._member(head, span, org)
        if member is not None:
            return member
        if org is not None and org.label_ == "ORG" and _group_of(head, org):
            role = self.text[org.end_char: span.end].strip(" ,") or None
            return Resolved(_without_article(self.text[span.start: span.end]), "unnamed", role, self._org(org))
        if org is not None and org.label_ in PLACE_OR_GROUP and lemma in PRIVATE_PERSON_NOUNS \
                and not org.start <= head.i < org.end:
            # "a 21-year-old Florida woman", "a Texas man": someone from the place, not the place
            return Resolved(_without_article(self.text[span.start: span.end]), "unnamed")
        if org is not None:
            if lemma in ORG_NOUNS and org.label_ in PLACE_OR_GROUP and not org.start <= head.i < org.end:
                # "Turkey's disaster agency", "the Ukrainian defence ministry": a body of the country, not the country
                words = self.text[span.start: span.end].split()
                return Resolved(" ".join(words[1:] if words[0].lower() in ("the", "a", "an") else words),
                                "organisation")
            name = self._org(org)
            kind = "document" if lemma in DOCUMENT_NOUNS else "organisation"
            return Resolved(name, kind)
        # a bare "the sources" is the sources named before; "Ukrainian military sources" are new ones
        bare = not any(c.dep_ in ("amod", "compound", "nmod", "conj") for c in head.children)
        for key in ([lemma] if bare else []) + [c.lemma_.lower() for c in poss]:
            if key in self.by_head:
                known = self.by_head[key]
                return Resolved(known.name, "document" if lemma in DOCUMENT_NOUNS else known.kind, known.role,
                                known.org)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        if lemma in DOCUMENT_NOUNS and self.last_group and (poss or definite and head.lower_ in ("report", "analysis")):
            # "the report" is the one credited before; "a report claims …" is a new, vague one
            return Resolved(self.last_group.name, "document")
        if bare and definite and self.last_group and (
                lemma in ORG_NOUNS and self.last_group.kind == "organisation"
                or lemma in OUTLET_NOUNS and self.last_group.kind in ("organisation", "document")):
            return Resolved(self.last_group.name, "organisation")
        text = _without_article(self.text[span.start: span.end])
        if lemma in VAGUE_NOUNS and not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return Resolved(text, "vague")
        return Resolved(text, "unnamed")
