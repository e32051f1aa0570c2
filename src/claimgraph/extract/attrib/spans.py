"""A cue token in a spaCy parse → its cue, source and content character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...types import Span
from .cues import REPORTING_VERBS, source_rates
from .features import is_quote
from .quotes import region_at
from .sources import DOCUMENT_NOUNS, PERSON_TITLES, RELATIVE_PRONOUNS, speaker_like

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd", "acomp", "csubjpass")
CLIMB_DEPS = ("xcomp", "conj", "advcl", "acl", "pcomp", "prep")  # a cue without a subject borrows its governor's
MAX_CLIMB = 3
# cue lemmas seen at least MIN_SOURCELESS_COUNT times in PolNeAR train whose relations name a source less than
# SOURCELESS_RATE of the time get none ("seems", "is expected"); 0.35 chosen on train source accuracy
MIN_SOURCELESS_COUNT = 5
SOURCELESS_RATE = 0.35
# words before a "that" that make it a purpose, a condition or a time, not what was said ("so that …")
NOT_REPORTED_THAT = frozenset({"so", "such", "now", "given", "provided", "except", "order"})
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "remind", "warn", "advise", "notify", "brief"})
# passive cues whose subject is part of what is said of it ("X is expected to …", "X was accused of …"); not
# "He was told / asked / quoted …", whose subject is spoken to or of, nor "was seen / announced / called out"
PASSIVE_PROPOSITION = frozenset({"expect", "charge", "accuse", "blame", "criticize", "criticise", "believe", "think",
                                 "say", "report", "suspect", "allege", "estimate", "predict", "project", "rumor",
                                 "rumour", "consider", "reckon", "understand", "presume", "assume", "fear"})
# A closing ", <source> <cue>": at most this many words after the cue ("on Monday"), at least this many before
MAX_TRAILING_TOKENS = 4
MIN_TRAILING_CONTENT = 4
# verbs of saying whose prepositional phrase in these tells when, where or how it was said, not what
SAYING_LEMMAS = frozenset({"say", "tell", "tweet", "add", "write", "state", "explain", "reply", "declare", "announce",
                           "note", "post", "respond", "answer", "remark", "recall"})
CIRCUMSTANCE_PREPS = frozenset({"in", "at", "during", "after", "before", "since", "amid", "following", "through",
                                "via", "outside", "inside", "near", "until", "from", "on", "over", "by", "of"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a verb with tense: "said", "says", "will"
# verbs that put their source after them at the end of a sentence ("…, reported Reuters", "…, writes Anne Applebaum")
INVERTED_LEMMAS = frozenset({"say", "report", "write", "add", "note", "tell", "explain", "claim", "announce",
                             "confirm", "warn"})
NAME_ABBREVIATIONS = PERSON_TITLES | {"jr", "sr", "st"}  # "Rep. Jane Doe Jr. said"
DASHES = frozenset({"-", "--", "–", "—"})
EDGE_PUNCT = frozenset(",.;:-–—()[]")
MAX_PRECEDING_SUBJECT = 15  # tokens; longer openings are not a subject noun phrase
MAX_QUOTE_GAP = 80  # chars between a quotation's end and its trailing cue/source ("…,” the senator from X said)
QUOTE_GAP_STOP = re.compile(r"(\w*)[.!?;]\s|\n")  # a sentence or paragraph end between them breaks the link


@dataclass(frozen=True, slots=True)
class RawAttribution:
    """Spans of one detected attribution, before its source is resolved and it is annotated."""

    cue: object  # the cue's head token
    cue_span: Span
    source_tok: object | None  # head token of the source mention
    source_span: Span | None
    content_spans: tuple[Span, ...]
    form: str
    cited_by: Span | None = None  # the cue span of the attribution this one is the cited source of (citing.py)


def cue_span(cue) -> Span:
    """The cue token plus its particle, the 'to' of 'according to' and an object-less 'for'/'about' preposition."""
    toks = [cue]
    for c in cue.children:
        if c.dep_ == "prt" or (cue.lower_ == "according" and c.lower_ == "to"):
            toks.append(c)
    return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def find_source(cue):
    """(head token, token set) of the cue's source mention, climbing through governing verbs when needed."""
    n, rate = source_rates().get(cue.lemma_.lower(), (0, 1.0))
    raising = any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in cue.children)  # "appeared to suggest"
    if n >= MIN_SOURCELESS_COUNT and rate < SOURCELESS_RATE and not raising:
        return None, set()  # "it seems", "appears": PolNeAR marks no source for such cues
    if any(c.dep_ == "auxpass" for c in cue.children) and not any(c.dep_ == "agent" for c in cue.children):
        return None, set()
    if reduced_passive(cue):
        return None, set()  # "Mark Meadows accused of timing his retirement …": he is the accused, not the accuser
    tok = cue
    if (cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.lemma_.lower() in SAYING_LEMMAS and cue.head.dep_ == "ccomp"
            and cue.head.head.lemma_.lower() in REPORTING_VERBS):
        tok = cue.head.head  # "X said it had verified …, adding that …": X adds, not "it"
    for _ in range(MAX_CLIMB + 1):
        for c in _without_labels(tok):
            if c.lower_ in RELATIVE_PRONOUNS and any(o.dep_ == "nsubj" and o.i > c.i for o in tok.children):
                continue  # "Siri, which the report claims works well": the parse's second subject is the speaker
            if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and tok.lemma_ in ("quote", "cite")):
                publisher = _publisher(c)
                return (publisher, _mention(publisher)) if publisher is not None else (c, _mention(c))
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj, _mention(obj)
            if c.dep_ == "poss" and tok.pos_ == "NOUN":
                return c, _mention(c)
        if tok.i == cue.i:
            left = [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < tok.i]
            if left:
                return left[0], _mention(left[0])
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                rest = _clause_after_according(tok)
                return obj, _mention(obj) - rest
            return None, set()
        if tok.dep_ in ("relcl", "acl") and tok.pos_ == "VERB" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if any(c.dep_ in ("nsubjpass", "dobj") for c in tok.children):
                return None, set()
            return tok.head, {tok.head.i}
        if tok.dep_ not in CLIMB_DEPS or tok.head.i == tok.i:
            return _entity_before(cue)
        tok = tok.head
    return None, set()


