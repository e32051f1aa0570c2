"""Cleaned text + metadata from any reader → Article (id, language, boilerplate removed)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from ..errors import IngestError
from ..types import Article
from .clean import read_header, strip_boilerplate
from .language import detect_language
from .published import estimate_published, parse_published


def article_id(text: str) -> str:
    """Stable id from the normalised content: the same text always gets the same id."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata a reader found (front matter, record fields, HTML tags, feed entries)."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None

    @classmethod
    def from_mapping(cls, data: dict) -> Meta:
        """Common field names in front matter and JSON records → Meta (unknown keys ignored)."""

        def first(*keys: str) -> str | None:
            for key in keys:
                value = data.get(key)
                if isinstance(value, (list, tuple)):
                    value = ", ".join(str(v) for v in value if v)
                if value not in (None, ""):
                    return value if isinstance(value, str) else str(value)
            return None

        published = next((data[k] for k in ("published", "date", "datePublished", "pubDate") if data.get(k)), None)
        return cls(
            title=first("title", "headline"),
            author=first("author", "authors", "byline"),
            published=parse_published(published),
            outlet=first("outlet", "source", "site", "sitename", "site_name", "publisher"),
            url=first("url", "link"),
        )


def merge(primary: Meta, fallback: Meta) -> Meta:
    """Each field from ``primary`` where it has one, else from ``fallback``."""
    return Meta(*(getattr(primary, f) or getattr(fallback, f) for f in Meta.__dataclass_fields__))


def article_from_text(path: str, text: str, meta: Meta, source_format: str, *, infer_header: bool = True) -> Article:
    """Body text (maybe with headline and byline on top) → Article with boilerplate stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if infer_header:
        lines = text.split("\n")
        header = read_header(lines, known_title=meta.title)
        meta = merge(meta, Meta(title=header.title, author=header.author, published=header.published))
        text = "\n".join(lines[header.body_start :])
    body, removed = strip_boilerplate(text)
    if not body.strip():
        raise IngestError(path, "no article text (empty after removing headline, byline and boilerplate)")
    article = Article(
        id=article_id(body),
        path=path,
        text=body,
        url=meta.url,
        title=meta.title,
        author=meta.author,
        outlet=meta.outlet,
        published=meta.published,
        language=detect_language(body),
        removed=removed,
        source_format=source_format,
    )
    if article.published is None:
        estimate = estimate_published(body)
        if estimate is not None:
            article = replace(article, published=estimate, published_estimated=True)
    return article
