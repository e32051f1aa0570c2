"""Plain-text files → Article (minimal reader; the full reader infers metadata and strips boilerplate)."""

from __future__ import annotations

import hashlib
import re

from ..types import Article


def article_id(text: str) -> str:
    """Stable id from the normalised content: the same text always gets the same id."""
    norm = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def read_text(path: str, data: str) -> Article:
    return Article(id=article_id(data), path=path, text=data)
