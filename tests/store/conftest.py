"""Fixtures for the store tests: a hand-built ArticleAnalysis that uses every record type."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimgraph.errors import ExtractError
from claimgraph.extract.pipeline import Step
from claimgraph.store import Store, batch
from claimgraph.types import (
    Article,
    ArticleAnalysis,
    Attribution,
    DateMention,
    Entity,
    Place,
    PlaceMention,
    Span,
)

TEXT = "Officials said on Monday that 10 people were hurt in Springfield, according to the mayor."


def full_analysis() -> ArticleAnalysis:
    article = Article(
        id="a1", path="in/a1.txt", text=TEXT, url="https://example.org/a1", title="Ten hurt", author="A. Writer",
        outlet="Example News", published="2024-05-06T10:00", published_estimated=True, language="en",
        removed=("Subscribe now",), source_format="html",
    )
    place = Place(id="geonames:1", name="Springfield", lat=39.8, lon=-89.6, country="US", kind="city")
    outer = Attribution(
        id="a1:t1", article="a1", source="Officials", source_span=Span(0, 9), source_kind="unnamed",
        cue_span=Span(10, 14), content_spans=(Span(30, 64),), form="indirect", stance="asserts",
        hedges=("reportedly",), polarity="negated", date="2024-05-06", source_role="officials", source_org=None,
    )
    inner = Attribution(
        id="a1:t2", article="a1", source=None, source_span=None, source_kind="vague", cue_span=None,
        content_spans=(Span(30, 40), Span(41, 64)), form="according_to", stance="reports", parent="a1:t1",
        cue="according to",
    )
    return ArticleAnalysis(
        article=article,
        sentences=(Span(0, len(TEXT)),),
        entities=(Entity(Span(18, 24), "DATE"), Entity(Span(53, 64), "GPE")),
        dates=(DateMention(Span(18, 24), "2024-05-06", "day"), DateMention(Span(18, 24), None, "year")),
        places=(PlaceMention(Span(53, 64), place),),
        attributions=(outer, inner),
    )


@pytest.fixture
def analysis() -> ArticleAnalysis:
    return full_analysis()


# -- batch runs: stored articles and cheap stand-in extraction steps ---------------

BOOM = "This article makes the extractor fail."


def article(n: int, text: str, language: str | None = "en") -> Article:
    return Article(id=f"id{n}", path=f"in/{n}.txt", text=text, language=language)


def counting_steps(calls: list[str]) -> list[Step]:
    """Two cheap steps: sentences from spaCy, and a stand-in 'attributions' step that records its calls."""

    def sentences(doc, analysis):
        if analysis.article.text == BOOM:
            raise ExtractError("cannot handle this text")
        return replace(analysis, sentences=tuple(Span(s.start_char, s.end_char) for s in doc.sents))

    def attributions(doc, analysis):
        calls.append(analysis.article.id)
        return analysis

    return [Step("sentences", "sentences", (), sentences), Step("attributions", "attributions", (), attributions)]


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(batch, "default_steps", lambda: counting_steps(seen))
    return seen


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "p.db") as s:
        yield s
