"""spaCy Doc → dates (work in progress: filled by the dates extractor)."""

from __future__ import annotations

from ..types import ArticleAnalysis


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    return analysis
