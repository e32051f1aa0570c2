"""`claimgraph stance`: id<TAB>claim<TAB>text lines → JSON lines; one error per bad line, exit 1, others written."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.cli.stance import FIELDS
from claimgraph.errors import IngestError
from claimgraph.ingest.tsv import TsvRecord, read_tsv

pytestmark = pytest.mark.slow  # classifying loads the embedding model

GOOD = (
    "s1\tA man was killed by a shark off the coast of Florida\tFlorida shark attack story is a hoax\n"
    "s2\tA man was killed by a shark off the coast of Florida\tCity council approves new budget for schools\n"
)


def run(args, stdin=None):
    return CliRunner().invoke(cli, ["stance", *args], input=stdin)


def test_classifies_each_line_with_header(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text("id\tclaim\ttext\n" + GOOD, encoding="utf-8")
    result = run([str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["stance"]) for r in rows] == [("s1", "refutes"), ("s2", "unrelated")]
    assert all(set(r) == {"id", "stance", "score"} and 0 < r["score"] <= 1 for r in rows)
    assert "2 read, 2 classified, 0 failed" in result.stderr


def test_bad_lines_reported_others_written(tmp_path):
    path = tmp_path / "in.tsv"
    out = tmp_path / "out.jsonl"
    path.write_bytes(GOOD.encode() + b"s3\tonly a claim\n\ns4\t\tempty claim\ns5\tclaim\t\xff\xfe\n")
    result = run([str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{path}:3: expected 3 tab-separated fields (id, claim, text), found 2" in result.stderr
    assert f"{path}:5: empty claim" in result.stderr
    assert f"{path}:6: not valid UTF-8" in result.stderr
    assert "5 read, 2 classified, 3 failed" in result.stderr
    assert "Traceback" not in result.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["s1", "s2"]


def test_stdin_and_text_with_tabs():
    result = run(["-"], stdin="x\tclaim words here\ttext\twith a tab\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "x"


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(IngestError, match="nope.tsv: cannot open: No such file or directory"):
        list(read_tsv(str(tmp_path / "nope.tsv"), FIELDS))
    result = run([str(tmp_path / "nope.tsv")])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_reads_rows_with_the_stance_field_names(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text(GOOD, encoding="utf-8")
    rows = list(read_tsv(str(path), FIELDS))
    assert rows[0] == TsvRecord("s1", "A man was killed by a shark off the coast of Florida",
                                "Florida shark attack story is a hoax", 1)
