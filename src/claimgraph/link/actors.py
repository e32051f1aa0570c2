"""Names across articles (PERSON/ORG entities, attribution sources) → one canonical actor per real entity.

Within an article a surname ("Kirby") or an acronym ("NATO") resolves to the full name it
shortens when exactly one fits; an acronym glossed in the text ("the Ukrainian Security Service
(SBU)") is that name's alias whatever its letters, and a glossed long form that the named-entity
tagger cut into pieces ("Russian Nuclear" + "Biological" + "Chemical Defence Forces" before
"(NBC)", found by the Schwartz–Hearst algorithm of the ``abbreviations`` package) is one
organisation. A rank or honorific before a two-word name tagged ORG ("Major Ilya Polikarpov") makes
it a person. A role-prefixed source ("the agency's spokesperson Jane Doe")
resolves to the person entity it ends with. Across articles full names merge by first and last
name and the initials of the words between (a name without middle words joins the one that has
them). A name still short after that is resolved only inside its story, so two people who share
a surname in unrelated stories stay apart.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..extract.attrib.sources import bare_source, role_of
from ..ingest.language import is_english
from ..types import Actor, ArticleAnalysis, Role, Span

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
# Honorifics and ranks that precede a name but are not part of it (general English usage).
HONORIFICS = frozenset("""mr mrs ms miss dr prof sir dame lord lady president vice prime minister
secretary senator sen rep representative governor gov mayor general gen lieutenant lt colonel col major maj
captain capt admiral adm sergeant sgt chancellor king queen prince princess pope rev father judge justice
chief ambassador spokesperson spokesman spokeswoman""".split())
# Degrees and suffixes written after a name ("M.D.", "Ph.D.", "Jr."): not its last word.
POST_NOMINAL = re.compile(r",?(?:M\.?D|Ph\.?D|MBA|Esq|Jr|Sr|D\.?O|R\.?N|QC|KC|MP|OBE|MBE|CBE)\.?,?", re.IGNORECASE)
MINOR_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "at", "to", "de", "du", "des", "la", "le", "&"})
LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
TRAILING = re.compile(r"(?:'s|’s|'|’)$")
UNNAMED_KINDS = frozenset({"unnamed"})
POSSESSIVES = frozenset({"its", "his", "her", "their", "our", "my", "your"})


# Words that end an organisation's name, never a person's: "General Electric Company" is no person.
ORG_HEADS = frozenset("""company corporation corp inc ltd llc group league forces force army navy party ministry
department agency bank university college institute council committee association union club times news
service office court""".split())
# Words that end the name of a part of a document, never of an actor: the tagger often reads a
# report section's heading ("the ISW's Key Takeaways") as an organisation.
SECTION_HEADS = frozenset({"takeaways", "highlights", "findings", "excerpts", "summary", "transcript", "timeline"})
# An acronym glossed in parentheses right after the name it shortens: "… Service (SBU)", "… War ("ISW")".
GLOSS = re.compile(r"\s*\(\s*[\"'“‘]?([A-Z][A-Za-z.&]{1,9})[\"'”’]?\s*\)")

UNCLOSED = re.compile(r"\s*\([^)]*$")  # "Institute for the Study of War (ISW" cut before its ")"
ACRONYM_GLOSS = re.compile(r"\s*\([A-Z][A-Z.&]{1,9}\)$")  # a trailing "(ISW)"


def display_name(name: str) -> str:
    """A name as shown: single spaces, no leading article, no possessive, no outer punctuation or list bullet."""
    name = ACRONYM_GLOSS.sub("", UNCLOSED.sub("", " ".join(name.split())))
    if name.count("[") != name.count("]"):  # an editor's insertion the tagger cut: "[… President Nicolás] Maduro"
        name = name.replace("[", "").replace("]", "")
    name = name.strip(" .,;:\"'“”‘’()[]•·|–—-*")
    return TRAILING.sub("", LEADING.sub("", name)).strip()


def acronym_of(name: str) -> str:
    """Initials of the capitalised words ("Institute for the Study of War" → "ISW"); "" for one word."""
    words = [w for w in re.split(r"[\s-]+", display_name(name)) if w and w.lower() not in MINOR_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def is_acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isupper() and bare.isalpha()


def person_tokens(name: str) -> list[str]:
    """Name words without honorifics and post-nominal letters: "Major General Patrick Ryder" → ["Patrick",
    "Ryder"], "Gwen S. Korovin, M.D." → ["Gwen", "S.", "Korovin"]."""
    words = display_name(name).split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    while len(words) > 2 and POST_NOMINAL.fullmatch(words[-1]):
        words = words[:-1]
    return [w.rstrip(",") for w in words]


@dataclass(frozen=True, slots=True)
class Mention:
    """One naming of an actor in one article."""

    article: str
    surface: str  # the words as written
    kind: str  # person | organisation | unnamed
    role: str | None = None
    date: str | None = None


def _proper(name: str) -> bool:
    """Looks like a proper name: one to five words, each capitalised (after honorifics)."""
    words = person_tokens(name)
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words)


def _source_mention(analysis: ArticleAnalysis, att) -> Mention | None:
    """The actor an attribution's source names: the PERSON (else ORG) entity inside its span, with the
    words before it as the role ("Pentagon spokesman" for "Pentagon spokesman Jane Doe")."""
    art, text = analysis.article, analysis.article.text
    date, span = att.date or art.published, att.source_span
    inside = [e for e in analysis.entities if span is not None and span.start <= e.span.start
              and e.span.end <= span.end and e.label in PERSON_LABELS | ORG_LABELS]
    if att.source_kind in UNNAMED_KINDS and att.source_org:  # "Joan Rivers' doctor" is not Joan Rivers
        owner = set(att.source_org.split())
        inside = [e for e in inside if not set(person_tokens(e.span.of(text))) <= owner]
    persons = [e for e in inside if e.label in PERSON_LABELS]
    if persons or inside:
        # the entity the extractor named the source by ("Gwen Korovin, Joan Rivers's doctor"), else the longest
        named = set(person_tokens(att.source or ""))
        e = max(persons or inside, key=lambda e: (set(person_tokens(e.span.of(text))) <= named,
                                                   e.span.end - e.span.start))
        prefix = display_name(text[span.start : e.span.start]) if persons else ""
        role = att.source_role or (role_of(prefix) if prefix[:1].isalpha() else None)
        return Mention(art.id, e.span.of(text), "person" if persons else "organisation", role or None, date)
    shown = display_name(att.source)
    if not shown:
        return None  # punctuation or a bare article ("the"): nothing to name an actor by
    if att.source_kind in UNNAMED_KINDS:
        if shown.split()[0].lower() in POSSESSIVES:
            return None  # "its programme", "their spokesman": named only through someone else, no actor of its own
        if bare_source(shown):
            return None  # an unresolved "we", "it", "the two": no one named
        return Mention(art.id, att.source, "unnamed", att.source_role, date)
    if att.source_kind in ("person", "organisation", "document") and _proper(att.source) \
            and (att.source_kind != "person" or len(person_tokens(att.source)) >= 2):
        kind = "person" if att.source_kind == "person" else "organisation"
        return Mention(art.id, att.source, kind, att.source_role, date)
    return None


@lru_cache(maxsize=1)
def _schwartz_hearst():
    """The abbreviations package's Schwartz–Hearst module. Importing it calls logging.basicConfig (a root
    handler at INFO, which would print every library's log lines): the root logger is put back as it was."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    from abbreviations import schwartz_hearst

    root.handlers[:], root.level = handlers, level
    logging.getLogger(schwartz_hearst.__name__).setLevel(logging.WARNING)  # it logs every omitted candidate
    return schwartz_hearst


