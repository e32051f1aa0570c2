#!/usr/bin/env python3
"""PolNeAR dev texts → throughput table: `claimgraph analyze` (cold and cached) beside bare `nlp.pipe`.

Usage:
    nice python bench/throughput.py [TEXT_DIR] [--batch-size N] [--workers N]

TEXT_DIR defaults to ../shared/data/polnear/dev/text (84 articles). Each measure
runs in its own child process so that its peak RSS (resource.getrusage) is its own.
The model load is timed apart from the per-article work: articles/s counts only the
work after the model is in memory. `analyze (cold)` is the whole CLI path on a fresh
database (read, store, parse, extract, cache, link, assess, write JSON); `analyze
(cached)` re-runs it on the same database, where every analysis is already cached.
With ``--workers N`` the cold run extracts in N local processes (`analyze --workers N`); the
peak RSS is then the main process's, and the largest worker's is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def load_model() -> float:
    from claimgraph.extract.nlp import load_nlp

    start = time.perf_counter()
    load_nlp()
    return time.perf_counter() - start


def child_pipe(text_dir: Path, batch_size: int) -> dict:
    from claimgraph.extract.nlp import load_nlp

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(text_dir.glob("*.txt"))]
    load_s = load_model()
    start = time.perf_counter()
    n = sum(1 for _ in load_nlp().pipe(texts, batch_size=batch_size))
    return {"articles": n, "load_s": load_s, "work_s": time.perf_counter() - start}


def _run_cli(args: list[str]) -> int:
    from claimgraph.cli import cli

    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def child_analyze(text_dir: Path, batch_size: int, workers: int = 1) -> dict:
    os.environ["CLAIMGRAPH_ANALYZE_BATCH_SIZE"] = str(batch_size)
    os.environ["CLAIMGRAPH_ANALYZE_WORKERS"] = str(workers)
    load_s = load_model()
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-") as tmp:
        db, out = os.path.join(tmp, "bench.db"), os.path.join(tmp, "out.json")
        runs = []
        for _ in range(2):  # cold, then cached
            start = time.perf_counter()
            rc = _run_cli(["analyze", str(text_dir), "--db", db, "-o", out, "-q"])
            runs.append(time.perf_counter() - start)
        with open(out, encoding="utf-8") as fh:
            n = len(json.load(fh)["articles"])
    return {"articles": n, "load_s": load_s, "work_s": runs[0], "cached_s": runs[1], "rc": rc}


def measure(mode: str, text_dir: Path, batch_size: int, workers: int = 1) -> dict:
    cmd = [sys.executable, __file__, str(text_dir), "--batch-size", str(batch_size), "--workers", str(workers),
           "--child", mode]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"throughput: {mode} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(pipe: dict, analyze: dict, workers: int) -> str:
    cold = "analyze (cold db)" if workers == 1 else f"analyze (cold, {workers} wk)"
    rows = [
        ("nlp.pipe (bare)", pipe["articles"], pipe["load_s"], pipe["work_s"], pipe["rss_mib"]),
        (cold, analyze["articles"], analyze["load_s"], analyze["work_s"], analyze["rss_mib"]),
        ("analyze (cached)", analyze["articles"], None, analyze["cached_s"], analyze["rss_mib"]),
    ]
    lines = [f"{'measure':<20} {'articles':>8} {'load s':>7} {'work s':>7} {'articles/s':>10} {'peak RSS MiB':>12}"]
    for name, n, load_s, work_s, rss in rows:
        load = f"{load_s:7.2f}" if load_s is not None else f"{'-':>7}"
        lines.append(f"{name:<20} {n:>8} {load} {work_s:7.2f} {n / work_s:10.1f} {rss:12.0f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="extract in N local processes (analyze --workers)")
    parser.add_argument("--child", choices=["pipe", "analyze"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.text_dir.is_dir():
        sys.exit(f"throughput: {args.text_dir}: no such directory (the PolNeAR data lives in ../shared/data)")
    if args.child:
        if args.child == "pipe":
            result = child_pipe(args.text_dir, args.batch_size)
        else:
            result = child_analyze(args.text_dir, args.batch_size, args.workers)
        worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps({**result, "rss_mib": peak_rss_mib(), "worker_rss_mib": worker_rss}))
        return
    pipe = measure("pipe", args.text_dir, args.batch_size)
    analyze = measure("analyze", args.text_dir, args.batch_size, args.workers)
    print(f"{args.text_dir} · batch size {args.batch_size} · {os.cpu_count()} CPUs (shared: figures are noisy)")
    print(table(pipe, analyze, args.workers))
    if args.workers > 1:
        print(f"largest worker process: peak RSS {analyze['worker_rss_mib']:.0f} MiB")
    if analyze.get("rc"):
        print(f"note: analyze exited {analyze['rc']} (some inputs failed)")


if __name__ == "__main__":
    main()
