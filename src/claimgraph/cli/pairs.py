"""`claimgraph pairs FILE.tsv`: id<TAB>text1<TAB>text2 lines → JSON lines {id, same_claim, score}."""

from __future__ import annotations

import json
import sys

import click

from ..errors import IngestError
from ..ingest.tsv import TsvRecord, read_tsv
from ..store.files import write_atomic

FIELDS = ("id", "text1", "text2")


def score_pairs(pairs: list[TsvRecord], mpnet: bool | None = None) -> list[dict]:
    """Pairs (text1 as ``first``, text2 as ``second``) → result records, scored in one batch.

    Scored by the stacked classifier (pair features + the cross-encoder ensemble, + the all-mpnet-base-v2
    cosine when that extra is installed, unless ``mpnet`` is False). Numbers that differ between the two
    texts are added as ``conflict``.
    """
    from ..link.similarity import PairScorer, number_conflict

    if not pairs:
        return []
    matcher = PairScorer(mpnet=mpnet)
    scores = matcher.score_many([(p.first, p.second) for p in pairs])
    threshold = matcher.model.threshold
    out = []
    for pair, score in zip(pairs, scores):
        record = {"id": pair.id, "same_claim": bool(score >= threshold), "score": round(float(score), 4)}
        conflict = number_conflict(matcher.prepared(pair.first), matcher.prepared(pair.second))
        if conflict:
            record["conflict"] = f"number: {', '.join(conflict[0])} vs {', '.join(conflict[1])}"
        out.append(record)
    return out


@click.command("pairs")
@click.argument("path", metavar="FILE.tsv")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
@click.option("--fast", is_flag=True,
              help="leave out the all-mpnet-base-v2 column even when the optional all-mpnet-base-v2 is installed "
                   "(about 7x faster; MSRP accuracy 0.819 instead of 0.822)")
def pairs_cmd(path: str, output: str | None, fast: bool) -> None:
    """Say whether two statements make the same claim, for each id<TAB>text1<TAB>text2 line.

    A header line is allowed; - reads stdin; a tab inside text2 is kept. Writes
    JSON lines {"id", "same_claim", "score"} (plus "conflict" when the two state
    different numbers); a bad line is reported on stderr with its line number and
    the command exits 1. With the optional all-mpnet-base-v2 installed (scripts/setup.sh --mpnet), the
    all-mpnet-base-v2 sentence model adds its cosine (more accurate, slower; --fast
    leaves it out). Example: claimgraph pairs pairs.tsv -o out.jsonl
    """
    pairs, failures = [], []
    for item in read_tsv(path, FIELDS):
        if isinstance(item, IngestError):
            failures.append(item)
            click.echo(f"claimgraph: {item}", err=True)
        else:
            pairs.append(item)
    rendered = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in score_pairs(pairs, False if fast else None))
    if output:
        write_atomic(output, rendered)
    else:
        sys.stdout.write(rendered)
    if failures:
        raise SystemExit(1)