def glosses(analysis: ArticleAnalysis) -> dict[Span, str]:
    """Long forms glossed by a parenthesised acronym in this article → the acronym.

    An ORG entity right before "(ACR)" is glossed by it (news convention: the acronym may come from
    another language, "Ukrainian Security Service (SBU)"); a Schwartz–Hearst definition ending right
    before the same "(ACR)" and reaching further left wins (the tagger cut the long form into pieces)."""
    text = analysis.article.text
    found: dict[int, tuple[Span, str]] = {}  # by the gloss's position: the widest long form
    for e in analysis.entities:
        m = GLOSS.match(text, e.span.end) if e.label in ORG_LABELS else None
        if m and is_acronym(m.group(1)):
            found[m.start(1)] = (e.span, m.group(1))
    if "(" in text:
        try:
            pairs = _schwartz_hearst().extract_abbreviation_definition_pairs(doc_text=text)
        except (ValueError, IndexError):  # it raises on some unbalanced lines instead of skipping them
            pairs = {}
        for acronym, definition in pairs.items():
            if not is_acronym(acronym):
                continue
            for m in re.finditer(re.escape(definition) + GLOSS.pattern, text):
                if m.group(1) == acronym:
                    span = Span(m.start(), m.start() + len(definition))
                    known = found.get(m.start(1))
                    if known is None or span.start < known[0].start:
                        found[m.start(1)] = (span, acronym)
    return dict(found.values())


