"""`claimgraph ingest PATH... --db FILE` and `claimgraph articles`: inputs → the project database → a listing.

Also the batch plumbing the batch commands share: the progress bar and the one-line
messages on stderr, and the conversion of library errors into an exit code.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from tqdm import tqdm

from .. import settings
from ..errors import ClaimgraphError, IngestError, UsageError
from ..store import Store
from ..store.batch import Analysed, AnalysisFailed, Event, Tally, ingest, is_english
from ..store.db import Added

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])


def say(message: str) -> None:
    """One line on stderr, written around the progress bar when there is one."""
    tqdm.write(message, file=sys.stderr)


def converts_errors(command: F) -> F:
    """Library errors raised by a command → one ``claimgraph: error: …`` line and exit 1 (usage errors: 2)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UsageError as exc:
            say(f"claimgraph: error: {exc}")
            sys.exit(EXIT_USAGE)
        except ClaimgraphError as exc:
            say(f"claimgraph: error: {exc}")
            sys.exit(EXIT_PARTIAL)

    return wrapper  # type: ignore[return-value]


class Progress:
    """Reports batch events on stderr: a progress bar on a terminal, one line per failure.

    A class rather than a function because it owns the tqdm bar for the whole batch.
    """

    def __init__(self, quiet: bool, desc: str) -> None:
        self.quiet = quiet
        self.bar = tqdm(desc=desc, unit=" art", file=sys.stderr, leave=False,
                        disable=quiet or not sys.stderr.isatty())

    def __call__(self, event: Event) -> None:
        if isinstance(event, IngestError):
            say(f"claimgraph: {event}")
        elif isinstance(event, AnalysisFailed):
            say(f"claimgraph: {event.article.path}: {event.problem}")
        elif isinstance(event, Analysed) and event.reduced and not self.quiet:
            article = event.analysis.article
            say(f"claimgraph: {article.path}: language {article.language!r}, not English: attributions not extracted")
        if isinstance(event, (Added, Analysed)):
            self.bar.update(1)

    def stage(self, desc: str) -> None:
        self.bar.reset()
        self.bar.set_description(desc)

    def close(self) -> None:
        self.bar.close()


def finish(tally: Tally, quiet: bool, failed: bool = False) -> None:
    """Print the summary line (unless quiet) and exit 0 when all went well, else 1."""
    if not quiet:
        say(tally.summary())
    if tally.analysis_failed:
        say(f"claimgraph: {tally.analysis_failed} article(s) could not be analysed")
    sys.exit(EXIT_OK if tally.ok and not failed else EXIT_PARTIAL)


def db_option(command: F) -> F:
    return click.option(
        "--db", "db", default=lambda: str(settings.get("db")), show_default="$CLAIMGRAPH_DB or claimgraph.db",
        help="project database: SQLite file (created on first use) or SQLAlchemy URL",
    )(command)


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--allow-private", is_flag=True, help="allow URLs on private, loopback and link-local addresses")
@click.option("-q", "--quiet", is_flag=True, help="no progress bar or summary on stderr")
@converts_errors
def ingest_cmd(inputs: tuple[str, ...], db: str, allow_private: bool, quiet: bool) -> None:
    """Store articles from files, directories, globs, - (stdin), URLs or feeds in the project database.

    An article already stored (same normalised content or same URL) is counted as a
    duplicate and not stored again. Example: claimgraph ingest news/ --db project.db
    """
    progress = Progress(quiet, "ingest")
    try:
        with Store.open(db) as store:
            tally = ingest(store, inputs, allow_private=allow_private, report=progress)
    finally:
        progress.close()
    finish(tally, quiet)


def article_row(store_article: Any) -> dict[str, Any]:
    a = store_article
    return {
        "id": a.id, "path": a.path, "url": a.url, "title": a.title, "author": a.author, "outlet": a.outlet,
        "published": a.published, "published_estimated": a.published_estimated, "language": a.language,
        "english": is_english(a), "format": a.source_format, "chars": len(a.text), "removed": list(a.removed),
    }


def _clip(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(rows: list[dict[str, Any]]) -> str:
    columns = (("id", 16), ("language", 4), ("published", 25), ("title", 48), ("path", 40))
    lines = ["  ".join(f"{name[:4] if name == 'language' else name:<{w}}" for name, w in columns).rstrip()]
    for row in rows:
        mark = "" if row["english"] else "*"
        cells = [_clip(row[name], w) + (mark if name == "language" else "") for name, w in columns]
        lines.append("  ".join(f"{c:<{w}}" for c, (_, w) in zip(cells, columns)).rstrip())
    return "\n".join(lines) + "\n"


@click.command("articles")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="a fixed-width table, or a JSON list of article metadata")
@converts_errors
def articles_cmd(db: str, fmt: str) -> None:
    """List the articles stored in the project database, in ingestion order.

    A language marked * is not English: those articles are stored and exported but
    their attributions are not extracted. Example: claimgraph articles --db project.db --format json
    """
    with Store.open(db, create=False) as store:
        rows = [article_row(a) for a in store.articles()]
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_table(rows))
    other = sum(not r["english"] for r in rows)
    if other:
        say(f"claimgraph: {other} article(s) not in English (*): attributions are not extracted for them")
