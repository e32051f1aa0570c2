"""Plain-text and Markdown files → Article (front matter, inferred headline/byline, no boilerplate)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from ..types import Article
from .article import Meta, article_from_text, article_id, merge
from .decode import decode
from .inputs import RawInput, ReadOptions

__all__ = ["article_id", "read", "read_text", "split_front_matter"]

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter between leading ``---`` lines → (mapping, rest); ({}, text) when absent or not a mapping."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[m.end() :]


def read_text(path: str, data: str, meta: Meta | None = None) -> Article:
    """Decoded text of one article → Article."""
    front, body = split_front_matter(data.replace("\r\n", "\n").replace("\r", "\n"))
    found = Meta.from_mapping(front) if front else Meta()
    if meta is not None:
        found = merge(meta, found)
    return article_from_text(path, body, found, "text")


def read(raw: RawInput, options: ReadOptions) -> Iterator[Article]:
    """The text reader of the registry."""
    article = read_text(raw.path, decode(raw.path, raw.data))
    if raw.url and not article.url:
        article = replace(article, url=raw.url)
    yield article