def _publisher(tok):
    """ "The report, released Tuesday by the World Bank, says …": who released the document speaks through it."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((a for a in c.children if a.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None and (obj.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or obj.pos_ == "PROPN"):
                return obj
    return None


def _entity_before(cue):
    """A subjectless verb cue right after a named speaker the parse attached elsewhere ('… of the Post Trump said')."""
    doc = cue.doc
    j = cue.i - 1
    while j >= 0 and doc[j].pos_ in ("ADV", "AUX", "PART"):
        j -= 1
    if cue.pos_ != "VERB" or j < 0 or doc[j].ent_type_ not in ("PERSON", "ORG") or doc[j].ent_iob_ == "O":
        return None, set()
    ent = next((e for e in doc.ents if e.start <= j < e.end), None)
    if ent is None or ent.end != j + 1:
        return None, set()
    return ent.root, set(range(ent.start, ent.end))


def _without_labels(tok) -> list:
    """The children of tok less a paragraph label or a dateline parsed as a second subject ('Details: The
    report says …', 'KYIV, Dec 16 (Reuters) - Ukraine's military said …')."""
    kids = list(tok.children)
    subjects = [c for c in kids if c.dep_ in SUBJECT_DEPS]
    if len(subjects) < 2:
        return kids
    doc = tok.doc
    labels = {c.i for c in subjects if c.i + 1 < len(doc) and doc[c.i + 1].text == ":"}
    for c, nxt in zip(subjects, subjects[1:]):
        if any(doc[k].text in DASHES and doc[k - 1].whitespace_ for k in range(c.i + 1, nxt.left_edge.i)):
            labels.add(c.i)
    return [c for c in kids if c.i not in labels]


def _mention(tok) -> set[int]:
    """Token ids of a noun phrase: its subtree without relative clauses, cut at line breaks and colons."""
    ids = {t.i for t in tok.subtree}
    for c in tok.children:
        if c.dep_ in ("relcl",) or (c.dep_ == "punct" and is_quote(c)):
            ids -= {t.i for t in c.subtree}
        elif c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") and c.i > tok.i and tok.doc[c.left_edge.i - 1].text == ",":
            ids -= {t.i for t in tok.doc[c.left_edge.i - 1: c.right_edge.i + 2] if t.i <= c.right_edge.i or t.is_punct}
    doc = tok.doc
    lo = hi = tok.i
    while lo - 1 in ids and not _breaks(doc[lo - 1]):
        lo -= 1
    while hi + 1 in ids and not _breaks(doc[hi + 1]):
        hi += 1
    return set(range(lo, hi + 1))


def _breaks(tok) -> bool:
    return tok.text == ":" or (tok.is_space and "\n" in tok.text)


def content_tokens(cue, source_ids: set[int]) -> tuple[set[int], str]:
    """Token ids of the content governed by the cue, and the form it was found in."""
    doc = cue.doc
    if cue.lower_ == "according":
        head = cue.head if cue.head.i != cue.i else None
        if head is None:
            return _clause_after_according(cue) - source_ids, "according_to"
        skip = {t.i for t in cue.subtree}
        return {t.i for t in head.sent if t.i not in skip} - source_ids, "according_to"
    ids: set[int] = set()
    governs = any(k.dep_ in CONTENT_DEPS for k in cue.children)
    stray = None if governs else _stray_that_clause(cue)
    if stray is not None:
        ids = {t.i for t in stray.subtree}
    bare = None if governs or stray is not None else _bare_clause(cue)
    if bare is not None:
        ids = {t.i for t in bare.subtree}
    addressee = _addressee(cue)
    # "…, TASS reported on Tuesday": a closing report by a reporting verb, not "on Tuesday"
    closing = before_trailing_cue(cue) if not governs and stray is None and cue.pos_ == "VERB" \
        and cue.lemma_.lower() in REPORTING_VERBS else None
    for c in cue.children:
        if c.i == addressee:
            continue
        if _across_semicolon(c, cue):
            continue  # "X comments that …; he also notes that …": the first clause is not what "notes" governs
        sayer = _as_saying(c)
        if sayer is not None:
            # "X was quoted as saying that …": what "saying" governs
            ids |= {t.i for k in sayer.children if k.dep_ in CONTENT_DEPS for t in k.subtree}
            continue
        if c.dep_ == "dobj" and c.lower_ == "that" and c.i > cue.i and not any(c.children):
            # "We vowed that as we regained …, we would maintain …": the parser made "that" the object and
            # the clause it opens an adverbial
            clause = next((k for k in cue.children if k.dep_ == "advcl" and k.i > c.i), None)
            if clause is not None:
                ids |= {c.i} | {t.i for t in clause.subtree}
                continue
        if c.dep_ in CONTENT_DEPS or (stray is None and not closing and c.dep_ == "prep" and not governs
                                      and c.i > cue.i and c.lower_ != "according" and not _circumstance(cue, c)):
            ids |= {t.i for t in c.subtree}
        elif c.dep_ == "prep" and _charge_of(cue, c):
            ids |= {t.i for t in c.subtree}  # "accused Moscow [of targeting the grid]", "blamed Ukraine [for …]"
    for c in cue.children:  # "said it was investigating, and that initial findings suggested …": a second clause
        if (c.dep_ == "conj" and c.i > cue.i and ids
                and any(k.dep_ == "mark" and k.lower_ == "that" for k in c.children)):
            cc = [k.i for k in cue.children if k.dep_ == "cc" and k.i < c.i]
            ids |= {t.i for t in c.subtree} | set(cc)
    if not ids and cue.dep_ == "parataxis":
        # a parenthetical or trailing attribution: "The test, the agency said, was its biggest yet."
        skip = {t.i for t in cue.subtree}
        ids = {t.i for t in cue.head.subtree if t.i not in skip}
    elif not ids and cue.dep_ in ("ccomp", "advcl", "conj") and cue.i > cue.head.i:
        # a trailing attribution: "X will win, the poll said."
        skip = {t.i for t in cue.subtree}
        ids = {t.i for t in cue.head.subtree if t.i not in skip and t.i < cue.i}
    if not ids and cue.pos_ == "VERB":
        ids = closing if closing is not None else before_trailing_cue(cue)  # computed once
    if ids and doc[min(ids)].lower_ == "that" and min(ids) > cue.i:
        # "said that debris from a downed drone had caused …" (the parser hung "from …" on "said"): nothing inside
        # a that-clause is a circumstance of the saying
        ids |= set(range(min(ids), max(ids) + 1))
    ids -= _trailing_report_tail(cue, ids)
    ids -= writer_caveat(cue.doc, ids)
    ids -= _contrasting_report(cue, ids)
    ids -= _closing_saying(cue, ids)
    ids -= _leading_adjunct(cue, ids)
    ids |= _passive_subject(cue, ids)
    if not ids and any(c.dep_ == "auxpass" for c in cue.children) and _agent_speaks(cue):
        # a passive cue: "The meeting was first reported by Politico" credits its subject to the agent (not "A man
        # was attacked by a bear")
        ids = {t.i for c in cue.children if c.dep_ == "nsubjpass" for t in c.subtree}
    if not ids and cue.i + 1 < len(doc) and doc[cue.i + 1].text == ":":
        nxt = cue.i + 2
        if nxt < len(doc):
            ids = {t.i for t in doc[nxt].sent if t.i >= nxt}
        return ids - source_ids - {cue.i}, "colon"
    return ids - source_ids - {cue.i}, "indirect"


def _passive_subject(cue, ids: set[int]) -> set[int]:
    """ "Trump is expected to deliver a speech", "Three commissioners were charged with taking bribes": the subject
    of a passive cue without an agent is part of what is expected or charged (PolNeAR's content is both parts);
    not "it" before a clause ("it is expected that …")."""
    if not ids or cue.lemma_.lower() not in PASSIVE_PROPOSITION:
        return set()
    reduced = reduced_passive(cue)
    if not (reduced or any(c.dep_ == "auxpass" for c in cue.children)) or any(c.dep_ == "agent" for c in cue.children):
        return set()
    deps = ("nsubjpass", "nsubj") if reduced else ("nsubjpass",)
    subject = next((c for c in cue.children if c.dep_ in deps and c.i < cue.i), None)
    if subject is None or subject.i in ids or subject.lower_ in ("it", "there", "this", "that", "which", "who", "what"):
        return set()
    return {t.i for t in subject.subtree}


def clause_after_citing(cue) -> set[int]:
    """ "Israeli media reported, citing security officials, that the talks had stalled": the "that" clause after a
    citing parenthetical is what the reporting verb reports (the parser makes the clause the root and the verb
    its complement) → its token ids, else an empty set."""
    doc, sent = cue.doc, cue.sent
    if cue.lemma_.lower() not in REPORTING_VERBS or cue.i + 2 >= sent.end or doc[cue.i + 1].text != ",":
        return set()
    j = cue.i + 2
    while j < sent.end and doc[j].text != ",":
        j += 1
    between = doc[cue.i + 2: j]
    if j + 2 >= sent.end or doc[j + 1].lower_ != "that" or not any(t.lemma_ in ("cite", "quote") for t in between):
        return set()
    end = sent.end - 1 if doc[sent.end - 1].is_punct else sent.end
    return {t.i for t in doc[j + 1: end]}


def reduced_passive(cue) -> bool:
    """A headline's passive without its auxiliary: "Minister accused of lying", "CEO charged with fraud" (the
    parser reads a verb with a subject and no object)."""
    if cue.lemma_.lower() not in PASSIVE_PROPOSITION or cue.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "neg") for c in cue.children):
        return False
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    return (nxt is not None and nxt.lower_ in ("of", "with", "for", "over")
            and any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children))


ACCUSING_LEMMAS = frozenset({"accuse", "blame", "criticize", "criticise", "condemn", "charge", "fault", "praise",
                             "thank", "credit", "commend", "applaud", "slam", "denounce"})


def _charge_of(cue, prep) -> bool:
    """The "of"/"for" phrase after the object of a verb of accusing: what the object is accused of."""
    return (cue.lemma_.lower() in ACCUSING_LEMMAS and prep.lower_ in ("of", "for", "over") and prep.i > cue.i
            and any(c.dep_ == "dobj" and c.i < prep.i for c in cue.children))


def _agent_speaks(cue) -> bool:
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    return obj is None or speaker_like(obj)


def before_trailing_cue(cue) -> set[int]:
    """The sentence before a closing ", <source> <cue>" the parser did not attach as one ("Peskov dismissed
    the figure, state news agency TASS reported."): tokens before the last comma ahead of the cue, when
    no other verb stands between that comma and the cue and little but an adverbial follows it."""
    sent = cue.sent
    # "…, TASS reported on Tuesday, citing a statement": the citing phrase is the report's own source
    cited = {t.i for c in sent if c.i > cue.i and c.lower_ in ("citing", "quoting") for t in c.subtree}
    after = [t for t in sent if t.i > cue.i and t.i not in cited and not (t.is_punct or t.is_space)]
    if len(after) > MAX_TRAILING_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in after):
        return set()
    for k in range(cue.i - 1, sent.start, -1):
        tok = cue.doc[k]
        if tok.text == ",":
            before = {t.i for t in sent if t.i < k and not t.is_space}
            if any(_subordinate(cue.doc[b]) for b in before if cue.doc[b].head.i == cue.i):
                return set()  # the cue's own adverbial clause ("when Congress cut funding, Mexico said enough")
            return before if len(before) >= MIN_TRAILING_CONTENT else set()
        if tok.pos_ in ("VERB", "AUX") or tok.text in ('"', "”", ";", ":") or tok.is_space:
            return set()
    return set()


def _subordinate(tok) -> bool:
    """A clause opened by a subordinator ("when …", "if …", "because …")."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" or c.tag_ == "WRB" for c in tok.children)


