"""The docs are tested like code: every command has help and a README example; the README settings table is current."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from claimgraph import settings
from claimgraph.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands.items())


def readme_examples(command: str) -> list[list[str]]:
    """The README lines that run ``claimgraph <command>``, as argument lists (comments dropped)."""
    lines = re.findall(rf"^claimgraph {re.escape(command)}\b.*$", README, flags=re.MULTILINE)
    return [shlex.split(line, comments=True)[2:] for line in lines]


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help(name, command):
    assert command.help and len(command.help.strip()) > 20, f"claimgraph {name} has no help text"
    assert "Example: claimgraph " + name in " ".join(command.help.split()), f"{name}: no example in its help"
    undocumented = [p.opts for p in command.params if isinstance(p, click.Option) and not p.help]
    assert not undocumented, f"claimgraph {name}: options without help: {undocumented}"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_a_readme_example_with_real_options(name, command):
    examples = readme_examples(name)
    assert examples, f"README.md has no `claimgraph {name} …` example line"
    known = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    for args in examples:
        used = {a.split("=", 1)[0] for a in args if a.startswith("-") and a != "-"}
        assert used <= known, f"README example of claimgraph {name} uses unknown options {used - known}"


def test_readme_settings_table_is_the_settings_table():
    assert settings.as_markdown() in README, (
        "README.md's settings table is out of date; paste the output of "
        "python -c 'from claimgraph import settings; print(settings.as_markdown())'"
    )
