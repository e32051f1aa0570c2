"""ArticleAnalysis stream → copy/rewrite relations (MinHash LSH) and the upstream sources each article relays.

An article *relays* a source when it is essentially built on that source's report: a large
share of its attributions are credited to one organisation or document (directly, or as the
outer layer of nested attributions), a "Source: X" / "Via X" line credits it, or a wire-agency
dateline ("LONDON (Reuters) -") opens it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..types import ArticleAnalysis, Attribution, Relation
from .actors import ORG_LABELS, PERSON_LABELS, acronym_of, display_name, is_acronym
from .index import NearDuplicateIndex
from .state import STR_JSON, Rows, Table

# Estimated Jaccard of 5-word shingle sets. Syndicated copies differ only by boilerplate and edits
# (≥ 0.8); a rewrite keeps whole passages (≥ 0.35). Set by hand from datasketch's error bound
# (±0.09 at 128 permutations); not tuned on a labelled set.
COPY_JACCARD = 0.8
REWRITE_JACCARD = 0.35
# A source is relayed when at least this many attributions, and this share of the article's
# attributions with a named source, go back to it. Chosen so that one quoted statement among
# several never counts; checked on the seed articles and the hand-made fixtures only.
RELAY_MIN_ATTRIBUTIONS = 3
RELAY_MIN_SHARE = 0.4
# An organisation credited in the lead (title excluded: the first sentences of the body) is what
# the article reports on: news built on a report opens by naming it ("X said in a report on ...").
# A text that opens with its title line keeps it in ``text``: the lead starts after it.
LEAD_SENTENCES = 1
LEAD_CHARS = 300  # the lead when the analysis has no sentence spans
# cues of intent: "Hewlett-Packard plans to break in two" in the lead reports on the company, it relays no report of it
INTENT_CUE = re.compile(r"(?:plan|want|intend|hop(?:e|es|ed|ing)\b|seek|sought|aim|tr(?:y|ies|ied)\b|decid|agree|"
                        r"vow|pledg|promis|prepar)", re.IGNORECASE)
RELAY_KINDS = frozenset({"organisation", "document"})
# Someone whose words are their organisation's: what "a White House spokesman" says, the White House says (not so
# "one Apple customer" or "a former PricewaterhouseCoopers employee")
SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "spokespeople",
                        "representative", "representatives"})
# "Source" and "Credit" need their colon: without it a line is a sentence ("Sources close to the doctor say …").
CREDIT_LINE = re.compile(r"^\s*(?:(?:sources?|credit)\s*[:：]|(?:via|originally published (?:by|in|at))\s*[:：]?)\s*"
                         r"(?P<name>[^\n]{2,80}?)\s*\.?\s*$", re.IGNORECASE | re.MULTILINE)
# "LONDON (Reuters) -", "KYIV, Dec 17 (AP) —": a dateline crediting the agency that wrote the report
# (matched where the body opens: ``match`` at the offset after a title line).
DATELINE = re.compile(r"\s*[A-Z][A-Za-z0-9 .,'’/-]{1,40}\((?P<name>[A-Z][\w.&' -]{1,30})\)\s*[-–—]")
# "KVELLER via JTA —" opening a paragraph near the top: the report of the first, as carried by the second
VIA_OPENER = re.compile(r"^\s*(?P<first>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}) via (?P<name>[A-Z][\w.&'’-]*"
                        r"(?: [A-Z][\w.&'’-]*){0,3})\s*[—–-]\s", re.MULTILINE)
VIA_REACH = 600  # characters from the top of the text
# A date after the credited name ("WorldNewsDailyReport.com, Feb. 4, 2015") is no part of it
CREDIT_DATE = re.compile(r",\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\d)",
                         re.IGNORECASE)
WORD = re.compile(r"\w+")
WEBSITE = re.compile(r"\w\.(?:com|org|net|co\.uk|info|news)$", re.IGNORECASE)  # "RadarOnline.com"


@dataclass(frozen=True, slots=True)
class Relayed:
    """One upstream source of an article and the share of its attributions that go back to it."""

    name: str
    score: float


def root(att: Attribution, by_id: dict[str, Attribution]) -> Attribution:
    """The outermost attribution of a nesting chain (a report that says an official said …)."""
    seen = {att.id}
    while att.parent and att.parent in by_id and att.parent not in seen:
        att = by_id[att.parent]
        seen.add(att.id)
    return att


def org_names(analysis: ArticleAnalysis) -> dict[str, str]:
    """Within one article: lower-cased ORG names and acronyms → the longest name they stand for."""
    text = analysis.article.text
    names = sorted({display_name(e.span.of(text)) for e in analysis.entities if e.label in ORG_LABELS} - {""},
                   key=lambda n: (-len(n), n))
    out: dict[str, str] = {}
    for name in names:
        acr = acronym_of(name)
        if acr:
            out.setdefault(acr.lower(), name)
        out.setdefault(name.lower(), name)
    return out


def organisation(att: Attribution, analysis: ArticleAnalysis, orgs: dict[str, str]) -> str | None:
    """The organisation or document an attribution credits: its source when the extractor says so,
    else the ORG entity its source span holds (when the span holds no PERSON), or the organisation
    an unnamed source's whole text names ("WHO says …" in a headline, read before the article
    spelt out "the World Health Organization (WHO)")."""
    if not att.source:
        return None
    if att.source_kind in RELAY_KINDS:
        name = display_name(att.source)
        return orgs.get(name.replace(".", "").lower(), name)
    if att.source_kind == "unnamed" and att.source_org and att.source_role \
            and att.source_role.split()[-1].lower() in SPEAKS_FOR:  # "an Alaska Airlines spokesperson": the airline
        name = display_name(att.source_org)
        return orgs.get(name.replace(".", "").lower(), name)
    if att.source_kind == "unnamed":  # an acronym only in capitals: a relative "who" is no WHO
        name = display_name(att.source).replace(".", "")
        found = orgs.get(name.lower())
        return found if found and (is_acronym(name) or name.lower() == found.lower()) else None
    if att.source_kind != "person" or att.source_span is None:
        return None
    span, text = att.source_span, analysis.article.text
    inside = [e for e in analysis.entities if span.start <= e.span.start and e.span.end <= span.end]
    if not inside or any(e.label in PERSON_LABELS for e in inside):
        return None
    found = [display_name(e.span.of(text)) for e in inside if e.label in ORG_LABELS]
    return orgs.get(found[0].lower(), found[0]) if found else None


def title_end(analysis: ArticleAnalysis) -> int:
    """Where the title line ends when the text opens with it (plain-text articles), else 0."""
    art = analysis.article
    title = " ".join((art.title or "").split())
    first = art.text.lstrip().split("\n", 1)[0]
    if not title or " ".join(first.split()) != title:
        return 0
    return len(art.text) - len(art.text.lstrip()) + len(first)


def lead(analysis: ArticleAnalysis) -> tuple[int, int]:
    """The offsets of the lead: the first LEAD_SENTENCES sentences of the body (after a title line)."""
    start = title_end(analysis)
    body = [s for s in analysis.sentences if s.start >= start]
    if not body:
        return start, start + LEAD_CHARS
    return body[0].start, body[min(LEAD_SENTENCES, len(body)) - 1].end


def attribution_relays(analysis: ArticleAnalysis) -> list[Relayed]:
    """Organisations credited with a large share of the attributions, or credited in the lead."""
    atts = [a for a in analysis.attributions if a.source]
    if not atts:
        return []
    by_id, orgs = {a.id: a for a in analysis.attributions}, org_names(analysis)
    counts: Counter = Counter()
    in_lead: set[str] = set()
    start, end = lead(analysis)
    for att in atts:
        credited = {organisation(att, analysis, orgs)}
        top = root(att, by_id)
        if top is not att:
            credited.add(organisation(top, analysis, orgs))
        credited.discard(None)
        counts.update(credited)
        where = att.source_span or att.cue_span
        cue = att.cue_span.of(analysis.article.text) if att.cue_span else att.cue or ""
        if where is not None and start <= where.start < end and not INTENT_CUE.match(cue):
            in_lead.update(credited)  # (what it plans or wants is news about it, not its report)
    # one credit in the lead relays only an organisation the tagger names as one, or a website: a place or a
    # people there ("A woman from Tampa claimed …", "Egyptians called …") is no report, nor a word it missed
    # ("TEENAGER")
    return [Relayed(name, n / len(atts)) for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if name in in_lead and (name.replace(".", "").lower() in orgs or WEBSITE.search(name))
            or (n >= RELAY_MIN_ATTRIBUTIONS and n / len(atts) >= RELAY_MIN_SHARE)]


def dateline(analysis: ArticleAnalysis) -> re.Match | None:
    """The wire dateline where the body opens, after a title line ("ANKARA, March 3 (Reuters) -")."""
    return DATELINE.match(analysis.article.text, title_end(analysis))


def credited_relays(analysis: ArticleAnalysis) -> list[Relayed]:
    """Sources credited by a "Source: X" line (in the text or the removed boilerplate) or a dateline."""
    art = analysis.article
    found = [m.group("name") for line in (art.text, *art.removed) for m in CREDIT_LINE.finditer(line)]
    if opening := dateline(analysis):
        found.append(opening.group("name"))
    if via := VIA_OPENER.search(art.text[:VIA_REACH]):  # "KVELLER via JTA — The state of …": both are relayed
        found += [via.group("first"), via.group("name")]
    orgs = org_names(analysis)
    names = [display_name(CREDIT_DATE.split(n, maxsplit=1)[0]) for n in dict.fromkeys(found)]
    return [Relayed(orgs.get(n.replace(".", "").lower(), n), 1.0) for n in names if n]


def relays_of(analysis: ArticleAnalysis) -> list[Relayed]:
    """The article's relays, one per source: a short name that ends a longer one ("Post" and "Washington
    Post", "Times" and "International Business Times") is the longer one."""
    out: dict[str, Relayed] = {}
    for r in credited_relays(analysis) + attribution_relays(analysis):
        out.setdefault(r.name.lower(), r)
    words = {k: k.split() for k in out}
    shorter = {k for k, w in words.items() for o in words.values() if len(o) > len(w) and o[-len(w):] == w}
    return [r for k, r in out.items() if k not in shorter]


