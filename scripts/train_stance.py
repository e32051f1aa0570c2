"""Emergent dev + FNC-1 dev (+ FNC-1 train bodies for IDF) → the shipped stance model in claimgraph/data/stance/.

Reproducible: fixed seed, deterministic solver. Usage:

    .venv/bin/python scripts/train_stance.py [--data ../shared/data] [--out src/claimgraph/data/stance]

The figures we report come from bench/stance_eval.py, which runs grouped cross-validation
with the same functions (``fit`` on the training folds, ``predict`` on the held-out fold).
"""

from __future__ import annotations

import argparse
import csv
import pickle
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from claimgraph.assess.stance import (
    STANCES,
    StanceModel,
    featurize,
    make_cosine_vectorizer,
    make_ngram_vectorizer,
    pair_rows,
)

SEED = 13
# Inverse regularisation of the logistic regression: scikit-learn's default, not tuned (each grouped-CV
# run of bench/stance_eval.py takes ~15 min on the shared machine; tuning it is left to do).
C = 1.0
# Synthetic "unrelated" rows per Emergent claim (claim paired with headlines of other claims), so that
# short texts also teach the unrelated class; Emergent itself has none.
UNRELATED_PER_CLAIM = 6
# Separate n-gram weights for headline-length texts and bodies. Grouped CV (bench/stance_eval.py):
# without it Emergent acc 0.746 / macro-F1 0.741, FNC-1 macro-F1 0.682; with it 0.753 / 0.748, 0.670.
SPLIT_SHORT = True
EMERGENT_LABELS = {"for": "supports", "against": "refutes", "observing": "reports"}
FNC_LABELS = {"agree": "supports", "disagree": "refutes", "discuss": "reports", "unrelated": "unrelated"}
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True, slots=True)
class Pair:
    claim: str
    text: str
    label: str
    group: str  # Emergent claim id / FNC-1 body id: the unit of cross-validation folds
    dataset: str  # emergent | emergent-synthetic | fnc1


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_emergent(data: Path) -> list[Pair]:
    return [Pair(r["claimHeadline"], r["articleHeadline"], EMERGENT_LABELS[r["articleHeadlineStance"]],
                 r["claimId"], "emergent") for r in _rows(data / "emergent" / "dev.csv")]


def load_fnc(data: Path) -> list[Pair]:
    bodies = {r["Body ID"]: r["articleBody"] for r in _rows(data / "fnc1" / "dev_bodies.csv")}
    return [Pair(r["Headline"], bodies[r["Body ID"]], FNC_LABELS[r["Stance"]], "fnc:" + r["Body ID"], "fnc1")
            for r in _rows(data / "fnc1" / "dev_stances.csv")]


def load_idf_corpus(data: Path) -> list[str]:
    """Unlabelled texts for the cosine IDF: FNC-1 train bodies (not used for any reported figure)."""
    return [r["articleBody"] for r in _rows(data / "fnc1" / "train_bodies.csv")]


def synthetic_unrelated(pairs: list[Pair], seed: int = SEED) -> list[Pair]:
    """Each Emergent claim paired with headlines of other claims, labelled unrelated."""
    rng = random.Random(seed)
    by_claim: dict[str, list[Pair]] = {}
    for p in pairs:
        by_claim.setdefault(p.group, []).append(p)
    groups = sorted(by_claim)
    out = []
    for g in groups:
        others = [h for o in groups if o != g for h in by_claim[o]]
        for h in rng.sample(others, min(UNRELATED_PER_CLAIM, len(others))):
            out.append(Pair(by_claim[g][0].claim, h.text, "unrelated", g, "emergent-synthetic"))
    return out


@dataclass
class Featurized:
    """Per-pair features computed once (they depend only on the unsupervised cosine IDF)."""

    dense: np.ndarray
    leads: list[str]
    rels: list[str]


class PickleCache:
    """An embedding cache (``link.embed`` protocol) kept in one pickle file, so re-runs skip the model."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.store: dict[str, np.ndarray] = {}
        if path and path.exists():
            with open(path, "rb") as fh:
                self.store = pickle.load(fh)

    def get_embeddings(self, keys, model):
        return {k: self.store[k] for k in keys if k in self.store}

    def put_embeddings(self, vectors, model):
        self.store.update(vectors)
        if self.path:
            with open(self.path, "wb") as fh:
                pickle.dump(self.store, fh)


def featurize_pairs(pairs: list[Pair], cos_vec, embeddings: bool = True, cache_path: Path | None = None) -> Featurized:
    dense, leads, rels = pair_rows([(p.claim, p.text) for p in pairs], cos_vec, embeddings, PickleCache(cache_path))
    return Featurized(dense, leads, rels)


def fit_cosine(idf_corpus: list[str]):
    return make_cosine_vectorizer().fit(idf_corpus)


def fit(pairs: list[Pair], feats: Featurized, idx: np.ndarray, cos_vec, c: float = C,
        embeddings: bool = True) -> StanceModel:
    """Train on the rows ``idx`` of ``pairs``/``feats``."""
    dense = feats.dense[idx]
    mean, scale = dense.mean(axis=0), dense.std(axis=0)
    scale[scale == 0] = 1.0
    leads = [feats.leads[i] for i in idx]
    rels = [feats.rels[i] for i in idx]
    lead_vec, rel_vec = make_ngram_vectorizer().fit(leads), make_ngram_vectorizer().fit(rels)
    empty = np.zeros((len(STANCES), 1))
    model = StanceModel(cos_vec, lead_vec, rel_vec, mean, scale, empty, np.zeros(len(STANCES)), STANCES,
                        embeddings, SPLIT_SHORT)
    x = featurize(dense, leads, rels, model)
    y = np.array([STANCES.index(pairs[i].label) for i in idx])
    lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=SEED)
    lr.fit(x, y)
    coef = np.zeros((len(STANCES), x.shape[1]))
    intercept = np.full(len(STANCES), -1e9)
    coef[lr.classes_] = lr.coef_
    intercept[lr.classes_] = lr.intercept_
    return StanceModel(cos_vec, lead_vec, rel_vec, mean, scale, coef, intercept, STANCES, embeddings, SPLIT_SHORT)


def predict_proba(model: StanceModel, feats: Featurized, idx: np.ndarray) -> np.ndarray:
    x = featurize(feats.dense[idx], [feats.leads[i] for i in idx], [feats.rels[i] for i in idx], model)
    return model.proba(x)


def load_all(data: Path, cache_path: Path | None = None) -> tuple[list[Pair], Featurized, object]:
    emergent = load_emergent(data)
    pairs = emergent + synthetic_unrelated(emergent) + load_fnc(data)
    cos_vec = fit_cosine(load_idf_corpus(data))
    return pairs, featurize_pairs(pairs, cos_vec, True, cache_path), cos_vec


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "src/claimgraph/data/stance"))
    ap.add_argument("--cache", type=Path, help="pickle file caching sentence embeddings between runs")
    args = ap.parse_args(argv)
    pairs, feats, cos_vec = load_all(Path(args.data), args.cache)
    model = fit(pairs, feats, np.arange(len(pairs)), cos_vec)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"trained on {len(pairs)} pairs; wrote {args.out}/weights.npz and vocab.json")


if __name__ == "__main__":
    main()
