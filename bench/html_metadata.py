#!/usr/bin/env python3
"""HTML pages with gold metadata → accuracy of the HTML reader's title, author and date.

Usage: bench/html_metadata.py [DATA_DIR] [-v]
DATA_DIR defaults to ../shared/data/html (gold.json + pages/). Prints one line
per field and, with -v, every miss.
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


def norm(text: object) -> str:
    if isinstance(text, list):
        text = "; ".join(text)
    text = unicodedata.normalize("NFKC", str(text or "")).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_author(predicted: str | None, gold: object) -> bool:
    """Equal after normalising, or the same set of name words (order and separators aside)."""
    if not predicted:
        return False
    words = lambda s: set(re.findall(r"\w+", norm(s))) - CONNECTORS  # noqa: E731
    return norm(predicted) == norm(gold) or words(predicted) == words(gold)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    if not (data_dir / "gold.json").exists():
        print(f"no gold.json in {data_dir}", file=sys.stderr)
        return 2
    gold = json.loads((data_dir / "gold.json").read_text(encoding="utf-8"))
    hits = {"title": 0, "author": 0, "date": 0}
    misses: list[str] = []
    start = time.perf_counter()
    for url, entry in gold.items():
        html = (data_dir / "pages" / entry["file"]).read_bytes()
        try:
            article = article_from_html(entry["file"], html, url)
        except IngestError as exc:
            misses.append(f"{entry['file']}: {exc.problem}")
            continue
        checks = {
            "title": norm(article.title) == norm(entry["title"]),
            "author": same_author(article.author, entry["author"]),
            "date": (article.published or "")[:10] == entry["date"],
        }
        for field, ok in checks.items():
            hits[field] += ok
            if not ok:
                got = {"title": article.title, "author": article.author, "date": article.published}[field]
                want = entry[field]
                misses.append(f"{entry['file']}: {field} {got!r} != {want!r}")
    seconds = time.perf_counter() - start
    n = len(gold)
    for field, count in hits.items():
        print(f"{field:8s} {count / n:.3f}  {count}/{n}")
    print(f"pages/s  {n / seconds:.1f}")
    if verbose:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
