"""TSV reader: bytes in, TsvRecords and one ``file:line`` IngestError per bad line out."""

from __future__ import annotations

import io
import re
import sys

import pytest

from claimgraph.errors import IngestError
from claimgraph.ingest.tsv import TsvRecord, read_tsv

NAMES = ("id", "claim", "text")


def read(data: bytes, names=NAMES) -> list[TsvRecord | str]:
    """Records as they are, errors as their message (``<stdin>:line: problem``)."""
    return [str(x) if isinstance(x, IngestError) else x for x in read_tsv("-", names, stdin=io.BytesIO(data))]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # good lines, header forms, encodings and line ends
        (b"a\tb c\td\n", [TsvRecord("a", "b c", "d", 1)]),
        (b"a\tb\tc", [TsvRecord("a", "b", "c", 1)]),  # no final newline
        (b" a \t b \t c \n", [TsvRecord("a", "b", "c", 1)]),  # fields stripped
        (b"id\tclaim\ttext\na\tb\tc\n", [TsvRecord("a", "b", "c", 2)]),
        (b"ID\tClaim\tText\na\tb\tc\n", [TsvRecord("a", "b", "c", 2)]),
        (b"#id\tleft\tright\na\tb\tc\n", [TsvRecord("a", "b", "c", 2)]),
        (b"pair_id\tx\ty\na\tb\tc\n", [TsvRecord("a", "b", "c", 2)]),
        (b"\n\nid\tclaim\ttext\na\tb\tc\n", [TsvRecord("a", "b", "c", 4)]),  # header after blank lines
        (b"\xef\xbb\xbfid\tclaim\ttext\na\tb\tc\n", [TsvRecord("a", "b", "c", 2)]),  # BOM + header
        (b"\xef\xbb\xbfa\tb\tc\n", [TsvRecord("a", "b", "c", 1)]),  # BOM kept out of the id
        (b"a\tb\tc\r\nd\te\tf\r\n", [TsvRecord("a", "b", "c", 1), TsvRecord("d", "e", "f", 2)]),
        (b"a\tb\tc\rd\te\tf\r", [TsvRecord("a", "b", "c", 1), TsvRecord("d", "e", "f", 2)]),  # old Mac
        (b"a\tb\tc\n  \n\t\n\nd\te\tf\n", [TsvRecord("a", "b", "c", 1), TsvRecord("d", "e", "f", 5)]),
        (b"a\tb\tc\td\n", [TsvRecord("a", "b", "c\td", 1)]),  # a tab in the last field is kept
        ("a\tb\tS\u00e3o Paulo\u2028line\x0cfeed\n".encode(), [TsvRecord("a", "b", "S\u00e3o Paulo\u2028line\x0cfeed", 1)]),
        (b"", []),
        (b"\t \t\r\n", []),  # only tabs and spaces: a blank line
        (b"id\tclaim\ttext\n", []),  # header only
        # bad lines: each one reported with its line, the others still read
        (b"a\tb\n", ["<stdin>:1: expected 3 tab-separated fields (id, claim, text), found 2"]),
        (b"just one field\n", ["<stdin>:1: expected 3 tab-separated fields (id, claim, text), found 1"]),
        (b"a\t\tc\n", ["<stdin>:1: empty claim"]),
        (b"\tb\t\n", ["<stdin>:1: empty id, text"]),
        (b"a\tb\t \n", ["<stdin>:1: empty text"]),
        (b"a\tb\t\xff\xfe\n", ["<stdin>:1: not valid UTF-8"]),
        (b"\xe9t\xe9\tb\tc\n", ["<stdin>:1: not valid UTF-8"]),  # Latin-1, not UTF-8
        (
            b"x\tb\n\xff\tb\tc\r\na\tb\tc\n\n\t\tc\nd\te\tf",
            [
                "<stdin>:1: expected 3 tab-separated fields (id, claim, text), found 2",
                "<stdin>:2: not valid UTF-8",
                TsvRecord("a", "b", "c", 3),
                "<stdin>:5: empty id, claim",
                TsvRecord("d", "e", "f", 6),
            ],
        ),
        # not headers: a header is only recognised on the first non-blank line
        (b"a\tb\tc\nid\tclaim\ttext\n", [TsvRecord("a", "b", "c", 1), TsvRecord("id", "claim", "text", 2)]),
        (b"x\tb\nid\tclaim\ttext\n", ["<stdin>:1: expected 3 tab-separated fields (id, claim, text), found 2",
                                     TsvRecord("id", "claim", "text", 2)]),
        (b"identity\tclaim x\ttext y\n", [TsvRecord("identity", "claim x", "text y", 1)]),
    ],
)
def test_read_tsv(data, expected):
    assert read(data) == expected


def test_field_names_are_used_in_messages_and_header():
    names = ("pair", "text1", "text2")
    assert read(b"pair\ttext1\ttext2\np\tx\t\n", names) == ["<stdin>:2: empty text2"]
    assert read(b"p\tx\n", names) == ["<stdin>:1: expected 3 tab-separated fields (pair, text1, text2), found 2"]


def test_file_lines_name_the_file(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_bytes(b"id\tclaim\ttext\na\tb\tc\nbad\n")
    got = list(read_tsv(str(path), NAMES))
    assert got[0] == TsvRecord("a", "b", "c", 2)
    assert str(got[1]) == f"{path}:3: expected 3 tab-separated fields (id, claim, text), found 1"
    assert got[1].source == f"{path}:3"


@pytest.mark.parametrize("name", ["nope.tsv", "."])
def test_unopenable_file_is_one_ingest_error(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(IngestError, match=rf"^{re.escape(str(path))}: cannot open: "):
        list(read_tsv(str(path), NAMES))


def test_stdin_stays_open(monkeypatch):
    stdin = io.BytesIO(b"a\tb\tc\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
    assert list(read_tsv("-", NAMES)) == [TsvRecord("a", "b", "c", 1)]
    assert not stdin.closed
