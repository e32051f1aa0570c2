"""Readers: files, directories, globs, stdin, URLs, HTML, JSON/JSONL and feeds → Article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO
from urllib.parse import urlsplit

from ..errors import IngestError
from ..types import Article
from .fetch import fetch
from .inputs import STDIN, RawInput, ReadOptions, expand, is_url, read_file, read_stdin
from .registry import ENTRY_POINT_GROUP, detect_format, readers
from .text import article_id

__all__ = [
    "ENTRY_POINT_GROUP",
    "RawInput",
    "ReadOptions",
    "article_id",
    "detect_format",
    "expand",
    "read_inputs",
    "read_raw",
    "readers",
]


def read_inputs(
    inputs: Iterable[str],
    *,
    allow_private: bool = False,
    max_bytes: int | None = None,
    timeout: float | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | IngestError]:
    """Every input → Articles, or IngestErrors naming the input and the problem; one bad input never stops the rest.

    ``max_bytes`` (files and stdin) and ``timeout`` (URLs) default to the settings table.
    """
    limits = {k: v for k, v in (("max_bytes", max_bytes), ("timeout", timeout)) if v is not None}
    options = ReadOptions(allow_private=allow_private, **limits)
    for item in expand(inputs):
        try:
            raw = _load(item, options, stdin)
        except IngestError as exc:
            yield exc
            continue
        yield from read_raw(raw, options)


def _load(item: str, options: ReadOptions, stdin: BinaryIO | None) -> RawInput:
    if item == STDIN:
        return read_stdin(options, stdin)
    if is_url(item):
        return fetch(item, options)
    scheme = urlsplit(item).scheme
    if "://" in item and len(scheme) > 1:
        raise IngestError(item, f"unsupported URL scheme {scheme!r} (only http and https)")
    return read_file(item, options)


def read_raw(raw: RawInput, options: ReadOptions | None = None) -> Iterator[Article | IngestError]:
    """One input's bytes → its Articles (a file can hold many), through the reader its format names."""
    options = options or ReadOptions()
    fmt = detect_format(raw)
    reader = readers()[fmt]
    try:
        yield from reader(raw, options)
    except IngestError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - a third-party parser failing on odd input must not stop the batch
        yield IngestError(raw.path, f"{fmt} reader failed ({type(exc).__name__}: {exc})")
