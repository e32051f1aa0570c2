"""Plain-text and Markdown files → Article (front matter, inferred headline/byline, no boilerplate)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from ..types import Article
from .article import Meta, article_from_text, article_id, merge
from .clean import read_header
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
    body, found = _header(body, found)
    return article_from_text(path, body, found, "text", infer_header=False)


def _header(body: str, meta: Meta) -> tuple[str, Meta]:
    """Headline and byline on top of a plain text → (text, Meta with them): the headline sets the title and stays
    in the text as its first paragraph (headlines carry statements: 'Poll: …', 'X says …'); the byline is removed."""
    lines = body.split("\n")
    header = read_header(lines, known_title=meta.title)
    meta = merge(meta, Meta(title=header.title, author=header.author, published=header.published))
    rest = lines[header.body_start :]
    if header.title is not None:
        headline = next(line for line in lines if line.strip())
        rest = [headline.strip(), ""] + rest
    return "\n".join(rest), meta


def read(raw: RawInput, options: ReadOptions) -> Iterator[Article]:
    """The text reader of the registry."""
    article = read_text(raw.path, decode(raw.path, raw.data))
    if raw.url and not article.url:
        article = replace(article, url=raw.url)
    yield article
