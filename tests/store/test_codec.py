"""store.codec: every record used by ArticleAnalysis (and the Corpus records) survives encode → JSON → decode."""

from __future__ import annotations

import json

import pytest

from claimgraph.errors import StoreError
from claimgraph.store import codec
from claimgraph.types import Article, ArticleAnalysis, Claim, Drift, DriftSide, Story


def test_article_analysis_round_trips_through_json(analysis):
    data = json.loads(json.dumps(codec.encode_analysis(analysis)))
    assert "article" not in data  # the article lives in its own table
    assert data["sentences"] == [[0, len(analysis.article.text)]]
    assert codec.decode_analysis(analysis.article, data) == analysis


def test_empty_analysis_round_trips():
    analysis = ArticleAnalysis(article=Article(id="x", path="x", text=""))
    assert codec.decode_analysis(analysis.article, codec.encode_analysis(analysis)) == analysis


@pytest.mark.parametrize(
    "record",
    [
        Story(id="s1", title="T", articles=("a", "b"), claims=("c1",), start="2024-01-01", end=None),
        Claim(id="c1", text="x", attributions=("t1",), articles=("a",), independent_origins=2, conflicts=("n",)),
        Drift(claim="c1", kind="cue weakened", source=DriftSide("a", "t1", "x", "said"),
              target=DriftSide("b", None, "y"), detail="said → claimed"),
        Article(id="a", path="p", text="t", removed=("x", "y"), published_estimated=True),
    ],
)
def test_other_records_round_trip(record):
    assert codec.decode(type(record), json.loads(json.dumps(codec.encode(record)))) == record


def test_missing_optional_fields_take_defaults_and_unknown_keys_are_ignored(analysis):
    data = codec.encode_analysis(analysis)
    del data["places"]
    data["added_in_a_later_version"] = [1, 2]
    decoded = codec.decode_analysis(analysis.article, data)
    assert decoded.places == () and decoded.entities == analysis.entities


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(sentences=[[0]]), "expected a span"),
        (lambda d: d.update(entities=[{"span": [0, 1]}]), "cannot build Entity"),
        (lambda d: d["dates"][0].update(precision="week"), "not one of"),
        (lambda d: d.update(codec=99), "unknown encoding"),
        (lambda d: d.update(entities="nope"), "expected a list"),
    ],
)
def test_malformed_data_raises_store_error_naming_the_place(analysis, mutate, message):
    data = json.loads(json.dumps(codec.encode_analysis(analysis)))
    mutate(data)
    with pytest.raises(StoreError, match=message):
        codec.decode_analysis(analysis.article, data)
