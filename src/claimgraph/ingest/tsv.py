"""TSV lines (``id<TAB>first<TAB>second``) → TsvRecords, or one IngestError per bad line.

The one reader behind ``claimgraph pairs`` (id, text1, text2) and ``claimgraph stance``
(id, claim, text); the command passes its three field names, used in messages and to
recognise a header line. The rules:

- UTF-8, with or without a BOM. Bytes that are not UTF-8 are kept (surrogate escapes)
  until their line is parsed, so such a line is reported on its own and the lines
  after it are still read.
- Universal newlines: ``\\n``, ``\\r\\n`` or a lone ``\\r`` end a line; other characters
  that ``str.splitlines`` breaks on (``\\f``, ``\\x1c``, U+2028 ...) stay inside the field.
- Blank (whitespace-only) lines are skipped; they still count for line numbers.
- A line is split on its first two tabs only, so the last field may itself contain
  tabs; a line with fewer than two tabs is an error. Fields are stripped of
  surrounding whitespace and none may be empty.
- The first non-blank line is a header, and skipped, when its first field
  (case-insensitive, a leading ``#`` dropped) is a usual id-column name (``ID_HEADERS``)
  or the first field name, or when its fields are the three field names.
- ``-`` reads stdin. A file that cannot be opened or read raises IngestError naming
  it; a bad line is yielded as IngestError(``file:line``, problem) and never stops
  the rest.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import IngestError

STDIN = "-"
# Id-column names of header lines seen in public pair files (MSRP's first column is "Quality").
ID_HEADERS = frozenset({"id", "pair", "pair_id", "quality"})

Names = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class TsvRecord:
    """One good line: its id and two texts, stripped; ``line`` is its 1-based line number."""

    id: str
    first: str
    second: str
    line: int


def read_tsv(path: str, names: Names, *, stdin: BinaryIO | None = None) -> Iterator[TsvRecord | IngestError]:
    """A TSV file (``-``: stdin) → TsvRecords and per-line IngestErrors; IngestError if it cannot be opened or read."""
    if path == STDIN:
        yield from _read_binary(stdin or sys.stdin.buffer, "<stdin>", names)
        return
    with _open(path) as handle:
        yield from _read_binary(handle, path, names)


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise IngestError(path, f"cannot open: {exc.strerror or exc}") from exc


def _read_binary(handle: BinaryIO, source: str, names: Names) -> Iterator[TsvRecord | IngestError]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline=None)
    try:
        yield from parse_tsv(text, source, names)
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    finally:
        text.detach()  # the caller owns the binary stream (stdin stays open)


def parse_tsv(lines: Iterable[str], source: str, names: Names) -> Iterator[TsvRecord | IngestError]:
    """Lines → TsvRecords, or IngestError(``source:line``, problem) per bad line (see the module docstring)."""
    header_allowed = True
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t", 2)]
        if header_allowed and _is_header(fields, names):
            header_allowed = False
            continue
        header_allowed = False
        yield _record(fields, number, where, names)


def _record(fields: list[str], number: int, where: str, names: Names) -> TsvRecord | IngestError:
    """The stripped fields of one non-blank line → a TsvRecord, or an IngestError saying what is wrong."""
    try:
        "\t".join(fields).encode("utf-8")
    except UnicodeEncodeError:  # surrogate escapes: bytes that were not UTF-8
        return IngestError(where, "not valid UTF-8")
    if len(fields) != 3:
        return IngestError(where, f"expected 3 tab-separated fields ({', '.join(names)}), found {len(fields)}")
    empty = [name for name, value in zip(names, fields) if not value]
    if empty:
        return IngestError(where, f"empty {', '.join(empty)}")
    return TsvRecord(fields[0], fields[1], fields[2], number)


def _is_header(fields: list[str], names: Names) -> bool:
    first = fields[0].lower().lstrip("#")
    return first in ID_HEADERS or first == names[0].lower() or [f.lower() for f in fields] == [n.lower() for n in names]
