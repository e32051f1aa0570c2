"""The step runner: dependency order is checked and every step must return an ArticleAnalysis."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.errors import ExtractError
from claimgraph.extract.pipeline import (
    Step,
    analyze_articles,
    check_order,
    default_steps,
)
from claimgraph.types import Article, ArticleAnalysis, Span


def _article(text: str) -> Article:
    return Article(id="t1", path="t1.txt", text=text)


def test_default_steps_are_in_dependency_order():
    check_order(default_steps())


def test_missing_requirement_is_reported():
    step = Step("late", "attributions", ("dates",), lambda doc, a: a)
    with pytest.raises(ExtractError, match="requires"):
        check_order([step])


def test_step_must_return_analysis():
    bad = Step("bad", "entities", (), lambda doc, a: None)
    with pytest.raises(ExtractError, match="returned NoneType"):
        list(analyze_articles([_article("A short text.")], steps=[bad]))


def test_custom_step_enriches():
    def sentences(doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
        return replace(analysis, sentences=tuple(Span(s.start_char, s.end_char) for s in doc.sents))

    (out,) = analyze_articles([_article("One sentence here. Another one there.")],
                              steps=[Step("sents", "sentences", (), sentences)])
    assert [s.of(out.article.text) for s in out.sentences] == ["One sentence here.", "Another one there."]
