"""link.build: the composed cross-article graph over hand-built analyses, batch and incremental."""

from __future__ import annotations

import json

import pytest

from claimgraph import link
from claimgraph.link import Linker, build
from claimgraph.report.json import to_dict
from claimgraph.types import Claim

from .builders import make
from .test_relays import BODY, REPORT, REPORT_ATTS
from .test_stories import analyses as story_analyses


@pytest.fixture(autouse=True)
def no_claim_model(monkeypatch):
    """Claim alignment is tested with its own module; here a stub pairs the two copies' first sentences."""
    def align(analyses, stories, *_):
        ids = {a.article.id for a in analyses}
        return (Claim("claim-1", "bridge closes", ("orig:a1", "copy:a1"), ("orig", "copy")),) if {"orig", "copy"} <= ids else ()
    monkeypatch.setattr(link, "_align", align)


def corpus_analyses():
    report = make("rep", REPORT, orgs=("Global Energy Monitor", "GEM"), persons=("Maria Lopez",),
                  attributions=REPORT_ATTS, published="2024-05-01")
    return [*story_analyses(), report, make("orig", BODY), make("copy", BODY + " Read more.")]


def test_build_fills_stories_relations_relays_actors():
    corpus = build(corpus_analyses())
    assert len(corpus.analyses) == 9
    assert sorted(len(s.articles) for s in corpus.stories) == [1, 1, 2, 2, 3]
    assert {"orig", "copy"} <= set(next(s.articles for s in corpus.stories if "orig" in s.articles))
    assert ("copy", "copy", "orig") in [(r.kind, r.source, r.target) for r in corpus.relations]
    assert corpus.relays == {"rep": ("Global Energy Monitor",)}
    assert ("relays", "rep", "Global Energy Monitor") in [(r.kind, r.source, r.target) for r in corpus.relations]
    assert "Maria Lopez" in {a.name for a in corpus.actors}
    assert to_dict(corpus)["stories"][0]["id"] == "story-00001"
    assert next(s.claims for s in corpus.stories if "orig" in s.articles) == ("claim-1",)
    assert all(s.claims == () for s in corpus.stories if "orig" not in s.articles)


def test_build_is_deterministic():
    assert to_dict(build(corpus_analyses())) == to_dict(build(corpus_analyses()))


def test_incremental_linker_gives_the_batch_graph():
    items = corpus_analyses()
    linker = Linker()
    build(items[:4], linker)
    restored = Linker.from_state(json.loads(json.dumps(linker.to_state())))
    incremental = build(items, restored)  # the first four are already filed and are not filed again
    batch = build(items)
    assert incremental.stories == batch.stories
    assert incremental.relations == batch.relations
    assert incremental.relays == batch.relays


def test_empty_input():
    corpus = build([])
    assert (corpus.stories, corpus.relations, corpus.actors) == ((), (), ())
