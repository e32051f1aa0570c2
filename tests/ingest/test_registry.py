"""Format detection and the reader registry (built-ins and entry-point plugins)."""

from __future__ import annotations

import pytest

from claimgraph.ingest import ReadOptions, read_raw, registry
from claimgraph.ingest.inputs import RawInput
from claimgraph.types import Article


@pytest.mark.parametrize(
    ("name", "content_type", "data", "expected"),
    [
        ("a.txt", None, b"Plain words.", "text"),
        ("a.md", None, b"# Title\n\nWords.", "text"),
        ("a.html", None, b"<p>x</p>", "html"),
        ("a.htm", None, b"<p>x</p>", "html"),
        ("a.json", None, b"{}", "json"),
        ("a.jsonl", None, b"{}\n{}", "jsonl"),
        ("a.rss", None, b"<?xml version='1.0'?><rss></rss>", "feed"),
        ("a.xml", None, b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        ("a.xml", None, b"<?xml version='1.0'?><doc><p>x</p></doc>", "html"),  # XML that is no feed
        ("a.txt", None, b"<rss version='2.0'><channel></channel></rss>", "feed"),  # content beats extension
        ("/page", "text/html", b"<p>x</p>", "html"),
        ("/feed", "application/rss+xml", b"<rss></rss>", "feed"),
        ("/data", "application/json", b"[]", "json"),
        ("-", None, b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("-", None, b'[{"text": "x"}]', "json"),
        ("-", None, b"Just text.", "text"),
        ("noext", None, b"Just text.", "text"),
    ],
)
def test_detect_format(name, content_type, data, expected):
    assert registry.detect_format(RawInput(path=name, data=data, name=name, content_type=content_type)) == expected


def test_builtin_readers_are_in_the_registry():
    assert set(registry.BUILTIN_READERS) <= set(registry.readers())
    assert set(registry.EXTENSIONS.values()) <= set(registry.readers())


def _shout_reader(raw, options):
    yield Article(id="x", path=raw.path, text=raw.data.decode().upper(), source_format="shout")


class _EntryPoint:
    def __init__(self, name, obj):
        self.name, self._obj = name, obj

    def load(self):
        return self._obj


def test_plugin_reader_from_entry_point(monkeypatch):
    plugins = [_EntryPoint("shout", _shout_reader), _EntryPoint("text", _shout_reader)]
    monkeypatch.setattr(registry, "entry_points", lambda group: plugins if group == registry.ENTRY_POINT_GROUP else [])
    registry.readers.cache_clear()
    try:
        found = registry.readers()
        assert found["shout"] is _shout_reader
        assert found["text"] is registry.BUILTIN_READERS["text"]  # built-ins cannot be taken over
        (article,) = read_raw(RawInput(path="a.shout", data=b"hey", name="a.shout"), ReadOptions())
        assert article.text == "HEY" and article.source_format == "shout"
    finally:
        registry.readers.cache_clear()


def test_reader_crash_becomes_one_error(monkeypatch):
    def broken(raw, options):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    monkeypatch.setitem(registry.readers(), "text", broken)
    try:
        (error,) = read_raw(RawInput(path="a.txt", data=b"x", name="a.txt"))
        assert "a.txt" in str(error) and "boom" in error.problem
    finally:
        registry.readers.cache_clear()


def test_a_plugin_that_fails_to_load_fails_only_its_inputs(monkeypatch):
    class Broken(_EntryPoint):
        def load(self):
            raise ImportError("no module named claimgraph_warc")

    monkeypatch.setattr(registry, "entry_points", lambda group: [Broken("warc", None)])
    registry.readers.cache_clear()
    try:
        (error,) = read_raw(RawInput(path="a.warc", data=b"WARC/1.0", name="a.warc"), ReadOptions())
        assert error.source == "a.warc" and "reader plugin 'warc' could not be loaded" in error.problem
        (article,) = read_raw(RawInput(path="b.txt", data=b"Plain text still reads.", name="b.txt"), ReadOptions())
        assert isinstance(article, Article)
    finally:
        registry.readers.cache_clear()