def _name_piece(name: str) -> bool:
    """A one- or two-letter word that is no acronym ("Un" of "Kim Jong Un" tagged ORG): no organisation;
    as an acronym key it would join the UN."""
    shown = display_name(name)
    return len(shown.replace(".", "")) <= 2 and not is_acronym(shown)


def _rank_person(name: str) -> bool:
    """An ORG-tagged "Major Ilya Polikarpov": a rank or honorific, then exactly two capitalised name words."""
    words = display_name(name).split()
    return (len(words) == 3 and words[0].lower().rstrip(".") in HONORIFICS
            and all(w[:1].isupper() and w.lower() not in ORG_HEADS for w in words[1:]))


# An entity that is most of a line of several words is a title-case headline the tagger read as a name
# ("Lindsay Lohan Checks Into Court - Ordered Rehab"), not an actor.
HEADLINE_WORDS = 4
HEADLINE_SHARE = 0.8


def _headline(text: str, span: Span) -> bool:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    line = text[start : len(text) if end < 0 else end].strip()
    return len(line.split()) >= HEADLINE_WORDS and span.end - span.start >= HEADLINE_SHARE * len(line)


def mentions(analysis: ArticleAnalysis, glossed: dict[Span, str] | None = None) -> list[Mention]:
    """Every naming of a person, organisation or unnamed source in one article. ``glossed`` (from
    ``glosses``): long forms that replace the ORG pieces overlapping them. None in an article in another
    language than English: its entities come from the English tagger and have no attributions."""
    art, text = analysis.article, analysis.article.text
    if not is_english(art.language):
        return []  # the English tagger's names in other languages are mostly not names ("al comité")
    glossed = glossed or {}

    def cut_piece(span: Span) -> bool:
        return any(span != g and span.start < g.end and g.start < span.end for g in glossed)

    out = [Mention(art.id, surface, "organisation") for g, acronym in glossed.items() for surface in (g.of(text), acronym)]
    for e in analysis.entities:
        if _headline(text, e.span):
            continue
        if e.label in PERSON_LABELS:
            out.append(Mention(art.id, e.span.of(text), "person"))
        elif e.label in ORG_LABELS and e.span not in glossed and not cut_piece(e.span):
            surface = e.span.of(text)
            if surface.split()[-1].lower() in SECTION_HEADS or _name_piece(surface):
                continue
            out.append(Mention(art.id, surface, "person" if _rank_person(surface) else "organisation"))
    out += [m for m in (_source_mention(analysis, att) for att in analysis.attributions if att.source) if m]
    return [m for m in out if display_name(m.surface)]


# A name that opens with one of these ("Abu Bakr al-Baghdadi", a kunya) is told apart by the word after it:
# "Abu Hussain al-Britani" and "Abu Abdullah al-Britani" are two people.
INITIAL = re.compile(r"[A-Z]\.?")
NAME_PARTICLES = frozenset({"abu", "umm", "ibn"})


def _name_words(surface: str) -> list[str]:
    """``person_tokens``, but an initial and a surname ("S. Korovin") is a surname: the initial may be a
    middle one ("Gwen S. Korovin"), so it says too little to be a first name."""
    toks = person_tokens(surface)
    return toks[1:] if len(toks) == 2 and INITIAL.fullmatch(toks[0]) else toks


