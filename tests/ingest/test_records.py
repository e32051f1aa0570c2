"""JSON and JSONL records → Articles; one bad record → one error."""

from __future__ import annotations

import json

from claimgraph.errors import IngestError
from claimgraph.ingest import read_inputs
from claimgraph.types import Article

TEXT = "The city council approved the plan on Wednesday after a long debate about its cost and timing."


def test_jsonl_with_bad_records(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": TEXT, "title": "Plan approved", "author": "Ann One", "date": "2023-05-04",
                    "url": "https://example.org/a", "source": "Example Post"}),
        "{not json",
        json.dumps({"title": "no body"}),
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"html": "<html><body><article><p>" + TEXT * 3 + "</p></article></body></html>"}),
    ]
    path.write_text("\n".join(lines))
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "IngestError", "IngestError", "Article"]
    first = items[0]
    assert (first.title, first.author, first.published, first.url, first.outlet) == (
        "Plan approved", "Ann One", "2023-05-04", "https://example.org/a", "Example Post")
    assert first.path == str(path) and first.source_format == "json"
    assert "line 2" in str(items[1]) and "invalid JSON" in items[1].problem
    assert "line 3" in str(items[2]) and '"text" or "html"' in items[2].problem
    assert "line 5" in str(items[3])
    assert items[4].source_format == "html" and "city council" in items[4].text


def test_json_list_and_object(tmp_path):
    listing = tmp_path / "list.json"
    listing.write_text(json.dumps([{"text": TEXT, "published": "2023-05-04T10:00:00Z"}, {"text": 5}]))
    items = list(read_inputs([str(listing)]))
    assert isinstance(items[0], Article) and items[0].published == "2023-05-04T10:00+00:00"
    assert isinstance(items[1], IngestError) and "record 2" in str(items[1])
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"articles": [{"text": TEXT, "authors": ["A B", "C D"]}]}))
    (article,) = read_inputs([str(single)])
    assert article.author == "A B, C D"


def test_invalid_json_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated')
    (error,) = read_inputs([str(path)])
    assert isinstance(error, IngestError) and "invalid JSON" in error.problem
