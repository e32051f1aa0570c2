"""`claimgraph brief`: usage errors, and the whole pipeline on the example articles (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_brief_needs_inputs_or_db():
    result = CliRunner().invoke(cli, ["brief"])
    assert result.exit_code == 2
    assert "give article PATHs or --db FILE" in result.output


def test_brief_rejects_unknown_format():
    assert CliRunner().invoke(cli, ["brief", "x.txt", "--format", "pdf"]).exit_code == 2


@pytest.mark.slow
def test_brief_of_the_examples(tmp_path):
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is missing")
    db = tmp_path / "p.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["brief", str(EXAMPLES), "--db", str(db), "--format", "json", "-q",
                                "-o", str(tmp_path / "b.json")])
    assert first.exit_code == 0, first.output
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert data["schema"] == "claimgraph/brief@1" and len(data["articles"]) == 2
    assert data["stories"][0]["takeaways"]
    texts = [t["text"] for t in data["stories"][0]["takeaways"]]
    # a state named as the source ("Kirby noted that the US had observed …") is its government, not an official
    assert any("two sources of one government (US), John Kirby and the US government" in t for t in texts), texts
    again = runner.invoke(cli, ["brief", "--db", str(db), "--format", "html", "-o", str(tmp_path / "b.html")])
    assert again.exit_code == 0, again.output
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="cg-map"' in page
    md = runner.invoke(cli, ["brief", "--db", str(db), "--story", "nope"])
    assert md.exit_code == 1 and "story 'nope' not found" in md.output
