"""`claimgraph match`: statements → the store's known claims, as JSON lines; clear errors without claims."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli

pytestmark = pytest.mark.slow  # analyses two articles and loads the models

ARTICLES = {
    "a.txt": "Rail strike called\n\nUnion leaders said rail workers will strike for three days next week "
             "over pay. The transport minister said the strike was unjustified.",
    "b.txt": "Three-day rail strike next week\n\nRail workers will walk out for three days next week, the union "
             "said on Monday. Commuters said they were worried about getting to work.",
}


def run(args, stdin=None):
    return CliRunner().invoke(cli, args, input=stdin)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("match")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "news.db"
    result = run(["analyze", str(folder / "a.txt"), str(folder / "b.txt"), "--db", str(path), "-q", "-o",
                  str(folder / "out.json")])
    assert result.exit_code == 0, result.output
    return path


def test_statements_from_arguments_and_file(db, tmp_path):
    statements = tmp_path / "s.txt"
    statements.write_text("The football season starts in August.\n\n", encoding="utf-8")
    result = run(["match", "Rail staff plan a three-day walkout next week.", "--file", str(statements),
                  "--db", str(db), "--top", "1"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["statement"] for r in rows] == ["Rail staff plan a three-day walkout next week.",
                                             "The football season starts in August."]
    best = rows[0]["matches"][0]
    assert "three days" in best["text"] and best["same_claim"] is True and best["articles"]
    assert set(best) == {"claim", "text", "cosine", "same_claim", "paraphrase", "articles"}
    # shares no salient word with any story: no claim is compared with it
    assert rows[1]["matches"] == []


def test_exhaustive_compares_every_claim(db):
    result = run(["match", "The football season starts in August.", "--db", str(db), "--top", "1", "--exhaustive"])
    assert result.exit_code == 0, result.output
    (match,) = json.loads(result.stdout)["matches"]
    assert match["same_claim"] is False


def test_indexed_and_exhaustive_agree_on_a_shared_claim(db):
    statement = "Rail workers will strike for three days over pay, union leaders said."
    rows = [json.loads(run(["match", statement, "--db", str(db), "--top", "3", *flag]).stdout)
            for flag in ([], ["--exhaustive"])]
    assert rows[0]["matches"] and rows[0]["matches"][0] == rows[1]["matches"][0]


def test_statements_from_stdin(db):
    result = run(["match", "--file", "-", "--db", str(db), "--top", "2"], stdin="Rail workers strike.\n")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["matches"]) <= 2


def test_no_statement_is_a_usage_error(db):
    result = run(["match", "--db", str(db)])
    assert result.exit_code == 2 and "give STATEMENTs or --file FILE" in result.stderr


def test_missing_database_is_one_clear_line(tmp_path):
    result = run(["match", "anything", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "none.db: no such database" in result.stderr
    assert "Traceback" not in result.output


def test_database_without_claims_says_what_to_do(tmp_path):
    empty = tmp_path / "empty.db"
    assert run(["ingest", "--db", str(empty), "-"], stdin="Just one sentence here.").exit_code == 0
    result = run(["match", "anything", "--db", str(empty)])
    assert result.exit_code == 2 and "no linked claims yet" in result.stderr
