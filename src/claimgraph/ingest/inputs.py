"""Inputs as given (paths, directories, globs, ``-``, URLs) → RawInput bytes, size-capped."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from .. import settings
from ..errors import IngestError

STDIN = "-"


def _setting(name: str) -> Any:
    """A dataclass default read from the settings table when the options are made (so env overrides apply)."""
    return field(default_factory=lambda: settings.get(name))


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: network policy and limits; the limits default to the settings table."""

    allow_private: bool = False
    max_bytes: int = _setting("file_max_bytes")  # files and stdin
    fetch_max_bytes: int = _setting("fetch_max_bytes")
    timeout: float = _setting("fetch_timeout_s")  # seconds per network operation
    max_redirects: int = _setting("fetch_max_redirects")


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one input, and what is known about where they came from."""

    path: str  # the input as given (path, "-" or URL)
    data: bytes
    name: str  # what the format is guessed from: a file path or a URL path
    url: str | None = None
    content_type: str | None = None


def is_url(item: str) -> bool:
    return urlsplit(item).scheme.lower() in ("http", "https")


def expand(inputs: Iterable[str]) -> Iterator[str]:
    """Directories → their files (recursive, sorted); globs → their matches; others as given."""
    for item in inputs:
        if item == STDIN or is_url(item):
            yield item
        elif os.path.isdir(item):
            yield from _walk(item)
        elif glob.has_magic(item) and not os.path.exists(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield item  # reported as missing by read_file
            for match in matches:
                yield from _walk(match) if os.path.isdir(match) else [match]
        else:
            yield item


def _walk(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def read_file(path: str, options: ReadOptions) -> RawInput:
    try:
        size = os.path.getsize(path)
        if size > options.max_bytes:
            raise IngestError(path, too_large(size, options.max_bytes))
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        problem = "no file matches this pattern" if glob.has_magic(path) else "no such file or directory"
        raise IngestError(path, problem) from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None
    return RawInput(path=path, data=data, name=path)


def read_stdin(options: ReadOptions, stream: BinaryIO | None = None) -> RawInput:
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise IngestError(STDIN, too_large(len(data), options.max_bytes, at_least=True))
    return RawInput(path=STDIN, data=data, name=STDIN)


def too_large(size: int, cap: int, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return f"too large ({more}{size / 2**20:.1f} MiB; the cap is {cap / 2**20:.0f} MiB)"
