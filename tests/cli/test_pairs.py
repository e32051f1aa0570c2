"""`claimgraph pairs`: TSV in, JSON lines out, one error per bad line, exit 1 on any failure."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimgraph.cli import cli
from claimgraph.errors import IngestError

pytestmark = pytest.mark.slow  # scoring loads the embedding model

GOOD = "p1\tPolice arrested two men on Friday.\tTwo men were detained by police on Friday.\n" \
       "p2\tThe bank raised rates.\tThe team won the cup final.\n"


def run(args, stdin=None):
    return CliRunner().invoke(cli, ["pairs", *args], input=stdin)


def test_scores_each_line(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text("id\ttext1\ttext2\n" + GOOD, encoding="utf-8")
    result = run([str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["p1", "p2"]
    assert rows[0]["same_claim"] is True and rows[1]["same_claim"] is False
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)


def test_bad_lines_reported_others_written(tmp_path):
    path = tmp_path / "in.tsv"
    out = tmp_path / "out.jsonl"
    path.write_bytes(GOOD.encode() + b"p3\tonly one text\n\np4\t\tempty first\np5\tx\t\xff\xfe\n")
    result = run([str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{path}:3: expected 3 tab-separated fields (id, text1, text2), found 2" in result.stderr
    assert f"{path}:5: empty text1" in result.stderr
    assert f"{path}:6: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["p1", "p2"]


def test_number_conflict_reported():
    result = run(["-"], stdin="n1\tAbout 10,000 troops were sent to the region.\tAbout 12,000 troops were sent to the region.\n")
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["conflict"] == "number: 10,000 vs 12,000"


def test_stdin():
    result = run(["-"], stdin=GOOD)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2


def test_missing_file_is_one_line(tmp_path):
    result = run([str(tmp_path / "nope.tsv")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert isinstance(result.exception, IngestError)
    assert str(result.exception) == f"{tmp_path / 'nope.tsv'}: cannot open: No such file or directory"


def test_bom_crlf_header_and_tab_in_text2(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_bytes(b"\xef\xbb\xbfpair_id\ttext1\ttext2\r\n" + GOOD.replace("\n", "\r\n").encode()
                     + b"p9\tThe bank raised rates.\tThe bank\traised rates.\r\n")
    result = run([str(path)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["p1", "p2", "p9"]


def test_fast_leaves_mpnet_out(tmp_path, monkeypatch):
    from claimgraph.link import similarity

    used = []
    original = similarity.PairScorer.__init__

    def spy(self, mpnet=None):
        original(self, mpnet)
        used.append(self.mpnet)

    monkeypatch.setattr(similarity.PairScorer, "__init__", spy)
    path = tmp_path / "in.tsv"
    path.write_text(GOOD, encoding="utf-8")
    fast = run([str(path), "--fast"])
    assert fast.exit_code == 0, fast.output
    assert used == [False]
    rows = [json.loads(line) for line in fast.stdout.splitlines()]
    assert rows[0]["same_claim"] is True and rows[1]["same_claim"] is False
