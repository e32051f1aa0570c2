"""PolNeAR dev → attribution scores, gated: fails when strict or content-overlap F1 drops more than 0.02."""

from __future__ import annotations

import pytest

from tests.conftest import load_bench, shared_path

ALLOWED_DROP = 0.02
# figures reached on PolNeAR dev (84 articles, first annotator per article) by `claimgraph analyze` + polnear.py,
# measured 2026-12-06, second stop (after accusations holding what is charged, closing "adding that …", a passive
# cue's subject in its content, misparsed inverted reports; earlier that day 0.753 / 0.899, 2026-11-22: 0.751 /
# 0.898); bench/polnear_eval.py, which this test runs and which skips the other pipeline steps, reads 0.7537 strict,
# 0.9027 content
STRICT_F1_REACHED = 0.755
CONTENT_F1_REACHED = 0.903
STRICT_F1_FLOOR = STRICT_F1_REACHED - ALLOWED_DROP
CONTENT_F1_FLOOR = CONTENT_F1_REACHED - ALLOWED_DROP


@pytest.mark.evaluation
@pytest.mark.slow
def test_polnear_dev_gate():
    split = shared_path("data", "polnear", "dev")
    scorer_path = shared_path("bench", "polnear.py")
    bench = load_bench("polnear_eval")
    scorer = bench.load_scorer(scorer_path)
    stems, texts, docs, _ = bench.parse_split(split, None)
    predicted, _ = bench.extract(stems, texts, docs)
    res = bench.score(scorer, split, dict(zip(stems, texts)), predicted)
    assert res["strict_f1"] >= STRICT_F1_FLOOR, f"strict F1 {res['strict_f1']:.3f} < floor {STRICT_F1_FLOOR:.3f}"
    assert res["content_f1"] >= CONTENT_F1_FLOOR, f"content F1 {res['content_f1']:.3f} < floor {CONTENT_F1_FLOOR:.3f}"
