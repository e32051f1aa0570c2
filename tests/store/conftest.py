"""Fixtures for the store tests: a hand-built ArticleAnalysis that uses every record type."""

from __future__ import annotations

import pytest

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
