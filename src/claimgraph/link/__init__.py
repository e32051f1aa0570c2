"""Across articles: stories, claim alignment, relays and copies, actors."""

from __future__ import annotations

from collections.abc import Iterable

from ..types import ArticleAnalysis, Corpus


def build(analyses: Iterable[ArticleAnalysis]) -> Corpus:
    """Per-article analyses → the cross-article graph (stories, claims, relations, actors)."""
    return Corpus(analyses=tuple(analyses))
