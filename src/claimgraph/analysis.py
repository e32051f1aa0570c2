"""Articles → Corpus: extract per article, link across articles, assess."""

from __future__ import annotations

from collections.abc import Iterable

from .assess import assess
from .extract.pipeline import analyze_articles
from .link import build
from .types import Article, Corpus


def analyze(articles: Iterable[Article]) -> Corpus:
    return assess(build(analyze_articles(articles)))
