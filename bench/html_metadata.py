#!/usr/bin/env python3
"""HTML pages with gold metadata → accuracy of the HTML reader's title, author and date.

Usage: bench/html_metadata.py [DATA_DIR] [-v]
DATA_DIR defaults to ../shared/data/html (gold.json + pages/). Prints one line
per field and, with -v, every miss. tests/ingest/test_html_eval.py pins floors.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from claimgraph.errors import IngestError
from claimgraph.ingest.html import article_from_html

# Words that join several names; "A; B" and "A and B" are the same byline.
CONNECTORS = {"and", "und", "y", "et", "e"}
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "html"
FIELDS = ("title", "author", "date")


def norm(text: object) -> str:
    if isinstance(text, list):
        text = "; ".join(text)
    text = unicodedata.normalize("NFKC", str(text or "")).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_author(predicted: str | None, gold: object) -> bool:
    """Equal after normalising, or the same set of name words (order and separators aside)."""
    if not predicted:
        return False
    words = lambda s: set(re.findall(r"\w+", norm(s))) - CONNECTORS
    return norm(predicted) == norm(gold) or words(predicted) == words(gold)


def evaluate(data_dir: Path) -> tuple[dict[str, float], list[str], int]:
    """(accuracy per field, misses, pages) for the pages of ``data_dir``."""
    gold = json.loads((data_dir / "gold.json").read_text(encoding="utf-8"))
    hits = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for url, entry in gold.items():
        html = (data_dir / "pages" / entry["file"]).read_bytes()
        try:
            article = article_from_html(entry["file"], html, url)
        except IngestError as exc:
            misses.append(f"{entry['file']}: {exc.problem}")
            continue
        got = {"title": article.title, "author": article.author, "date": article.published}
        checks = {
            "title": norm(article.title) == norm(entry["title"]),
            "author": same_author(article.author, entry["author"]),
            "date": (article.published or "")[:10] == entry["date"],
        }
        for field, ok in checks.items():
            hits[field] += ok
            if not ok:
                misses.append(f"{entry['file']}: {field} {got[field]!r} != {entry[field]!r}")
    return {f: hits[f] / len(gold) for f in FIELDS}, misses, len(gold)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    if not (data_dir / "gold.json").exists():
        print(f"no gold.json in {data_dir}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    accuracy, misses, n = evaluate(data_dir)
    seconds = time.perf_counter() - start
    for field, value in accuracy.items():
        print(f"{field:8s} {value:.3f}  {round(value * n)}/{n}")
    print(f"pages/s  {n / seconds:.1f}")
    if verbose:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
