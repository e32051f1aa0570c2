"""Article text (+ spaCy DATE entities) → DateMentions resolved to ISO values against the publication date.

What is read (regular patterns over the text; bare months and years only inside a spaCy DATE entity or
after a temporal preposition, so "may", "second" or "2,000 troops" never count):

* absolute dates: "17 December 2024", "Dec. 16, 2024", "2024-12-16", "16 December", "December 16",
  "October 2024", "in 2024", "in March";
* weekdays: "Wednesday", "last Monday", "next Friday";
* relative days, weeks, months and years: "today", "yesterday", "last month", "this year", "three days ago";
  a week is given as its month ("last week" in an article of 18 December 2024 is "2024-12").

Durations and vague expressions ("two years", "recent days", "the past year", "last week") are skipped.

How the year is chosen when the text gives none (never from today's date):

1. With a publication date: the most recent such date on or before publication, unless the date falls
   within ``FUTURE_WINDOW_DAYS`` after it (an upcoming event): "16 December" in an article of
   2024-12-18 is 2024-12-16, "20 December" is 2024-12-20, "in March" is 2024-03, "28 December" in one of
   2025-01-03 is 2024-12-28. Weekdays are the most recent such day on or before publication
   ("last Wednesday" on a Wednesday is a week back, "next Monday" the first one after).
2. Without one: the nearest date in the same article that states its year (preceding first, then
   following) is the reference, and the year is the one that puts the date closest to it, before or
   after ("on 17 December" + "In October 2024" → 2024-12-17).
3. Without either: the year stays unknown ("XXXX-12-16", "XXXX-03"); weekdays and relative expressions
   get value None.

dateparser parses every matched expression, with settings that forbid filling in missing parts:
``REQUIRE_PARTS`` names the parts the pattern saw and the year it would invent is discarded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..types import ArticleAnalysis, DateMention, Span

_MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# A year may be followed by these lower-case words ("In 2019 the treaty"), not by a noun ("in 2000 troops").
_FUNCTION_WORD = (r"(?:the|a|an|and|or|but|to|when|as|after|before|it|he|she|they|we|i|this|that|there|its|his|"
                  r"her|their|was|were|is|had|has|saw|alone|only)")
_TEMPORAL_PREP = r"(?:in|since|until|till|by|from|of|during|early|late|mid-?|before|after|throughout)"

# (kind, pattern) in order of precedence; a later pattern never overlaps an earlier match. The group
# "d", where a pattern has one, is the date itself (after its preposition).
PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((k, re.compile(p)) for k, p in (
    ("full", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    ("full", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    ("full", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    ("month_year", rf"\b{_MONTH},?\s+{_YEAR}\b"),
    ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w)"),
    ("day_month", rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)(?!\s*(?:percent|%|troops|people|km|miles|dollars|years))"),
    ("weekday", rf"\b(?:(?i:last|next|this)\s+)?{_WEEKDAY}\b"),
    ("relative", (rf"(?i)\b(?:today|yesterday|tomorrow|tonight|(?:earlier|later)\s+this\s+(?:week|month|year)|"
                  rf"(?:last|this|next)\s+(?:week|month|year)|{_NUMBER}\s+(?:days?|weeks?|months?|years?)\s+ago)\b")),
    ("month", rf"(?i:\b{_TEMPORAL_PREP})\s+(?P<d>{_MONTH})(?!\w)"),
    ("year", rf"(?i:\b{_TEMPORAL_PREP})\s+(?P<d>{_YEAR})\b(?!\s+(?!{_FUNCTION_WORD}\b)[a-z])"),
))
# Bare months and years also count when spaCy tags them DATE ("2024 was", "March saw").
IN_ENTITY_ONLY = (("month", re.compile(rf"^{_MONTH}$")), ("year", re.compile(rf"^{_YEAR}$")))
_PRECISION = {"full": "day", "day_month": "day", "weekday": "day", "month_year": "month", "month": "month",
              "year": "year"}
_REQUIRED = {"full": ["day", "month", "year"], "day_month": ["day", "month"], "month_year": ["month", "year"],
             "month": ["month"], "year": ["year"]}
# Dates up to this many days after publication are read as upcoming; later ones as last year's. Chosen by
# judgement (news announces events weeks ahead: "the vote on 5 January" in a December article).
FUTURE_WINDOW_DAYS = 60
_LEAP_BASE = datetime(2000, 1, 1)  # parse base for yearless text: a leap year, so "29 February" parses


@dataclass(frozen=True, slots=True)
class _Found:
    span: Span
    kind: str
    text: str


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    text = analysis.article.text
    date_ents = [e.span for e in analysis.entities if e.label == "DATE"]
    found = find(text, date_ents)
    published = _published(analysis.article.published)
    return replace(analysis, dates=tuple(resolve(found, published)))


def find(text: str, date_entities: list[Span] = ()) -> list[_Found]:
    """Every date expression in ``text``, in order, without overlaps."""
    taken: list[_Found] = []

    def free(s: int, e: int) -> bool:
        return all(e <= f.span.start or s >= f.span.end for f in taken)

    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            group = "d" if "d" in pattern.groupindex else 0
            if free(m.start(group), m.end(group)):
                taken.append(_Found(Span(m.start(group), m.end(group)), kind, m.group(group)))
    for span in date_entities:
        ent = re.sub(r"^(?:the|in|on)\s+", "", span.of(text))
        start = span.end - len(ent)
        for kind, pattern in IN_ENTITY_ONLY:
            if pattern.match(ent) and free(start, span.end):
                taken.append(_Found(Span(start, span.end), kind, ent))
    return sorted(taken, key=lambda f: f.span.start)


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:  # a malformed publication date is treated as absent, never guessed
        return None


@lru_cache(maxsize=8)
def _parser(kind: str, base: datetime | None):
    from dateparser.date import DateDataParser

    settings = {"RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY",
                "REQUIRE_PARTS": _REQUIRED.get(kind, []), "RELATIVE_BASE": base or _LEAP_BASE,
                "PREFER_DATES_FROM": "past"}
    return DateDataParser(languages=["en"], settings=settings)


def _parse(kind: str, text: str, base: datetime | None = None) -> datetime | None:
    return _parser(kind, base).get_date_data(text).date_obj


def resolve(found: list[_Found], published: date | None) -> list[DateMention]:
    """ISO values for the expressions ``find`` returned; see the module docstring for the rules."""
    absolute = [_parse(f.kind, f.text) if f.kind in _REQUIRED else None for f in found]
    out = []
    for i, f in enumerate(found):
        if f.kind not in ("relative", "weekday"):
            value = _value(f, absolute[i], published, _reference(i, found, absolute))
        elif published is None:
            value = None  # "yesterday", "Wednesday" with nothing to count from: known unknown
        elif (value := _relative(f, published)) is None:
            continue
        out.append(DateMention(f.span, value, _precision(f, value)))
    return out


def _precision(f: _Found, value: str | None) -> str:
    if f.kind == "relative":
        unit = f.text.lower().split()[-2 if f.text.lower().endswith("ago") else -1]
        # a week is given as its month: "said last week" in an article of 18 December is "2024-12"
        return "month" if unit.startswith(("month", "week")) else "year" if unit.startswith("year") else "day"
    return _PRECISION[f.kind]


def _reference(i: int, found: list[_Found], absolute: list[datetime | None]) -> date | None:
    """Without a publication date: the nearest expression that states its year, preceding first."""
    with_year = [j for j, f in enumerate(found) if f.kind in ("full", "month_year", "year") and absolute[j]]
    before = [j for j in with_year if j < i]
    after = [j for j in with_year if j > i]
    j = before[-1] if before else (after[0] if after else None)
    if j is None:
        return None
    d = absolute[j].date()
    return {"full": d, "month_year": d.replace(day=15), "year": date(d.year, 7, 1)}[found[j].kind]


def _value(f: _Found, parsed: datetime | None, published: date | None, reference: date | None) -> str | None:
    if parsed is None:
        return None
    if f.kind == "full":
        return parsed.date().isoformat()
    if f.kind == "month_year":
        return f"{parsed.year:04d}-{parsed.month:02d}"
    if f.kind == "year":
        return f"{parsed.year:04d}"
    day = parsed.day if f.kind == "day_month" else 15
    year = _year_before(parsed.month, day, published) if published else _closest_year(parsed.month, day, reference)
    prefix = f"{year:04d}" if year else "XXXX"
    return f"{prefix}-{parsed.month:02d}-{parsed.day:02d}" if f.kind == "day_month" else f"{prefix}-{parsed.month:02d}"


def _year_before(month: int, day: int, published: date) -> int:
    """The year of the latest month/day on or before publication, or just after it (upcoming)."""
    for year in (published.year + 1, published.year, published.year - 1, published.year - 2):
        try:
            gap = (date(year, month, day) - published).days
        except ValueError:  # 29 February in a common year
            continue
        if gap <= FUTURE_WINDOW_DAYS:
            return year
    return published.year - 1


def _closest_year(month: int, day: int, reference: date | None) -> int | None:
    """The year that puts month/day closest to ``reference`` (ties: the earlier year)."""
    if reference is None:
        return None
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            gap = abs((date(year, month, day) - reference).days)
        except ValueError:  # 29 February in a common year
            continue
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else None


def _count(word: str) -> int | None:
    """ "3" or "three" → 3 (the number before "weeks ago")."""
    if word.isdigit():
        return int(word)
    if word in ("a", "an"):
        return 1
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    return words.index(word) + 1 if word in words else None


def _relative(f: _Found, published: date) -> str | None:
    words = f.text.lower().split()
    if f.kind == "weekday":
        target = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"].index(words[-1])
        back = (published.weekday() - target) % 7
        day = published - timedelta(days=back)
        if words[0] == "last" and back == 0:
            day -= timedelta(days=7)
        elif words[0] == "next":
            day = published + timedelta(days=(target - published.weekday()) % 7 or 7)
        return day.isoformat()
    if "this" in words or "earlier" in words or "later" in words:
        unit = words[-1]
        return published.isoformat()[: {"week": 7, "month": 7, "year": 4}[unit]]
    unit = words[-2] if words[-1] == "ago" else words[-1]
    if unit.startswith("week"):
        count = 1 if words[0] in ("last", "next") else _count(words[0])
        if count is None:
            return None
        return (published + timedelta(days=7 * count * (1 if words[0] == "next" else -1))).isoformat()[:7]
    parsed = _parse("relative", f.text, datetime(published.year, published.month, published.day, 12))
    if parsed is None:
        return None
    unit = words[-2] if words[-1] == "ago" else words[-1]
    cut = 7 if unit.startswith("month") else 4 if unit.startswith("year") else 10
    return parsed.date().isoformat()[:cut]
