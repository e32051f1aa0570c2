"""PolNeAR dev texts → timing of the entities/dates/places steps against the spaCy parse, plus a dump to read by eye.

    .venv/bin/python bench/places_dates.py [--texts ../shared/data/polnear/dev/text] [--out /tmp/places_dates.json]

Prints articles/s of the parse and the share our three steps add to it; writes every date and place
mention (with its article's publication date from PolNeAR's metadata.tsv) for checking precision by eye.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from claimgraph.extract import dates, entities, places
from claimgraph.extract.gazetteer import load_gazetteer
from claimgraph.extract.nlp import load_nlp
from claimgraph.types import Article, ArticleAnalysis

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=Path, default=ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text")
    ap.add_argument("--out", type=Path, default=Path("/tmp/places_dates.json"))
    args = ap.parse_args()
    files = sorted(args.texts.glob("*.txt"))
    if not files:
        print(f"{args.texts}: no .txt files (place the shared/ folder beside the project)", file=sys.stderr)
        return 2
    meta_file = args.texts.parent.parent / "metadata.tsv"
    published = {}
    if meta_file.is_file():
        for line in meta_file.read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            published[cols[1]] = cols[5] if cols[5] not in ("", "None") else None
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = load_nlp()
    t = time.perf_counter()
    load_gazetteer()
    t_gaz = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    t_parse = time.perf_counter() - t
    spent = {"entities": 0.0, "dates": 0.0, "places": 0.0}
    dump = []
    for f, text, doc in zip(files, texts, docs):
        a = ArticleAnalysis(article=Article(id=f.stem, path=str(f), text=text, published=published.get(f.stem)))
        for name, step in (("entities", entities.run), ("dates", dates.run), ("places", places.run)):
            t = time.perf_counter()
            a = step(doc, a)
            spent[name] += time.perf_counter() - t
        dump.append({"id": f.stem, "published": a.article.published,
                     "dates": [[m.span.of(text), m.value, m.precision] for m in a.dates],
                     "places": [[m.span.of(text), m.place.name, m.place.country, m.place.kind] for m in a.places]})
    n, ours = len(files), sum(spent.values())
    print(f"{n} articles; gazetteer load {t_gaz:.2f}s (once per process)")
    print(f"spaCy parse {t_parse:.2f}s = {n / t_parse:.1f} articles/s; "
          + ", ".join(f"{k} {v:.2f}s" for k, v in spent.items())
          + f"; the three steps add {100 * ours / t_parse:.0f}% to the parse")
    print(f"{sum(len(d['dates']) for d in dump)} dates, {sum(len(d['places']) for d in dump)} place mentions "
          f"→ {args.out}")
    args.out.write_text(json.dumps(dump, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
