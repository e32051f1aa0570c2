"""Statement pairs → same-claim score: features, numbers, negation and the shipped classifier."""

from __future__ import annotations

import pytest

from claimgraph.link.similarity import (
    FEATURES,
    ClaimMatcher,
    features,
    numbers_in,
    pair_features,
    prepare,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 10,000 troops", {10000.0}),
        ("$2.5 billion in 1998", {2.5e9, 1998.0}),
        ("three soldiers and 12 tanks", {3.0, 12.0}),
        ("no numbers here", set()),
        ("version2 of A4", set()),
    ],
)
def test_numbers_in(text, expected):
    assert numbers_in(text) == expected


@pytest.fixture(scope="module")
def matcher():
    return ClaimMatcher()



@pytest.mark.slow
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The company said profits rose 10 percent in the third quarter.",
         "Profits at the company increased by 10 percent in the third quarter, it said.", True),
        ("North Korean troops had been killed and wounded in the fighting.",
         "North Korean military personnel have suffered casualties in combat operations.", True),
        ("The minister resigned on Tuesday after the scandal.",
         "The football club signed a new striker on Tuesday.", False),
        ("The new bridge will open to traffic in March.",
         "The old bridge was closed to traffic after the flood.", False),
    ],
)
def test_same(matcher, a, b, same):
    assert matcher.same(a, b) is same


@pytest.mark.slow
def test_symmetric_and_bounded(matcher):
    a, b = "Police arrested two men on Friday.", "Two men were detained by police on Friday."
    s1, s2 = matcher.score(a, b), matcher.score(b, a)
    assert 0.0 <= s1 <= 1.0 and s1 == pytest.approx(s2, abs=1e-6)
    assert len(features(*prepare([a, b]))) == len(FEATURES)


@pytest.mark.slow
def test_numbers_lower_the_score_and_are_flagged(matcher):
    a = "About 10,000 troops were sent to the region."
    same_number = matcher.compare(a, "Roughly 10,000 soldiers were sent to the region.")
    other_number = matcher.compare(a, "About 12,000 troops were sent to the region.")
    assert other_number.number_conflict == (("10,000",), ("12,000",))
    assert same_number.number_conflict is None
    assert matcher.compare(a, "About 10,000 troops were sent to the region in 2024.").number_conflict is None
    assert other_number.score < matcher.score(a, a)


@pytest.mark.slow
def test_negation_mismatch_flagged(matcher):
    result = matcher.compare("The army confirmed the attack.", "The army did not confirm the attack.")
    assert result.negation_mismatch
    assert not matcher.compare("It rained.", "It rained.").negation_mismatch


@pytest.mark.slow
def test_pair_features_in_matrix_form_equal_the_per_pair_features():
    texts = prepare([
        "The company said profits rose 10 percent in the third quarter.",
        "Profits at the company increased by 12 percent in the third quarter, it said.",
        "The minister did not resign on Tuesday.",
        "Minister quits",
        "",
    ])
    pairs = [(0, 1), (1, 0), (0, 2), (2, 3), (3, 4), (4, 4), (1, 2), (0, 3)]
    batch = pair_features(texts, pairs)
    assert batch.shape == (len(pairs), len(FEATURES))
    for row, (i, j) in zip(batch, pairs):
        assert row == pytest.approx(features(texts[i], texts[j]), abs=1e-5)
    assert pair_features(texts, []).shape == (0, len(FEATURES))


@pytest.mark.slow
def test_one_as_a_pronoun_is_no_number_in_conflict(matcher):
    a = "She had to contact more than 50 doctors before she found one willing to perform the surgery."
    assert matcher.compare(a, "She had to see countless doctors before finding one who would do it.").number_conflict \
        is None
    assert matcher.compare("One soldier was killed.", "Three soldiers were killed.").number_conflict == (
        ("1",), ("3",))
    assert matcher.compare("1 soldier was killed.", "3 soldiers were killed.").number_conflict == (("1",), ("3",))


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("They ask for $1 million, and they will send DNA.", "They ask for $1m, and they will send DNA.", None),
        ("IS want $1 million (£636,000) for his body.", "They want $1m for the body.", None),
        ("She spent $20,000 (£12,000) on the procedure.",
         "She told Real Radio 104.1 that she spent close to $20,000 on the procedure.", None),
        ("The NHL will expand to four markets by 2017.", "The NHL will add teams by 2017, its 100th anniversary.", None),
        ("They trained for 11 days at Camp Edwards.", "The five soldiers trained at Camp Edwards.", None),
        ("About 10,000 troops were sent.", "About 12,000 troops were sent.", (("10,000",), ("12,000",))),
        ("IS want $1 million for his body.", "IS want $2 million for his body.", (("$1,000,000",), ("$2,000,000",))),
        ("Turnout was 45%.", "Turnout was 52 per cent.", (("45%",), ("52%",))),
        ("The plant opened in 2016.", "The plant opened in 2017.", (("2016",), ("2017",))),
    ],
)
def test_numbers_conflict_only_within_their_kind(a, b, conflict):
    from types import SimpleNamespace

    from claimgraph.link.similarity import number_conflict

    assert number_conflict(SimpleNamespace(raw=a), SimpleNamespace(raw=b)) == conflict
