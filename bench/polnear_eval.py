#!/usr/bin/env python3
"""PolNeAR split → attribution scores (as ../shared/bench/polnear.py computes them), error breakdown and speed.

Usage:
    .venv/bin/python bench/polnear_eval.py ../shared/data/polnear/dev [--cache DOCBIN] [--errors N]

Parses the split's texts once with the project's spaCy pipeline (timed), runs the attribution step on every Doc
(timed), then scores with the functions of polnear.py (imported by path; --scorer to point elsewhere).  Prints
the scorer's figures, articles/s for parse alone and for parse + extraction, and with --errors the most common
cue lemmas among false positives and misses.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCORER = REPO.parent / "shared" / "bench" / "polnear.py"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("polnear_scorer", path)
    if spec is None or not path.exists():
        raise SystemExit(f"{path}: PolNeAR scorer not found (pass --scorer)")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_files(split_dir: Path) -> dict[str, Path]:
    """Article stem → first annotator's .ann file (the scorer's choice)."""
    out: dict[str, Path] = {}
    for name in sorted(os.listdir(split_dir / "attributions")):
        if name.endswith(".ann"):
            out.setdefault(name[:-4].rsplit("_", 1)[0], split_dir / "attributions" / name)
    return out


def parse_split(split_dir: Path, cache: str | None):
    """(stems, texts, docs, parse seconds) for every article of the split."""
    from spacy.tokens import DocBin

    from claimgraph.extract.nlp import load_nlp, parse

    stems = sorted(p.stem for p in (split_dir / "text").glob("*.txt"))
    texts = [(split_dir / "text" / f"{s}.txt").read_text(encoding="utf-8") for s in stems]
    nlp = load_nlp()
    start = time.perf_counter()
    if cache and os.path.exists(cache):
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(parse(texts))
        if cache:
            DocBin(docs=docs).to_disk(cache)
    return stems, texts, docs, time.perf_counter() - start


def extract(stems, texts, docs):
    """Attributions per article stem, and the seconds the entity and attribution steps took (the entity step's
    corrected labels name the speakers, as in the pipeline)."""
    from claimgraph.extract import attributions, entities
    from claimgraph.types import Article, ArticleAnalysis

    out, start = {}, time.perf_counter()
    for stem, text, doc in zip(stems, texts, docs):
        analysis = entities.run(doc, ArticleAnalysis(article=Article(id=stem, path=f"{stem}.txt", text=text)))
        out[stem] = attributions.run(doc, analysis).attributions
    return out, time.perf_counter() - start


def score(scorer, split_dir: Path, texts_by_stem: dict[str, str], predicted) -> dict:
    """The scorer's figures plus matched/missed/spurious relations for error analysis."""
    n_gold = n_pred = n_match = n_strict = src_ok = cue_ok = 0
    content_sum, missed, spurious, wrong = 0.0, [], [], []
    for stem, ann in gold_files(split_dir).items():
        text = texts_by_stem[stem]
        golds = scorer.read_ann(str(ann))
        preds = [{"content": scorer.chars([(s.start, s.end) for s in a.content_spans]),
                  "cue": scorer.chars([(a.cue_span.start, a.cue_span.end)] if a.cue_span else []),
                  "source": scorer.chars([(a.source_span.start, a.source_span.end)] if a.source_span else []),
                  "att": a} for a in predicted.get(stem, ())]
        gs = [{k: scorer.chars(g[k]) for k in ("content", "cue", "source")} | {"raw": g} for g in golds]
        n_gold, n_pred = n_gold + len(gs), n_pred + len(preds)
        cands = [(scorer.jaccard(g["content"], p["content"]), gi, pi) for gi, g in enumerate(gs)
                 for pi, p in enumerate(preds)]
        cands = [c for c in cands if c[0] >= 0.5 or (gs[c[1]]["cue"] & preds[c[2]]["cue"] and c[0] > 0)]
        used_g, used_p = set(), set()
        for _, gi, pi in sorted(cands, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gs[gi], preds[pi]
            s_ok = bool(g["source"] & p["source"]) if g["source"] else not p["source"]
            c_ok = bool(g["cue"] & p["cue"])
            n_match, src_ok, cue_ok, n_strict = n_match + 1, src_ok + s_ok, cue_ok + c_ok, n_strict + (s_ok and c_ok)
            content_sum += scorer.char_f1(p["content"], g["content"])
            if not (s_ok and c_ok):
                wrong.append((stem, text, g["raw"], p["att"]))
        missed += [(stem, text, g["raw"]) for gi, g in enumerate(gs) if gi not in used_g]
        spurious += [(stem, text, p["att"]) for pi, p in enumerate(preds) if pi not in used_p]

    def f1(a, b):
        return 0.0 if a + b == 0 else 2 * a * b / (a + b)

    p, r = n_match / max(n_pred, 1), n_match / max(n_gold, 1)
    sp, sr = n_strict / max(n_pred, 1), n_strict / max(n_gold, 1)
    return {"gold": n_gold, "predicted": n_pred, "precision": p, "recall": r, "f1": f1(p, r),
            "source_accuracy": src_ok / max(n_match, 1), "cue_accuracy": cue_ok / max(n_match, 1),
            "content_f1": content_sum / max(n_match, 1), "strict_f1": f1(sp, sr),
            "missed": missed, "spurious": spurious, "wrong": wrong}


def show_errors(res: dict, n: int) -> None:
    def cue_of(text, spans):
        return " ".join(text[s:e] for s, e in spans).lower()

    print("missed by cue:", Counter(cue_of(t, g["cue"]) for _, t, g in res["missed"]).most_common(n))
    print("spurious by cue:", Counter(a.cue_span.of(t).lower() for _, t, a in res["spurious"]).most_common(n))
    for stem, text, g, a in res["wrong"][:n]:
        gs = " | ".join(text[s:e] for s, e in g["source"])
        print(f"  wrong {stem[:30]}: gold src={gs!r} cue={cue_of(text, g['cue'])!r}; "
              f"pred src={a.source_span.of(text) if a.source_span else None!r} cue={a.cue_span.of(text)!r}")
    for stem, text, a in res["spurious"][:n]:
        print(f"  spurious {stem[:30]}: src={a.source_span.of(text) if a.source_span else None!r} "
              f"cue={a.cue_span.of(text)!r} content={a.content(text)[:100]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split_dir", type=Path)
    ap.add_argument("--cache", help="DocBin file to reuse/save the parse (speed figures then exclude parsing)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    ap.add_argument("--errors", type=int, default=0)
    args = ap.parse_args()
    scorer = load_scorer(args.scorer)
    stems, texts, docs, parse_s = parse_split(args.split_dir, args.cache)
    predicted, extract_s = extract(stems, texts, docs)
    res = score(scorer, args.split_dir, dict(zip(stems, texts)), predicted)
    print(f"articles {len(stems)}; gold {res['gold']}; predicted {res['predicted']}")
    for key in ("precision", "recall", "f1", "source_accuracy", "cue_accuracy", "content_f1", "strict_f1"):
        print(f"{key:18s} {res[key]:.4f}")
    print(f"parse {parse_s:.2f}s ({len(stems) / parse_s:.1f} articles/s); attribution step {extract_s:.2f}s "
          f"(+{100 * extract_s / parse_s:.0f}% of the parse); parse+attributions "
          f"{len(stems) / (parse_s + extract_s):.1f} articles/s")
    if args.errors:
        show_errors(res, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
