#!/usr/bin/env python3
"""PolNeAR train split → cue lexicon (TSV) and cue classifier weights (JSON) under src/claimgraph/data/attrib/.

Reproducible: fixed seed, CPU, a few minutes.  Usage:
    .venv/bin/python scripts/train_attrib.py ../shared/data/polnear/train [--cache /tmp/train.spacy]

The lexicon lists every lemma that heads a gold cue at least MIN_CUE_COUNT times, with how often it is a cue
and how often it occurs; the classifier is a logistic regression over the sparse parse features of
``claimgraph.extract.attrib.features`` deciding whether a candidate token heads an attribution cue.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import spacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from claimgraph.extract.attrib.features import candidates
from claimgraph.extract.nlp import MODEL_PACKAGE

SEED = 13
MIN_CUE_COUNT = 2  # a lemma enters the lexicon when it heads a gold cue at least twice in train
C_VALUE = 0.25  # L2 inverse strength; article-held-out cue F1 on train: 0.25 → 0.783, 0.5 → 0.782, 1.0 → 0.778
HOLDOUT_SHARE = 0.15
MIN_WEIGHT = 1e-3  # weights smaller than this are dropped from the shipped file
OUT = Path(__file__).resolve().parent.parent / "src" / "claimgraph" / "data" / "attrib"


def read_cue_spans(path: str) -> list[tuple[list[tuple[int, int]], bool]]:
    """(cue spans, has a source) of every relation in one BRAT file (as polnear.py reads them)."""
    spans, rels = {}, []
    for line in open(path, encoding="utf-8"):
        if not re.match(r"[TE]\d+\t", line):
            continue
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("T"):
            kind, _, where = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, p.split())) for p in where.split(";")]
        else:
            roles = {r.rstrip("0123456789"): t for r, _, t in (i.partition(":") for i in parts[1].split())}
            if "Cue" in roles and "Content" in roles:
                rels.append((roles["Cue"], "Source" in roles))
    return [(spans[t], has_source) for t, has_source in rels]


def load_split(split_dir: str) -> tuple[list[str], list[str], list[list[list[tuple[int, int]]]]]:
    names = sorted(n[:-4] for n in os.listdir(os.path.join(split_dir, "text")) if n.endswith(".txt"))
    ann_dir = os.path.join(split_dir, "attributions")
    first_ann: dict[str, str] = {}
    for n in sorted(os.listdir(ann_dir)):
        first_ann.setdefault(n[:-4].rsplit("_", 1)[0], os.path.join(ann_dir, n))
    texts = [open(os.path.join(split_dir, "text", n + ".txt"), encoding="utf-8").read() for n in names]
    cues = [read_cue_spans(first_ann[n]) if n in first_ann else [] for n in names]
    return names, texts, cues


def parse(texts: list[str], cache: str | None):
    nlp = spacy.load(MODEL_PACKAGE)
    if cache and os.path.exists(cache):
        return list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=32))
    if cache:
        DocBin(docs=docs).to_disk(cache)
    return docs


def cue_heads(doc, cue_spans) -> tuple[dict[int, bool], set[int]]:
    """Token ids heading gold cues (→ whether the relation has a source), and ids of the other tokens inside
    gold cues (left out of training)."""
    heads, inside = {}, set()
    for spans, has_source in cue_spans:
        toks = [t for s, e in spans if (sp := doc.char_span(s, e, alignment_mode="expand")) for t in sp]
        ids = {t.i for t in toks}
        if not ids:
            continue
        head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])
        heads[head.i] = has_source
        inside |= ids - {head.i}
    return heads, inside - set(heads)


def build_lexicon(docs, golds) -> dict[str, tuple[int, int, int]]:
    """Lemma → (times it heads a gold cue, times it occurs, times its relation has a source)."""
    cue_count, total, with_source = Counter(), Counter(), Counter()
    for doc, gold in zip(docs, golds):
        heads, _ = cue_heads(doc, gold)
        for tok in doc:
            total[tok.lemma_.lower()] += 1
            if tok.i in heads:
                cue_count[tok.lemma_.lower()] += 1
                with_source[tok.lemma_.lower()] += heads[tok.i]
    return {lem: (n, total[lem], with_source[lem]) for lem, n in cue_count.items() if n >= MIN_CUE_COUNT}


def examples(docs, golds, lexicon):
    rows, labels, article = [], [], []
    for k, (doc, gold) in enumerate(zip(docs, golds)):
        heads, skip = cue_heads(doc, gold)
        for tok, feats in candidates(doc, lexicon):
            if tok.i in skip:
                continue
            rows.append(dict.fromkeys(feats, 1))
            labels.append(int(tok.i in heads))
            article.append(k)
    return rows, np.array(labels), np.array(article)


def best_threshold(y, p) -> tuple[float, float]:
    best = (0.0, 0.5)
    for th in np.arange(0.2, 0.8, 0.02):
        pred = p >= th
        tp = int((pred & (y == 1)).sum())
        f = 2 * tp / (pred.sum() + y.sum()) if tp else 0.0
        best = max(best, (f, float(th)))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("train_dir")
    ap.add_argument("--cache", help="DocBin file to reuse/save the parse")
    args = ap.parse_args()
    random.seed(SEED)
    names, texts, golds = load_split(args.train_dir)
    docs = parse(texts, args.cache)
    lexicon = build_lexicon(docs, golds)
    rows, y, art = examples(docs, golds, lexicon)
    print(f"{len(names)} articles, lexicon {len(lexicon)} lemmas, {len(y)} candidates, {y.sum()} cues", file=sys.stderr)
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    held = np.isin(art, random.sample(range(len(names)), int(HOLDOUT_SHARE * len(names))))
    model = LogisticRegression(C=C_VALUE, max_iter=2000, random_state=SEED)
    model.fit(X[~held], y[~held])
    f, th = best_threshold(y[held], model.predict_proba(X[held])[:, 1])
    print(f"held-out cue-head F1 {f:.3f} at threshold {th:.2f}", file=sys.stderr)
    model.fit(X, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= MIN_WEIGHT}
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "cue_lexicon.tsv", "w", encoding="utf-8") as fh:
        fh.write("lemma\tcue_count\ttotal\tcue_rate\tsource_rate\n")
        for lem, (n, tot, src) in sorted(lexicon.items(), key=lambda kv: (-kv[1][0], kv[0])):
            fh.write(f"{lem}\t{n}\t{tot}\t{n / tot:.3f}\t{src / n:.3f}\n")
    meta = {"trained_on": "PolNeAR train (first annotator per article)", "seed": SEED, "C": C_VALUE,
            "threshold": round(th, 2), "heldout_cue_f1": round(f, 3), "intercept": round(float(model.intercept_[0]), 4),
            "weights": weights}
    (OUT / "cue_model.json").write_text(json.dumps(meta, sort_keys=True, indent=0), encoding="utf-8")
    print(f"wrote {OUT}/cue_lexicon.tsv and cue_model.json ({len(weights)} weights)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
