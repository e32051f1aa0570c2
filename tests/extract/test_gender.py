"""Given names and honorifics → the sex of a pronoun that may stand for them."""

from __future__ import annotations

import pytest

from claimgraph.extract.attrib.gender import fits, sex_of

from .test_attributions import analyse


@pytest.mark.parametrize(("name", "sex"), [
    ("Diane Foley", "f"), ("Jim Foley", "m"), ("Mrs. Jane Doe", "f"), ("Mr. Trump", "m"), ("Dr Gwen Korovin", "f"),
    ("President Joe Biden", "m"), ("Korovin", None), ("Volodymyr Zelensky", None), ("Kim Jong Un", None),
    ("J. Smith", None),
])
def test_sex_of_a_name(name, sex):
    assert sex_of(name) == sex


def test_a_pronoun_fits_unless_the_name_says_otherwise():
    assert not fits("Jim Foley", "she") and fits("Diane Foley", "she") and fits("Korovin", "he")
    assert fits("Jim Foley", "they")


def test_she_is_not_the_man_named_last():
    text = ("Steven Sotloff was kidnapped in Syria in 2013. His mother, Shirley Sotloff, pleaded with the group's "
            "leader. Steven Sotloff worked for Time. \"I am sending this message to you,\" she said in a video.")
    atts = [a for a in analyse(text).attributions if a.cue_span and a.cue_span.of(text) == "said"]
    assert [a.source for a in atts] == ["Shirley Sotloff"]
