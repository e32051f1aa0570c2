"""assess.stance: (claim, text) → supports | refutes | reports | unrelated, table-driven, with tricky rows."""

from __future__ import annotations

import pytest

from claimgraph.assess.stance import (
    STANCES,
    StanceResult,
    attribution_stance,
    classify_stance,
    classify_stances,
)
from claimgraph.assess.stance_features import (
    dense_features,
    dense_names,
    sentences,
    tokens,
)
from claimgraph.types import Attribution, Span

pytestmark = pytest.mark.slow  # classifying loads the embedding model

CLAIM = "A man was killed by a shark off the coast of Florida"
RATES = "The central bank will raise interest rates next month"

ROWS = [
    # supports: asserted as fact
    (CLAIM, "Shark kills man off Florida coast", "supports"),
    (RATES, "Central bank raises interest rates for the first time in a decade", "supports"),
    # refutes: denied / debunked
    (CLAIM, "Florida shark attack story is a hoax", "refutes"),
    (CLAIM, "No, a shark did not kill a man in Florida: the viral report is fake", "refutes"),
    (RATES, "Central bank denies it will raise interest rates", "refutes"),
    # reports: relayed without endorsement
    (CLAIM, "Man allegedly killed by shark in Florida, reports say", "reports"),
    (RATES, "Central bank may raise interest rates next month, sources claim", "reports"),
    # unrelated: about something else (incl. shared generic words)
    (CLAIM, "City council approves new budget for school repairs", "unrelated"),
    (RATES, "Local football team wins the cup after penalty shoot-out", "unrelated"),
]


@pytest.mark.parametrize(("claim", "text", "expected"), ROWS)
def test_stance_rows(claim, text, expected):
    result = classify_stance(claim, text)
    assert result.stance == expected, (text, result)
    assert 0.0 < result.score <= 1.0


# Rows that an earlier model got wrong and the shipped one gets right: negation outside the claim's clause,
# and a question that only reports the claim.
FIXED_ROWS = [
    (CLAIM, "Shark kills man off Florida coast; officials say beaches will not close", "supports"),
    (RATES, "Will the central bank raise interest rates next month?", "reports"),
]


@pytest.mark.parametrize(("claim", "text", "expected"), FIXED_ROWS)
def test_stance_fixed_rows(claim, text, expected):
    assert classify_stance(claim, text).stance == expected


# A known limit of a lexical + sentence-cosine model, kept visible rather than hidden: topic overlap reads as
# support even when the text refutes the claim in other words.
HARD_ROWS = [
    (CLAIM, "Sheriff: man killed by shark off Florida actually drowned, no shark involved", "refutes"),
]


@pytest.mark.parametrize(("claim", "text", "expected"), HARD_ROWS)
@pytest.mark.xfail(reason="known limit of the stance model (see comment above HARD_ROWS)", strict=True)
def test_stance_hard_rows(claim, text, expected):
    assert classify_stance(claim, text).stance == expected


def test_long_article_body():
    body = (
        "Officials on Tuesday dismissed reports that a man had been killed by a shark off the coast of Florida. "
        "The story, which spread on social media, is a hoax, the county sheriff said. "
        "No shark attack has been recorded in the area this year, and the photo was taken elsewhere. "
        "Beaches remain open."
    )
    assert classify_stance(CLAIM, body).stance == "refutes"


def test_batch_keeps_order_and_empty_batch():
    pairs = [(CLAIM, ROWS[0][1]), (RATES, ROWS[8][1])]
    assert [r.stance for r in classify_stances(pairs)] == ["supports", "unrelated"]
    assert classify_stances([]) == []


def test_attribution_content_stance():
    text = "The sheriff said the shark attack story was a hoax and no man was killed."
    content = Span(text.index("the shark"), len(text) - 1)
    attribution = Attribution(id="a1", article="x", source="the sheriff", source_span=Span(0, 11),
                              source_kind="person", cue_span=Span(12, 16), content_spans=(content,),
                              form="indirect", stance="asserts")
    result = attribution_stance(CLAIM, attribution, text)
    assert isinstance(result, StanceResult) and result.stance == "refutes"


def test_features_are_finite_and_named():
    row, _ = dense_features(CLAIM, "", _cos())
    assert len(row) == len(dense_names())
    assert all(abs(x) < 1e6 for x in row)


def test_tokens_and_sentences():
    assert tokens("Isn't it FAKE?") == ["isn't", "it", "fake", "?"]
    assert sentences("One. Two!\nThree?") == ["One.", "Two!", "Three?"]
    assert set(STANCES) == {"supports", "refutes", "reports", "unrelated"}


def _cos():
    from claimgraph.assess.stance import load_model

    return load_model().cos_vec
