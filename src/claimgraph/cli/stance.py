"""`claimgraph stance FILE.tsv`: id<TAB>claim<TAB>text lines → JSON lines {"id", "stance", "score"}."""

from __future__ import annotations

import json
import sys

import click

from ..errors import IngestError
from ..ingest.tsv import read_tsv
from ..store.files import write_atomic

FIELDS = ("id", "claim", "text")


@click.command("stance")
@click.argument("tsv", metavar="FILE.tsv")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
@click.option("-q", "--quiet", is_flag=True, help="no summary on stderr")
def stance_cmd(tsv: str, output: str | None, quiet: bool) -> None:
    """Stance of each text toward its claim: supports | refutes | reports | unrelated.

    FILE.tsv (or - for stdin) has lines id<TAB>claim<TAB>text, an optional header line
    "id<TAB>claim<TAB>text" first; a tab inside the text is kept. Writes one JSON line
    per good line; a bad line is reported on stderr with its line number and the
    command exits 1.

    Example: claimgraph stance pairs.tsv -o stances.jsonl
    """
    rows, failures = [], 0
    for item in read_tsv(tsv, FIELDS):
        if isinstance(item, IngestError):
            failures += 1
            click.echo(f"claimgraph: {item}", err=True)
        else:
            rows.append(item)
    from ..assess.stance import classify_stances  # loads scikit-learn and the model: only when used

    results = classify_stances([(r.first, r.second) for r in rows])
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
