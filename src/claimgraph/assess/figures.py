"""Stories → ``number changed`` drift for reported figures: a count of the dead, injured, missing, arrested
or displaced that a later article of a story gives differently from the first one that gave it.

Claim drift (drift.py) compares numbers inside one claim. A toll update is often a new sentence that makes
no claim of the first article's: "killing at least 45 people" then "the death toll has risen to 61". Here
each sentence's whole numbers are read with the count word nearest to them ("killing … 45", "45 … dead",
"900 … injured"; fillers such as "at least" or "people" skipped), or as the toll a "toll" before them
names ("the death toll from the quake has risen to 61"), and per story and kind of count, every
later article is compared with the first article that gave that count: one drift per article and kind.
Only the title and the first LEAD_SENTENCES sentences of the body are read: that is where a report gives
the toll it is about, while counts further down are often of other incidents ("in that village alone").
Numbers beside a month, a time or a unit ("16 December", "4 a.m.", "10 km", "6%"), in a compound
("a 60-year-old") or with decimals ("6.8") are no counts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..link.relays import title_end
from ..types import ArticleAnalysis, DriftSide, Span
from .context import Group, View

KINDS = {
    "dead": ("kill", "dead", "death", "die", "fatal", "bodies"),
    "injured": ("injur", "wound", "hurt"),
    "missing": ("missing",),
    "arrested": ("arrest", "detain"),
    "displaced": ("displac", "evacuat", "homeless"),
}
LEAD_SENTENCES = 2
# How far (in words, fillers skipped) a count word may stand from its number, before and after it.
BEFORE, AFTER = 4, 3
TOLL_REACH = 14  # "the (death) toll …" names the count that follows it further away
FILLERS = frozenset({"at", "least", "most", "more", "than", "about", "some", "nearly", "almost", "over",
                     "around", "up", "to", "people", "persons", "person", "civilians", "soldiers", "others",
                     "another", "further", "additional", "a", "an", "the", "of", "were", "was", "have", "has",
                     "had", "been", "are", "is", "be", "being", "now", "so", "far", "total", "in", "all"})
# A number beside one of these is a date, a time or a measure, not a count.
MONTHS = frozenset(m.lower() for m in (*calendar.month_name, *calendar.month_abbr, "Sept") if m)
NOT_COUNTS = MONTHS | frozenset({
    "a.m", "p.m", "am", "pm", "km", "kilometres", "kilometers", "miles", "metres", "meters", "percent", "per",
    "cent", "kg", "tons", "tonnes", "hours", "days", "weeks", "months", "years", "minutes", "year", "magnitude",
    "gmt", "utc", "dollars", "euros", "million", "billion"})
TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z][A-Za-z.'’-]*")
COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str
    value: int
    sentence: Span


def _kind(word: str) -> str | None:
    low = word.lower()
    for kind, stems in KINDS.items():
        if any(low.startswith(s) for s in stems):
            return kind
    return None


def figures(text: str, sentence: Span) -> list[Figure]:
    """The counts one sentence gives, with what they count."""
    matches = list(TOKEN.finditer(text, sentence.start, sentence.end))
    tokens = [m.group() if m.group()[0].isdigit() else m.group().lower().rstrip(".") for m in matches]
    out = []
    for i, tok in enumerate(tokens):
        if not COUNT.fullmatch(tok) or text[matches[i].end(): matches[i].end() + 1] in ("%", "-"):
            continue
        before = [t for t in tokens[max(0, i - 8): i] if t not in FILLERS]
        after = [t for t in tokens[i + 1: i + 8] if t not in FILLERS]
        if (before and before[-1] in NOT_COUNTS) or (after and after[0] in NOT_COUNTS):
            continue
        value = int(tok.replace(",", ""))
        if 1900 <= value <= 2100 and "," not in tok:  # a year
            continue
        near = [(d, k) for d, t in enumerate(reversed(before[-BEFORE:]), 1) if (k := _kind(t))]
        near += [(d, k) for d, t in enumerate(after[:AFTER], 1) if (k := _kind(t))]
        if not near and "toll" in tokens[max(0, i - TOLL_REACH): i]:  # "the death toll from … has risen to 61"
            near = [(0, "dead")]
        if near:
            out.append(Figure(min(near)[1], value, sentence))
    return out


def lead(analysis: ArticleAnalysis) -> list[Span]:
    """The title line's sentences and the first LEAD_SENTENCES sentences of the body."""
    start = title_end(analysis)
    body = [s for s in analysis.sentences if s.start >= start]
    end = body[min(LEAD_SENTENCES, len(body)) - 1].end if body else start
    return [s for s in analysis.sentences if s.start < end]


def figure_drift(view: View, group: Group) -> Iterator[tuple[str, str, Figure, Figure]]:
    """(first article, later article, its figure, the later one's) for each later article of the story whose
    count of a kind shares no value with the first article that gave that count."""
    by_kind: dict[str, list[tuple[str, list[Figure]]]] = {}
    for article in sorted((a for a in group.articles if a in view.analyses), key=lambda a: view.order.get(a, 0)):
        text = view.text(article)
        found: dict[str, list[Figure]] = {}
        for sentence in lead(view.analyses[article]):
            for fig in figures(text, sentence):
                found.setdefault(fig.kind, []).append(fig)
        for kind, figs in found.items():
            by_kind.setdefault(kind, []).append((article, figs))
    for kind, reports in by_kind.items():
        first, first_figs = reports[0]
        values = {f.value for f in first_figs}
        for article, figs in reports[1:]:
            if not values & {f.value for f in figs}:
                yield first, article, first_figs[0], figs[0]


def side(view: View, article: str, figure: Figure) -> DriftSide:
    """The sentence that gives a figure, with the attribution whose content holds it, if any."""
    att = next((a for a in view.analyses[article].attributions
                if any(s.start <= figure.sentence.end and figure.sentence.start <= s.end for s in a.content_spans)),
               None)
    text = " ".join(figure.sentence.of(view.text(article)).split())
    return DriftSide(article, att.id if att else None, text, view.cue(att) if att else None)
