"""A statement → the known claims it reports: cosine ranking, the same-claim threshold, paraphrase scores."""

from __future__ import annotations

import numpy as np

from claimgraph.link.retrieve import SAME_CLAIM_COSINE, ClaimIndex, Known

KNOWN = [
    Known("c-fire", "A fire destroyed the old town hall on Monday night."),
    Known("c-rates", "The central bank raised interest rates by half a point."),
    Known("c-strike", "Rail workers will strike for three days next week."),
]


class FixedScorer:
    """Stands in for the pair scorer: 0.9 for every pair (its model's threshold is 0.5)."""

    class model:
        threshold = 0.5

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def score_many(self, pairs):
        self.calls += list(pairs)
        return np.full(len(pairs), 0.9)


def test_statements_find_the_claim_they_report_first():
    index = ClaimIndex(KNOWN, scorer=FixedScorer())
    found = index.search(["Flames gutted the historic town hall overnight Monday.",
                          "Interest rates went up by 0.5 percentage points, the central bank said."], top=2)
    assert [ms[0].claim for ms in found] == ["c-fire", "c-rates"]
    assert all(len(ms) == 2 and ms[0].cosine >= ms[1].cosine for ms in found)


def test_same_claim_follows_the_cosine_threshold_and_paraphrase_comes_from_the_scorer():
    scorer = FixedScorer()
    (matches,) = ClaimIndex(KNOWN, scorer=scorer).search(["Rail staff plan a three-day walkout next week."], top=3)
    assert [m.same_claim for m in matches] == [m.cosine >= SAME_CLAIM_COSINE for m in matches]
    assert matches[0].claim == "c-strike" and matches[0].same_claim and not matches[-1].same_claim
    assert {m.paraphrase for m in matches} == {0.9} and len(scorer.calls) == 3  # only returned matches are scored


def test_top_is_capped_by_the_known_claims_and_empty_inputs_give_empty_answers():
    index = ClaimIndex(KNOWN[:1], scorer=FixedScorer())
    assert [len(ms) for ms in index.search(["anything", "else"], top=5)] == [1, 1]
    assert ClaimIndex([], scorer=FixedScorer()).search(["a statement"]) == [[]]
    assert index.search([]) == []