def _words(analysis: ArticleAnalysis) -> list[str]:
    return WORD.findall(analysis.article.text.lower())


class RelayIndex:
    """Incremental copy detection and relay extraction; ``add`` returns the new article's relations."""

    def __init__(self, rows: Rows | None = None) -> None:
        self.near = NearDuplicateIndex(rows)
        self.published: Table = Table("relay_published", STR_JSON, rows)

    def tables(self) -> list[Table]:
        return [self.near.hashes, self.near.buckets, self.published]

    def add(self, analysis: ArticleAnalysis) -> tuple[list[Relation], tuple[str, ...]]:
        """File one article: its copy/rewrite relations with earlier articles, its relays and their names."""
        art = analysis.article
        relations = []
        near = self.near.add(art.id, _words(analysis))
        self.published.prefetch(other for other, _ in near)
        for other, score in near:
            kind = "copy" if score >= COPY_JACCARD else "rewrite" if score >= REWRITE_JACCARD else None
            if kind:
                copy, original = self._direction(art.id, art.published, other)
                relations.append(Relation(kind, copy, original, score))
        self.published[art.id] = art.published
        relayed = relays_of(analysis)
        relations += [Relation("relays", art.id, r.name, r.score) for r in relayed]
        return relations, tuple(r.name for r in relayed)

    def _direction(self, new: str, new_date: str | None, old: str) -> tuple[str, str]:
        """(copy, original): the later article copies the earlier; without dates, the newcomer copies."""
        old_date = self.published.get(old)
        if new_date and old_date and new_date[:10] < old_date[:10]:
            return old, new
        return new, old

    def to_state(self) -> dict:
        return {"near": self.near.to_state(), "published": dict(self.published.items())}

    @classmethod
    def from_state(cls, state: dict) -> RelayIndex:
        obj = cls()
        obj.near = NearDuplicateIndex.from_state(state["near"])
        for k, v in state["published"].items():
            obj.published[k] = v
        return obj
