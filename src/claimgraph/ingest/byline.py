"""HTML tree + metadata author → the page's byline: visible byline element, wire credit, no comment authors."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Markup conventions for the visible byline: a class token naming a byline,
# schema.org microdata, or a test id naming a byline (component frameworks).
_BYLINE_XPATH = (
    '//*[contains(translate(@class, "BYLINE", "byline"), "byline") or @itemprop="author"'
    ' or contains(translate(@data-testid, "BYLINE", "byline"), "byline")]'
)
# Class or id tokens of containers whose names are not the article's author (reader comments, sidebars).
# ("commentary" is an opinion article, not a comment section.)
_COMMENTS = re.compile(r"^comments?(?:$|[-_])|[-_]comments?$", re.IGNORECASE)
_OUTSIDE = re.compile(r"^(?:comments?|sidebar|related|reply)(?:$|[-_])|[-_]comments?$", re.IGNORECASE)
_OUTSIDE_TAGS = {"aside", "footer", "nav"}
# "By", "Von", "Por", "Par", "Door", "Di" and their colon forms lead a byline.
_BY = re.compile(r"^(?:by|von|por|par|door|di)\b:?\s*", re.IGNORECASE)
# A byline is a few names, not a sentence: calibrated on shared/data/html, where
# the longest gold byline ("Glen Owen And Brendan Carlin For The Mail On Sunday") has 10 words.
MAX_BYLINE_WORDS = 12
# Two digits in a row start a date or time ("9, 2023 4:41AM"); the byline ends before it.
_DATE_START = re.compile(r"\d\d")
# Job titles some CMSs append to the name, optionally after the outlet's name ("X PhillyVoice Staff").
_ROLE = re.compile(r"[\s,]+(?:staff(?:\s+(?:writer|reporter))?|reporter|correspondent|contributor)$", re.IGNORECASE)
# Wire services whose credit in a dateline or closing parenthesis is the byline
# of an agency story ("Hamburg (dpa/lno) –", "(FR mit dpa)").
WIRE_AGENCIES = ("dpa", "afp", "ap", "reuters", "apa", "sda", "kna", "epd", "efe", "ansa", "ddp", "kyodo", "upi")
_AGENCY = "|".join(WIRE_AGENCIES)
_DATELINE = re.compile(rf"^[^\n()]{{2,60}}?\(((?:{_AGENCY})(?:/\w+)?)\)\s*[–—-]", re.IGNORECASE)
_CLOSING_CREDIT = re.compile(rf"\(([^()\n]{{0,30}}\b(?:{_AGENCY})\b[^()\n]{{0,20}})\)\s*$", re.IGNORECASE)
# Paragraphs at the end of the text searched for a closing credit (notes and image credits follow it).
CREDIT_TAIL_PARAGRAPHS = 4
# Desk placeholders a wire credit replaces ("Redaktion" = the newsroom).
_DESK = {"redaktion", "redaction", "redaccion", "redacción", "rédaction", "redazione", "newsroom", "editorial"}


def visible_byline(tree: HtmlElement, meta_author: str | None, sitename: str | None = None) -> str | None:
    """The first byline element's names as printed, when they agree with the metadata author.

    With metadata names, the byline must contain one of them whole, share a
    word with each, and hold no word they lack (it only trims or regroups them:
    job titles, reading times and e-mail addresses printed next to names stay
    out); without, it must open with a "By" word, so that a stray byline class
    is not taken for one. A part naming the site itself is dropped (that is the outlet).
    """
    names = [n for n in (meta_author or "").split(";") if _words(n)]
    known = _words(meta_author or "")
    for element in tree.xpath(_BYLINE_XPATH):
        if _outside_article(element):
            continue
        segments = [s for s in (_squash(t) for t in element.itertext()) if s]
        text = _byline_text(segments)
        if text is None:
            continue
        opened = _BY.match(text) is not None
        text = _BY.sub("", text).strip(" ,;|-–—")
        if not text or len(text.split()) > MAX_BYLINE_WORDS:
            continue
        if _agrees(text, names, known) if names else opened:
            return _without_site(text, sitename)
    return None


def _agrees(text: str, names: list[str], known: set[str]) -> bool:
    words = _words(text)
    return words <= known and any(_words(n) <= words for n in names) and all(_words(n) & words for n in names)


def _without_site(text: str, sitename: str | None) -> str | None:
    parts = re.split(r"\s*[,;|/]\s*", text)
    kept = [p for p in parts if alnum(p) != alnum(sitename or "")]
    return text if len(kept) == len(parts) else ", ".join(kept) or None


def _byline_text(segments: list[str]) -> str | None:
    """The text segments before the first date or time; None when the first one is a date."""
    kept = []
    for segment in segments:
        if _DATE_START.search(segment):
            break
        kept.append(segment)
    return " ".join(kept) or None


def _outside_article(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in _OUTSIDE_TAGS or _has_token(node, _OUTSIDE):
            return True
    return False


def _has_token(node: HtmlElement, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(token) for token in f"{node.get('class', '')} {node.get('id', '')}".split())


def drop_comment_authors(tree: HtmlElement, author: str | None) -> str | None:
    """The author(s) without names printed only inside reader comments."""
    if not author:
        return None
    kept = [name for name in author.split("; ") if not _only_in_comments(tree, name)]
    return "; ".join(kept) or None


def _only_in_comments(tree: HtmlElement, name: str) -> bool:
    hits = [t.getparent() for t in tree.xpath("//text()[contains(., $name)]", name=name)]
    return bool(hits) and all(_in_comments(el) for el in hits)


def _in_comments(element: HtmlElement) -> bool:
    return any(_has_token(node, _COMMENTS) for node in (element, *element.iterancestors()))


def strip_role(name: str, sitename: str | None, hostname: str | None) -> str:
    """``name`` without a trailing job title such as "Staff" or "<Outlet> Staff Writer" (a lone desk name is kept)."""
    match = _ROLE.search(name)
    if match is None:
        return name
    head = name[: match.start()].split()
    outlet = {alnum(sitename or ""), alnum((hostname or "").split(".")[0])} - {""}
    if alnum(" ".join(head)) in outlet:
        return name  # the outlet's desk ("Pioneer Press Staff")
    if head and alnum(head[-1]) in outlet:
        head = head[:-1]
    return " ".join(head) if len(head) >= 2 else name


def wire_credit(text: str, author: str | None) -> str | None:
    """An agency credit from the dateline or a closing parenthesis, where the page names no author but a desk."""
    if author and alnum(author) not in _DESK:
        return None
    if match := _DATELINE.match(text.lstrip()):
        return match.group(1)
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    for paragraph in reversed(paragraphs[-CREDIT_TAIL_PARAGRAPHS:]):
        if match := _CLOSING_CREDIT.search(paragraph):
            return match.group(1).strip()
    return None


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def alnum(text: str) -> str:
    """Letters and digits only, case-folded: the key two spellings of one name share ("The Times" ~ "the-times")."""
    return re.sub(r"[\W_]+", "", text.casefold())
