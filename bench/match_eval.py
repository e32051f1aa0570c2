#!/usr/bin/env python3
"""FNC-1 dev → `claimgraph match`: headlines against the claims of a store of the article bodies, indexed vs exhaustive.

Usage: nice .venv/bin/python bench/match_eval.py [--data ../shared/data/fnc1] [--db /tmp/fnc1_dev.db] [--stories 20]

Builds a store of the FNC-1 dev bodies with `claimgraph analyze --db` (an existing --db is brought up to date),
then matches every headline that has at least one related body (stance agree, disagree or discuss)
against the store's claims, as `claimgraph match` does: indexed (the claims of the --stories stories
that share the most of the headline's salient words, store/batch.claims_near) and exhaustive (every
claim). A headline's match is right when the claim comes from one of its related bodies. Reports
hit@1 and hit@5 of both, how often the indexed best is the exhaustive best, claims compared per
headline, seconds per headline once the claims are in memory and their embeddings cached, and the
time of one single-statement call that reads what it needs from the store.

It also judges the store's stories: two bodies related to one headline (a rumour and the reports
about it) should share a story. Over the body pairs: how many bodies a story puts together share a
related headline (precision), and how many bodies with a related headline in common share a story
(recall). A loose check (one rumour can run through several events), but on long real articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "fnc1"


def build_store(data: Path, db: Path) -> None:
    folder = db.parent / (db.stem + "_bodies")
    folder.mkdir(parents=True, exist_ok=True)
    with open(data / "dev_bodies.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            (folder / f"{row['Body ID']}.txt").write_text(row["articleBody"], encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from claimgraph.cli import main; main()", "analyze", str(folder),
                    "--db", str(db), "-q", "-o", str(db.parent / (db.stem + ".json"))], check=True)
    print(f"store built or updated in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def related_headlines(data: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    with open(data / "dev_stances.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Stance"] != "unrelated":
                out[row["Headline"]].add(row["Body ID"])
    return dict(out)


def _pairs(groups) -> set[tuple[str, str]]:
    return {pair for members in groups for pair in combinations(sorted(members), 2)}


def story_figures(analysis_json: Path, wanted: dict[str, set[str]]) -> str:
    """The stories of ``analyze``'s JSON judged on body pairs against the related-headline groups (see above)."""
    out = json.loads(analysis_json.read_text(encoding="utf-8"))
    body = {a["id"]: Path(a["path"]).stem for a in out["articles"]}
    predicted = _pairs([body[a] for a in s["articles"]] for s in out["stories"])
    related = _pairs(wanted.values())
    both = len(predicted & related)
    p, r = both / max(1, len(predicted)), both / max(1, len(related))
    return (f"stories: {len(out['stories'])} for {len(body)} bodies; body pairs in one story that share a related "
            f"headline {both}/{len(predicted)} (precision {p:.3f}), pairs sharing a related headline in one story "
            f"{both}/{len(related)} (recall {r:.3f}), F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--db", type=Path, default=Path("/tmp/fnc1_dev.db"))
    parser.add_argument("--stories", type=int, default=None, help="stories per headline (default: MATCH_STORIES)")
    args = parser.parse_args()
    if not (args.data / "dev_bodies.csv").exists():
        sys.exit(f"{args.data}: FNC-1 dev files not found (see ../shared/data/fnc1/README.md)")
    build_store(args.data, args.db)  # a store already built is only brought up to date (re-linked when the code changed)
    from claimgraph.link.retrieve import ClaimIndex, Known
    from claimgraph.store import Store
    from claimgraph.store.batch import MATCH_STORIES, claims_near, stored_claims

    stories = args.stories or MATCH_STORIES
    wanted = related_headlines(args.data)
    headlines = sorted(wanted)
    with Store.open(args.db, create=False) as store:
        body_of = {a.id: Path(a.path).stem for a in store.articles()}
        everything = stored_claims(store)
        started = time.perf_counter()
        full = ClaimIndex([Known(c.id, c.text) for c in everything], cache=store)
        exhaustive = full.nearest(headlines, 5)
        full_seconds = time.perf_counter() - started
        started = time.perf_counter()
        pools = claims_near(store, headlines, stories)
        indexed = [ClaimIndex([Known(c.id, c.text) for c in pool], cache=store).nearest([h], 5)[0]
                   for h, pool in zip(headlines, pools)]
        indexed_seconds = time.perf_counter() - started
        # one `claimgraph match` call with one statement, reading from the store included
        started = time.perf_counter()
        single = stored_claims(store)
        ClaimIndex([Known(c.id, c.text) for c in single], cache=store).nearest(headlines[:1], 5)
        one_exhaustive = time.perf_counter() - started
        started = time.perf_counter()
        (pool,) = claims_near(store, headlines[:1], stories)
        ClaimIndex([Known(c.id, c.text) for c in pool], cache=store).nearest(headlines[:1], 5)
        one_indexed = time.perf_counter() - started
    by_id = {c.id: c for c in everything}

    def right(claim_id: str, headline: str) -> bool:
        return any(body_of.get(a) in wanted[headline] for a in by_id[claim_id].articles)

    def hits(found: list[list[str]], k: int) -> float:
        return sum(any(right(c, h) for c in ids[:k]) for h, ids in zip(headlines, found)) / len(headlines)

    ex_ids = [[full.known[i].id for i, _ in rows] for rows in exhaustive]
    in_ids = [[pool[i].id for i, _ in rows] for pool, rows in zip(pools, indexed)]
    agree = sum(bool(a) and bool(b) and a[0] == b[0] for a, b in zip(in_ids, ex_ids)) / len(headlines)
    print(f"{len(body_of)} articles, {len(everything)} claims; {len(headlines)} headlines with a related body")
    print(f"exhaustive: hit@1 {hits(ex_ids, 1):.3f} hit@5 {hits(ex_ids, 5):.3f}; {len(everything)} claims per "
          f"headline; {1000 * full_seconds / len(headlines):.1f} ms per headline (all headlines in one batch)")
    print(f"indexed ({stories} stories): hit@1 {hits(in_ids, 1):.3f} hit@5 {hits(in_ids, 5):.3f}; "
          f"{sum(map(len, pools)) / len(headlines):.0f} claims per headline; "
          f"{1000 * indexed_seconds / len(headlines):.1f} ms per headline (one at a time); "
          f"same best claim as exhaustive {agree:.3f}; no candidate {sum(not p for p in pools)}")
    print(f"one statement, claims read from the store included: exhaustive {1000 * one_exhaustive:.0f} ms, "
          f"indexed {1000 * one_indexed:.0f} ms")
    print(story_figures(args.db.parent / (args.db.stem + ".json"), wanted))


if __name__ == "__main__":
    main()
