"""`claimgraph analyze`: JSON/Markdown export, -o atomic write, stdin, --db cache, exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimgraph.cli import cli
from claimgraph.store import Store
from claimgraph.store.batch import extractor_version


def run_main(*args: str) -> subprocess.CompletedProcess:
    """The installed entry point's code path (``claimgraph.cli.main``) in a fresh process."""
    code = "from claimgraph.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)


def test_analyze_writes_the_json_atomically_to_o(runner, corpus_dir, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("old content")
    result = runner.invoke(cli, ["analyze", str(corpus_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == "2 read, 2 new, 0 duplicate, 0 failed"
    data = json.loads(out.read_text())
    assert data["schema"] == "claimgraph/analysis@1"
    assert len(data["articles"]) == 2 and all(a["sentences"] for a in data["articles"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news", "out.json"]  # no temporary file left


def test_duplicate_inputs_are_exported_once_and_failures_exit_1(runner, corpus_dir, tmp_path):
    alpha = str(corpus_dir / "alpha.txt")
    result = runner.invoke(cli, ["analyze", alpha, alpha, str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["articles"]) == 1
    assert result.stderr.strip().splitlines()[-1] == "3 read, 1 new, 1 duplicate, 1 failed"


def test_nothing_readable_exits_1_and_writes_nothing(runner, tmp_path):
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["analyze", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "nothing written" in result.stderr


def test_unwritable_output_is_one_clear_line_before_any_work(corpus_dir, tmp_path):
    """-o is checked when the options are parsed (a usage error, exit 2), not after minutes of analysis."""
    target = tmp_path / "no-such-dir" / "out.json"
    for command in ("analyze", "brief"):
        result = run_main(command, str(corpus_dir), "-o", str(target), "-q")
        assert result.returncode == 2
        assert result.stderr == (
            f"claimgraph: error: Invalid value for '-o' / '--output': {target}: cannot write: "
            f"directory {target.parent} does not exist (see 'claimgraph {command} --help')\n"
        )
    result = run_main("analyze", str(corpus_dir), "-o", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args, problem",
    [
        (["analyze"], "Missing argument 'INPUTS...'"),
        (["ingest", "x.txt", "--bogus"], "No such option '--bogus'"),
        (["articles", "--format", "xml"], "Invalid value for '--format'"),
        (["no-such-command"], "No such command 'no-such-command'"),
    ],
)
def test_usage_errors_through_the_entry_point_are_one_line(args, problem):
    result = run_main(*args)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("claimgraph: error: ") and problem in line and "--help" in line


def test_analyze_reads_stdin(runner):
    result = runner.invoke(cli, ["analyze", "-", "-q"], input="Rain falls\n\nIt rained all day in the valley.\n")
    assert result.exit_code == 0, result.output
    (article,) = json.loads(result.stdout)["articles"]
    assert "It rained all day" in article["text"]


def test_analyze_with_db_caches_analyses_and_exports_everything_stored(runner, corpus_dir, tmp_path):
    db = str(tmp_path / "p.db")
    first = runner.invoke(cli, ["analyze", str(corpus_dir / "alpha.txt"), "--db", db, "-q"])
    assert first.exit_code == 0
    second = runner.invoke(cli, ["analyze", str(corpus_dir / "beta.txt"), "--db", db, "-q"])
    assert len(json.loads(second.stdout)["articles"]) == 2
    with Store.open(db) as store:
        assert set(store.analysis_versions().values()) == {extractor_version()}
        assert len(store.get_analyses()) == 2


def test_markdown_format(runner, corpus_dir):
    result = runner.invoke(cli, ["analyze", str(corpus_dir), "--format", "md", "-q"])
    assert result.exit_code == 0
    assert result.stdout.lstrip().startswith("#") and "Storm closes harbour" in result.stdout


def test_entry_point_exit_codes_and_messages(corpus_dir, tmp_path):
    assert run_main("analyze").returncode == 2  # no inputs
    assert run_main("analyze", str(corpus_dir), "--format", "xml").returncode == 2
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all\n" * 100)
    corrupt = run_main("analyze", str(corpus_dir), "--db", str(bad))
    assert corrupt.returncode == 1
    assert corrupt.stderr.strip() == (
        f"claimgraph: error: {bad}: not a claimgraph database (file is not a database); give another --db file"
    )


def test_scope_inputs_exports_only_the_stories_of_the_inputs(runner, corpus_dir, tmp_path):
    db = str(tmp_path / "p.db")
    (corpus_dir / "gamma.txt").write_text(
        "Harbour stays closed after storm\n\nThe harbour stayed closed on Wednesday after the storm that hit on "
        "Tuesday, harbour officials said.\n", encoding="utf-8")
    everything = runner.invoke(cli, ["analyze", str(corpus_dir), "--db", db, "-q"])
    assert everything.exit_code == 0, everything.output
    full = json.loads(everything.stdout)
    story_of = {a: s["id"] for s in full["stories"] for a in s["articles"]}
    one = next(a for a in full["articles"] if a["path"].endswith("alpha.txt"))
    scoped = runner.invoke(cli, ["analyze", str(corpus_dir / "alpha.txt"), "--db", db, "-q", "--scope", "inputs"])
    assert scoped.exit_code == 0, scoped.output
    part = json.loads(scoped.stdout)
    assert [s["id"] for s in part["stories"]] == [story_of[one["id"]]]
    assert {a["id"] for a in part["articles"]} == {a for a, s in story_of.items() if s == story_of[one["id"]]}
    assert len(part["articles"]) == 2 < len(full["articles"])  # alpha and gamma tell one story
    # the same story, claims and attributions as in the full export
    same = next(s for s in full["stories"] if s["id"] == story_of[one["id"]])
    assert part["stories"][0]["claims"] == same["claims"]
    assert {a["id"] for a in part["attributions"]} == {a["id"] for a in full["attributions"] if a["article"] in set(same["articles"])}
    # the graph in the store keeps everything: a later full export is unchanged
    again = json.loads(runner.invoke(cli, ["analyze", str(corpus_dir / "beta.txt"), "--db", db, "-q"]).stdout)
    assert [s["id"] for s in again["stories"]] == [s["id"] for s in full["stories"]]
    assert [c["id"] for c in again["claims"]] == [c["id"] for c in full["claims"]]


def test_scope_inputs_also_exports_the_stories_of_articles_linked_now(runner, corpus_dir, tmp_path):
    db = str(tmp_path / "p.db")
    assert runner.invoke(cli, ["analyze", str(corpus_dir / "alpha.txt"), "--db", db, "-q"]).exit_code == 0
    # beta was ingested but never analysed or linked: the next run links it, so its story changed too
    assert runner.invoke(cli, ["ingest", str(corpus_dir / "beta.txt"), "--db", db]).exit_code == 0
    scoped = runner.invoke(cli, ["analyze", str(corpus_dir / "alpha.txt"), "--db", db, "-q", "--scope", "inputs"])
    assert scoped.exit_code == 0, scoped.output
    paths = sorted(a["path"].rsplit("/", 1)[-1] for a in json.loads(scoped.stdout)["articles"])
    assert paths == ["alpha.txt", "beta.txt"]
