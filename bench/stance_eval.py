"""Emergent dev + FNC-1 dev → grouped cross-validated accuracy, macro-F1 and FNC-1 score of the stance model.

Protocol (honest figures; the shipped model is trained on all of it by scripts/train_stance.py):
- Emergent: 5-fold GroupKFold by claim. The held-out claims' rows are predicted by a model trained on
  the other claims' rows (+ their synthetic unrelated pairs) + all FNC-1 dev rows except those whose
  headline is a held-out Emergent headline. Emergent has no "unrelated" rows, so its prediction is the
  best of supports / refutes / reports (the published 3-way task); how often the 4-way model would
  have said "unrelated" is printed too.
- FNC-1: 5-fold GroupKFold by body. Training: the other bodies' rows + all Emergent rows except those
  whose article headline is a held-out FNC-1 headline.
The cosine IDF comes from FNC-1 train_bodies.csv (unlabelled, never evaluated on).

    .venv/bin/python bench/stance_eval.py [--data ../shared/data] [--c 1.0]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    f1_score,
)
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import train_stance as ts

from claimgraph.assess.stance import STANCES

FOLDS = 5
RELATED = [STANCES.index(s) for s in ("supports", "refutes", "reports")]


def fnc_score(gold: list[str], pred: list[str]) -> float:
    """The FNC-1 weighted score as a fraction of the best possible (0.25 related/unrelated, +0.75 exact related)."""
    got = best = 0.0
    for g, p in zip(gold, pred):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (g == "unrelated") == (p == "unrelated"):
            got += 0.25
        if g != "unrelated" and g == p:
            got += 0.75
    return got / best


def _folds(pairs, dataset: str):
    test_rows = np.array([i for i, p in enumerate(pairs) if p.dataset == dataset])
    groups = [pairs[i].group for i in test_rows]
    yield from (test_rows[te] for _, te in GroupKFold(n_splits=FOLDS).split(test_rows, groups=groups))


def _train_rows(pairs, test: np.ndarray) -> np.ndarray:
    """Rows outside the held-out groups; rows of the other data set sharing a headline with them are dropped."""
    held_groups = {pairs[i].group for i in test}
    held_texts = {pairs[i].text for i in test} | {pairs[i].claim for i in test}
    dataset = pairs[test[0]].dataset
    return np.array([i for i, p in enumerate(pairs) if p.group not in held_groups and (
        p.dataset.startswith(dataset) or (p.claim not in held_texts and p.text not in held_texts))])


def cross_validate(pairs, feats, cos_vec, dataset: str, c: float) -> tuple[list[str], list[str], int]:
    gold, pred, said_unrelated = [], [], 0
    for test in _folds(pairs, dataset):
        model = ts.fit(pairs, feats, _train_rows(pairs, test), cos_vec, c)
        proba = ts.predict_proba(model, feats, test)
        if dataset == "emergent":
            said_unrelated += int((proba.argmax(axis=1) == STANCES.index("unrelated")).sum())
            best = [RELATED[j] for j in proba[:, RELATED].argmax(axis=1)]
        else:
            best = list(proba.argmax(axis=1))
        gold += [pairs[i].label for i in test]
        pred += [STANCES[j] for j in best]
    return gold, pred, said_unrelated


def report(name: str, gold: list[str], pred: list[str]) -> None:
    labels = [s for s in STANCES if s in set(gold)]
    print(f"== {name}: {len(gold)} pairs")
    print(f"accuracy {accuracy_score(gold, pred):.3f}  macro-F1 {f1_score(gold, pred, labels=labels, average='macro'):.3f}")
    print(classification_report(gold, pred, labels=labels, digits=3, zero_division=0))
    print("confusion (rows gold, cols predicted):", labels)
    print(confusion_matrix(gold, pred, labels=labels))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--c", type=float, default=ts.C)
    ap.add_argument("--only", choices=["emergent", "fnc1"])
    ap.add_argument("--cache", type=Path, help="pickle file caching sentence embeddings between runs")
    args = ap.parse_args(argv)
    pairs, feats, cos_vec = ts.load_all(Path(args.data), args.cache)
    if args.only != "fnc1":
        gold, pred, unrel = cross_validate(pairs, feats, cos_vec, "emergent", args.c)
        report("Emergent dev (claim vs headline), 5-fold grouped by claim", gold, pred)
        print(f"(4-way argmax would have said 'unrelated' for {unrel} of {len(gold)} Emergent pairs)\n")
    if args.only != "emergent":
        gold, pred, _ = cross_validate(pairs, feats, cos_vec, "fnc1", args.c)
        report("FNC-1 dev (headline vs body), 5-fold grouped by body", gold, pred)
        print(f"FNC-1 weighted score (fraction of max) {fnc_score(gold, pred):.3f}")


if __name__ == "__main__":
    main()
