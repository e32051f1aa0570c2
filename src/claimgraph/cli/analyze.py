"""`claimgraph analyze PATH...`: read articles, analyse them, write the analysis."""

from __future__ import annotations

import json
import sys

import click

from ..analysis import analyze
from ..errors import IngestError
from ..ingest import read_inputs
from ..report.json import to_dict
from ..store.files import write_atomic


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
@click.option("-q", "--quiet", is_flag=True, help="no progress or summary on stderr")
def analyze_cmd(inputs: tuple[str, ...], fmt: str, output: str | None, quiet: bool) -> None:
    """Analyse articles from files, directories, globs, - (stdin), URLs or feeds."""
    articles, failures = [], []
    for item in read_inputs(inputs):
        if isinstance(item, IngestError):
            failures.append(item)
            click.echo(f"claimgraph: {item}", err=True)
        else:
            articles.append(item)
    corpus = analyze(articles)
    data = to_dict(corpus)
    rendered = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output:
        write_atomic(output, rendered)
    else:
        sys.stdout.write(rendered)
    if not quiet:
        click.echo(f"{len(articles) + len(failures)} read, {len(articles)} analysed, {len(failures)} failed", err=True)
    if failures:
        raise SystemExit(1)
