"""Files, directories, globs and stdin through read_inputs: encodings, empty, binary, large, missing."""

from __future__ import annotations

import io

import pytest

from claimgraph import settings
from claimgraph.errors import IngestError
from claimgraph.ingest import article_id, read_inputs
from claimgraph.types import Article

ARTICLE = (
    "Talks resume in Geneva\n\n"
    "Jane Doe — Wednesday, 18 December 2024, 04:44\n\n"
    "The minister said on Monday that the plan would go ahead, despite objections from the opposition.\n\n"
    "Source: Example Agency\n\n"
    "She gave no further details about the timetable or the cost of the plan.\n\n"
    "Support Example or become our patron!"
)


def read_one(*inputs: str, **kw) -> Article | IngestError:
    items = list(read_inputs(inputs, **kw))
    assert len(items) == 1, items
    return items[0]


def test_plain_text_metadata_and_body(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = read_one(str(path))
    assert isinstance(article, Article)
    assert (article.title, article.author, article.published) == ("Talks resume in Geneva", "Jane Doe", "2024-12-18T04:44")
    assert article.published_estimated is False
    # the headline stays in the text as its first paragraph (it can carry an attribution); the byline goes
    assert article.text.startswith("Talks resume in Geneva\n\nThe minister said")
    assert "Jane Doe" not in article.text
    assert "Source: Example Agency" in article.text
    assert "patron" not in article.text and article.removed == ("Support Example or become our patron!",)
    assert article.language == "en" and article.path == str(path) and article.source_format == "text"
    assert article.id == article_id(article.text)


def test_same_content_same_id(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.md").write_text(ARTICLE.replace("\n\n", "\n\n\n"))
    a, b = read_inputs([str(tmp_path)])
    assert a.id == b.id


def test_front_matter(tmp_path):
    path = tmp_path / "fm.md"
    path.write_text(
        "---\ntitle: Given title\nauthor: [Ann One, Bob Two]\npublished: 2023-05-04\noutlet: Example Post\n"
        "url: https://example.org/x\n---\nBody of the article, which says a good deal about the plan.\n"
    )
    article = read_one(str(path))
    assert (article.title, article.author, article.published, article.outlet, article.url) == (
        "Given title", "Ann One, Bob Two", "2023-05-04", "Example Post", "https://example.org/x")
    assert article.text == "Body of the article, which says a good deal about the plan."


def test_invalid_front_matter_is_kept_as_text(tmp_path):
    path = tmp_path / "hr.md"
    path.write_text("---\n: [unclosed\n---\nThe body follows a horizontal rule, and that is all.\n")
    article = read_one(str(path))
    assert isinstance(article, Article) and "The body follows" in article.text


def test_unknown_date_stays_null_or_estimated(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("KYIV, 17 December 2024. The agency reported on 17 December 2024 that talks had stalled.")
    article = read_one(str(path))
    assert (article.published, article.published_estimated) == ("2024-12-17", True)
    path.write_text("The agency reported on 17 December that talks had stalled.\n\nIn October 2024, talks began.")
    article = read_one(str(path))
    assert (article.published, article.published_estimated) == (None, False)  # no year of its own: none
    path.write_text("The agency reported on Monday that talks had stalled in the capital city.")
    article = read_one(str(path))
    assert (article.published, article.published_estimated) == (None, False)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encodings(tmp_path, encoding):
    path = tmp_path / "legacy.txt"
    text = "Le ministre a déclaré que la réforme «coûtera cher» à l'État, selon les élus de la région — été 2023."
    path.write_bytes((text + "\n\n" + text).encode(encoding, errors="replace"))
    article = read_one(str(path))
    assert isinstance(article, Article)
    assert "déclaré" in article.text and "réforme" in article.text
    assert article.language == "fr"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty input"),
        (b"   \n\n\t ", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (bytes(range(1, 32)) * 100, "binary"),
    ],
)
def test_empty_and_binary_files(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    error = read_one(str(path))
    assert isinstance(error, IngestError) and problem in error.problem and str(path) in str(error)


def test_only_boilerplate_is_an_error(tmp_path):
    path = tmp_path / "bp.txt"
    path.write_text("Subscribe to our newsletter\nFollow us on Facebook\n")
    error = read_one(str(path))
    assert isinstance(error, IngestError) and "no article text" in error.problem


def test_missing_path_and_empty_glob(tmp_path):
    missing = read_one(str(tmp_path / "nope.txt"))
    assert isinstance(missing, IngestError) and "no such file" in missing.problem
    glob_error = read_one(str(tmp_path / "*.nothing"))
    assert isinstance(glob_error, IngestError) and "no file matches" in glob_error.problem


def test_directory_recursive_and_glob(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "one.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "deeper" / "two.txt").write_text(ARTICLE.replace("Geneva", "Vienna"))
    (tmp_path / ".hidden.txt").write_text("ignored")
    paths = [a.path for a in read_inputs([str(tmp_path)])]
    assert paths == [str(tmp_path / "one.txt"), str(tmp_path / "sub" / "deeper" / "two.txt")]
    assert [a.path for a in read_inputs([str(tmp_path / "**" / "*.txt")])] == [
        str(tmp_path / "one.txt"), str(tmp_path / "sub" / "deeper" / "two.txt")]


def test_one_bad_input_does_not_stop_the_batch(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(read_inputs([str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"), str(tmp_path / "good.txt")]))
    assert [type(i).__name__ for i in items] == ["IngestError", "IngestError", "Article"]


def test_stdin():
    article = read_one("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert article.path == "-" and article.title == "Talks resume in Geneva"


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse-free but cheap: one 50 MB write
        fh.write(b"word " * (10 * 1024 * 1024))
    assert path.stat().st_size > settings.get("file_max_bytes")
    error = read_one(str(path))
    assert isinstance(error, IngestError) and "too large" in error.problem and "20 MiB" in error.problem


def test_large_file_under_the_cap_is_read(tmp_path):
    path = tmp_path / "big.txt"
    paragraph = "The committee met again on Tuesday and discussed the budget for the coming year in detail. "
    path.write_text((paragraph * 20 + "\n\n") * 1500)  # ~2.8 MB
    article = read_one(str(path))
    assert isinstance(article, Article) and len(article.text) > 2_500_000 and article.language == "en"


def test_cap_applies_to_stdin():
    error = read_one("-", stdin=io.BytesIO(b"x" * 2000), max_bytes=1000)
    assert isinstance(error, IngestError) and "too large" in error.problem


def test_crlf_front_matter(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(b"---\r\ntitle: Windows file\r\n---\r\nA body written on Windows, with CRLF line ends.\r\n")
    article = read_one(str(path))
    assert article.title == "Windows file" and article.text == "A body written on Windows, with CRLF line ends."


def test_cap_comes_from_the_settings_table(tmp_path, monkeypatch):
    """CLAIMGRAPH_FILE_MAX_BYTES overrides the one declared cap; readers keep no cap of their own."""
    path = tmp_path / "a.txt"
    path.write_text("The minister said the plan would go ahead despite objections. " * 40)
    assert isinstance(read_one(str(path)), Article)
    monkeypatch.setenv("CLAIMGRAPH_FILE_MAX_BYTES", "1000")
    error = read_one(str(path))
    assert isinstance(error, IngestError) and "too large" in error.problem
