"""Raw article text → header metadata (headline, byline) and a body without boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .published import parse_published

# A headline is the first line when short and not a sentence. Calibrated by
# hand on the seed examples and the titles of /work/shared/data/html/gold.json
# (all 60 gold titles are ≤ 160 characters and ≤ 26 words).
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
MIN_HEADLINE_WORDS = 2
# Bylines and datelines are looked for in this many non-blank lines after the headline.
BYLINE_WINDOW = 2
MAX_BYLINE_CHARS = 160
MAX_NAME_TOKENS = 8
# Characters a boilerplate sentence may run on after its cue ("Follow us on …").
BOILERPLATE_TAIL = 120

_NAME_LINKS = {"and", "&", "de", "da", "di", "del", "der", "van", "von", "la", "le", "al", "bin", "ibn", "y"}
_BYLINE_SEPARATORS = re.compile(r"\s+(?:[—–|·•]|-{1,2})\s+")
_BY = re.compile(r"^(?:by|written by|words by)\s+", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^(?:published|posted|updated|date|last updated)\s*(?:on|:)?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Header:
    """Metadata read from the first lines, and where the body starts."""

    title: str | None
    author: str | None
    published: str | None
    body_start: int  # index of the first body line in text.split("\n")


def read_header(lines: list[str], known_title: str | None = None) -> Header:
    """The headline and byline at the top of ``lines``, if they are there."""
    i = _next_filled(lines, 0)
    title = None
    if i < len(lines) and _is_headline(lines, i, known_title):
        title = lines[i].strip()
        i = _next_filled(lines, i + 1)
    author = published = None
    for _ in range(BYLINE_WINDOW):
        if i >= len(lines):
            break
        found = parse_byline(lines[i])
        if found is None:
            break
        author = author or found[0]
        published = published or found[1]
        i = _next_filled(lines, i + 1)
    if title is None and author is None and published is None:
        return Header(None, None, None, 0)
    return Header(title, author, published, i)


def _next_filled(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _is_headline(lines: list[str], i: int, known_title: str | None) -> bool:
    line = lines[i].strip()
    if known_title is not None:
        return line.casefold() == known_title.strip().casefold()
    words = line.split()
    if not (MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS) or len(line) > MAX_HEADLINE_CHARS:
        return False
    if line[-1] in ".,;:" or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return False
    if parse_byline(line) is not None or is_boilerplate_line(line):
        return False
    after = i + 1
    followed_by_blank = after < len(lines) and not lines[after].strip()
    followed_by_byline = after < len(lines) and parse_byline(lines[after]) is not None
    has_body = _next_filled(lines, after) < len(lines)
    return has_body and (followed_by_blank or followed_by_byline)


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """``Name — date``, ``By Name``, ``By Name, date`` or a lone date line → (author, published)."""
    line = line.strip()
    if not line or len(line) > MAX_BYLINE_CHARS:
        return None
    by = _BY.match(line)
    rest = line[by.end() :] if by else line
    parts = _BYLINE_SEPARATORS.split(rest, maxsplit=1)
    if by and len(parts) == 1 and "," in rest:
        parts = [p.strip() for p in rest.split(",", 1)]
    if len(parts) == 2 and is_name(parts[0]):
        published = parse_published(_DATE_LABEL.sub("", parts[1]))
        if published is not None:
            return parts[0], published
    if by and is_name(rest):
        return rest, None
    if not by and re.search(r"\d", line):
        published = parse_published(_DATE_LABEL.sub("", line))
        if published is not None and _mostly_date(line):
            return None, published
    return None


def _mostly_date(line: str) -> bool:
    """A dateline holds little but the date: no sentence around it."""
    return len(line.split()) <= 8 and line[-1] not in ".!?"


def is_name(text: str) -> bool:
    """One or more personal names: capitalised words joined by particles, no digits."""
    tokens = text.replace(",", " , ").split()
    if not 1 <= len(tokens) <= MAX_NAME_TOKENS or any(ch.isdigit() for ch in text):
        return False
    words = [t for t in tokens if t != ","]
    if not (words[0][0].isupper() and words[-1][0].isupper()) or len(words) < 2 and len(words[0]) < 3:
        return False
    return all(w[0].isupper() and _wordlike(w) or w.lower() in _NAME_LINKS for w in words)


def _wordlike(word: str) -> bool:
    return all(ch.isalpha() or ch in "'’.-" for ch in word)


# -- boilerplate ------------------------------------------------------------------

# Calls to action that are never news content. Each matches the start of a
# sentence; the sentence runs on to its final punctuation. General patterns,
# written from common outlet footers (donation, newsletter, social, app, cookie).
_SENTENCE_CUES = [
    r"support\s+(?:us|our\s+(?:work|journalism|newsroom|reporting|mission))\b",
    r"support\s+\S+(?:\s+\S+)?\s+(?:or|and)\s+become\s+(?:our|a)\s+(?:patron|member|supporter|subscriber)",
    r"become\s+(?:our|a)\s+(?:patron|paying\s+member|member|supporter|paid\s+subscriber)\b",
    r"(?:please\s+)?(?:consider\s+)?(?:make\s+a\s+)?donat(?:e|ion)\s+(?:now|today|to\s+(?:us|our|support))\b",
    r"(?:please\s+)?(?:subscribe|sign\s+up|register)\s+(?:now\s+|today\s+|here\s+)?(?:to|for)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}(?:newsletters?|channel|podcast|updates|mailing\s+list|digest)\b",
    r"(?:please\s+)?subscribe\s+(?:now|today|here)\b",
    r"follow\s+(?:us|[\w-]+\s+news)\s+on\b",
    r"(?:join|subscribe\s+to)\s+(?:us\s+on|our)\s+(?:[\w-]+\s+){0,2}(?:telegram|whatsapp|viber|youtube|facebook|instagram|twitter|tiktok|x)\b",
    r"(?:download|get)\s+(?:our|the)\s+(?:free\s+)?(?:[\w-]+\s+)?app\b",
    r"if\s+you\s+(?:like|liked|enjoy|enjoyed|value|appreciate|found)\s+(?:this|our)\s+(?:article|story|journalism|work|reporting|content)\b",
    r"you\s+can\s+(?:support|help)\s+(?:us|our\s+\w+)\b",
    r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies\b",
    r"by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:web)?site\b",
    r"accept\s+(?:all\s+)?cookies\b",
    r"all\s+rights\s+reserved\b",
]
# Short lines that are boilerplate only when they stand alone on their line.
_LINE_ONLY = [
    r"share(?:\s+(?:this|on\s+\w+))?(?:\s+(?:article|story|post|page))?[:!.]?",
    r"(?:tweet|email|print|comments?|advertisement|advert|sponsored(?:\s+content)?)",
    r"(?:read|see)\s+(?:more|also)\s*:.*",
    r"click\s+here\b.*",
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}).{0,80}",
    # a wire story's staff credit: "(Reporting by A; Editing by B)", "Reporting by A; Writing by B"
    r"\(\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\s[^()\n]{1,250}\)",
    r"(?:additional\s+)?reporting\s+by\s[^\n;]{1,120};\s*(?:additional\s+reporting|writing|editing)\s+by\s[^\n]{1,200}",
]
_CUE = "(?:" + "|".join(_SENTENCE_CUES) + ")"
_SENTENCE = rf"{_CUE}[^.!?\n]{{0,{BOILERPLATE_TAIL}}}?(?:[.!?]+|$)"
_PREFIX = re.compile(rf"^\s*{_SENTENCE}\s*", re.IGNORECASE)
_SUFFIX = re.compile(rf"(?<=[.!?\"”’)])\s*{_SENTENCE}\s*$", re.IGNORECASE)
_WHOLE = re.compile(rf"^\s*(?:{'|'.join(_LINE_ONLY)})\s*$", re.IGNORECASE)


def is_boilerplate_line(line: str) -> bool:
    kept, _ = _strip_line(line)
    return not kept.strip()


def _strip_line(line: str) -> tuple[str, list[str]]:
    """A line without its boilerplate sentences (at its start or end), and what was cut."""
    if _WHOLE.match(line):
        return "", [line.strip()]
    removed = []
    while (m := _PREFIX.match(line)) and m.end() > 0:
        removed.append(m.group().strip())
        line = line[m.end() :]
    while line.strip() and (m := _SUFFIX.search(line)):
        removed.append(m.group().strip())
        line = line[: m.start()]
    return line, removed


def strip_boilerplate(body: str) -> tuple[str, tuple[str, ...]]:
    """``body`` without boilerplate lines and sentences, and the removed pieces in order."""
    kept, removed = [], []
    for line in body.split("\n"):
        new, cut = _strip_line(line)
        removed += cut
        if cut and not new.strip():
            continue
        kept.append(new.rstrip())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return text, tuple(removed)
