"""Raw article text → header metadata (headline, byline) and a body without boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .byline import WIRE_AGENCIES
from .published import parse_published

# A headline is the first line when short and not a sentence. Calibrated by
# hand on the seed examples and the titles of /work/shared/data/html/gold.json
# (all 60 gold titles are ≤ 160 characters and ≤ 26 words).
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30
MIN_HEADLINE_WORDS = 2
# A first line ending in a full stop is a headline only in title case: this share of its words of 4 letters or
# more capitalised, and at least this many of them. PolNeAR's 924 headlines all end in a full stop or a
# semicolon (added by the corpus): 308 of the 698 with a full stop pass (the rest are in sentence case, as a
# lead sentence is); of its 5,768 later paragraphs of up to 30 words ending in one, 120 pass (captions,
# names, section heads: never the first line). At 0.75 a lead sentence full of names passed ("The Islamic
# State kidnapped American journalist James Foley on November 22, 2012.", an FNC-1 body).
TITLE_CASED_SHARE = 0.8
MIN_TITLE_CASED = 3
# Bylines and datelines are looked for in this many non-blank lines after the headline.
BYLINE_WINDOW = 2
MAX_BYLINE_CHARS = 160
MAX_NAME_TOKENS = 8
# Characters a boilerplate sentence may run on after its cue ("Follow us on …").
BOILERPLATE_TAIL = 120

_NAME_LINKS = {"and", "&", "de", "da", "di", "del", "der", "van", "von", "la", "le", "al", "bin", "ibn", "y"}
# Between a byline's parts: a dash, bar or dot, or nothing before a second date label or a "by" after a date
# ("Published: 18 Dec 2024 Updated: 19 Dec 2024", "Posted on December 18, 2024 by Jane Doe").
_BYLINE_SEPARATORS = re.compile(r"\s+(?:[—–|·•]|-{1,2})\s+|\s+(?=(?:last\s+)?updated\b)|(?<=\d)\s+(?=by\s+[A-Z])",
                                re.IGNORECASE)
# Byline parts that say nothing lasting: a relative time or a reading time ("Updated 3 hours ago", "4 min read").
_TRANSIENT = re.compile(r"(?:(?:last\s+)?(?:updated|published|posted)\s*:?\s*)?(?:\d+\s*(?:sec(?:ond)?|min(?:ute)?|"
                        r"h(?:ou)?r|day|week)s?\s+ago|just\s+now)|\d+\s*min(?:ute)?s?\s+read", re.IGNORECASE)
_BY = re.compile(r"^(?:by|written by|words by|author)(?:\s*:\s*|\s+)", re.IGNORECASE)
# A byline may credit the wire or the outlet beside the names ("By Jane Doe, Reuters", "Jane Doe | BBC News").
_WIRES = frozenset(WIRE_AGENCIES) | {"bloomberg", "associated press", "agence france-presse", "agence france presse",
                                    "press association", "pa", "tass", "xinhua", "anadolu", "ukrinform", "interfax",
                                    "bbc", "cnn", "npr", "cbs", "abc", "nbc"}
_OUTLET_WORDS = frozenset({"news", "press", "times", "post", "journal", "herald", "tribune", "telegraph", "guardian",
                           "gazette", "daily", "agency", "wire", "media", "online", "today", "pravda", "radio", "tv",
                           "television", "network", "magazine", "service", "bureau", "desk", "staff"})
# Job titles printed after the names ("Jane Doe, Staff Writer", "John Roe, Kyiv correspondent").
_ROLE_TAIL = re.compile(r",?\s+(?:(?:senior|chief|staff|special|foreign|political|[A-Z]\w+)\s+)?"
                        r"(?:writer|reporter|correspondent|editor|contributor)\s*$", re.IGNORECASE)
# An editor's or author's note or a caption label heading a text or a sentence ("Editor's Note: …",
# "GR editor’s Note", "Photo: …"): it says nothing of the story.
_NOTE = re.compile(r"\W*(?:(?:\w+\s+){0,2}(?:editor|editorial|author)(?:['’]?s)?['’]?\s+note\b"
                   r"|(?:photo|image|picture|file photo|video|watch|listen|advertisement)\s*[:|])", re.IGNORECASE)
# A photo caption ends in its credit ("… in Havana, Texas.  John Moore / Getty Images", "(AP Photo/Jane Doe)"):
# it shows the story, it is neither its headline nor its lead
CAPTION_CREDIT = re.compile(r"(?:/\s*(?:Getty Images|AFP|AP|EPA|Reuters|PA)|\bGetty Images|\(AP Photo[^()]*\))\W*$")
_UPDATED = re.compile(r"(?:last\s+)?updated\b", re.IGNORECASE)
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
        found = _byline_at(lines, i)
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


def _byline_at(lines: list[str], i: int) -> tuple[str | None, str | None] | None:
    """``parse_byline`` of line ``i``, or a bare name line ("Jane Doe", "Jane Doe, Reuters") when the next
    line is a date line: a name alone is a byline only with the date under it."""
    found = parse_byline(lines[i])
    if found is not None:
        return found
    name = _author(lines[i].strip())
    after = _next_filled(lines, i + 1)
    if name is not None and after < len(lines) and (dated := parse_byline(lines[after])) and dated[0] is None:
        return name, None
    return None


def _is_headline(lines: list[str], i: int, known_title: str | None) -> bool:
    line = lines[i].strip()
    if known_title is not None:
        return line.casefold() == known_title.strip().casefold()
    words = line.split()
    if not (MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS) or len(line) > MAX_HEADLINE_CHARS:
        return False
    if line[-1] in ",;:-–—" or line[-1] == "." and not _title_cased(line) or not (
            line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘"):
        return False  # a sentence, a label, or a dateline opening the text ("NEW YORK, New York -")
    if is_note(line) or CAPTION_CREDIT.search(line):
        return False
    if parse_byline(line) is not None or is_boilerplate_line(line):
        return False
    after = i + 1
    followed_by_blank = after < len(lines) and not lines[after].strip()
    followed_by_byline = after < len(lines) and bool(lines[after].strip()) and _byline_at(lines, after) is not None
    has_body = _next_filled(lines, after) < len(lines)
    return has_body and (followed_by_blank or followed_by_byline)


def _title_cased(line: str) -> bool:
    """A headline in title case may end in a full stop ("Poll: Wealthy Voters Abandon Republican Party for
    Hillary Clinton."); a sentence may not: most of its longer words are lower case, or a full stop inside."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) >= 4]
    return (len(words) >= MIN_TITLE_CASED and sum(w[0].isupper() for w in words) >= TITLE_CASED_SHARE * len(words)
            and ". " not in line[:-1])


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """A byline or dateline → (author, published): ``Name — date``, ``By Name``, ``By Name, Reuters, date``,
    ``Published: date | Author: Name`` or a lone date line. Every part between separators must be a
    name (after "By" or "Author:"), a date, or a wire or outlet credit; else the line is text (None).
    A name without "By" counts only beside a date on the line (``read_header`` also takes it above one)."""
    line = line.strip()
    if not line or len(line) > MAX_BYLINE_CHARS:
        return None
    parts = [p.strip() for p in _BYLINE_SEPARATORS.split(line) if p.strip()]
    if len(parts) == 1 and (by := _BY.match(line)) and "," in line[by.end():] and not _author(line[by.end():]):
        parts = _comma_parts(line, by.end())  # "By Jane Doe, Reuters, 4 May 2023"
        if parts is None:
            return None
    author = published = None
    labelled = False
    for part in parts:
        by = _BY.match(part)
        if by:
            labelled = True
            name = _author(part[by.end():].strip(), labelled=True)
            if name is None or author is not None:
                return None
            author = name
        elif _TRANSIENT.fullmatch(part):
            continue
        elif re.search(r"\d", part):
            date = parse_published(_DATE_LABEL.sub("", part))
            if date is None or not _mostly_date(part):
                return None
            if published is not None and not _UPDATED.match(part):
                return None
            published = published or date  # "Published: … Updated: …": the first date is the publication
        elif _credit(part) or _ROLE_TAIL.fullmatch(" " + part):
            continue
        elif author is None and (name := _author(part)) is not None:
            author = name
        elif labelled and author is not None and _capitalised(part):
            continue  # "By Jane Doe | The Kyiv Independent": beside a labelled author, the outlet
        else:
            return None
    if author is None and published is None:
        return None
    if author is not None and published is None and not labelled:
        return None  # a bare name: see _byline_at
    return author, published


