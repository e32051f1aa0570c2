"""RSS/Atom feeds: full-text entries, linked entries fetched, a bad entry → one error."""

from __future__ import annotations

from claimgraph.errors import IngestError
from claimgraph.ingest import read_inputs
from claimgraph.types import Article

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Local Wire</title>
  <entry><title>Bridge approved</title><link href="{base}/bridge"/><id>1</id>
    <published>2023-05-04T07:30:00Z</published><summary>Short teaser.</summary></entry>
  <entry><title>Dead link</title><link href="{base}/missing"/><id>2</id><summary>Teaser.</summary></entry>
</feed>"""


def test_rss_with_full_content_and_bad_entry(fixtures):
    items = list(read_inputs([str(fixtures / "feed.xml")]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError"]
    article, error = items
    assert article.title == "Council approves new bridge over the river"
    assert article.url == "https://gazette.example/bridge" and article.outlet == "Riverside Gazette"
    assert article.published == "2023-05-04T07:30+00:00" and article.source_format == "feed"
    assert "pedestrian bridge" in article.text and "\n\n" in article.text
    assert "entry 2" in str(error) and "neither full text nor a link" in error.problem


def test_atom_entries_fetched_from_links(server, fixtures, tmp_path):
    base, routes = server
    routes["/bridge"] = (200, {"Content-Type": "text/html"}, (fixtures / "article.html").read_bytes())
    feed = tmp_path / "wire.atom"
    feed.write_text(ATOM.format(base=base))
    items = list(read_inputs([str(feed)], allow_private=True))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError"]
    assert items[0].title == "Bridge approved" and "pedestrian bridge" in items[0].text
    assert items[0].published == "2023-05-04T07:30+00:00" and items[0].source_format == "feed"
    assert "entry 2" in str(items[1]) and "HTTP 404" in items[1].problem


def test_feed_served_over_http_is_detected_by_content(server):
    base, routes = server
    routes["/feed"] = (200, {"Content-Type": "application/xml"}, ATOM.format(base=base).encode())
    items = list(read_inputs([base + "/feed"], allow_private=True))
    assert len(items) == 2 and all(isinstance(i, IngestError) for i in items[1:])


def test_broken_feed(tmp_path):
    path = tmp_path / "bad.rss"
    path.write_text("<rss><channel><title>x</title></channel></rss>")
    (error,) = read_inputs([str(path)])
    assert isinstance(error, IngestError) and ("no entries" in error.problem or "not a readable feed" in error.problem)


def test_feed_articles_are_articles(fixtures):
    article = next(iter(read_inputs([str(fixtures / "feed.xml")])))
    assert isinstance(article, Article) and article.language == "en"
