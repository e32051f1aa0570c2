"""The analysis JSON validates against the shipped JSON Schema, and its offsets point into the text."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(resources.files("claimgraph").joinpath("schema/analysis.schema.json").read_text("utf-8"))


def test_schema_is_valid(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


def test_real_output_validates(schema, seed_analysis):
    jsonschema.Draft202012Validator(schema).validate(seed_analysis)
    assert seed_analysis["schema"] == "claimgraph/analysis@1"
    assert len(seed_analysis["articles"]) == 2


def test_offsets_point_into_text(seed_analysis):
    texts = {a["id"]: a["text"] for a in seed_analysis["articles"]}
    for art in seed_analysis["articles"]:
        n = len(art["text"])
        assert art["sentences"], "every article has sentences"
        for s, e in art["sentences"]:
            assert 0 <= s < e <= n
        for ent in art["entities"]:
            assert art["text"][ent["start"]:ent["end"]] == ent["text"]
    for att in seed_analysis["attributions"]:
        text = texts[att["article"]]
        for s, e in att["content_spans"]:
            assert 0 <= s < e <= len(text)
        if att["cue_span"]:
            s, e = att["cue_span"]
            assert text[s:e] == att["cue"]


def test_bad_output_is_rejected(schema, seed_analysis):
    broken = dict(seed_analysis, articles=[{"id": "x"}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)
