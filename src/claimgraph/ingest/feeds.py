"""RSS/Atom feeds → one Article per entry: full text from the feed, else the entry's link fetched."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import feedparser
import lxml.etree
import lxml.html

from ..errors import IngestError
from ..types import Article
from .article import Meta, article_from_text
from .decode import decode
from .fetch import fetch
from .html import article_from_html
from .inputs import RawInput, ReadOptions
from .published import parse_published

# An entry whose content (tags stripped) has at least this many characters is
# taken as the full article; shorter ones are teasers and the link is fetched.
# 600 characters is ~100 words: longer than typical RSS teasers (1-3 sentences)
# and shorter than any complete news article.
FULL_TEXT_MIN_CHARS = 600


def looks_like_feed(head: bytes) -> bool:
    """True for RSS, RDF or Atom markup (sniffed from the first bytes)."""
    sample = head[:2048].lower()
    return any(tag in sample for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def read(raw: RawInput, options: ReadOptions) -> Iterator[Article | IngestError]:
    """The feed reader of the registry."""
    parsed = feedparser.parse(decode(raw.path, raw.data))
    if not parsed.entries:
        problem = f"not a readable feed ({parsed.bozo_exception})" if parsed.bozo else "feed has no entries"
        raise IngestError(raw.path, problem)
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{raw.path}: entry {n}" + (f" ({entry.get('link')})" if entry.get("link") else "")
        try:
            yield read_entry(raw.path, entry, outlet, options)
        except IngestError as exc:
            yield IngestError(where, exc.problem)


def read_entry(path: str, entry: dict, outlet: str | None, options: ReadOptions) -> Article:
    meta = Meta(
        title=entry.get("title") or None,
        author=entry.get("author") or None,
        published=_entry_date(entry),
        outlet=outlet,
        url=entry.get("link") or None,
    )
    content = _full_text(entry)
    if content is not None:
        return article_from_text(path, content, meta, "feed", infer_header=False)
    if not meta.url:
        raise IngestError(path, "entry has neither full text nor a link")
    page = fetch(meta.url, options)
    try:
        article = article_from_html(path, page.data, page.url, meta)
    except IngestError as exc:
        raise IngestError(path, f"{meta.url}: {exc.problem}") from None
    return replace(article, source_format="feed")


def _full_text(entry: dict) -> str | None:
    candidates = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    for html in candidates:
        text = _html_text(html)
        if len(text) >= FULL_TEXT_MIN_CHARS:
            return text
    return None


def _html_text(fragment: str) -> str:
    """An HTML fragment → its text, one paragraph per block element."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):  # junk that is no HTML at all
        return fragment.strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    paragraphs = (" ".join(p.split()) for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed")  # "updated" is not the publication date
    if not parsed:
        return None
    return parse_published(dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.timezone.utc))
