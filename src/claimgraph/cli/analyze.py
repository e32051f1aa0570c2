"""`claimgraph analyze PATH...`: inputs → a (temporary or given) database → cached analyses → JSON or Markdown."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import click

from .. import settings
from ..errors import StoreError
from ..report.json import to_dict
from ..store import Store, check_writable, write_atomic
from ..store.batch import (
    Event,
    Tally,
    analysis_executor,
    analyze_pending,
    corpus,
    ingest,
    is_english,
)
from ..store.db import Added
from ..types import Corpus
from .ingest import F, Progress, converts_errors, finish, say


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """The given database, or a temporary one removed afterwards."""
    if db is not None:
        with Store.open(db) as store:
            yield store
        return
    with tempfile.TemporaryDirectory(prefix="claimgraph-") as tmp:
        with Store.open(os.path.join(tmp, "analyze.db")) as store:
            yield store


def analysed_corpus(
    db: str | None, inputs: tuple[str, ...], allow_private: bool, progress: Progress,
    workers: int = 1, scheduler: str = "", scope: str = "all",
) -> tuple[Tally, Corpus]:
    """Inputs (if any) → the store (given or temporary) → every pending article analysed (here, in
    ``workers`` local processes or on the Dask cluster at ``scheduler``) → the tally and corpus: of the
    whole store, or with ``scope`` "inputs" of the stories that hold the inputs' articles."""
    tally, given = Tally(), []

    def note(event: Event) -> None:
        if isinstance(event, Added):
            given.append(event.existing or event.article.id)
        progress(event)

    try:
        with open_store(db) as store:
            if inputs:
                tally = ingest(store, inputs, allow_private=allow_private, report=note)
            progress.stage("analyse")
            with analysis_executor(workers, scheduler) as pool:
                analyze_pending(store, report=progress, tally=tally, workers=pool)
            return tally, corpus(store, around=given if scope == "inputs" else None)
    finally:
        progress.close()


def summary_markdown(corpus: Corpus) -> str:
    """A short Markdown overview, used until report.brief provides the full briefing."""
    lines = ["# claimgraph analysis", "", f"{len(corpus.analyses)} article(s).", "",
             "| # | title | outlet | published | language | sentences | entities | attributions |",
             "|---|---|---|---|---|---|---|---|"]
    for i, a in enumerate(corpus.analyses, 1):
        art = a.article
        title = (art.title or art.path).replace("|", "\\|")
        lang = (art.language or "?") + ("" if is_english(art) else " (not English: no attributions)")
        lines.append(f"| {i} | {title} | {art.outlet or ''} | {art.published or ''} | {lang} | "
                     f"{len(a.sentences)} | {len(a.entities)} | {len(a.attributions)} |")
    return "\n".join(lines) + "\n"


def render(corpus: Corpus, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_dict(corpus), ensure_ascii=False, indent=2) + "\n"
    try:
        from ..report.brief import render_markdown
    except ImportError:
        return summary_markdown(corpus)
    return render_markdown(corpus)


def _writable(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Check -o when the arguments are parsed, before minutes of analysis, not after."""
    if value:
        try:
            check_writable(value)
        except StoreError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def output_option(command: F) -> F:
    return click.option(
        "-o", "--output", callback=_writable, help="write here (atomically) instead of stdout",
    )(command)


def scope_option(command: F) -> F:
    return click.option(
        "--scope", type=click.Choice(["all", "inputs"]), default="all", show_default=True,
        help="export the whole database, or only the stories that hold the given inputs (incremental runs)",
    )(command)


def workers_options(command: F) -> F:
    """--workers and --scheduler: where extraction runs (defaults from the analyze_workers and
    dask_scheduler settings)."""
    command = click.option(
        "--scheduler", default=lambda: settings.get("dask_scheduler"), metavar="ADDRESS",
        help="extract on the Dask cluster at this scheduler address (needs the dask extra)",
    )(command)
    return click.option(
        "--workers", type=click.IntRange(min=1), default=lambda: settings.get("analyze_workers"),
        help="local processes that extract in parallel (each loads spaCy, ~0.7 GB)  [default: 1]",
    )(command)


def emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


@click.command("analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True,
              help="the analysis JSON (schema claimgraph/analysis@1) or a Markdown briefing")
@output_option
@click.option("--db", "db", help="ingest into this project database and export all of it (default: a temporary one)")
@click.option("--allow-private", is_flag=True, help="allow URLs on private, loopback and link-local addresses")
@scope_option
@workers_options
@click.option("-q", "--quiet", is_flag=True, help="no progress bar or summary on stderr")
@converts_errors
def analyze_cmd(
    inputs: tuple[str, ...], fmt: str, output: str | None, db: str | None, allow_private: bool, quiet: bool,
    workers: int, scheduler: str, scope: str,
) -> None:
    """Analyse articles from files, directories, globs, - (stdin), URLs or feeds.

    The inputs are ingested into a database (a temporary one unless --db is given),
    every stored article without a current analysis is analysed and cached, and the
    whole database is exported (--scope inputs: only the stories that hold the inputs, what an
    incremental run over a large database needs). Example: claimgraph analyze examples/ -o out.json
    """
    tally, result = analysed_corpus(db, inputs, allow_private, Progress(quiet, "read"), workers, scheduler, scope)
    if not result.analyses:
        say("claimgraph: error: no article in the inputs could be analysed; nothing written")
        finish(tally, quiet, failed=True)
    emit(render(result, fmt), output)
    finish(tally, quiet)
