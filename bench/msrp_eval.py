#!/usr/bin/env python3
"""MSRP train → cross-validated accuracy and F1 of the claim pair models (feature classifier, cross-encoder).

Usage: bench/msrp_eval.py [MSRP_TRAIN] [--features-cache FILE.npz] [--folds 10] [--crossencoder-oof FILE.json]
       [--mpnet-cache FILE.npz]

Features come from claimgraph.link.similarity, the classifier is the one
scripts/train_pairs.py ships (seeded logistic regression); each fold is
trained on the other nine. Also prints the baselines (always "same", the
MiniLM cosine alone with a threshold tuned inside each fold).

The cross-encoder needs torch to train, so its held-out probabilities come
from scripts/train_crossencoder.py (bench/msrp_crossencoder_oof.json: the
pairs of the folds it evaluated, each scored by a model that never saw them).
On exactly those pairs, and with the SAME folds, this script also trains the
feature classifier on the rest and reports feature model, cross-encoder
(int8 and fp32) and the mean of the two probabilities side by side. When the
held-out file covers every pair, it also cross-validates what `claimgraph pairs`
ships: the stacked classifier over the features plus the cross-encoder's
held-out logit (scripts/train_pairs.py), trained on nine folds, scored on the tenth; and, when the
optional all-mpnet-base-v2 is installed (scripts/setup.sh --mpnet), the same plus its cosine, which
`claimgraph pairs` then runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
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


def crossencoder_comparison(x: np.ndarray, y: np.ndarray, oof: dict, c: float) -> dict[str, tuple[float, float]]:
    """Held-out pairs of the cross-encoder's folds → (accuracy, F1) of each model on exactly those pairs."""
    splits = StratifiedKFold(oof["folds"], shuffle=True, random_state=oof["seed"]).split(x, y)
    index = np.array(oof["index"])
    feature = np.full(len(y), np.nan)
    for train, test in list(splits)[: oof["evaluated_folds"]]:
        feature[test] = train_pairs.fit(x[train], y[train], c).probability(x[test])
    feature = feature[index]
    truth = y[index]
    ce8 = np.array(oof["int8"])
    mean = (ce8 + feature) / 2
    preds = {"feature classifier": feature >= 0.5, "cross-encoder int8": ce8 >= oof["threshold"]}
    if "fp32" in oof:  # not recorded for every model
        preds["cross-encoder fp32"] = np.array(oof["fp32"]) >= oof["threshold"]
    preds["mean(int8, feature)"] = mean >= 0.5
    return {name: (accuracy_score(truth, p), f1_score(truth, p)) for name, p in preds.items()}


def report_crossencoder(x: np.ndarray, y: np.ndarray, path: Path, c: float) -> None:
    if not path.exists():
        print(f"{path}: no cross-encoder held-out file (run scripts/train_crossencoder.py)")
        return
    oof = json.loads(path.read_text())
    if oof["pairs"] != len(y):
        print(f"{path}: made for {oof['pairs']} pairs, not {len(y)}; skipped")
        return
    scope = f"{oof['evaluated_folds']} of {oof['folds']} folds, {len(oof['index'])} held-out pairs"
    for name, (acc, f1) in crossencoder_comparison(x, y, oof, c).items():
        print(f"{name:20s} accuracy {acc:.3f}  F1 {f1:.3f}  ({scope})")
    if len(oof["index"]) == len(y):
        acc, f1 = stacked_cv(x, y, train_pairs.crossencoder_logits(path, len(y)), oof["folds"], c)
        print(f"{'stacked (shipped)':20s} accuracy {acc:.3f}  F1 {f1:.3f}  ({oof['folds']}-fold CV, all pairs)")


def stacked_cv(x: np.ndarray, y: np.ndarray, logits: np.ndarray, folds: int, c: float,
               mpnet_cosine: np.ndarray | None = None) -> tuple[float, float]:
    """The stacked classifier (features + held-out cross-encoder logit, + the all-mpnet-base-v2 cosine when
    given), cross-validated on the same folds."""
    xs = train_pairs.stacked_matrix(x, logits)
    names = train_pairs.similarity.STACKED_FEATURES
    if mpnet_cosine is not None:
        xs, names = np.column_stack([xs, mpnet_cosine]), train_pairs.similarity.STACKED_MPNET_FEATURES
    pred = np.zeros_like(y)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=train_pairs.SEED).split(xs, y):
        model = train_pairs.fit(xs[train], y[train], c, names=names)
        pred[test] = model.probability(xs[test]) >= model.threshold
    return accuracy_score(y, pred), f1_score(y, pred)


def report_mpnet(x: np.ndarray, y: np.ndarray, left: list[str], right: list[str], path: Path, folds: int, c: float,
                 cache: Path | None) -> None:
    """What `claimgraph pairs` runs with the optional all-mpnet-base-v2: the stacked columns plus the mpnet cosine."""
    from claimgraph.link import mpnet

    if not mpnet.available():
        print("all-mpnet-base-v2 not installed (bash scripts/setup.sh --mpnet): stacked + mpnet not measured")
        return
    started = time.perf_counter()
    cosine = train_pairs.mpnet_cosines(left, right, cache)
    seconds = time.perf_counter() - started
    pred = cosine >= best_threshold(cosine, y)
    print(f"{'mpnet cosine only':20s} accuracy {accuracy_score(y, pred):.3f}  (threshold tuned on all pairs; "
          f"{len(set(left) | set(right))} sentences embedded in {seconds:.0f} s)")
    logits = train_pairs.crossencoder_logits(path, len(y))
    acc, f1 = stacked_cv(x, y, logits, folds, c, cosine)
    print(f"{'stacked + mpnet':20s} accuracy {acc:.3f}  F1 {f1:.3f}  ({folds}-fold CV, all pairs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=train_pairs.DEFAULT_DATA)
    parser.add_argument("--features-cache", type=Path)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--c", type=float, default=train_pairs.C)
    parser.add_argument("--crossencoder-oof", type=Path, default=ROOT / "bench" / "msrp_crossencoder_oof.json")
    parser.add_argument("--mpnet-cache", type=Path, help=".npz cache of the all-mpnet-base-v2 sentence vectors")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: MSRP training file not found (see ../shared/data/msrp/README.md)")
    started = time.perf_counter()
    left, right, y = train_pairs.load_pairs(args.data)
    x = train_pairs.feature_matrix(left, right, args.features_cache)
    print(f"{len(y)} pairs, {x.shape[1]} features in {time.perf_counter() - started:.0f} s")
    for name, (acc, f1) in cross_validate(x, y, args.folds, args.c).items():
        print(f"{name:12s} accuracy {acc:.3f}  F1 {f1:.3f}  ({args.folds}-fold CV)")
    report_crossencoder(x, y, args.crossencoder_oof, args.c)
    if args.crossencoder_oof.exists():
        report_mpnet(x, y, left, right, args.crossencoder_oof, args.folds, args.c, args.mpnet_cache)


if __name__ == "__main__":
    main()
