#!/usr/bin/env python3
"""A store of N articles + a few new ones → seconds for the run that links them: whole-store export vs --scope inputs.

Usage: nice python bench/incremental.py [--articles 5000] [--new 10]

Builds a store of N synthetic articles (bench/scale.py's stream: real news sentences recombined into
stories, light pre-built analyses, no spaCy parse), links it once (what the first `analyze --db` does),
then adds a few new articles and times the second run both ways: ``corpus(store)`` (the whole store
read back, linked, resolved into actors and assessed: `analyze --db`) and ``corpus(store, around=new)``
(only the stories of the new articles: `analyze --db --scope inputs`). The Linker's tables are read
row by row as the run needs them and only changed rows are written back; the size of the linking
rows is printed after the first run.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from claimgraph.store import Store
from claimgraph.store.batch import corpus, extractor_version
from claimgraph.store.schema import link_rows

# the synthetic stream of bench/scale.py (the bench scripts are not a package)
_spec = importlib.util.spec_from_file_location("scale", Path(__file__).resolve().parent / "scale.py")
scale = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scale)


def fill(store: Store, analyses: list) -> None:
    list(store.add_articles([a.article for a in analyses]))
    store.put_analyses(analyses, extractor_version())


def timed(label: str, run) -> float:
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    print(f"{label:44s} {seconds:7.2f} s  ({len(result.analyses)} articles, {len(result.stories)} stories out)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--new", type=int, default=10)
    args = parser.parse_args()
    seeds = [d for d in scale.ecb_docs() + scale.polnear_docs() if len(d) >= 4]
    stream = [a for a, _, _ in scale.stream(seeds, args.articles + 2 * args.new, random.Random(7))]
    old, first_new, second_new = stream[: args.articles], stream[-2 * args.new : -args.new], stream[-args.new :]
    with tempfile.TemporaryDirectory(prefix="claimgraph-incremental-") as tmp, Store.open(Path(tmp) / "s.db") as store:
        fill(store, old)
        timed(f"first run: link {args.articles} articles", lambda: corpus(store))
        with store.engine.connect() as conn:
            rows, size = conn.execute(select(func.count(), func.sum(func.length(link_rows.c.value)))).one()
        print(f"{'  linking rows stored':44s} {rows:9d}  ({size / 1e6:.0f} MB)")
        fill(store, first_new)
        timed(f"+{args.new} new, whole store (analyze --db)", lambda: corpus(store))
        fill(store, second_new)
        ids = [a.article.id for a in second_new]
        timed(f"+{args.new} new, --scope inputs", lambda: corpus(store, around=ids))


if __name__ == "__main__":
    main()
