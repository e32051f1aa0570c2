"""`claimgraph stance FILE.tsv`: id<TAB>claim<TAB>text lines → JSON lines {"id", "stance", "score"}."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import click

from ..errors import IngestError
from ..store.files import write_atomic

HEADER = ("id", "claim", "text")


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    claim: str
    text: str


def _open(path: str):
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise IngestError(path, f"cannot open: {exc.strerror or exc}") from exc


def parse_rows(path: str) -> Iterator[Row | IngestError]:
    """Each line → a Row, or an IngestError naming ``path:line`` and what is wrong with it."""
    fh = _open(path)
    name = "<stdin>" if path == "-" else path
    try:
        for number, raw in enumerate(fh, start=1):
            where = f"{name}:{number}"
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield IngestError(where, "not valid UTF-8")
                continue
            if not line.strip():
                continue
            fields = line.split("\t", 2)
            if number == 1 and tuple(f.strip().lower() for f in fields) == HEADER:
                continue
            if len(fields) != 3:
                yield IngestError(where, f"expected 3 tab-separated fields (id, claim, text), found {len(fields)}")
                continue
            empty = [h for h, f in zip(HEADER, fields) if not f.strip()]
            if empty:
                yield IngestError(where, f"empty {', '.join(empty)}")
                continue
            yield Row(fields[0].strip(), fields[1].strip(), fields[2].strip())
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()


@click.command("stance")
@click.argument("tsv", metavar="FILE.tsv")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
@click.option("-q", "--quiet", is_flag=True, help="no summary on stderr")
def stance_cmd(tsv: str, output: str | None, quiet: bool) -> None:
    """Stance of each text toward its claim: supports | refutes | reports | unrelated.

    FILE.tsv (or - for stdin) has lines id<TAB>claim<TAB>text, an optional header line
    "id<TAB>claim<TAB>text" first. Writes one JSON line per good line; a bad line is
    reported on stderr with its line number and the command exits 1.

    Example: claimgraph stance pairs.tsv -o stances.jsonl
    """
    rows, failures = [], 0
    for item in parse_rows(tsv):
        if isinstance(item, IngestError):
            failures += 1
            click.echo(f"claimgraph: {item}", err=True)
        else:
            rows.append(item)
    from ..assess.stance import classify_stances  # loads scikit-learn and the model: only when used

    results = classify_stances([(r.claim, r.text) for r in rows])
    out = "".join(
        json.dumps({"id": r.id, "stance": s.stance, "score": s.score}, ensure_ascii=False) + "\n"
        for r, s in zip(rows, results)
    )
    if output:
        write_atomic(output, out)
    else:
        sys.stdout.write(out)
    if not quiet:
        click.echo(f"{len(rows) + failures} read, {len(rows)} classified, {failures} failed", err=True)
    if failures:
        raise SystemExit(1)
