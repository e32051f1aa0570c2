"""HTML files → Article through trafilatura/htmldate; broken HTML; title choice."""

from __future__ import annotations

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.html import choose_title
from claimgraph.types import Article


def test_html_file(fixtures):
    (article,) = read_inputs([str(fixtures / "article.html")])
    assert isinstance(article, Article)
    assert article.title == "Council approves new bridge over the river"
    assert article.author == "Maria Lopez"
    assert article.published == "2023-05-04T09:30+02:00"
    assert article.outlet == "Riverside Gazette"
    assert article.source_format == "html" and article.language == "en"
    assert "pedestrian bridge" in article.text and "Thomas Berg" in article.text
    assert "Sport" not in article.text and "newsletter" not in article.text


def test_broken_html_still_yields_text(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><head><title>Storm hits coast</title><body><div><p>The storm reached the coast on Sunday night, "
        "cutting power to thousands of homes and closing the main road for hours.<p>Officials said repairs "
        "would take several days and urged residents to stay indoors <b>until further notice</i></div"
    )
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and "cutting power" in article.text
    assert article.published is None  # no date anywhere: none invented


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (error,) = read_inputs([str(path)])
    assert isinstance(error, IngestError) and "no article text" in error.problem


@pytest.mark.parametrize(
    ("meta", "headings", "expected"),
    [
        ("Bridge approved | Riverside Gazette", ["Bridge approved"], "Bridge approved"),  # site name dropped
        ("Politics: Bridge approved", ["Bridge approved"], "Bridge approved"),  # kicker dropped
        ("Bridge approved", ["Local News | Bridge approved"], "Bridge approved"),  # h1 only adds a section
        ("Council votes for bridge", ["The council votes for the new bridge"], "The council votes for the new bridge"),
        ("Bridge approved", ["Newsletter sign-up", "Weather"], "Bridge approved"),  # unrelated h1s ignored
        ("Bridge approved", [], "Bridge approved"),
        (None, ["X", "Bridge approved"], "Bridge approved"),
        (None, [], None),
    ],
)
def test_choose_title(meta, headings, expected):
    assert choose_title(meta, headings) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<h1><span class="kicker">Climate</span><span class="sr">: </span><span class="article__title">Drill deep</span></h1>',
         "Drill deep"),
        ('<h1><span class="dachzeile">Leak</span> <span class="headline">Data stolen</span></h1>', "Data stolen"),
        ('<h1><span class="overline">Leak</span>: Data stolen</h1>', "Data stolen"),
        ("<h1>Plain <em>headline</em> here</h1>", "Plain headline here"),
        ('<h1><span class="subtitle-x">Not a title class</span> text</h1>', "Not a title class text"),
    ],
)
def test_heading_text(markup, expected):
    import lxml.html

    from claimgraph.ingest.html import heading_text

    assert heading_text(lxml.html.fragment_fromstring(markup)) == expected


@pytest.mark.parametrize(
    ("author", "sitename", "expected"),
    [
        ("Rob Picheta; CNN", "CNN", "Rob Picheta"),
        ("Tagesschau De", "tagesschau.de", None),  # the site is the outlet, not the author
        ("No Author", None, None),
        ("Staff; News Service Reports", "Pioneer Press", "Staff; News Service Reports"),
        ("Jane Doe", "Example News", "Jane Doe"),
        (None, "Example News", None),
    ],
)
def test_clean_author(author, sitename, expected):
    from claimgraph.ingest.html import clean_author

    assert clean_author(author, sitename) == expected
