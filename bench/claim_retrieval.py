#!/usr/bin/env python3
"""Emergent dev headlines → the claim each reports, retrieved among all claims: top-1, recall@5, MRR.

Usage: nice python bench/claim_retrieval.py [DEV_CSV] [--candidates N]

The known claims are Emergent's claim headlines (one per rumour); every article headline is a
statement to match ("for", "against" and "observing" headlines alike: a denial reports the same
claim). Compared: MiniLM cosine alone (what `claimgraph match` ranks by); the cosine's N nearest
reranked by the feature classifier (``ClaimMatcher``) and by the stacked pair scorer of
`claimgraph pairs`. Then the same-claim decision: each headline with its claim (positive) and
with its nearest wrong claim (negative), judged by the cosine threshold of ``link/retrieve.py``
(chosen on half of the claims, tested on the other half) and by the two pair scorers at 0.5.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

from claimgraph.link.embed import embed
from claimgraph.link.retrieve import SAME_CLAIM_COSINE, ClaimIndex, Known
from claimgraph.link.similarity import ClaimMatcher, PairScorer

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "emergent" / "dev.csv"


def load(path: Path) -> tuple[list[Known], list[str], list[str]]:
    """dev.csv → (known claims, headlines, the claim id of each headline)."""
    claims, headlines, truth = {}, [], []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            claims.setdefault(row["claimId"], row["claimHeadline"])
            headlines.append(row["articleHeadline"])
            truth.append(row["claimId"])
    return [Known(k, v) for k, v in claims.items()], headlines, truth


def ranks(ranked: list[list[str]], truth: list[str]) -> np.ndarray:
    """Rank of the right claim per headline (1 = first), 0 when it is not in the list."""
    return np.array([lst.index(t) + 1 if t in lst else 0 for lst, t in zip(ranked, truth)])


def report(name: str, r: np.ndarray, seconds: float) -> None:
    top1, at5 = np.mean(r == 1), np.mean((r >= 1) & (r <= 5))
    mrr = np.mean(np.where(r > 0, 1.0 / np.maximum(r, 1), 0.0))
    print(f"{name:34s} top-1 {top1:.3f}  recall@5 {at5:.3f}  MRR {mrr:.3f}  ({1000 * seconds / len(r):.0f} ms/headline)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--candidates", type=int, default=20, help="cosine neighbours reranked by the pair scorers")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: Emergent dev file not found (see ../shared/data/emergent/README.md)")
    known, headlines, truth = load(args.data)
    print(f"{len(known)} claims, {len(headlines)} headlines")
    t = time.perf_counter()
    index = ClaimIndex(known)
    near = index.nearest(headlines, args.candidates)
    cosine_s = time.perf_counter() - t
    ids = [[known[i].id for i, _ in rows] for rows in near]
    r = ranks(ids, truth)
    report("cosine (MiniLM)", r, cosine_s)
    print(f"{'':34s} right claim among the {args.candidates} candidates: {np.mean(r > 0):.3f}")
    for name, scorer in (("cosine + feature classifier", ClaimMatcher()), ("cosine + stacked scorer", PairScorer())):
        t = time.perf_counter()
        jobs = [(h, known[i].text) for h, rows in zip(headlines, near) for i, _ in rows]
        scores = iter(scorer.score_many(jobs))
        ranked = []
        for rows in near:
            scored = [(float(next(scores)), cos, known[i].id) for i, cos in rows]
            ranked.append([c for _, _, c in sorted(scored, key=lambda x: (-x[0], -x[1]))])
        report(f"{name} (rerank)", ranks(ranked, truth), time.perf_counter() - t + cosine_s)
    decisions(index, known, headlines, truth, near)


def decision_cosines(index: ClaimIndex, headlines: list[str], truth: list[str], near) -> tuple[np.ndarray, list, list]:
    """Same claim or not, per headline: with its claim (positive) and its nearest wrong claim (negative).
    → the cosines (positives, then negatives; headlines embedded once, claims read from the index) and the
    index rows of the right and the wrong claims."""
    row = {k.id: n for n, k in enumerate(index.known)}
    right = [row[t] for t in truth]
    wrong = [next(i for i, _ in rows if index.known[i].id != t) for t, rows in zip(truth, near)]
    vectors = embed(headlines)
    cos = np.r_[(vectors * index.matrix[right]).sum(axis=1), (vectors * index.matrix[wrong]).sum(axis=1)]
    return cos, right, wrong


def decisions(index, known, headlines, truth, near) -> None:
    """Same claim or not: the headline with its claim, and with the nearest wrong one."""
    cos, right, wrong = decision_cosines(index, headlines, truth, near)
    pos = [(h, known[i].text) for h, i in zip(headlines, right)]
    neg = [(h, known[i].text) for h, i in zip(headlines, wrong)]
    y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    claims = sorted(set(truth))
    first = np.array([t in set(claims[::2]) for t in truth] * 2)
    held_out = []
    for part in (first, ~first):  # threshold chosen on one half of the claims, tested on the other
        grid = np.unique(np.round(cos[part], 3))
        t = max(grid, key=lambda g: ((cos[part] >= g) == y[part]).mean())
        held_out.append(((cos[~part] >= t) == y[~part]).mean())
        print(f"cosine threshold chosen on half of the claims: {t:.3f}")
    print(f"same claim by cosine, held-out accuracy {np.mean(held_out):.3f}; "
          f"at SAME_CLAIM_COSINE {SAME_CLAIM_COSINE}: {((cos >= SAME_CLAIM_COSINE) == y).mean():.3f}")
    for name, scorer in (("feature classifier", ClaimMatcher()), ("stacked scorer", PairScorer())):
        s = np.r_[scorer.score_many(pos), scorer.score_many(neg)]
        print(f"same claim by the {name} at 0.5: accuracy {((s >= 0.5) == y).mean():.3f} "
              f"(true pairs called same {np.mean(s[: len(pos)] >= 0.5):.3f}, wrong pairs called different "
              f"{np.mean(s[len(pos):] < 0.5):.3f})")


if __name__ == "__main__":
    main()