def _trailing_report_tail(cue, ids: set[int]) -> set[int]:
    """The closing ", <source> <verb>" of the cue's sentence when it reports the cue's statement (see
    ``before_trailing_cue``) and the parser hung it inside the cue's content: not part of that content."""
    for i in sorted(ids):
        verb = cue.doc[i]
        if (i > cue.i and verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING_VERBS
                and any(c.dep_ == "nsubj" for c in verb.children)
                and not any(c.dep_ in CONTENT_DEPS or c.dep_ == "mark" for c in verb.children)
                and cue.i in (before := before_trailing_cue(verb))):
            return {t.i for t in verb.sent if t.i > max(before)}
    return set()


# nouns of a writer's closing comment on what a source said: "…, a claim that could not be independently verified"
CAVEAT_NOUNS = frozenset({"claim", "assertion", "allegation", "account", "figure", "statement", "version", "charge"})


def _closing_saying(cue, ids: set[int]) -> set[int]:
    """"…, adding that the real toll was likely higher": a closing participle of saying is a statement of its own
    (its attribution), with its comma: not part of the cue's content."""
    doc = cue.doc
    for i in sorted(ids):
        tok = doc[i]
        if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > cue.i and tok.lemma_.lower() in SAYING_LEMMAS
                and doc[tok.left_edge.i - 1].text == "," and any(c.dep_ in ("ccomp", "dobj") for c in tok.children)):
            return {t.i for t in doc[tok.left_edge.i - 1: tok.right_edge.i + 1]}
    return set()


