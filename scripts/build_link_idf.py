"""General news text (PolNeAR train, MSRP, FNC-1 bodies) → the document-frequency table used to weight linking terms.

The table (``src/claimgraph/data/link/df.tsv``: a ``#docs<TAB>N`` line, then ``stem<TAB>df``) gives
term weights before a stream has seen enough articles to estimate its own (Miranda et al. 2018
weight with the IDF seen so far; a prior from general news keeps the first articles sensible).
ECB+ is NOT used: it is what the story clustering is evaluated on. Each MSRP sentence counts as a
document (short, but many different news events). Terms in fewer than MIN_DF documents are left out.

    .venv/bin/python scripts/build_link_idf.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from claimgraph.link.features import stems

MIN_DF = 3
OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "link" / "df.tsv"


def documents(data: Path):
    for path in sorted((data / "polnear" / "train" / "text").glob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")
    with open(data / "msrp" / "train.txt", encoding="utf-8-sig") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) == 5 and row[0] in ("0", "1"):
                yield row[3]
                yield row[4]
    csv.field_size_limit(sys.maxsize)
    with open(data / "fnc1" / "train_bodies.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield row["articleBody"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = ap.parse_args()
    df: Counter = Counter()
    n = 0
    for text in documents(args.data):
        n += 1
        df.update(set(stems(text)))
    rows = sorted((t, c) for t, c in df.items() if c >= MIN_DF)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(f"#docs\t{n}\n")
        fh.writelines(f"{t}\t{c}\n" for t, c in rows)
    print(f"{n} documents, {len(rows)} terms (df >= {MIN_DF}) → {OUT}")


if __name__ == "__main__":
    main()
