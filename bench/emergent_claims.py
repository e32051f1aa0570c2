#!/usr/bin/env python3
"""Emergent dev headlines → claims by align_claims; pairwise and B-cubed F1 against the claim ids.

Usage: bench/emergent_claims.py [DEV_CSV] [--limit-claims N] [--cut X ...]

Every headline becomes a one-attribution article ("the outlet reported that HEADLINE");
all of them form one story, which is harder than real use (stories keep topics apart).
Headlines that deny a claim belong to it too ("for", "against" and "observing" alike),
so this also checks that stance does not split a claim. Reports, over headline pairs from
different articles, precision / recall / F1 of "same claim", and B-cubed F1.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from claimgraph.link import claims as claims_mod
from claimgraph.types import Article, ArticleAnalysis, Attribution, Span, Story

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "emergent" / "dev.csv"
PREFIX = "The outlet reported that "


def load(path: Path, limit: int | None) -> list[tuple[str, str]]:
    """dev.csv → (headline, claim id) rows, keeping the first ``limit`` claims in file order."""
    rows, claims = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["claimId"] not in claims:
                claims.append(row["claimId"])
            if limit is None or claims.index(row["claimId"]) < limit:
                rows.append((row["articleHeadline"], row["claimId"]))
    return rows


def analyses(rows: list[tuple[str, str]]) -> list[ArticleAnalysis]:
    out = []
    for n, (headline, _) in enumerate(rows):
        text = PREFIX + headline
        att = Attribution(
            id=f"h{n}", article=f"art{n}", source="the outlet", source_span=None, source_kind="organisation",
            cue_span=None, content_spans=(Span(len(PREFIX), len(text)),), form="indirect", stance="reports",
        )
        out.append(ArticleAnalysis(article=Article(id=f"art{n}", path=f"{n}.txt", text=text), attributions=(att,)))
    return out


def evaluate(rows: list[tuple[str, str]], predicted: dict[str, int]) -> dict[str, float]:
    gold = {f"h{n}": claim for n, (_, claim) in enumerate(rows)}
    members = defaultdict(set)
    for key, group in predicted.items():
        members[group].add(key)
    gold_members = defaultdict(set)
    for key, claim in gold.items():
        gold_members[claim].add(key)
    tp = fp = fn = 0
    for x, y in combinations(sorted(gold), 2):
        same_pred = x in predicted and predicted.get(x) == predicted.get(y)
        same_gold = gold[x] == gold[y]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    bp = br = 0.0
    for key in gold:
        pred = members[predicted[key]] if key in predicted else {key}
        same = {k for k in pred if gold[k] == gold[key]}
        bp += len(same) / len(pred)
        br += len(same) / len(gold_members[gold[key]])
    bp, br = bp / len(gold), br / len(gold)
    return {
        "pair precision": precision, "pair recall": recall,
        "pair F1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "B-cubed F1": 2 * bp * br / (bp + br) if bp + br else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit-claims", type=int)
    parser.add_argument("--cut", type=float, nargs="*", default=[claims_mod.LINK_MIN])
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: Emergent dev file not found (see ../shared/data/emergent/README.md)")
    rows = load(args.data, args.limit_claims)
    items = analyses(rows)
    story = Story(id="all", title="all", articles=tuple(a.article.id for a in items))
    print(f"{len(rows)} headlines, {len({c for _, c in rows})} claims, one story")
    for cut in args.cut:
        claims_mod.LINK_MIN = cut
        started = time.perf_counter()
        claims = claims_mod.align_claims(items, [story])
        seconds = time.perf_counter() - started
        predicted = {att: n for n, claim in enumerate(claims) for att in claim.attributions}
        figures = evaluate(rows, predicted)
        line = "  ".join(f"{k} {v:.3f}" for k, v in figures.items())
        print(f"cut {cut:.2f}: {len(claims)} claims  {line}  ({seconds:.0f} s)")


if __name__ == "__main__":
    main()
