#!/usr/bin/env python3
"""MSRP train → 10-fold cross-validated accuracy and F1 of the claim pair classifier.

Usage: bench/msrp_eval.py [MSRP_TRAIN] [--features-cache FILE.npz] [--folds 10]

Features come from claimgraph.link.similarity, the classifier is the one
scripts/train_pairs.py ships (seeded logistic regression); each fold is
trained on the other nine. Also prints the baselines (always "same", the
MiniLM cosine alone with a threshold tuned inside each fold).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("train_pairs", ROOT / "scripts" / "train_pairs.py")
train_pairs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train_pairs)


def best_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    return float(max(candidates, key=lambda t: ((scores >= t) == y).mean()))


def cross_validate(x: np.ndarray, y: np.ndarray, folds: int, c: float) -> dict[str, tuple[float, float]]:
    model_pred, cos_pred = np.zeros_like(y), np.zeros_like(y)
    cosine = x[:, train_pairs.similarity.FEATURES.index("cosine")]
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=train_pairs.SEED).split(x, y):
        model = train_pairs.fit(x[train], y[train], c)
        model_pred[test] = model.probability(x[test]) >= model.threshold
        cos_pred[test] = cosine[test] >= best_threshold(cosine[train], y[train])
    always = np.ones_like(y)
    return {
        name: (accuracy_score(y, pred), f1_score(y, pred))
        for name, pred in (("classifier", model_pred), ("cosine only", cos_pred), ("always same", always))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=train_pairs.DEFAULT_DATA)
    parser.add_argument("--features-cache", type=Path)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--c", type=float, default=train_pairs.C)
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: MSRP training file not found (see ../shared/data/msrp/README.md)")
    started = time.perf_counter()
    left, right, y = train_pairs.load_pairs(args.data)
    x = train_pairs.feature_matrix(left, right, args.features_cache)
    print(f"{len(y)} pairs, {x.shape[1]} features in {time.perf_counter() - started:.0f} s")
    for name, (acc, f1) in cross_validate(x, y, args.folds, args.c).items():
        print(f"{name:12s} accuracy {acc:.3f}  F1 {f1:.3f}  ({args.folds}-fold CV)")


if __name__ == "__main__":
    main()
