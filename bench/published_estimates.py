#!/usr/bin/env python3
"""Publication dates estimated from bodies (ingest.published.estimate_published) against known dates.

    .venv/bin/python bench/published_estimates.py [--polnear ../shared/data/polnear]
        [--fnc1 ../shared/data/fnc1] [--show 10]

PolNeAR: each train + dev body (the headline line dropped) against the date in its file name; an
estimate is right when it is 0-3 days before that date or 1 day after (a story is written on the
day of its latest event or a few days later). FNC-1 bodies carry no date, but all were written in
2014-15 (the Emergent rumours): an estimate outside 2014-06 .. 2015-12 is certainly wrong. Prints
how many bodies got an estimate and how many of those are right; --show lists the wrong ones.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

from claimgraph.ingest.published import estimate_published

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def polnear(root: Path, show: int) -> None:
    files = sorted(p for split in ("train", "dev") for p in (root / split / "text").glob("*.txt"))
    if not files:
        print(f"{root}: no PolNeAR texts found (see ../shared/data/polnear/README.md)", file=sys.stderr)
        return
    start, estimated, right, wrong = time.perf_counter(), 0, 0, []
    for path in files:
        published = dt.date.fromisoformat(path.stem.split("_")[1])
        body = path.read_text(encoding="utf-8").split("\n", 1)[-1]
        guess = estimate_published(body)
        if guess is None:
            continue
        estimated += 1
        gap = (dt.date.fromisoformat(guess[:10]) - published).days
        if -3 <= gap <= 1:
            right += 1
        else:
            wrong.append((path.stem, guess, gap))
    ms = 1000 * (time.perf_counter() - start) / len(files)
    print(f"PolNeAR train+dev: {len(files)} bodies, {estimated} estimated, {right} right "
          f"({right / estimated if estimated else 0:.3f}), {ms:.2f} ms per body")
    for stem, guess, gap in wrong[:show]:
        print(f"  wrong: {stem} estimated {guess} ({gap:+d} days)")


def fnc1(root: Path, show: int) -> None:
    csv.field_size_limit(1 << 30)
    bodies = []
    for name in ("train_bodies.csv", "dev_bodies.csv"):
        if (root / name).exists():
            with open(root / name, encoding="utf-8", newline="") as handle:
                bodies += [(row["Body ID"], row["articleBody"]) for row in csv.DictReader(handle)]
    if not bodies:
        print(f"{root}: no FNC-1 bodies found (see ../shared/data/fnc1/README.md)", file=sys.stderr)
        return
    guesses = [(bid, g) for bid, body in bodies if (g := estimate_published(body))]
    wrong = [(bid, g) for bid, g in guesses if not "2014-06" <= g[:7] <= "2015-12"]
    print(f"FNC-1 train+dev: {len(bodies)} bodies, {len(guesses)} estimated, {len(guesses) - len(wrong)} in "
          f"2014-06 .. 2015-12")
    for bid, guess in wrong[:show]:
        print(f"  outside: body {bid} estimated {guess}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, default=SHARED / "polnear")
    ap.add_argument("--fnc1", type=Path, default=SHARED / "fnc1")
    ap.add_argument("--show", type=int, default=0, help="list this many wrong estimates per set")
    args = ap.parse_args()
    polnear(args.polnear, args.show)
    fnc1(args.fnc1, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
