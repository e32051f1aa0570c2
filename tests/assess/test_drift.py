"""Drift between articles: dropped attribution, dropped source, cue strength, hedges, numbers."""

from __future__ import annotations

import pytest

from claimgraph.assess import assess
from claimgraph.assess.drift import cue_strength


def kinds(corpus, claim):
    return {(d.kind, d.source.attribution, d.target.attribution) for d in corpus.drift if d.claim == claim}


def test_attribution_dropped_points_at_the_unattributed_sentence(assessed):
    dropped = [d for d in assessed.drift if d.kind == "attribution dropped"]
    assert len(dropped) == 1
    d = dropped[0]
    assert (d.claim, d.source.attribution, d.target.article, d.target.attribution) == ("c-noack", "a9", "b", None)
    assert d.target.text.startswith("As of now, Russian officials and state media have not publicly recognized")


def test_source_dropped_and_cue_weakened(assessed):
    found = kinds(assessed, "c-casualties")
    assert ("source dropped", "a3", "b3") in found
    assert ("cue weakened", "a5", "b5") in found
    assert ("cue weakened", "a8", "b7") in kinds(assessed, "c-buryat")


def test_hedge_changes(assessed):
    found = kinds(assessed, "c-noack")
    assert ("hedge added", "a9", "b1") in found
    assert ("hedge removed", "a10", "b8") in kinds(assessed, "c-why")


def test_detail_dropped(assessed):
    # A: Kirby confirmed troops "are engaged in combat and suffering losses"; B: only "engaged in combat"
    # both of A's reports of Kirby (body and key takeaways) carry the losses
    assert kinds(assessed, "c-combat") == {("detail dropped", "a3", "b3"), ("detail dropped", "a14k", "b3")}
    detail = next(d.detail for d in assessed.drift if d.claim == "c-combat" and d.source.attribution == "a3")
    assert detail == "“suffering losses in Kursk Oblast” is not in the later report"


def test_only_real_changes_are_drift(assessed):
    assert kinds(assessed, "c-buryat") == {("cue weakened", "a8", "b7")}
    # B's Zelenskyy sentence adds the training ban, which A reports separately
    assert kinds(assessed, "c-burn") == {("detail added", "a6", "b6")}


def test_number_and_date_changed(corpus_of):
    corpus = corpus_of(
        {"x": ("Officials said 10,000 troops arrived on Monday.",
               [("x1", "Officials", "said", "10,000 troops arrived", {"date": "2024-10-01", "kind": "unnamed"})]),
         "y": ("Officials confirmed 12,000 troops arrived.",
               [("y1", "Officials", "confirmed", "12,000 troops arrived", {"date": "2024-10-02", "kind": "unnamed"})])},
        [("c", "troops arrived", ("x1", "y1"))],
        published={"x": "2024-10-02", "y": "2024-10-03"},
    )
    got = {d.kind: d.detail for d in assess(corpus).drift}
    assert got["number changed"] == "10,000 → 12,000"
    assert got["date changed"] == "2024-10-01 → 2024-10-02"
    assert got["cue strengthened"] == "said → confirmed"


def test_statement_with_a_different_negation_is_not_a_dropped_attribution(corpus_of):
    corpus = corpus_of(
        {"x": ("The ministry said the rebels have captured the northern airport near the river.",
               [("x1", "The ministry", "said", "the rebels have captured the northern airport near the river",
                 {"kind": "organisation"})]),
         "y": ("The rebels have not captured the northern airport near the river.", [])},
        [("c", "rebels captured the airport", ("x1",))],
    )
    assert [d for d in assess(corpus).drift if d.kind == "attribution dropped"] == []


@pytest.mark.parametrize(
    ("cue", "stance", "strength"),
    [("confirmed", None, 6), ("have reported", None, 5), ("said", None, 4), ("According to", None, 4),
     ("claimed", None, 3), ("have previously suggested", None, 2), ("emerged confirming", None, 6),
     ("Key Takeaways", None, 4), (None, "suggests", 2), ("xyzzy", None, None)],
)
def test_cue_strength_scale(cue, stance, strength):
    assert cue_strength(cue, stance) == strength


def test_a_denial_is_no_source_credited_with_the_claim(corpus_of):
    corpus = corpus_of(
        {"x": ("Dr Jane Doe denied that she took a photo in the operating room.",
               [("x1", "Jane Doe", "denied", "that she took a photo in the operating room",
                 {"kind": "person", "stance": "denies"})]),
         "y": ("Clinic staff said the doctor took a photo in the operating room.",
               [("y1", "Clinic staff", "said", "the doctor took a photo in the operating room",
                 {"kind": "unnamed"})])},
        [("c", "the doctor took a photo in the operating room", ("x1", "y1"))],
    )
    assert [d for d in assess(corpus).drift if d.kind in ("source changed", "source dropped")] == []


def test_one_anonymous_source_for_another_is_no_change_of_source(corpus_of):
    corpus = corpus_of(
        {
            "x": ("A source familiar with the talks said the deal was done. John Smith said the plant would close.",
                  [("x1", "A source familiar with the talks", "said", "the deal was done", {"kind": "unnamed"}),
                   ("x2", "John Smith", "said", "the plant would close", {})]),
            "y": ("People close to the negotiations said the deal was done. Jane Roe said the plant would close.",
                  [("y1", "People close to the negotiations", "said", "the deal was done", {"kind": "unnamed"}),
                   ("y2", "Jane Roe", "said", "the plant would close", {})]),
        },
        [("deal", "the deal was done", ("x1", "y1")), ("plant", "the plant would close", ("x2", "y2"))],
        published={"x": "2024-01-01", "y": "2024-01-02"},
    )
    found = assess(corpus)
    assert not {k for k, _, _ in kinds(found, "deal")} & {"source changed", "source dropped"}
    assert ("source changed", "x2", "y2") in kinds(found, "plant")


def test_a_quotation_is_not_stated_as_fact(corpus_of):
    text_y = ("The father took up arms against the Taliban.\n"
              "“After seeing my young son’s body I picked up his gun and decided to fight off the killers of my son.”")
    corpus = corpus_of(
        {
            "x": ("'After seeing my young son's body I picked up his gun and decided to fight off the killers of my son' "
                  "Reza Gul said.",
                  [("x1", "Reza Gul", "said", "After seeing my young son's body I picked up his gun and decided to "
                                              "fight off the killers of my son", {})]),
            "y": (text_y, []),
        },
        [("gun", "he picked up his son's gun", ("x1",))],
        published={"x": "2024-01-01", "y": "2024-01-02"},
    )
    assert not [d for d in assess(corpus).drift if d.kind == "attribution dropped"]
