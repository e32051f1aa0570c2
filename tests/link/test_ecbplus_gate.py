"""ECB+ topics 1-35 → B-cubed F1 of the story clustering, gated: fails when it drops more than 0.02."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_DROP = 0.02
# reached with bench/ecbplus_eval.py on ECB+ topics 1-35 (772 documents, order topic/file, lead
# embeddings on), measured 2026-11-22; shuffled orders gave thread topic F1 0.901 (seed 1), 0.887 (seed 2)
EVENT_F1_REACHED = 0.867  # stories against sub-topic (event) labels
THREAD_TOPIC_F1_REACHED = 0.930  # threads against topic labels


def _bench():
    spec = importlib.util.spec_from_file_location("ecbplus_eval", ROOT / "bench" / "ecbplus_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.evaluation
@pytest.mark.slow
def test_ecbplus_story_gate():
    data = shared_path("data", "ecbplus")
    bench = _bench()
    from claimgraph.link import stories as st
    from claimgraph.link.threads import THREAD_THRESHOLD

    analyses = bench.load(data, None)
    res = bench.evaluate(analyses, st.STORY_THRESHOLD, THREAD_THRESHOLD, list(st.lead_embeddings(analyses)))
    event, topic = res["story~event"][2], res["thread~topic"][2]
    assert event >= EVENT_F1_REACHED - ALLOWED_DROP, f"event B-cubed F1 {event:.3f} fell"
    assert topic >= THREAD_TOPIC_F1_REACHED - ALLOWED_DROP, f"thread topic B-cubed F1 {topic:.3f} fell"
