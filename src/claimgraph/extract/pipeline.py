"""Articles → ArticleAnalysis: runs the registered per-article steps over one spaCy parse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..errors import ExtractError
from ..types import Article, ArticleAnalysis
from .nlp import parse


@dataclass(frozen=True, slots=True)
class Step:
    """One enrichment of an ArticleAnalysis, given the article's spaCy Doc.

    ``provides`` names the ArticleAnalysis field the step fills; ``requires``
    the fields that must be filled before it runs.
    """

    name: str
    provides: str
    requires: tuple[str, ...]
    run: Callable[[object, ArticleAnalysis], ArticleAnalysis]


def default_steps() -> list[Step]:
    """The built-in steps, in dependency order."""
    from . import attributions, dates, entities, places

    return [
        Step("entities", "entities", (), entities.run),
        Step("dates", "dates", ("entities",), dates.run),
        Step("places", "places", ("entities",), places.run),
        Step("attributions", "attributions", ("entities", "dates"), attributions.run),
    ]


def check_order(steps: list[Step]) -> None:
    done: set[str] = set()
    for step in steps:
        missing = [r for r in step.requires if r not in done]
        if missing:
            raise ExtractError(f"step {step.name!r} requires {missing} but no earlier step provides them")
        done.add(step.provides)


def analyze_articles(articles: Iterable[Article], steps: list[Step] | None = None) -> Iterator[ArticleAnalysis]:
    """Parse articles with one ``nlp.pipe`` pass and run every step on each Doc."""
    steps = default_steps() if steps is None else steps
    check_order(steps)
    articles = list(articles)
    for article, doc in zip(articles, parse(a.text for a in articles)):
        analysis = ArticleAnalysis(article=article)
        for step in steps:
            analysis = step.run(doc, analysis)
            if not isinstance(analysis, ArticleAnalysis):
                raise ExtractError(f"step {step.name!r} returned {type(analysis).__name__}, not ArticleAnalysis")
        yield analysis
