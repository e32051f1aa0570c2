"""Date strings and article bodies → ISO publication dates (parsed, never invented)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import warnings
from collections import Counter

import dateparser

# A full date needs day, month and year: dateparser would otherwise fill the
# missing parts from today's date, i.e. invent them.
_FULL_DATE = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\b|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_SECONDS = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")


def parse_published(value: object) -> str | None:
    """A date or date-time (string, date, datetime) → ISO 8601, keeping the time only if given."""
    if isinstance(value, dt.datetime):
        return _iso(value, with_time=True, with_seconds=bool(value.second))
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or not _YEAR.search(value):
        return None
    text = value.strip()
    iso = _parse_iso(text)
    if iso is not None:
        return iso
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, settings=_FULL_DATE)
    if parsed is None:
        return None
    return _iso(parsed, with_time=bool(_TIME.search(text)), with_seconds=bool(_SECONDS.search(text)))


def _parse_iso(text: str) -> str | None:
    """ISO 8601 strings are parsed exactly (dateparser may reorder their parts)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?", text):
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(text) == 10:
        return parsed.date().isoformat()
    return _iso(parsed, with_time=True, with_seconds=bool(parsed.second))


def _iso(value: dt.datetime, *, with_time: bool, with_seconds: bool) -> str:
    if not with_time:
        return value.date().isoformat()
    text = value.strftime("%Y-%m-%dT%H:%M:%S" if with_seconds else "%Y-%m-%dT%H:%M")
    offset = value.strftime("%z")
    return text + (f"{offset[:3]}:{offset[3:]}" if offset else "")


# -- estimates from the body ----------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
# Month names must be capitalised: "may" and "march" are also common words.
_MONTH = r"(?P<month>" + "|".join(sorted((m.title() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_OPT = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DAY_MONTHS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR_OPT}\b"),  # 18 December 2024
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR_OPT}\b"),  # December 18, 2024
)
_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-([0-2]\d|3[01])\b")
# a year standing alone, not inside 2024-12-18 or 12/18/2024
_ANY_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")
ESTIMATE_MIN_MENTIONS = 2  # times a full date must be stated to be taken for the day of writing


def estimate_published(text: str) -> str | None:
    """An estimate of when the body was written: the latest full date (with its year) that it states
    at least twice, when no later year is mentioned anywhere; else None.

    A date stated once is most often history ("on Sept. 11, 2001", "on June 30, 1982"); a date
    stated twice is most often the day of the story itself (a dateline and the text, embedded posts
    signed with their day). A day-month without a year ("on 17 December") is left out: it is the
    current year by news convention, and the nearest year the body states is usually that of some
    earlier event ("November 23" beside "Sept. 11, 2012" in a 2015 article). Measured with
    bench/published_estimates.py (2026-12-05) on the 924 PolNeAR train + dev bodies, counting an
    estimate right when it is 0-3 days before the publication date or 1 day after: the previous rule
    (the latest date mentioned, a day-month taking the latest year stated) estimated 85 bodies, 27
    right (0.32); this one estimates 14, 12 right (0.86). On the 2,135 FNC-1 bodies (written
    2014-15): 298 estimates of which 195 fall in 2014-06 to 2015-12, now 56 of which 53. A wrong date
    misleads (a reader, a timeline); none is an honest unknown.
    """
    stated: Counter[dt.date] = Counter()
    for m in (m for pattern in _DAY_MONTHS for m in pattern.finditer(text)):
        if m.group("year") and (day := _date(int(m.group("year")), _MONTHS[m.group("month").lower()],
                                             int(m.group("day")))):
            stated[day] += 1
    for m in _ISO_DATE.finditer(text):
        if day := _date(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            stated[day] += 1
    repeated = [day for day, n in stated.items() if n >= ESTIMATE_MIN_MENTIONS]
    if not repeated:
        return None
    latest = max(repeated)
    if any(int(y) > latest.year for y in _ANY_YEAR.findall(text)):
        return None  # the body speaks of a later year: the date is history
    return latest.isoformat()


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