def _comma_parts(line: str, start: int) -> list[str] | None:
    """``By Name, credit or title, …, date`` → its parts: the date is the rest once it parses as one."""
    first, rest = line[start:].split(",", 1)
    parts = [line[:start] + first.strip()]
    while rest.strip():
        rest = rest.strip()
        if parse_published(_DATE_LABEL.sub("", rest)) is not None or "," not in rest:
            return parts + [rest]
        head, rest = rest.split(",", 1)
        if not (_credit(head.strip()) or _ROLE_TAIL.fullmatch(" " + head.strip())):
            return None if re.search(r"\d", head) else parts + [head.strip() + "," + rest]
        parts.append(head.strip())
    return parts


def _author(text: str, labelled: bool = False) -> str | None:
    """A byline's names without a trailing wire or outlet credit ("Jane Doe, Reuters" → "Jane Doe",
    "LOLITA C. BALDOR Associated Press" → "Lolita C. Baldor"); one word only after "By" ("By Reuters"):
    alone on a line it is too often something else. Names printed in capitals are given their case."""
    text = _ROLE_TAIL.sub("", text).strip(" ,")
    if "," in text:
        names, credit = text.rsplit(",", 1)
        if _credit(credit.strip()) and is_name(names.strip()):
            return _cased(names.strip())
    text = _without_wire(text)
    return _cased(text) if is_name(text) and (labelled or len(text.replace(",", " ").split()) >= 2) else None