def _contrasting_report(cue, ids: set[int]) -> set[int]:
    """"…, while Russian state media said the strike hit a military target": a contrasting clause with a report of
    its own (another source's statement), with its comma: not part of the cue's content."""
    doc = cue.doc
    for i in sorted(ids):
        tok = doc[i]
        if (tok.dep_ == "advcl" and tok.i > cue.i and tok.lemma_.lower() in REPORTING_VERBS
                and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in tok.children)
                and any(c.dep_ == "nsubj" for c in tok.children)):
            start = tok.left_edge.i
            start -= 1 if start > 0 and doc[start - 1].text == "," else 0
            return {t.i for t in doc[start: tok.right_edge.i + 1]}
    return set()


def writer_caveat(doc, ids: set[int]) -> set[int]:
    """The closing apposition in which the writer comments on the statement ("…, a claim that could not be
    independently verified", "…, an allegation Moscow denies"), with its comma: not part of what was said."""
    last = max((i for i in ids if not doc[i].is_punct), default=-1)
    for i in sorted(ids):
        tok = doc[i]
        if is_caveat(tok) and tok.right_edge.i >= last:
            return {t.i for t in doc[tok.left_edge.i - 1: tok.right_edge.i + 1]}
    return set()


def caveat_topic(cue) -> set[int]:
    """For the verb of a caveat with a subject of its own ("…, a figure that Moscow did not confirm"): the
    statement the caveat is about (the clause before its comma), else an empty set."""
    if cue.dep_ != "relcl" or not is_caveat(cue.head):
        return set()
    noun, doc = cue.head, cue.doc
    clause = noun.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    stop = noun.left_edge.i - 1  # the comma
    return {t.i for t in clause.subtree if t.i < stop}


