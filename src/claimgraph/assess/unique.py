"""Stories → Corpus.unique: per article, the passages that no other article of its story reports.

A passage is unique when most of its content words (stemmed) appear in no other
article of the story, or when it gives a number no other article gives, and it
neither belongs to a claim reported elsewhere nor restates another article's
attribution. Sources and reporting verbs are masked before counting, so "the
report reaffirms that" is never novel by itself. A whole sentence is taken when
it is novel as a whole; otherwise its clauses (split at commas, semicolons,
dashes and "and"/"but") are tried one by one, so a new detail added to a shared
claim ("… and actively remove any video evidence") is still found.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..link.relays import dateline
from ..types import Span
from . import lexical
from .context import Group, View
from .match import SentenceMatcher

# Share of a sentence's content terms found in no other article of the story from which the whole
# sentence is unique. Set on the seed pair (its gold unique items sit at 0.6–0.75; shared sentences
# paraphrased in the other article at 0.1–0.45) and checked on the hand-made story fixtures.
NOVEL_SENTENCE = 0.55
# The same for one clause of a sentence that is not novel as a whole (clauses are shorter, so stricter).
NOVEL_CLAUSE = 0.6
# A clause giving a number that no other article of the story gives needs only this much novelty.
NOVEL_WITH_NUMBER = 0.15
# Passages with fewer content terms than this say too little to be reported as unique.
MIN_TERMS = 4
# A clause shorter than this many words is joined to the next one before it is judged.
MIN_CLAUSE_WORDS = 5
# Longer unique sentences are reported clause by clause.
MAX_CHARS = 300

_LEADING_CONJUNCTION = re.compile(r"(?:and|but|or|while|as|with)\s+", re.IGNORECASE)
_TRIM = " \t\n\r•*-–—:;,.\"“”'"


def _masked(view: View, article: str) -> str:
    """The article text with every attribution's source and cue, and a wire dateline ("ANKARA, March 3
    (Reuters) -": a credit, not content), blanked out (offsets kept)."""
    chars = list(view.text(article))
    analysis = view.analyses[article]
    spans = [s for att in analysis.attributions for s in (att.source_span, att.cue_span) if s is not None]
    if opening := dateline(analysis):
        spans.append(Span(opening.start(), opening.end()))
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _clauses(text: str, span: Span) -> list[Span]:
    cuts = [span.start, *lexical.clause_breaks(text, span.start, span.end), span.end]
    raw = [Span(a, b) for a, b in pairwise(cuts) if b > a]
    merged: list[Span] = []
    for s in raw:
        if merged and len(lexical.words(merged[-1].of(text))) < MIN_CLAUSE_WORDS:
            merged[-1] = Span(merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged


class Novelty:
    """Judges passages of one article against everything the other articles of its story say."""

    def __init__(self, view: View, group: Group, article: str) -> None:
        others = [a for a in group.articles if a != article and a in view.analyses]
        self.known = frozenset().union(*(lexical.terms(view.text(a)) for a in others))
        self.numbers = frozenset().union(*(lexical.numbers(view.text(a)) for a in others))
        self.masked = _masked(view, article)

    def novel(self, span: Span, share: float) -> bool:
        text = span.of(self.masked)
        novelty, count = lexical.novelty(text, self.known)
        if count < MIN_TERMS:
            return False
        if novelty >= share:
            return True
        return bool(lexical.numbers(text) - self.numbers) and novelty >= NOVEL_WITH_NUMBER


def _claimed_spans(view: View, group: Group, article: str) -> list[Span]:
    """Content spans of the article's attributions that belong to claims reported in other articles too."""
    spans = []
    for att in view.analyses[article].attributions:
        for cid in view.claims_of.get(att.id, ()):
            claim = view.claims[cid]
            if len(set(claim.articles) & set(group.articles)) > 1:
                spans.extend(att.content_spans)
                break
    return spans


def _restated_spans(group: Group, article: str, matcher: SentenceMatcher) -> list[Span]:
    """Unattributed sentences of the article that restate another article's attribution."""
    return [m.span for m in matcher.matches(group) if m.article == article]


def _inside(span: Span, shared: list[Span]) -> bool:
    """True when most of ``span`` lies in shared spans."""
    covered = sum(max(0, min(span.end, s.end) - max(span.start, s.start)) for s in shared)
    return covered >= 0.5 * (span.end - span.start)


def _touches(span: Span, shared: list[Span]) -> bool:
    return any(s.start < span.end and span.start < s.end for s in shared)


def article_unique(view: View, group: Group, article: str, matcher: SentenceMatcher) -> list[Span]:
    judge = Novelty(view, group, article)
    restated = _restated_spans(group, article, matcher)
    shared = _claimed_spans(view, group, article) + restated
    text = view.text(article)
    found: list[Span] = []
    for sentence in view.sentences(article):
        if (not _touches(sentence, shared) and sentence.end - sentence.start <= MAX_CHARS
                and judge.novel(sentence, NOVEL_SENTENCE)):
            found.append(sentence)
            continue
        found.extend(_novel_runs(judge, _clauses(text, sentence), restated))
    return [_trim(text, s) for s in found]


def _novel_runs(judge: Novelty, clauses: list[Span], restated: list[Span]) -> list[Span]:
    """Maximal runs of clauses that are novel together: a run grows while the longer passage stays novel."""
    out: list[Span] = []
    run: Span | None = None
    for clause in clauses:
        if _inside(clause, restated):
            novel_alone, grown = False, None
        else:
            grown = Span(run.start, clause.end) if run else None
            novel_alone = judge.novel(clause, NOVEL_CLAUSE)
        if grown is not None and judge.novel(grown, NOVEL_CLAUSE):
            run = grown
            continue
        if run:
            out.append(run)
        run = clause if novel_alone else None
    if run:
        out.append(run)
    return out


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM and text[end - 1] not in "\"”":
        end -= 1
    lead = _LEADING_CONJUNCTION.match(text, start, end)
    return Span(lead.end() if lead else start, end)


def unique(view: View, matcher: SentenceMatcher) -> dict[str, tuple[str, ...]]:
    """Article id → the texts only that article reports within its story (stories of one article skipped)."""
    out: dict[str, list[str]] = {}
    for group in view.groups:
        members = [a for a in group.articles if a in view.analyses]
        if len(members) < 2:
            continue
        for article in members:
            text = view.text(article)
            for span in article_unique(view, group, article, matcher):
                passage = span.of(text)
                if passage and passage not in out.setdefault(article, []):
                    out[article].append(passage)
    return {k: tuple(v) for k, v in out.items() if v}
