"""Article text → quotation regions (character ranges), following news conventions across sentences and paragraphs."""

from __future__ import annotations

import re

OPENERS = {"“": "”", "«": "»", '"': '"'}
MAX_QUOTE_CHARS = 3000  # a quotation longer than this is taken as an unbalanced mark, not a quote


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Ranges ``[start, end)`` covering each quotation including its marks.

    A paragraph that opens a quotation without closing it continues into the next paragraph when that one
    opens again (the newswire convention); an unclosed quote otherwise ends at its paragraph.
    """
    regions: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENERS and _opens(text, i):
            end = _close(text, i, OPENERS[ch])
            if end is not None:
                regions.append((i, end))
                i = end
                continue
        i += 1
    return regions


def _opens(text: str, i: int) -> bool:
    if text[i] != '"':
        return True
    return i + 1 < len(text) and not text[i + 1].isspace() and (i == 0 or not text[i - 1].isalnum())


def _close(text: str, start: int, closer: str) -> int | None:
    j = start + 1
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    while j < limit:
        ch = text[j]
        if ch == closer and (closer != '"' or j + 1 >= len(text) or not text[j + 1].isalnum()):
            return j + 1
        if ch == "\n":
            m = re.match(r"\n\s*", text[j:])
            k = j + m.end()
            if k < len(text) and text[k] == text[start] and text[k] != closer:
                j = k + 1  # the quotation goes on in the next paragraph
                continue
            if k < len(text) and text[k] == text[start] == '"':
                j = k + 1
                continue
            return None
        j += 1
    return None


def region_at(regions: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The quotation region containing character ``pos``, if any (regions sorted, non-overlapping)."""
    lo, hi = 0, len(regions) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = regions[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return regions[mid]
    return None