def is_caveat(tok) -> bool:
    """A noun of comment on a statement opening a phrase after a comma: "…, a claim that …", "…, a figure …"."""
    start = tok.left_edge.i
    return (tok.lemma_.lower() in CAVEAT_NOUNS and tok.pos_ == "NOUN" and start > 0
            and tok.doc[start - 1].text == "," and tok.head.i < tok.i)


def as_saying(cue):
    """The "saying" of a cue's "as saying …" phrase ("was quoted by TASS as saying that …"), or None."""
    return next((s for c in cue.children if (s := _as_saying(c)) is not None), None)


def _as_saying(prep):
    if prep.dep_ != "prep" or prep.lower_ != "as":
        return None
    return next((k for k in prep.children if k.dep_ == "pcomp" and k.lemma_.lower() in REPORTING_VERBS
                 and any(g.dep_ in CONTENT_DEPS for g in k.children)), None)


def _addressee(cue) -> int | None:
    """The object of "told reporters that …" (the one told, not what was said: PolNeAR leaves it out of the
    content), when the clause after it has a subject or "that" of its own (else the object may be that
    clause's subject, misparsed: "told Trump could win")."""
    if cue.lemma_.lower() not in ADDRESSEE_VERBS:
        return None
    told = next((c for c in cue.children if c.dep_ == "dobj"), None)
    said = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if told is not None and said is not None and said.i < cue.i < told.i:
        return told.i  # '"We are not at war," Scholz told the Bundestag': what was said came first
    if told is None or said is None or said.i < told.i:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" or (c.dep_ == "mark" and c.lower_ == "that")
           for c in said.children):
        return told.i
    after = told.right_edge.i + 1
    if after < said.i and cue.doc[after].lower_ == "that":
        return told.i  # "told Buzzfeed that IS want …": the parser hung "that" elsewhere in the clause
    return None


def _across_semicolon(child, cue) -> bool:
    """A dependent before the cue that a semicolon separates from it (a clause of its own)."""
    if child.i > cue.i:
        return False
    end = child.right_edge.i
    return any(cue.doc[k].text == ";" for k in range(end + 1, cue.i))


def _stray_that_clause(cue):
    """The head of a that-clause the parser hung below an adverbial after the cue ("said in a statement
    after the recording became public that the comments …": the that-clause is what was said), or None.
    Only adverbial links (advcl, prep, pobj, pcomp) may lie between it and the cue; a purpose or
    condition ("so that", "given that") and a clause of its own governor ("after it emerged that …") are not it."""
    doc = cue.doc
    for tok in cue.subtree:
        if tok.i <= cue.i or tok.dep_ != "mark" or tok.lower_ != "that" or tok.head.dep_ != "advcl":
            continue
        if doc[tok.i - 1].lower_ in NOT_REPORTED_THAT:
            continue
        governor = tok.head.head
        if governor.i != cue.i and any(c.dep_ in ("expl", "nsubj") and c.lower_ == "it" for c in governor.children):
            continue
        node = governor
        while node.i != cue.i and node.dep_ in ("advcl", "prep", "pobj", "pcomp"):
            node = node.head
        if node.i == cue.i:
            return tok.head
    return None


