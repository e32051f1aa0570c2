"""spaCy Doc → attributions: who is credited with saying, believing or intending what (pipeline step)."""

from __future__ import annotations

from dataclasses import replace

from ..types import ArticleAnalysis, Attribution
from .attrib import cues, spans
from .attrib.quotes import quote_regions


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    text = analysis.article.text
    regions = quote_regions(text)
    raws = [r for tok, _ in cues.detect(doc) if (r := spans.build(tok, regions)) is not None]
    out = []
    for n, raw in enumerate(raws, 1):
        out.append(Attribution(
            id=f"{analysis.article.id}:a{n}",
            article=analysis.article.id,
            source=raw.source_span.of(text) if raw.source_span else None,
            source_span=raw.source_span,
            source_kind="person",
            cue_span=raw.cue_span,
            content_spans=raw.content_spans,
            form=raw.form,
            stance="asserts",
        ))
    return replace(analysis, attributions=tuple(out))
