"""spaCy Doc → places (work in progress: filled by the places extractor)."""

from __future__ import annotations

from ..types import ArticleAnalysis


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    return analysis