def _without_wire(text: str) -> str:
    """A name followed by a wire agency without a comma ("Jane Doe Associated Press") → the name."""
    words = text.split()
    for n in (3, 2):  # multi-word agencies only: a one-word one may be a surname ("Jane Press")
        if len(words) > n + 1 and " ".join(words[-n:]).casefold() in _WIRES:
            return " ".join(words[:-n])
    return text


def _cased(names: str) -> str:
    """Names set in capitals ("LOLITA C. BALDOR") → "Lolita C. Baldor"; other names as written."""
    letters = [ch for ch in names if ch.isalpha()]
    if len(letters) < 4 or not all(ch.isupper() for ch in letters):
        return names
    return " ".join(w.lower() if w.lower() in _NAME_LINKS else "-".join(p.capitalize() for p in w.split("-"))
                    for w in names.split())


def _capitalised(text: str) -> bool:
    """A short run of capitalised words, an article allowed ("The Kyiv Independent", "Kyiv Post")."""
    words = text.split()
    return 1 <= len(words) <= 5 and all(w[0].isupper() or w.lower() in _NAME_LINKS | {"of", "the"} for w in words) \
        and not any(ch.isdigit() for ch in text)


def _credit(text: str) -> bool:
    """A wire agency or an outlet named in a byline ("Reuters", "The Associated Press", "BBC News")."""
    words = text.split()
    if not words or len(words) > 5:
        return False
    if text.casefold().removeprefix("the ").strip() in _WIRES:
        return True
    return words[-1].casefold().strip(".") in _OUTLET_WORDS and all(w[0].isupper() for w in words if w.isalpha())


def is_note(text: str) -> bool:
    """An editor's note or a caption label ("Editor's Note: …", "Photo: …"), not the story."""
    return _NOTE.match(text) is not None


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
    r"sign\s+up\s+here\b",
    r"our\s+standards\s*:",  # "Our Standards: The Thomson Reuters Trust Principles."
    r"this\s+(?:article|story|piece|post)\s+(?:was\s+|has\s+been\s+)?(?:originally\s+|first\s+)?"
    r"(?:published|appeared)\b",
    r"get\s+the\s+latest\s+(?:[\w-]+\s+){0,4}(?:on|via)\s+(?:our\s+)?(?:telegram|whatsapp|viber|youtube|facebook|"
    r"instagram|twitter|tiktok|app|newsletter)\b",
]
# Short lines that are boilerplate only when they stand alone on their line.
_LINE_ONLY = [
    r"share(?:\s+(?:this|on\s+\w+))?(?:\s+(?:article|story|post|page))?[:!.]?",
    r"(?:tweet|email|print|comments?|advertisement|advert|sponsored(?:\s+content)?)",
    r"(?:read|see)\s+(?:more|also)\s*:.*",
    r"related(?:\s+(?:articles?|stories|coverage|news))?\s*:.*",
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
