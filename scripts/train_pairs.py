#!/usr/bin/env python3
"""MSRP train pairs → the pair classifier shipped as src/claimgraph/data/pairs/matcher.json.

Usage: scripts/train_pairs.py [MSRP_TRAIN] [--features-cache FILE.npz] [-o OUT.json] [--stacked-output OUT.json]

Reads the MSRP training file (Quality, #1 ID, #2 ID, #1 String, #2 String;
UTF-8 with BOM, CRLF, no quoting), computes claimgraph.link.similarity
features for every pair, fits a seeded logistic regression on standardised
features and writes its coefficients as JSON. Deterministic: same data, same code → same file.

It also writes the stacked classifier that `claimgraph pairs` uses (``pairs-stacked.json``): the same
features plus the cross-encoder's logit as one more column. That column must be held-out: for every
pair it is the logit of the cross-encoder ensemble trained on the nine folds without it
(``bench/msrp_crossencoder_oof.json``, written by scripts/train_crossencoder.py --assemble), so that the
classifier learns how far to trust the cross-encoder on pairs it has not seen.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from claimgraph.link import similarity

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "msrp" / "train.txt"
DEFAULT_OUT = ROOT / "src" / "claimgraph" / "data" / "pairs" / "matcher.json"
DEFAULT_STACKED_OUT = ROOT / "src" / "claimgraph" / "data" / "pairs" / "pairs-stacked.json"
DEFAULT_MPNET_OUT = ROOT / "src" / "claimgraph" / "data" / "pairs" / "pairs-stacked-mpnet.json"
DEFAULT_OOF = ROOT / "bench" / "msrp_crossencoder_oof.json"
SEED = 13
# Regularisation strength of the logistic regression; 10-fold CV on MSRP train (bench/msrp_eval.py --c):
# C 0.1/0.3/1/3 → accuracy 0.765/0.773/0.775/0.775.
C = 1.0


def load_pairs(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """MSRP file → (sentences 1, sentences 2, labels)."""
    left, right, labels = [], [], []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, line in enumerate(handle):
            fields = line.rstrip("\r\n").split("\t")
            if number == 0 and fields[0] == "Quality":
                continue
            if len(fields) != 5:
                sys.exit(f"{path}:{number + 1}: expected 5 tab-separated fields, got {len(fields)}")
            labels.append(int(fields[0]))
            left.append(fields[3])
            right.append(fields[4])
    return left, right, np.array(labels)


def feature_matrix(left: list[str], right: list[str], cache: Path | None = None) -> np.ndarray:
    """Pairs → (n, len(FEATURES)) features; optionally cached in an .npz keyed by the texts and feature names."""
    key = hashlib.sha1(json.dumps([left, right, similarity.FEATURES, similarity.ALIGN_MIN]).encode()).hexdigest()
    if cache and cache.exists():
        stored = np.load(cache)
        if str(stored["key"]) == key:
            return stored["x"]
    unique = sorted(set(left) | set(right))
    prepared = dict(zip(unique, similarity.prepare(unique)))
    x = np.stack([similarity.features(prepared[a], prepared[b]) for a, b in zip(left, right)])
    if cache:
        np.savez(cache, x=x, key=key)
    return x


def mpnet_cosines(left: list[str], right: list[str], cache: Path | None = None) -> np.ndarray:
    """Each pair's all-mpnet-base-v2 cosine (link/mpnet.py, ``scripts/setup.sh --mpnet``); the sentence
    vectors optionally cached in an .npz keyed by the sentences and the model."""
    from claimgraph.link import mpnet

    unique = sorted(set(left) | set(right))
    key = hashlib.sha1(json.dumps([unique, mpnet.MODEL_ID]).encode()).hexdigest()
    vectors = None
    if cache and cache.exists():
        stored = np.load(cache)
        if str(stored["key"]) == key:
            vectors = stored["e"]
    if vectors is None:
        vectors = mpnet.embed(unique)
        if cache:
            np.savez(cache, e=vectors, key=key)
    row = {s: n for n, s in enumerate(unique)}
    a, b = vectors[[row[s] for s in left]], vectors[[row[s] for s in right]]
    return (a * b).sum(axis=1).astype(np.float64)


def fit(x: np.ndarray, y: np.ndarray, c: float = C, names: tuple[str, ...] = similarity.FEATURES) -> similarity.Model:
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED).fit((x - scaler.mean_) / scale, y)
    return similarity.Model(names, scaler.mean_, scale, clf.coef_[0], float(clf.intercept_[0]), threshold=0.5)


def crossencoder_logits(path: Path, pairs: int) -> np.ndarray:
    """The held-out cross-encoder probabilities of every pair (bench/msrp_crossencoder_oof.json) → logits."""
    oof = json.loads(path.read_text())
    if oof["pairs"] != pairs or sorted(oof["index"]) != list(range(pairs)):
        sys.exit(f"{path}: held-out probabilities for {oof['pairs']} pairs, not all {pairs}")
    probability = np.zeros(pairs)
    probability[oof["index"]] = oof["int8"]
    probability = np.clip(probability, 1e-6, 1 - 1e-6)
    return np.log(probability / (1 - probability))


def stacked_matrix(x: np.ndarray, logits: np.ndarray) -> np.ndarray:
    return np.column_stack([x, logits])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--features-cache", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--stacked-output", type=Path, default=DEFAULT_STACKED_OUT)
    parser.add_argument("--crossencoder-oof", type=Path, default=DEFAULT_OOF)
    parser.add_argument("--mpnet-output", type=Path, default=DEFAULT_MPNET_OUT)
    parser.add_argument("--mpnet-cache", type=Path, help=".npz cache of the all-mpnet-base-v2 sentence vectors")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: MSRP training file not found")
    left, right, y = load_pairs(args.data)
    x = feature_matrix(left, right, args.features_cache)
    model = fit(x, y)
    data = model.to_json() | {"trained_on": f"MSRP train ({len(y)} pairs)", "seed": SEED, "C": C}
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    accuracy = float(((model.probability(x) >= model.threshold) == y).mean())
    print(f"wrote {args.output} (training accuracy {accuracy:.3f} on {len(y)} pairs)")
    if not args.crossencoder_oof.exists():
        print(f"{args.crossencoder_oof}: no held-out cross-encoder probabilities; stacked classifier not written")
        return
    xs = stacked_matrix(x, crossencoder_logits(args.crossencoder_oof, len(y)))
    stacked = fit(xs, y, names=similarity.STACKED_FEATURES)
    data = stacked.to_json() | {
        "trained_on": f"MSRP train ({len(y)} pairs), cross-encoder column held-out ({args.crossencoder_oof.name})",
        "seed": SEED, "C": C,
    }
    args.stacked_output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    accuracy = float(((stacked.probability(xs) >= stacked.threshold) == y).mean())
    print(f"wrote {args.stacked_output} (training accuracy {accuracy:.3f} on {len(y)} pairs)")
    from claimgraph.link import mpnet

    if not mpnet.available():
        print("all-mpnet-base-v2 not installed (bash scripts/setup.sh --mpnet); its stacked classifier not written")
        return
    xm = np.column_stack([xs, mpnet_cosines(left, right, args.mpnet_cache)])
    with_mpnet = fit(xm, y, names=similarity.STACKED_MPNET_FEATURES)
    data = with_mpnet.to_json() | {
        "trained_on": f"MSRP train ({len(y)} pairs), cross-encoder column held-out ({args.crossencoder_oof.name}), "
                      f"all-mpnet-base-v2 cosine",
        "seed": SEED, "C": C,
    }
    args.mpnet_output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    accuracy = float(((with_mpnet.probability(xm) >= with_mpnet.threshold) == y).mean())
    print(f"wrote {args.mpnet_output} (training accuracy {accuracy:.3f} on {len(y)} pairs)")


if __name__ == "__main__":
    main()
