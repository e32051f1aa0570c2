"""`claimgraph ingest` and `claimgraph articles`: exit codes, summary line, dedup on re-run, listing, errors."""

from __future__ import annotations

import json

import pytest

from claimgraph.cli import cli
from claimgraph.cli.ingest import Progress, render_table
from claimgraph.store.batch import Analysed
from claimgraph.types import Article, ArticleAnalysis


def test_ingest_then_reingest_counts_duplicates(runner, corpus_dir, tmp_path):
    db = str(tmp_path / "p.db")
    first = runner.invoke(cli, ["ingest", str(corpus_dir), "--db", db])
    assert first.exit_code == 0, first.output
    assert first.stderr.strip().splitlines()[-1] == "2 read, 2 new, 0 duplicate, 0 failed"
    second = runner.invoke(cli, ["ingest", str(corpus_dir / "alpha.txt"), str(corpus_dir), "--db", db])
    assert second.exit_code == 0
    assert second.stderr.strip().splitlines()[-1] == "3 read, 0 new, 3 duplicate, 0 failed"


def test_a_failed_input_is_one_line_and_the_batch_goes_on(runner, corpus_dir, tmp_path):
    db = str(tmp_path / "p.db")
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(cli, ["ingest", missing, str(corpus_dir), "--db", db])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith(f"claimgraph: {missing}: ")], lines
    assert lines[-1] == "3 read, 2 new, 0 duplicate, 1 failed"
    assert "Traceback" not in result.output
    listed = json.loads(runner.invoke(cli, ["articles", "--db", db, "--format", "json"]).stdout)
    assert len(listed) == 2


def test_quiet_prints_no_summary(runner, corpus_dir, tmp_path):
    result = runner.invoke(cli, ["ingest", str(corpus_dir), "--db", str(tmp_path / "p.db"), "--quiet"])
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],  # no inputs
        ["ingest", "x.txt", "--no-such-option"],
        ["articles", "--format", "xml"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(runner, args):
    assert runner.invoke(cli, args).exit_code == 2


def test_articles_lists_in_ingestion_order(runner, corpus_dir, tmp_path):
    db = str(tmp_path / "p.db")
    runner.invoke(cli, ["ingest", str(corpus_dir / "beta.txt"), str(corpus_dir / "alpha.txt"), "--db", db])
    rows = json.loads(runner.invoke(cli, ["articles", "--db", db, "--format", "json"]).stdout)
    assert [r["path"].rsplit("/", 1)[-1] for r in rows] == ["beta.txt", "alpha.txt"]
    assert {"id", "title", "published", "language", "removed", "chars"} <= set(rows[0])
    table = runner.invoke(cli, ["articles", "--db", db]).stdout.splitlines()
    assert table[0].split()[:3] == ["id", "lang", "published"] and len(table) == 3


def test_articles_on_a_missing_or_corrupt_database(runner, tmp_path):
    missing = runner.invoke(cli, ["articles", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no such database" in missing.stderr
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 500)
    corrupt = runner.invoke(cli, ["articles", "--db", str(bad)])
    assert corrupt.exit_code == 1
    assert corrupt.stderr.startswith(f"claimgraph: error: {bad}: not a claimgraph database")
    assert "Traceback" not in corrupt.output


def test_table_marks_non_english_articles():
    rows = [{"id": "abc", "language": "de", "english": False, "published": None, "title": "T", "path": "p"}]
    assert "de*" in render_table(rows)


def test_non_english_articles_are_flagged_on_stderr(capsys):
    article = Article(id="x", path="in/de.txt", text="Hallo.", language="de")
    Progress(quiet=False, desc="t")(Analysed(ArticleAnalysis(article=article), reduced=True))
    assert "in/de.txt: language 'de', not English: attributions not extracted" in capsys.readouterr().err


def test_a_bug_is_one_line_and_exit_3_unless_debugging(monkeypatch, capsys, tmp_path):
    import claimgraph.cli as cli_module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module.cli, "main", broken)
    monkeypatch.setattr("sys.argv", ["claimgraph", "articles", "--db", str(tmp_path / "x.db")])
    monkeypatch.delenv("CLAIMGRAPH_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error: RuntimeError: boom" in err and "Traceback" not in err
    monkeypatch.setenv("CLAIMGRAPH_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        cli_module.main()