def _circumstance(cue, prep) -> bool:
    """A place, time or channel phrase of a verb of saying ("said in a phone interview", "tweeted in the early
    morning hours"): when or where it was said, never what."""
    return cue.lemma_.lower() in SAYING_LEMMAS and prep.lower_ in CIRCUMSTANCE_PREPS


def _clause_after_according(cue) -> set[int]:
    """When the parser made a sentence-opening "According to X, …" its root and hung the rest below X
    ("According to talk radio host Rush Limbaugh, the move reeks of fear": "reeks" parsed as a noun in
    apposition), the tokens after the comma that closes X's name; else none."""
    if cue.head.i != cue.i:
        return set()
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if obj is None or obj.i + 2 >= cue.sent.end or cue.doc[obj.i + 1].text != ",":
        return set()
    rest = {t.i for t in cue.sent if t.i > obj.i + 1 and not t.is_space}
    return rest if len(rest) >= MIN_TRAILING_CONTENT else set()


def _bare_clause(cue):
    """A clause with a subject of its own after a reporting verb that the parser took for an adverbial ("Trump
    said after the convention he would not accept …": "accept" parsed as an advcl of "said"), or None. Not a
    clause opened by a subordinator ("said goodbye before he left") nor a participle ("…, adding he would")."""
    if cue.pos_ != "VERB" or cue.lemma_.lower() not in REPORTING_VERBS:
        return None
    for c in cue.children:
        if (c.dep_ == "advcl" and c.i > cue.i and (c.tag_ in FINITE_TAGS or c.tag_ == "VB")
                and any(k.dep_ in ("nsubj", "nsubjpass") and k.i < c.i for k in c.children)
                and not any(k.dep_ == "mark" or k.tag_ in ("WRB", "WDT") for k in c.children)
                and (c.tag_ != "VB" or any(k.dep_ == "aux" and k.tag_ == "MD" for k in c.children))):
            return c
    return None


def _leading_adjunct(cue, ids: set[int]) -> set[int]:
    """A time or circumstance phrase right after the cue that the parser hung on the content clause before
    its subject ("said on Friday he would …", "said after the convention he would …"): it tells when the
    statement was made, not what was said."""
    doc = cue.doc
    start = cue.i + 1
    while start < len(doc) and doc[start].dep_ == "advmod" and doc[start].pos_ == "ADV":
        start += 1
    if start not in ids:
        return set()
    for clause in (doc[i] for i in ids if doc[i].head.i == cue.i and doc[i].dep_ in ("ccomp", "xcomp", "advcl")):
        head = next((k for k in clause.children if k.dep_ in ("prep", "npadvmod") and k.left_edge.i == start), None)
        subject = next((k for k in clause.children if k.dep_ in ("nsubj", "nsubjpass")), None)
        if head is not None and subject is not None and subject.left_edge.i > head.right_edge.i:
            return set(range(start, subject.left_edge.i))
    return set()


def runs(doc, ids: set[int]) -> list[tuple[int, int]]:
    """Contiguous token runs of ids (gaps of punctuation only are bridged), trimmed of edge punctuation."""
    out: list[list[int]] = []
    for i in sorted(ids):
        if out and all(doc[k].is_punct or doc[k].is_space for k in range(out[-1][1] + 1, i)):
            out[-1][1] = i
        else:
            out.append([i, i])
    trimmed = []
    for a, b in out:
        while a <= b and (doc[a].text in EDGE_PUNCT or doc[a].is_space):
            a += 1
        # edge punctuation, and a conjunction left dangling at the end ("… its leadership and [criticized …]": the
        # parser hung the "and" of the next verb on the last word of the clause)
        while b >= a and (doc[b].text in EDGE_PUNCT or doc[b].is_space or doc[b].dep_ == "cc"):
            if doc[b].text == ")" and any(doc[k].text == "(" for k in range(a, b)):
                break
            b -= 1
        if a <= b:
            trimmed.append((a, b))
    return trimmed


def char_spans(doc, ids: set[int], regions: list[tuple[int, int]], cue_span_: Span) -> tuple[Span, ...]:
    """Character spans of the content, widened to whole quotations that it starts or ends inside."""
    spans = [[doc[a].idx, doc[b].idx + len(doc[b])] for a, b in runs(doc, ids)]
    for sp in spans:
        for pos in (sp[0], sp[1] - 1):
            reg = region_at(regions, pos)
            if reg is not None and not (reg[0] <= cue_span_.start < reg[1]):
                sp[0], sp[1] = min(sp[0], reg[0]), max(sp[1], reg[1])
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple(Span(s, e) for s, e in merged)


