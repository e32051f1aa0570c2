"""`claimgraph pairs FILE.tsv`: id<TAB>text1<TAB>text2 lines → JSON lines {id, same_claim, score}."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import click

from ..errors import IngestError
from ..store.files import write_atomic

HEADER_IDS = frozenset({"id", "pair", "pair_id", "#id", "quality"})


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    left: str
    right: str


def _is_header(fields: list[str]) -> bool:
    return fields[0].strip().lower() in HEADER_IDS


def read_pairs(lines: Iterable[str], name: str) -> Iterator[Pair | IngestError]:
    """TSV lines → Pairs, or one IngestError per bad line (naming the file and line number)."""
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n").lstrip("\ufeff") if number == 1 else line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        if number == 1 and _is_header(fields):
            continue
        if len(fields) != 3:
            yield IngestError(f"{name}:{number}", f"expected 3 tab-separated fields (id, text1, text2), got {len(fields)}")
        elif not all(f.strip() for f in fields):
            yield IngestError(f"{name}:{number}", "empty id or text")
        else:
            yield Pair(fields[0].strip(), fields[1].strip(), fields[2].strip())


def score_pairs(pairs: list[Pair]) -> list[dict]:
    """Pairs → result records, scored in one batch; numbers that differ are added as ``conflict``."""
    from ..link.similarity import ClaimMatcher, number_conflict

    if not pairs:
        return []
    matcher = ClaimMatcher()
    scores = matcher.score_many([(p.left, p.right) for p in pairs])
    threshold = matcher.model.threshold
    out = []
    for pair, score in zip(pairs, scores):
        record = {"id": pair.id, "same_claim": bool(score >= threshold), "score": round(float(score), 4)}
        conflict = number_conflict(matcher.prepared(pair.left), matcher.prepared(pair.right))
        if conflict:
            record["conflict"] = f"number: {', '.join(conflict[0])} vs {', '.join(conflict[1])}"
        out.append(record)
    return out


def _open_lines(path: str) -> list[str]:
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"cannot read: {exc}") from exc


@click.command("pairs")
@click.argument("path", metavar="FILE.tsv")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
def pairs_cmd(path: str, output: str | None) -> None:
    """Say whether two statements make the same claim, for each id<TAB>text1<TAB>text2 line.

    A header line is allowed; - reads stdin. Writes JSON lines
    {"id", "same_claim", "score"} (plus "conflict" when the two state different
    numbers). Example: claimgraph pairs pairs.tsv -o out.jsonl
    """
    name = "<stdin>" if path == "-" else path
    pairs, failures = [], []
    for item in read_pairs(_open_lines(path), name):
        if isinstance(item, IngestError):
            failures.append(item)
            click.echo(f"claimgraph: {item}", err=True)
        else:
            pairs.append(item)
    rendered = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in score_pairs(pairs))
    if output:
        write_atomic(output, rendered)
    else:
        sys.stdout.write(rendered)
    if failures:
        raise SystemExit(1)
