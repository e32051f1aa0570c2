"""ECB+ topics 1-35 → B-cubed F1 of the story clustering, gated: fails when it drops more than 0.02."""

from __future__ import annotations

import pickle

import pytest

from tests.conftest import load_bench, shared_path

ALLOWED_DROP = 0.02
# reached with bench/ecbplus_eval.py on ECB+ topics 1-35 (772 documents, order topic/file, lead
# embeddings on, analyses parsed fresh), measured 2026-11-23 after threads centred the embeddings on
# the stream's mean (lead weight 0.3, threshold 0.375): event P 0.875 R 0.850, thread topic P 0.952
# R 0.889 (odd topics 0.918, held-out even topics 0.919); shuffled seeds 1 / 2 gave event F1 0.862 /
# 0.867, thread topic F1 0.925 / 0.958
EVENT_F1_REACHED = 0.863  # stories against sub-topic (event) labels
THREAD_TOPIC_F1_REACHED = 0.919  # threads against topic labels


@pytest.mark.evaluation
@pytest.mark.slow
def test_ecbplus_story_gate():
    data = shared_path("data", "ecbplus")
    bench = load_bench("ecbplus_eval")
    from claimgraph.link import stories as st
    from claimgraph.link.threads import THREAD_THRESHOLD

    analyses = bench.load(data, None)
    res = bench.evaluate(analyses, st.STORY_THRESHOLD, THREAD_THRESHOLD, list(st.lead_embeddings(analyses)))
    event, topic = res["story~event"][2], res["thread~topic"][2]
    assert event >= EVENT_F1_REACHED - ALLOWED_DROP, f"event B-cubed F1 {event:.3f} fell"
    assert topic >= THREAD_TOPIC_F1_REACHED - ALLOWED_DROP, f"thread topic B-cubed F1 {topic:.3f} fell"


@pytest.mark.parametrize(
    ("stored", "fresh"),
    [
        ("current", True),
        ({"extractor": "0" * 32, "analyses": ["old"]}, False),  # another extractor: stale
        (["old"], False),  # the pre-fingerprint cache format
        (b"not a pickle", False),
    ],
)
def test_bench_analysis_cache_is_keyed_by_extractor(tmp_path, stored, fresh):
    from claimgraph.store.batch import extractor_version

    bench = load_bench("ecbplus_eval")
    cache = tmp_path / "analyses.pkl"
    if stored == "current":
        stored = {"extractor": extractor_version(), "analyses": ["current"]}
    cache.write_bytes(stored if isinstance(stored, bytes) else pickle.dumps(stored))
    assert bench._cached(cache) == (["current"] if fresh else None)
    assert bench._cached(tmp_path / "missing.pkl") is None