def adjacent_quotes(cue, cspan: Span, src_span: Span | None, regions: list[tuple[int, int]], text: str) -> list[Span]:
    """Quotations the cue's clause attaches to: one just before it ("“…,” she said") and one just after
    ("she said, “…”" or the rest of an interrupted quote)."""
    left = min(cspan.start, src_span.start) if src_span else cspan.start
    right = max(cspan.end, src_span.end) if src_span else cspan.end
    out = []
    before = [r for r in regions if r[1] <= left]
    if before and left - before[-1][1] <= MAX_QUOTE_GAP and not _sentence_end_in(text[before[-1][1]:left]):
        out.append(Span(*before[-1]))
    after = next((r for r in regions if r[0] >= right), None)
    if after and re.fullmatch(r"[\s,:]*", text[right:after[0]]) and (out or ":" in text[right:after[0]]
                                                                       or not _more_after(cue, after)):
        out.append(Span(*after))
    if out:
        out += _continuation(cue, out[-1], regions, text)
    return out


def _sentence_end_in(gap: str) -> bool:
    """Whether a sentence or a paragraph ends in this text; not the period of an initial or a title
    ("…,” Rep. Elijah E. Cummings said")."""
    for m in QUOTE_GAP_STOP.finditer(gap):
        word = m.group(1) or ""
        if not m.group(0).rstrip().endswith("."):
            return True  # a paragraph break, "!", "?" or ";"
        if not (len(word) == 1 and word.isupper()) and word.lower() not in NAME_ABBREVIATIONS:
            return True
    return False


def _continuation(cue, last: Span, regions: list[tuple[int, int]], text: str) -> list[Span]:
    """Quoted sentences that follow in the same paragraph with no attribution of their own
    ('“A,” she said. “B.”' credits B to her too)."""
    out = []
    pos = max(last.end, cue.sent.end_char)
    while True:
        nxt = next((r for r in regions if r[0] >= pos), None)
        if nxt is None or not re.fullmatch(r"[ \t.]*", text[pos:nxt[0]]):
            return out
        tail = re.match(r"[ \t.,]*(\n|$)", text[nxt[1]:])
        if tail is None:
            return out  # the next quotation has its own attribution after it
        out.append(Span(*nxt))
        if tail.group(1) == "\n":
            return out
        pos = nxt[1]


def _more_after(cue, region) -> bool:
    """Whether the cue's sentence goes on after the quotation (then the quote is an object, not the content)."""
    sent_end = cue.sent.end_char
    return region[1] < sent_end - 2


def build(cue, regions: list[tuple[int, int]], text: str) -> RawAttribution | None:
    """The raw attribution headed by a cue token, or None when it governs no content."""
    para = _paragraph(cue)
    inverted = misparsed_inversion(cue)
    if inverted is not None:
        src_tok, src_ids, ids = inverted
        src_ids, ids, form = src_ids & para, ids & para, "indirect"
    else:
        src_tok, src_ids = find_source(cue)
        if src_tok is not None and _quoted_apart(src_tok, cue, regions):
            src_tok, src_ids = _inverted_subject(cue)
        if src_tok is not None and src_tok.i not in para:
            src_tok, src_ids = _preceding_subject(cue, para)
        src_ids &= para
        ids, form = content_tokens(cue, src_ids)
        topic = caveat_topic(cue)
        if topic:
            ids = topic & para  # "…, a figure that Moscow did not confirm": what Moscow did not confirm
        after_citing = clause_after_citing(cue)
        if after_citing:
            ids, form = after_citing & para, "indirect"
    ids &= para
    cspan = cue_span(cue)
    cue_toks = cue.doc.char_span(cspan.start, cspan.end, alignment_mode="expand")
    ids -= {t.i for t in cue_toks} if cue_toks is not None else {cue.i}
    content = char_spans(cue.doc, ids, regions, cspan) if ids else ()
    src_span_ = _source_span(cue.doc, src_ids)
    if cue.pos_ == "VERB":
        quoted = adjacent_quotes(cue, cspan, src_span_, regions, text)
        governs = any(c.dep_ in CONTENT_DEPS for c in cue.children)
        if quoted and (not content or not governs or any(_overlaps(q, c) for q in quoted for c in content)):
            if not governs and not any(_overlaps(q, c) for q in quoted for c in content):
                content = ()  # "…,” he said in an interview": the quotation, not the prepositional phrase
            content = _merge(list(content) + quoted)
            form = "direct"
    if not content:
        return None
    if form == "indirect" and all(_quoted(s, regions) for s in content):
        form = "direct"  # 'Peskov told reporters: “I have nothing to say.”'
    return RawAttribution(cue, cspan, src_tok, src_span_, content, form)


def _quoted(span: Span, regions: list[tuple[int, int]]) -> bool:
    """The span is one quotation, marks included."""
    reg = region_at(regions, span.start)
    return reg is not None and reg[0] == span.start and span.end >= reg[1] - 1


def _quoted_apart(tok, cue, regions: list[tuple[int, int]]) -> bool:
    """Whether tok lies inside a quotation that the cue is outside of (a subject from the quoted words)."""
    reg = region_at(regions, tok.idx)
    return reg is not None and not (reg[0] <= cue.idx < reg[1])


