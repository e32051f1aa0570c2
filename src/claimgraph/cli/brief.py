"""`claimgraph brief PATH... | --db FILE [--story ID] --format md|html|json [-o FILE]`: articles → the brief."""

from __future__ import annotations

import json

import click

from ..errors import UsageError
from ..report import brief as briefing
from .analyze import analysed_corpus, emit, output_option, scope_option, workers_options
from .ingest import Progress, converts_errors, finish, say


def render(data: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from ..report.html import render as render_html

        return render_html(data)
    from ..report.markdown import render as render_md

    return render_md(data)


@click.command("brief")
@click.argument("inputs", nargs=-1)
@click.option("--db", "db", help="brief what this project database holds (plus any PATHs given, ingested into it)")
@click.option("--story", "story", help="only this story (an id from the analysis JSON's stories)")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
              help="Markdown, a self-contained HTML page (timeline and map), or the brief as JSON")
@output_option
@click.option("--allow-private", is_flag=True, help="allow URLs on private, loopback and link-local addresses")
@scope_option
@workers_options
@click.option("-q", "--quiet", is_flag=True, help="no progress bar or summary on stderr")
@converts_errors
def brief_cmd(inputs: tuple[str, ...], db: str | None, story: str | None, fmt: str, output: str | None,
              allow_private: bool, scope: str, workers: int, scheduler: str, quiet: bool) -> None:
    """Brief an analyst on articles: cited takeaways, support, stance, drift, relays, timeline and map.

    Reads PATHs (files, directories, globs, -, URLs, feeds) like `analyze`, or the articles
    already in --db. Example: claimgraph brief examples/ --format html -o brief.html
    """
    if not inputs and not db:
        raise UsageError("give article PATHs or --db FILE")
    tally, result = analysed_corpus(db, inputs, allow_private, Progress(quiet, "read"), workers, scheduler, scope)
    if not result.analyses:
        say("claimgraph: error: no analysed article to brief; nothing written")
        finish(tally, quiet, failed=True)
    emit(render(briefing.build(result, story), fmt), output)
    if inputs:
        finish(tally, quiet)
