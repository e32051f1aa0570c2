"""Synthetic news stream → seconds per added article and peak memory of the linking indexes at 10k/50k/100k.

The corpus is built by recombining the sentences of real news: each synthetic story takes one
seed article (ECB+ documents and PolNeAR train/dev articles from ../shared/data), a date and a
few invented names; each of its 2-12 articles keeps a random 60-90 % of the seed's sentences
(shuffled within the body), adds a sentence from an unrelated article and the story's names.
Seeds recur, months apart, as real topics do. Stories are interleaved over time like a feed.

What is measured is the linking layer only (``claimgraph.link.Linker.add``: story index +
MinHash copy index + relay rules). The spaCy parse is NOT run (100k articles would take hours
on two cores): each article is fed as a light pre-built ArticleAnalysis whose entities are the
capitalised word sequences of its text and whose sentences are split on full stops. With
--embeddings each article also gets a synthetic lead embedding (its seed's random unit vector plus
noise, 384 dimensions like MiniLM's): that times the thread layer's embedding path (centred average
linkage) without running the model; it says nothing about quality.

    nice .venv/bin/python bench/scale.py [--sizes 10000,50000,100000] [--window 1000] [--embeddings]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import func, select

from claimgraph.link import Linker
from claimgraph.store import Store
from claimgraph.store.schema import link_rows
from claimgraph.types import Article, ArticleAnalysis, Entity, Span

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
FIRST = ["Anna", "Boris", "Chen", "Dara", "Elif", "Femi", "Goran", "Hana", "Ivo", "Jia", "Kofi", "Lena", "Mira",
         "Nils", "Omar", "Pia", "Rafael", "Sana", "Tomas", "Uma", "Vera", "Wim", "Yusuf", "Zoe"]
LAST = ["Abara", "Brandt", "Castillo", "Dvorak", "Eriksen", "Fischer", "Garcia", "Horvat", "Ibrahim", "Jansen",
        "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka",
        "Usman", "Varga", "Weber", "Yilmaz", "Zhou"]
EMBEDDING_DIM = 384  # all-MiniLM-L6-v2
TOWNS = ["Aldmoor", "Brinvale", "Caskport", "Dunharrow", "Elmstead", "Farrowby", "Glenhollow", "Harkwell",
         "Ironbridge", "Juniper Falls", "Kestrel Bay", "Larkspur", "Millbrook", "Northcairn", "Oakhurst"]


def ecb_docs() -> list[list[str]]:
    docs = []
    for path in sorted((SHARED / "ecbplus").glob("*/*.xml")):
        sents: dict[int, list[str]] = defaultdict(list)
        for tok in ET.parse(path).getroot().iter("token"):
            sents[int(tok.get("sentence"))].append(tok.text or "")
        skip = {0} if path.stem.endswith("ecbplus") else set()
        docs.append([" ".join(w) for n, w in sorted(sents.items()) if n not in skip])
    return docs


def polnear_docs() -> list[list[str]]:
    docs = []
    for path in sorted((SHARED / "polnear").glob("*/text/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append([s.strip() for s in SENTENCE.findall(text) if len(s.split()) >= 4])
    return docs


def light_analysis(aid: str, text: str, published: str, title: str | None) -> ArticleAnalysis:
    sentences = tuple(Span(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip())
    entities = tuple(Entity(Span(m.start(), m.end()), "ORG") for m in CAPITALISED.finditer(text)
                     if m.start() > 0 and text[m.start() - 2 : m.start()] not in (". ", "\n"))
    art = Article(id=aid, path=f"synthetic/{aid}", text=text, title=title, published=published)
    return ArticleAnalysis(article=art, sentences=sentences, entities=entities)


def stream(seeds: list[list[str]], total: int, rng: random.Random) -> Iterator[tuple[ArticleAnalysis, int, int]]:
    """(article, story number, seed number) in publication order; about 200 stories are live at any time."""
    start, live, story, made = date(2020, 1, 1), [], 0, 0
    while made < total:
        while len(live) < 200:
            seed_no = rng.randrange(len(seeds))
            names = (f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(TOWNS))
            live.append([story, seeds[seed_no], names, rng.randint(2, 12), seed_no])
            story += 1
        slot = rng.randrange(len(live))
        sid, seed, names, _, seed_no = live[slot]
        keep = [s for s in seed if rng.random() < rng.uniform(0.6, 0.9)] or seed[:3]
        tail = keep[1:]
        rng.shuffle(tail)
        keep = keep[:1] + tail
        noise = rng.choice(seeds[rng.randrange(len(seeds))] or ["Nothing else happened."])
        body = f"{names[0]} spoke in {names[1]}. " + " ".join(keep) + " " + noise
        day = start + timedelta(days=made // 300)  # about 300 articles a day
        title = keep[0][:90] if rng.random() < 0.7 else None
        yield light_analysis(f"a{made:06d}", body, day.isoformat(), title), sid, seed_no
        made += 1
        live[slot][3] -= 1
        if live[slot][3] == 0:
            live.pop(slot)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,50000,100000")
    ap.add_argument("--window", type=int, default=1000, help="articles timed before each checkpoint")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--embeddings", action="store_true", help="feed synthetic lead embeddings (timing only)")
    ap.add_argument("--state", action="store_true",
                    help="link over a SQLite store's rows (as `analyze --db` does), written back every --window "
                         "articles; at each size, time one run that opens the store's Linker and files --run-size articles")
    ap.add_argument("--run-size", type=int, default=10)
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if not (SHARED / "ecbplus").is_dir() or not (SHARED / "polnear").is_dir():
        sys.exit(f"{SHARED}: ECB+ and PolNeAR data folders are needed to build the synthetic corpus")
    seeds = [d for d in ecb_docs() + polnear_docs() if len(d) >= 4]
    print(f"{len(seeds)} seed articles; linking layer only (story index + MinHash copies + relays), "
          f"light pre-built analyses, no spaCy parse; baseline RSS {peak_mb():.0f} MB")
    rng, gold = random.Random(args.seed), {}
    tmp = tempfile.TemporaryDirectory(prefix="claimgraph-scale-")
    store = Store.open(Path(tmp.name) / "links.db") if args.state else None
    linker = Linker(rows=store.link_rows(fresh=True)) if store else Linker()
    run: list[float] | None = None  # with --state: the articles of the timed run, and its start
    vectors = np.random.default_rng(args.seed)
    bases = vectors.normal(size=(len(seeds), EMBEDDING_DIM)) if args.embeddings else None
    t0, window_start, window_time, window_cpu = time.perf_counter(), None, 0.0, 0.0
    for n, (analysis, sid, seed_no) in enumerate(stream(seeds, sizes[-1] + (args.run_size if args.state else 0), rng), 1):
        gold[analysis.article.id] = sid
        emb = None
        if bases is not None:
            emb = bases[seed_no] + vectors.normal(scale=0.7, size=EMBEDDING_DIM)
            emb /= np.linalg.norm(emb)
        if store is not None and run is not None and len(run) == 1:
            meta = linker.meta()
            del linker  # a new process would not hold the old one: free it before the clock starts
            gc.collect()
            run = [time.perf_counter()]  # the timed run starts: open the store's Linker
            linker = Linker.open(store.link_rows(), meta)
        t, c = time.perf_counter(), time.process_time()
        linker.add(analysis, emb)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        if store is not None:
            if run is not None:
                run.append(dt)
                if len(run) == args.run_size + 1:
                    save(store, linker)
                    print(f"         one run of {args.run_size} new articles over the store: "
                          f"{time.perf_counter() - run[0]:.2f} s (open, file, write back)", flush=True)
                    run = None
            elif n % args.window == 0:
                save(store, linker)
        if any(0 < size - n < args.window or size == n for size in sizes):
            window_time += dt
            window_cpu += dc
            window_start = window_start or n
        if n in sizes:
            count = n - window_start + 1
            print(f"{n:7d} articles: {1000 * window_time / count:6.2f} ms wall, {1000 * window_cpu / count:6.2f} "
                  f"ms CPU per added article (last {count}), {linker.stories.stories.count} stories, "
                  f"peak RSS {peak_mb():.0f} MB, wall {time.perf_counter() - t0:.0f} s", flush=True)
            window_start, window_time, window_cpu = None, 0.0, 0.0
            if store is not None:
                t = time.perf_counter()
                save(store, linker)
                print(f"         linking rows: {rows_of(store)}; written back in {time.perf_counter() - t:.1f} s",
                      flush=True)
                run = [0.0]
    p, r, f = bcubed(linker.stories.members(), gold)
    print(f"story B-cubed against the synthetic stories: P {p:.3f} R {r:.3f} F1 {f:.3f}")


def save(store: Store, linker: Linker) -> None:
    """What a run does at its end: write back the rows the Linker changed (then it holds nothing pending)."""
    store.save_link("linker", "scale-bench", linker.meta(), linker.changes(), {})  # no article rows here
    linker.saved()


def rows_of(store: Store) -> str:
    with store.engine.connect() as conn:
        rows, size = conn.execute(select(func.count(), func.sum(func.length(link_rows.c.value)))).one()
    return f"{rows} rows, {size / 1e6:.0f} MB"


def bcubed(predicted: dict, gold: dict) -> tuple[float, float, float]:
    pred_size, gold_size, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for item, g in gold.items():
        pred_size[predicted[item]] += 1
        gold_size[g] += 1
        both[(predicted[item], g)] += 1
    p = sum(both[(predicted[i], g)] / pred_size[predicted[i]] for i, g in gold.items()) / len(gold)
    r = sum(both[(predicted[i], g)] / gold_size[g] for i, g in gold.items()) / len(gold)
    return p, r, 2 * p * r / (p + r)


if __name__ == "__main__":
    main()