def _person_key(toks: list[str]) -> tuple[str, str, str, str]:
    """A full name's key: its first and last words, the first two when the first is a particle, and the
    initials of the words between ("Kevin M. Vickers" ~ "Kevin Michael Vickers", but "George W. Bush" is not
    "George H. W. Bush" and "Kim Jong Il" not "Kim Sun Il"). A key without middle words stands for the one
    key that has them, when there is one (``_with_middles``)."""
    particle = toks[0].lower() in NAME_PARTICLES and len(toks) >= 3
    first = " ".join(toks[:2]) if particle else toks[0]
    middle = "".join(t[0].lower() for t in toks[2 if particle else 1: -1])
    return ("person", first.lower(), toks[-1].lower(), middle)


def _with_middles(keys: Iterable[tuple]) -> dict[tuple, tuple]:
    """Person key without middle words → the one key of the same first and last name with them ("Kevin
    Vickers" → "Kevin Michael Vickers"); a name shared by two middles ("George Bush": W., H. W.) stays apart."""
    middles: dict[tuple, set] = defaultdict(set)
    for k in keys:
        if k[0] == "person" and k[3]:
            middles[k[:3]].add(k)
    return {(*k[:3], ""): min(full) for k, full in middles.items() if len(full) == 1}


def _article_keys(ms: list[Mention], glossed: dict[str, str] | None = None) -> dict[tuple[str, str], tuple[str, ...]]:
    """(kind, surface) → the key of the full name it stands for within this article.

    ``glossed``: acronym → the long form it glosses in this article (``glosses``), which it then stands for.

    Keys: ("person", first, last, middle initials) for full names, ("surname", last) for unresolved single names,
    ("org", name) for organisations, ("unnamed", name) for unnamed sources.
    """
    full: dict[str, set] = defaultdict(set)  # last name → full-name keys
    given: dict[str, set] = defaultdict(set)  # first name → full-name keys
    people = {_person_key(toks) for m in ms if m.kind == "person" and len(toks := _name_words(m.surface)) >= 2}
    middles = _with_middles(people)
    for key in people:
        key = middles.get(key, key)
        full[key[2]].add(key)
        given[key[1].split()[0]].add(key)
    orgs = [display_name(m.surface) for m in ms if m.kind == "organisation" and not is_acronym(display_name(m.surface))]
    keys: dict[tuple[str, str], tuple[str, ...]] = {}
    for m in ms:
        name, toks = display_name(m.surface), _name_words(m.surface)
        if m.kind == "person":
            if len(toks) >= 2:
                keys[(m.kind, m.surface)] = middles.get(key := _person_key(toks), key)
            else:
                # a surname; else a given name ("Joan" for Joan Rivers, "Xi" for Xi Jinping) no surname shares
                options = full.get(toks[0].lower()) or given.get(toks[0].lower(), set())
                keys[(m.kind, m.surface)] = min(options) if len(options) == 1 else ("surname", toks[0].lower())
        elif m.kind == "organisation" and len(toks) == 1 and len(full.get(toks[0].lower(), ())) == 1:
            keys[(m.kind, m.surface)] = min(full[toks[0].lower()])  # a surname mislabelled ORG
        elif m.kind == "organisation" and name in (glossed or {}):
            keys[(m.kind, m.surface)] = ("org", glossed[name].lower())
        elif m.kind == "organisation":
            expansions = sorted({o for o in orgs if is_acronym(name) and acronym_of(o) == name.replace(".", "")})
            keys[(m.kind, m.surface)] = ("org", (expansions[0] if len(expansions) == 1 else name).lower())
        else:
            keys[(m.kind, m.surface)] = ("unnamed", name.lower())
    return keys


