"""Thin command line over the library: parse arguments, call a function, print, exit."""

from __future__ import annotations

import os
import sys

import click

from ..errors import ClaimgraphError, UsageError
from .analyze import analyze_cmd
from .brief import brief_cmd
from .ingest import EXIT_INTERNAL, EXIT_PARTIAL, EXIT_USAGE, articles_cmd, ingest_cmd
from .match import match_cmd
from .pairs import pairs_cmd
from .stance import stance_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimgraph")
def cli() -> None:
    """claimgraph: news articles → a graph of attributed claims."""


cli.add_command(analyze_cmd)
cli.add_command(brief_cmd)
cli.add_command(ingest_cmd)
cli.add_command(articles_cmd)
cli.add_command(pairs_cmd)
cli.add_command(match_cmd)
cli.add_command(stance_cmd)


def main() -> None:
    try:
        cli.main(prog_name="claimgraph", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:  # bad options or arguments: one line, like every other error
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        click.echo(f"claimgraph: error: {exc.format_message()}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        sys.exit(130)
    except UsageError as exc:
        click.echo(f"claimgraph: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except ClaimgraphError as exc:
        click.echo(f"claimgraph: error: {exc}", err=True)
        sys.exit(EXIT_PARTIAL)
    except Exception as exc:  # a bug: one line and a distinct exit code; the traceback on request
        if os.environ.get("CLAIMGRAPH_DEBUG"):
            raise
        click.echo(f"claimgraph: internal error: {type(exc).__name__}: {exc} (a bug in claimgraph, not in the input; "
                   "what was written to a database before it is kept; CLAIMGRAPH_DEBUG=1 shows the traceback)", err=True)
        sys.exit(EXIT_INTERNAL)
