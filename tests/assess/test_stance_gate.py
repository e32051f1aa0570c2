"""Emergent dev + a seeded FNC-1 dev subset → grouped-CV stance figures, gated against a drop.

A fast stand-in for bench/stance_eval.py (whose full grouped CV takes 15-19 minutes on the shared
machine), using its fold and training-row functions and scripts/train_stance.py's featurisation and
``fit``. The protocol is smaller by design, so the floors below are NOT bench/stance_eval.py's figures
(Emergent acc 0.753 / macro-F1 0.748, FNC-1 macro-F1 0.670 / score 0.853 on all of FNC-1 dev):
- Emergent: 5-fold GroupKFold by claim over Emergent dev (1,224 rows) + its synthetic unrelated pairs;
  training uses the other claims' rows only (no FNC-1 rows, unlike the bench); 3-way prediction
  (best of supports / refutes / reports), as in the bench.
- FNC-1: the rows of FNC_BODIES dev bodies drawn with random.Random(train_stance.SEED) (327 rows);
  5-fold GroupKFold by body; training: the other sampled bodies' rows + all Emergent rows except those
  sharing a headline with the held-out rows (the bench's rule); 4-way prediction.
The cosine IDF is fitted on FNC-1 train_bodies.csv, as in training. Deterministic (same figures on
every run). 2.5 minutes on the shared 2-core machine at load ~5 (featurising ~20 s, ~6 s per Emergent
fold, ~18 s per FNC-1 fold), 5 minutes at load ~6.
"""

from __future__ import annotations

import random

import pytest
from sklearn.metrics import accuracy_score, f1_score

from tests.conftest import load_bench, shared_path

pytestmark = [pytest.mark.evaluation, pytest.mark.slow]

FNC_BODIES = 20  # FNC-1 dev bodies sampled (of 452): enough rows for all four classes, fits the time budget
# Floors = figures measured with this file's protocol (above) on 2026-11-22 (model code of commit 57657fb,
# split_short) minus 0.02, rounded down. Measured: Emergent accuracy 0.7614 / macro-F1 0.7531;
# FNC-1 subset accuracy 0.8410 / macro-F1 0.5854 / weighted score 0.7708 (only 16 "refutes" rows, hence the
# low macro-F1). Not comparable with bench/stance_eval.py's figures: smaller training sets by design.
EMERGENT_ACCURACY_FLOOR = 0.741
EMERGENT_MACRO_F1_FLOOR = 0.733
FNC_ACCURACY_FLOOR = 0.821
FNC_MACRO_F1_FLOOR = 0.565
FNC_SCORE_FLOOR = 0.750


@pytest.fixture(scope="module")
def stance_data():
    """(bench module, pairs, features, cosine vectoriser, number of Emergent + synthetic rows first)."""
    data = shared_path("data")
    for part in (("emergent", "dev.csv"), ("fnc1", "dev_stances.csv"), ("fnc1", "train_bodies.csv")):
        shared_path("data", *part)
    bench = load_bench("stance_eval")
    ts = bench.ts
    emergent = ts.load_emergent(data)
    emergent += ts.synthetic_unrelated(emergent)
    fnc = ts.load_fnc(data)
    keep = set(random.Random(ts.SEED).sample(sorted({p.group for p in fnc}), FNC_BODIES))
    pairs = emergent + [p for p in fnc if p.group in keep]
    cos_vec = ts.fit_cosine(ts.load_idf_corpus(data))
    return bench, pairs, ts.featurize_pairs(pairs, cos_vec), cos_vec, len(emergent)


def _scores(bench, gold: list[str], pred: list[str]) -> tuple[float, float]:
    labels = [s for s in bench.STANCES if s in set(gold)]
    return accuracy_score(gold, pred), f1_score(gold, pred, labels=labels, average="macro")


def test_emergent_grouped_cv_gate(stance_data):
    bench, pairs, feats, cos_vec, n_emergent = stance_data
    only = bench.ts.Featurized(feats.dense[:n_emergent], feats.leads[:n_emergent], feats.rels[:n_emergent])
    gold, pred, _ = bench.cross_validate(pairs[:n_emergent], only, cos_vec, "emergent", bench.ts.C)
    accuracy, macro_f1 = _scores(bench, gold, pred)
    print(f"Emergent {len(gold)} pairs: accuracy {accuracy:.4f}, macro-F1 {macro_f1:.4f}")
    assert len(gold) == 1224
    assert accuracy >= EMERGENT_ACCURACY_FLOOR, f"Emergent accuracy {accuracy:.4f} fell"
    assert macro_f1 >= EMERGENT_MACRO_F1_FLOOR, f"Emergent macro-F1 {macro_f1:.4f} fell"


def test_fnc1_subset_grouped_cv_gate(stance_data):
    bench, pairs, feats, cos_vec, _ = stance_data
    gold, pred, _ = bench.cross_validate(pairs, feats, cos_vec, "fnc1", bench.ts.C)
    accuracy, macro_f1 = _scores(bench, gold, pred)
    score = bench.fnc_score(gold, pred)
    print(f"FNC-1 subset {len(gold)} pairs: accuracy {accuracy:.4f}, macro-F1 {macro_f1:.4f}, score {score:.4f}")
    assert set(gold) == set(bench.STANCES), "the seeded body sample should hold all four classes"
    assert accuracy >= FNC_ACCURACY_FLOOR, f"FNC-1 subset accuracy {accuracy:.4f} fell"
    assert macro_f1 >= FNC_MACRO_F1_FLOOR, f"FNC-1 subset macro-F1 {macro_f1:.4f} fell"
    assert score >= FNC_SCORE_FLOOR, f"FNC-1 subset weighted score {score:.4f} fell"