class _Group:
    """The mentions gathered under one actor key (mutable while resolving)."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []

    def name(self) -> str:
        forms = [display_name(m.surface) for m in self.mentions]
        if self.mentions[0].kind == "person":
            forms = [" ".join(person_tokens(f)) for f in forms]
        counts: dict[str, int] = defaultdict(int)
        for f in forms:
            if not is_acronym(f):
                counts[f] += 1
        pool = counts or {f: 1 for f in forms}
        return max(sorted(pool), key=lambda f: (len(f.split()), pool[f], len(f)))


def resolve(analyses: Iterable[ArticleAnalysis], story_of: dict[str, str] | None = None) -> tuple[Actor, ...]:
    """All articles' names → actors; ``story_of`` (article → story) scopes surname-only merges and
    acronyms glossed in another article."""
    story_of = story_of or {}
    groups: dict[tuple, _Group] = {}
    surname_rows: list[tuple[str, Mention]] = []
    acronym_rows: list[tuple[str, Mention]] = []
    story_glosses: dict[tuple[str, str], set[tuple]] = defaultdict(set)  # (story, acronym) → long-form keys
    for analysis in analyses:
        spans = glosses(analysis)
        glossed = {acronym: display_name(span.of(analysis.article.text)) for span, acronym in spans.items()}
        story = _story(story_of, analysis.article.id)
        for acronym, name in glossed.items():
            story_glosses[(story, acronym)].add(("org", name.lower()))
        ms = mentions(analysis, spans)
        keys = _article_keys(ms, glossed)
        for m in ms:
            key = keys[(m.kind, m.surface)]
            if key[0] == "surname":
                surname_rows.append((key[1], m))
            elif key[0] == "org" and is_acronym(name := display_name(m.surface)) and key[1] == name.lower():
                acronym_rows.append((name.replace(".", ""), m))  # left unexpanded here
            else:
                groups.setdefault(key, _Group()).mentions.append(m)
    for short, key in _with_middles(groups).items():  # "Kevin Vickers" here, "Kevin Michael Vickers" there
        if short in groups:
            groups.setdefault(key, _Group()).mentions.extend(groups.pop(short).mentions)
    _place_surnames(groups, surname_rows, story_of)
    for acronym, m in acronym_rows:  # glossed in another article of its story: that long form, when only one
        fits = story_glosses.get((_story(story_of, m.article), acronym), set())
        groups.setdefault(min(fits) if len(fits) == 1 else ("org", acronym.lower()), _Group()).mentions.append(m)
    return _actors(groups)


def _story(story_of: dict[str, str], article: str) -> str:
    """The story of an article; an article in none is a story of its own."""
    return story_of.get(article, "article:" + article)


def _place_surnames(groups: dict[tuple, _Group], rows: list[tuple[str, Mention]], story_of: dict[str, str]) -> None:
    """A lone surname joins the one full-name person of its story with that last name (else with that first
    name: "Joan" for Joan Rivers, "Xi" for Xi Jinping), else stays apart."""
    stories_of_key: dict[tuple, set[str]] = defaultdict(set)
    for key, g in groups.items():
        if key[0] == "person":
            stories_of_key[key].update(_story(story_of, m.article) for m in g.mentions)
    for surname, m in rows:
        story = _story(story_of, m.article)
        fits = sorted(k for k in stories_of_key if k[2] == surname and story in stories_of_key[k]) or \
            sorted(k for k in stories_of_key if k[1] == surname and story in stories_of_key[k])  # a given name
        key = fits[0] if len(fits) == 1 else ("surname", surname, story)
        groups.setdefault(key, _Group()).mentions.append(m)


def _actors(groups: dict[tuple, _Group]) -> tuple[Actor, ...]:
    ordered = sorted(groups.values(), key=lambda g: (g.mentions[0].article, g.name()))
    actors = []
    for n, g in enumerate(ordered, 1):
        name = g.name()
        aliases = sorted({display_name(m.surface) for m in g.mentions} - {name})
        roles = sorted({(m.role, m.article, m.date) for m in g.mentions if m.role}, key=lambda r: (r[1], r[0], r[2] or ""))
        actors.append(Actor(id=f"actor-{n:05d}", name=name, aliases=tuple(aliases), kind=g.mentions[0].kind,
                            roles=tuple(Role(r, a, d) for r, a, d in roles)))
    return tuple(actors)
