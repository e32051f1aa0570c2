"""Readers: files, HTML, JSON/JSONL, feeds and URLs → Article."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator

from ..errors import IngestError
from ..types import Article
from .text import read_text


def expand(inputs: Iterable[str]) -> Iterator[str]:
    for item in inputs:
        if os.path.isdir(item):
            for root, _, files in sorted(os.walk(item)):
                for name in sorted(files):
                    yield os.path.join(root, name)
        elif any(ch in item for ch in "*?[") and not os.path.exists(item):
            yield from sorted(glob.glob(item, recursive=True))
        else:
            yield item


def read_inputs(inputs: Iterable[str]) -> Iterator[Article | IngestError]:
    """Every input → an Article, or the IngestError that says why it could not be read."""
    for path in expand(inputs):
        try:
            with open(path, encoding="utf-8") as fh:
                yield read_text(path, fh.read())
        except OSError as exc:
            yield IngestError(path, exc.strerror or str(exc))
