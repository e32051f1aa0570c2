"""Format names → reader functions (built-ins plus the ``claimgraph.readers`` entry points), and format detection.

A reader is ``reader(raw: RawInput, options: ReadOptions) -> Iterable[Article | IngestError]``.
A plugin package adds one under its format name, which is also taken as a file extension::

    [project.entry-points."claimgraph.readers"]
    warc = "claimgraph_warc:read"      # reads *.warc files

The built-in readers are looked up through the same ``readers()`` table.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import entry_points

from ..errors import IngestError
from ..types import Article
from . import feeds, html, records, text
from .inputs import RawInput, ReadOptions

Reader = Callable[[RawInput, ReadOptions], Iterable["Article | IngestError"]]

ENTRY_POINT_GROUP = "claimgraph.readers"

BUILTIN_READERS: dict[str, Reader] = {
    "text": text.read,
    "html": html.read,
    "json": records.read_json,
    "jsonl": records.read_jsonl,
    "feed": feeds.read,
}

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",  # confirmed by sniffing; other XML is read as HTML-like markup
}

CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
}


@cache
def readers() -> dict[str, Reader]:
    """Every reader by format: the built-ins, then plugins' entry points (a built-in name cannot be taken over)."""
    found = dict(BUILTIN_READERS)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name not in found:
            try:
                found[ep.name] = ep.load()
            except Exception as exc:  # noqa: BLE001 - a broken plugin fails its own inputs, not every batch
                found[ep.name] = _unloadable(ep.name, f"{type(exc).__name__}: {exc}")
    return found


def _unloadable(name: str, problem: str) -> Reader:
    """A reader standing in for a plugin that failed to load: each of its inputs fails with one clear line."""

    def read(raw: RawInput, _options: ReadOptions) -> Iterable[Article | IngestError]:
        return [IngestError(raw.path, f"reader plugin {name!r} could not be loaded ({problem})")]

    return read


def detect_format(raw: RawInput) -> str:
    """The reader format for ``raw``: feeds and HTML sniffed first, then content type, extension, JSON sniffing."""
    head = raw.data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if feeds.looks_like_feed(head):
        return "feed"
    by_type = CONTENT_TYPES.get(raw.content_type or "")
    ext = os.path.splitext(raw.name)[1].lower()
    by_ext = EXTENSIONS.get(ext) or (ext[1:] if ext[1:] in readers() else None)
    if by_ext == "feed" or (by_ext is None and by_type is None and head[:5].lower() == b"<?xml"):
        return "html"  # XML that is not a feed: markup with text
    if by_type or by_ext:
        return by_type or by_ext
    lowered = head[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    if head[:1] in (b"{", b"["):
        return "json"
    return "text"
