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


def _tree(body: str):
    import lxml.html

    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("body", "meta_author", "sitename", "expected"),
    [
        # no metadata author: a byline element opening with "By" is taken, up to its date
        ('<div data-testid="prism-byline"><span>By</span><a>Alex Roe</a><span>Thursday, May 9, 2023 4:41AM</span></div>',
         None, None, "Alex Roe"),
        ('<p class="article-byline">Von Jana Berg</p>', None, None, "Jana Berg"),
        # the byline regroups the metadata names and drops a reading time the metadata carried along
        ('<div class="byline | isText">Ana Caro, Luis Soto y Eva Paz</div>',
         "Ana Caro; Luis Soto y Eva Paz Tiempo de lectura", None, "Ana Caro, Luis Soto y Eva Paz"),
        ('<div class="byline">Rob Roe, CNN</div>', "Rob Roe; CNN", "CNN", "Rob Roe"),  # site part dropped
        # negative rows
        ('<div class="byline">Tom Lee Education editor</div>', "Tom Lee", None, None),  # job title not in metadata
        ('<div class="byline">Tom Lee</div>', "Tom Lee; Kim Park", None, None),  # misses a metadata name
        ('<div class="byline">The Daily Planet</div>', None, None, None),  # no "By": a label, not a byline
        ('<div class="byline">Byron Street closed</div>', None, None, None),
        ('<div class="comments"><p class="byline">By Joe Reader</p></div>', None, None, None),  # a comment
        ('<aside><p class="byline">By Ann Other</p></aside>', None, None, None),  # a sidebar teaser
        ('<div class="byline">By ' + "Name " * 14 + "</div>", None, None, None),  # a sentence, not names
    ],
)
def test_visible_byline(body, meta_author, sitename, expected):
    from claimgraph.ingest.byline import visible_byline

    assert visible_byline(_tree(body), meta_author, sitename) == expected


@pytest.mark.parametrize(
    ("body", "author", "expected"),
    [
        ('<div class="comment-author-link">Bill Reader</div><p>Text</p>', "Bill Reader", None),
        ('<ol id="comments"><li>Bill Reader</li></ol><p class="by">Jo Writer</p>', "Jo Writer; Bill Reader", "Jo Writer"),
        # negative rows: the name is also (or only) outside comments, or only in metadata
        ('<div class="commentary"><p>Ingo Arzt</p></div>', "Ingo Arzt", "Ingo Arzt"),  # an opinion piece
        ('<p>Jo Writer</p><div class="comments">Jo Writer</div>', "Jo Writer", "Jo Writer"),
        ("<p>Text</p>", "Jo Writer", "Jo Writer"),
    ],
)
def test_drop_comment_authors(body, author, expected):
    from claimgraph.ingest.byline import drop_comment_authors

    assert drop_comment_authors(_tree(body), author) == expected


@pytest.mark.parametrize(
    ("name", "sitename", "hostname", "expected"),
    [
        ("Adam Roe PhillyVoice Staff", "PhillyVoice", "phillyvoice.com", "Adam Roe"),
        ("Mary Jane Smith Staff Writer", "Example News", "example.com", "Mary Jane Smith"),
        ("Tom Lee, Reporter", None, "example.com", "Tom Lee"),
        # negative rows: a lone desk name, or a surname that is not the outlet
        ("Staff", "Example News", "example.com", "Staff"),
        ("Pioneer Press Staff", "Pioneer Press", "twincities.com", "Pioneer Press Staff"),
        ("Jane Doe", "Example News", "example.com", "Jane Doe"),
    ],
)
def test_strip_role(name, sitename, hostname, expected):
    from claimgraph.ingest.byline import strip_role

    assert strip_role(name, sitename, hostname) == expected


@pytest.mark.parametrize(
    ("text", "author", "expected"),
    [
        ("Hamburg (dpa/lno) – Der Senat hat am Samstag beschlossen.", None, "dpa/lno"),
        ("WASHINGTON (AP) — The Senate voted on Tuesday.", None, "AP"),
        ("Kim ist zurück.\nDas meldete die Agentur. (FR mit dpa)\n*Hinweis der Redaktion", "Redaktion", "FR mit dpa"),
        # negative rows: a named author wins; a broadcaster's own call sign; a credit mid-text
        ("Hamburg (dpa) – Der Senat hat beschlossen.", "Jana Berg", None),
        ("HOUSTON, Texas (KTRK) -- A business said.", None, None),
        ("Er sagte (laut dpa) etwas.\nDann folgte mehr Text.\n" + "Absatz.\n" * 5, None, None),
    ],
)
def test_wire_credit(text, author, expected):
    from claimgraph.ingest.byline import wire_credit

    assert wire_credit(text, author) == expected
