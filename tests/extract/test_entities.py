"""Sentences and entities, with NER label corrections: table rows of (text, mention, expected label).

Uses the real small spaCy model: each row states what the corrected label must be, whatever the model
said; negative rows check that persons, organisations and demonyms are left alone.
"""

from __future__ import annotations

import pytest

from claimgraph.extract import entities
from claimgraph.extract.nlp import load_nlp
from claimgraph.types import Article, ArticleAnalysis


def _labels(text: str) -> dict[str, str]:
    out = entities.run(load_nlp()(text), ArticleAnalysis(article=Article(id="t", path="t.txt", text=text)))
    return {e.span.of(text): e.label for e in out.entities}


PLACE = frozenset({"GPE", "LOC"})
NOT_PLACE = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", None})

# (text, words the entity contains, labels it may have after correction)
ROWS = [
    # a gazetteer name before an admin word is a place, whatever the model said ("X" PRODUCT + "Oblast")
    ("Shelling continued in the Belgorod Oblast overnight.", "Belgorod", PLACE),
    ("Fighting moved into the Zaporizhzhia region this week.", "Zaporizhzhia", PLACE),
    ("Strikes hit Kherson Oblast and Sumy Oblast.", "Sumy", PLACE),
    # a place noun introduces it (or the model already saw a facility)
    ("Ships left the Port of Sevastopol at dawn.", "Sevastopol", PLACE | {"FAC"}),
    # listed with places
    ("Troops advanced near Bakhmut, Avdiivka and Marinka.", "Avdiivka", PLACE),
    ("Shelling hit Kupiansk and Kharkiv overnight.", "Kharkiv", PLACE),
    # facilities
    ("Jets took off from Engels Air Base on Monday.", "Engels Air Base", {"FAC"}),
    # negatives: surnames stay persons; organisations, demonyms and people named like places are not places
    ("US spokesman John Kirby spoke. According to Kirby, the troops moved.", "Kirby", {"PERSON"}),
    ("Analysts at the Institute for the Study of War said so.", "Institute for the Study of War", {"ORG"}),
    ("Russian and Ukrainian officials met.", "Russian", {"NORP"}),
    ("Paris Hilton and Brooklyn Beckham attended the gala.", "Paris Hilton", NOT_PLACE),
    ("Paris Hilton and Brooklyn Beckham attended the gala.", "Brooklyn Beckham", NOT_PLACE),
]


@pytest.mark.parametrize(("text", "words", "labels"), ROWS)
def test_label_rows(text, words, labels):
    got = _labels(text)
    label = next((lab for m, lab in got.items() if words in m), None)
    assert label in labels, got


@pytest.mark.parametrize("text", [
    "The committee said the plan would work.",
    "Apple and Google reported higher profits.",
    "She thanked Mr Lincoln and Ms Jordan for the work.",
])
def test_no_place_invented(text):
    got = _labels(text)
    assert not [m for m, lab in got.items() if lab in entities.PLACE_LABELS], got


def test_admin_word_joins_the_corrected_entity():
    got = _labels("North Korean troops fought in Kursk Oblast and near Sumy.")
    assert got.get("Kursk Oblast") in PLACE, got


def test_sentences_are_offsets_into_the_text():
    text = "First sentence here. Second one there."
    out = entities.run(load_nlp()(text), ArticleAnalysis(article=Article(id="t", path="t.txt", text=text)))
    assert [s.of(text) for s in out.sentences] == ["First sentence here.", "Second one there."]


@pytest.mark.parametrize(("text", "expected"), [
    ("A TEENAGER woke up during brain surgery to ask the doctors how it was going.", []),  # a tabloid lead
    ("DETROIT — Ford said sales rose in the spring.", [("DETROIT", "GPE"), ("Ford", "ORG")]),  # a dateline
    ("An FBI agent said NASA was wrong.", [("FBI", "ORG"), ("NASA", "ORG")]),  # acronyms stay names
])
def test_a_word_in_capitals_is_a_name_only_when_it_is_one(text, expected):
    doc = load_nlp()(text)
    got = [(doc[c.start:c.end].text, c.label) for c in entities.correct(doc) if c.label in ("ORG", "GPE", "PERSON")]
    assert got == expected


def test_a_person_name_ends_at_its_last_capitalised_word():
    text = "That changed everything.\nKate made Meghan cry, not the other way around\nMeghan was asked about it."
    labels = _labels(text)
    assert "Meghan cry" not in labels
    assert labels.get("Meghan") == "PERSON"


def test_a_surname_tagged_as_an_organisation_is_the_person_named_before():
    text = ("The salon namesake's son, Usman Hasib, runs the business now.\n"
            "Hasib said an employee noticed after six to seven minutes.\nHasib called the police.")
    out = entities.run(load_nlp()(text), ArticleAnalysis(article=Article(id="t", path="t.txt", text=text)))
    assert {e.span.of(text): e.label for e in out.entities if "Hasib" in e.span.of(text)} == {
        "Usman Hasib": "PERSON", "Hasib": "PERSON"}
