"""JSON and JSONL records (``text`` or ``html`` plus metadata fields) → Articles, one error per bad record."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import IngestError
from ..types import Article
from .article import Meta, article_from_text
from .decode import decode
from .html import article_from_html
from .inputs import RawInput, ReadOptions


def read_json(raw: RawInput, options: ReadOptions) -> Iterator[Article | IngestError]:
    """A JSON object, a list of objects, or ``{"articles": [...]}`` → one Article per record."""
    text = decode(raw.path, raw.data)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # a .json file holding one object per line is JSONL
        if exc.msg == "Extra data":
            yield from read_jsonl(raw, options)
            return
        raise IngestError(raw.path, f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, 1):
        yield _guarded(f"{raw.path}: record {n}", raw.path, record)


def read_jsonl(raw: RawInput, options: ReadOptions) -> Iterator[Article | IngestError]:
    """One JSON object per line → one Article per line; a bad line is an error for that line only."""
    text = decode(raw.path, raw.data)
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{raw.path}: line {lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"invalid JSON ({exc.msg})")
            continue
        yield _guarded(where, raw.path, record)


def _guarded(where: str, path: str, record: object) -> Article | IngestError:
    try:
        return article_from_record(where, path, record)
    except IngestError as exc:
        return IngestError(where, exc.problem) if exc.source != where else exc


def article_from_record(where: str, path: str, record: object) -> Article:
    """One record → Article. ``where`` names the record in errors; ``path`` is the input as given."""
    if not isinstance(record, dict):
        raise IngestError(where, f"expected an object, got {type(record).__name__}")
    meta = Meta.from_mapping(record)
    body, html = record.get("text"), record.get("html")
    if isinstance(body, str) and body.strip():
        return article_from_text(path, body, meta, "json")
    if isinstance(html, str) and html.strip():
        try:
            return article_from_html(path, html, meta.url, meta)
        except IngestError as exc:
            raise IngestError(where, exc.problem) from None
    raise IngestError(where, 'no "text" or "html" field with content')