def misparsed_inversion(cue):
    """'HP will split in two, reported The Wall Street Journal on Sunday': a reporting verb after a comma that
    closes the sentence, with no subject and a name as its object, is the parser's reading of an inverted
    "reported <source>" → (source head, source ids, content ids: the clause before the comma), else None."""
    doc = cue.doc
    if cue.lemma_ not in INVERTED_LEMMAS or cue.tag_ not in ("VBD", "VBZ") or cue.i < MIN_TRAILING_CONTENT + 1:
        return None
    if doc[cue.i - 1].text != "," or any(c.dep_ in SUBJECT_DEPS and c.pos_ != "VERB" for c in cue.children):
        return None  # a verb as its subject is the parser's way with "HP plans X, reported the Journal"
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG") or speaker_like(obj)):
        return None
    sent = cue.sent
    after = [t for t in doc[obj.i + 1: sent.end] if not t.is_punct and not t.is_space]
    if any(t.pos_ in ("VERB", "AUX") and t.head.i != cue.i and t.dep_ not in ("advcl", "acl", "relcl", "pcomp")
           and not t.head.i > cue.i for t in after):
        return None  # a clause goes on after the source: not a closing credit
    before = [t for t in doc[sent.start: cue.i - 1] if not t.is_space]
    while before and (before[0].is_punct or is_quote(before[0])):
        before.pop(0)
    if len(before) < MIN_TRAILING_CONTENT or not any(t.pos_ in ("VERB", "AUX") for t in before):
        return None
    return obj, _mention(obj), {t.i for t in before}


def _inverted_subject(cue):
    """'…,” said Chuck Jordan': the proper-noun phrase right after the cue."""
    doc = cue.doc
    j = cue.i + 1
    while j < len(doc) and doc[j].pos_ in ("ADV", "NOUN", "PROPN") and doc[j].ent_type_ in ("DATE", "TIME"):
        j += 1
    if j < len(doc) and doc[j].pos_ in ("PROPN", "NOUN", "DET", "ADJ"):
        head = doc[j]
        while head.head.i != head.i and head.head.i > cue.i and head.dep_ in ("compound", "amod", "det", "nmod"):
            head = head.head
        return head, _mention(head)
    return _name_before(cue)


def _name_before(cue):
    """'…,” Flynn, a top surrogate, said Thursday': a named speaker between the quotation's end and the cue."""
    doc = cue.doc
    i = cue.i - 1
    while i >= 0 and cue.i - i <= MAX_PRECEDING_SUBJECT and not is_quote(doc[i]) and not doc[i].is_space:
        i -= 1
    ents = [e for e in doc.ents if i < e.start and e.end <= cue.i and e.label_ in ("PERSON", "ORG", "NORP")]
    if not ents:
        return None, set()
    lo, hi = ents[0].start, cue.i - 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return ents[0].root, set(range(lo, hi + 1))


def _preceding_subject(cue, para: set[int]):
    """When the parse gives no usable subject: the noun phrase opening the cue's paragraph right before it."""
    doc = cue.doc
    if cue.pos_ != "VERB" or cue.dep_ not in ("ROOT",) or not para:
        return None, set()
    start = min(para)
    toks = [t for t in doc[start: cue.i]]
    cut = max((k for k, t in enumerate(toks) if t.text == ":"), default=-1)
    toks = [t for t in toks[cut + 1:] if not t.is_space]
    while toks and toks[-1].pos_ in ("AUX", "ADV", "PART"):
        toks.pop()
    if not toks or len(toks) > MAX_PRECEDING_SUBJECT or not any(t.pos_ in ("NOUN", "PROPN") for t in toks):
        return None, set()
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in ids and t.pos_ in ("NOUN", "PROPN", "PRON")),
                next(t for t in toks if t.pos_ in ("NOUN", "PROPN")))
    return head, ids


def _paragraph(cue) -> set[int]:
    """Token ids of the cue's paragraph (the parser sometimes runs a sentence across a blank line)."""
    doc, lo, hi = cue.doc, cue.i, cue.i
    while lo > 0 and not (doc[lo - 1].is_space and "\n" in doc[lo - 1].text) and "\n" not in doc[lo - 1].text:
        lo -= 1
    while hi + 1 < len(doc) and not (doc[hi + 1].is_space and "\n" in doc[hi + 1].text):
        hi += 1
    return set(range(lo, hi + 1))


def _source_span(doc, src_ids: set[int]) -> Span | None:
    if not src_ids:
        return None
    toks = sorted(src_ids)
    parts = runs(doc, src_ids)
    a, b = parts[0] if parts else (toks[0], toks[-1])
    return Span(doc[a].idx, doc[b].idx + len(doc[b]))


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[list[int]] = []
    for sp in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and sp.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], sp.end)
        else:
            merged.append([sp.start, sp.end])
    return tuple(Span(s, e) for s, e in merged)
