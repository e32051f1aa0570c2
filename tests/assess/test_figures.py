"""Reported counts (dead, injured …) in a story's leads, and the ``number changed`` drift between them."""

from __future__ import annotations

import pytest

from claimgraph.assess import assess
from claimgraph.assess.figures import figures
from claimgraph.types import Span


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A magnitude 6.8 earthquake struck on Monday, killing at least 45 people and injuring hundreds.", [("dead", 45)]),
    ("The death toll has risen to 61, officials said.", [("dead", 61)]),
    ("The toll from the floods in the north has risen to 20.", [("dead", 20)]),
    ("More than 900 people had been injured.", [("injured", 900)]),
    ("Floods left 1,200 people homeless and 14 missing.", [("displaced", 1200), ("missing", 14)]),
    ("Police arrested 12 protesters and 3 journalists.", [("arrested", 12), ("arrested", 3)]),
    # no counts: a date, an age, a time, a share, a measure, a decimal, a count of things
    ("Police arrested a 60-year-old woman on 16 December.", []),
    ("The quake killed villagers at 4 a.m. local time.", []),
    ("Less than 6% of deaths were recorded.", []),
    ("It was 10 km deep and killed nobody.", []),
    ("The 6.8 quake killed dozens.", []),
    ("120 buildings had collapsed.", []),
])
def test_counts_in_a_sentence(sentence, expected):
    assert [(f.kind, f.value) for f in figures(sentence, Span(0, len(sentence)))] == expected


def test_a_later_toll_is_a_number_change(corpus_of):
    corpus = corpus_of(
        {"x": ("Floods killed 12 people in the north on Monday. Roads were closed.", []),
         "y": ("Floods killed 12 people in the north. Rain went on.", []),
         "z": ("The death toll from the floods in the north has risen to 20. Rain went on.", [])},
        [], published={"x": "2025-03-03", "y": "2025-03-03", "z": "2025-03-04"})
    (drift,) = [d for d in assess(corpus).drift if d.kind == "number changed"]
    assert (drift.source.article, drift.target.article) == ("x", "z")  # y agrees with the first report
    assert drift.detail == "dead: 12 → 20"
    assert drift.target.text.startswith("The death toll")


def test_counts_below_the_lead_are_not_compared(corpus_of):
    corpus = corpus_of(
        {"x": ("Floods hit the north on Monday. Roads were closed. Rescuers worked all night. Floods killed 12 people.",
               []),
         "y": ("Floods hit the north on Monday. Roads were closed. Rescuers worked all night. In one village alone "
               "floods killed 3 people.", [])},
        [])
    assert [d for d in assess(corpus).drift if d.kind == "number changed"] == []
