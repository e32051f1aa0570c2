"""The brief as data: citations, takeaways, relay graph, timeline, map."""

from __future__ import annotations

import json

import pytest

from claimgraph.errors import ReportError
from claimgraph.report.brief import build


@pytest.fixture(scope="module")
def brief(assessed):
    return build(assessed)


def test_every_citation_resolves(brief):
    articles = {a["id"] for a in brief["articles"]}
    (story,) = brief["stories"]
    assert story["takeaways"]
    for t in story["takeaways"]:
        assert t["cites"], t["text"]
        for c in t["cites"]:
            assert c["article"] in articles
            assert c["attribution"] is None or c["attribution"] in brief["attributions"]


def test_takeaways_say_relay_support_and_dropped_attribution(brief):
    texts = [t["text"] for t in brief["stories"][0]["takeaways"]]
    assert texts[0].startswith("Articles A and B both relay one source, Institute for the Study of War")
    assert any("confirmed by two officials of one government (US), John Kirby and Patrick Ryder" in t for t in texts)
    assert any(t.startswith("Article B states as fact “As of now, Russian officials") and "attribution is dropped" in t
               for t in texts)
    assert any("single-source" in t for t in texts)


def test_relay_graph_chains_outlet_relay_and_inner_source(brief):
    graph = brief["stories"][0]["relay_graph"]
    edges = {(e["from"], e["to"]) for e in graph["edges"]}
    assert ("source:Institute for the Study of War", "article:a") in edges
    assert ("source:John Kirby", "source:Institute for the Study of War") in edges
    made_by = {(e["from"], e["to"]): e["articles"] for e in graph["edges"]}
    assert made_by[("source:Institute for the Study of War", "article:a")] == ["a"]


def test_timeline_is_sorted_and_separates_said_from_published(brief):
    entries = brief["stories"][0]["timeline"]
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    kinds = {(e["date"], e["kind"]) for e in entries}
    assert ("2024-12-16", "said") in kinds and ("2024-12-18", "published") in kinds


def test_map_is_geojson(brief):
    geo = brief["stories"][0]["map"]
    assert geo["type"] == "FeatureCollection"
    names = {f["properties"]["name"]: f["geometry"]["coordinates"] for f in geo["features"]}
    assert names["Moscow"] == [37.62, 55.75]


def test_deterministic_and_json_ready(assessed):
    assert json.dumps(build(assessed), sort_keys=True) == json.dumps(build(assessed), sort_keys=True)


def test_story_filter(assessed):
    assert [s["id"] for s in build(assessed, "s1")["stories"]] == ["s1"]
    with pytest.raises(ReportError, match="story 'nope' not found"):
        build(assessed, "nope")


def test_a_lone_article_s_takeaways_follow_its_order_and_put_fragments_and_faceless_sources_last(corpus_of):
    """Claims of one article, one source each: the lead statement first, then in text order; a fragment ("about the
    project") and a claim no one is named for ("We cover …") after them, whatever their ids."""
    from claimgraph.assess import assess

    text = ("The county board approved a plan for a resort on the lake on Tuesday, officials said. "
            "Officials spoke about the project. We cover news items that need no author, we said. "
            "Steve Lederer said the resort would be far smaller than the old one.")
    corpus = corpus_of(
        {"A": (text, [
            ("a1", "officials", "said", "The county board approved a plan for a resort on the lake on Tuesday", {}),
            ("a2", "Officials", "spoke", "about the project", {}),
            ("a3", "We", "said", "We cover news items that need no author", {"kind": "unnamed"}),
            ("a4", "Steve Lederer", "said", "the resort would be far smaller than the old one", {}),
        ])},
        [("c-z", "The county board approved a plan for a resort on the lake on Tuesday", ("a1",)),
         ("c-a", "about the project", ("a2",)),
         ("c-b", "We cover news items that need no author", ("a3",)),
         ("c-c", "the resort would be far smaller than the old one", ("a4",))])
    story = build(assess(corpus))["stories"][0]
    assert [c["id"] for c in story["claims"]] == ["c-z", "c-c", "c-b", "c-a"]
    assert story["takeaways"][0]["text"].startswith("The county board approved a plan")
