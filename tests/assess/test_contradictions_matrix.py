"""Contradictions within a story and the stance matrix."""

from __future__ import annotations

import pytest

from claimgraph.assess import assess
from claimgraph.assess.matrix import silent_actors


def test_numeric_conflict_and_denial_cite_both_sides(corpus_of):
    corpus = corpus_of(
        {"x": ("Police said 40 people were arrested at the protest.",
               [("x1", "Police", "said", "40 people were arrested at the protest", {"kind": "organisation"})]),
         "y": ("Organisers said 65 people were arrested at the protest. The mayor denied that people were arrested.",
               [("y1", "Organisers", "said", "65 people were arrested at the protest", {"kind": "organisation"}),
                ("y2", "The mayor", "denied", "people were arrested", {"stance": "denies"})])},
        [("arrests", "people were arrested at the protest", ("x1", "y1", "y2"))],
    )
    out = assess(corpus)
    got = {c["kind"]: c for c in out.contradictions}
    assert got["number"]["detail"] == "40 vs 65"
    assert [s["attribution"] for s in got["number"]["sides"]] == ["x1", "y1"]
    assert "denial" in got
    assert {c["claim"] for c in out.contradictions} == {"arrests"}
    assert next(c for c in out.claims if c.id == "arrests").support == "contested"


@pytest.mark.parametrize(("other", "contradicts"), [
    ("the doctor did not take a selfie in the room", True),
    # a negation in an aside about a participant says nothing against what happened
    ("the doctor, who has not been publicly identified, took a selfie in the room", False),
    ("the doctor (not a clinic employee) took a selfie in the room", False),
])
def test_polarity_reads_the_main_clause(corpus_of, other, contradicts):
    corpus = corpus_of(
        {"x": ("CNN reported the doctor took a selfie in the room.",
               [("x1", "CNN", "reported", "the doctor took a selfie in the room", {"kind": "organisation"})]),
         "y": (f"A staff member said {other}.", [("y1", "A staff member", "said", other, {"kind": "unnamed"})])},
        [("selfie", "the doctor took a selfie", ("x1", "y1"))],
    )
    assert ("polarity" in {c["kind"] for c in assess(corpus).contradictions}) is contradicts


def test_seed_matrix(assessed):
    (matrix,) = assessed.stance_matrix
    cells = {(c["actor"], c["claim"]): c["stance"] for c in matrix["cells"]}
    assert cells[("John Kirby", "c-combat")] == "confirms"
    assert cells[("Patrick Ryder", "c-casualties")] == "confirms"
    assert cells[("Volodymyr Zelenskyy", "c-burn")] == "asserts"
    silent = [k for k, v in cells.items() if v == "silent"]
    assert silent and all(actor.startswith("Russian officials") for actor, _ in silent)
    # an actor never mentioned as silent is absent from the matrix, not "silent"
    assert not any(actor == "Kremlin" for actor, _ in cells)


def test_declines_to_comment(corpus_of):
    corpus = corpus_of(
        {"x": ("The company declined to comment on the layoffs.",
               [("x1", "The company", "declined to comment", "on the layoffs", {"polarity": "negated"})]),
         "y": ("The union said the layoffs were planned.",
               [("y1", "The union", "said", "the layoffs were planned", {})])},
        [("c", "layoffs planned", ("x1", "y1"))],
    )
    (matrix,) = assess(corpus).stance_matrix
    cells = {(c["actor"], c["claim"]): c["stance"] for c in matrix["cells"]}
    assert cells == {("The company", "c"): "declines to comment", ("The union", "c"): "asserts"}


@pytest.mark.parametrize(("cue", "content", "stance"), [
    ("declined", "to comment on the layoffs", "declines to comment"),  # the extractor marks these an absence
    ("respond", "to requests for comment on the layoffs", "declines to comment"),
    ("noted", "the ministry has not acknowledged the layoffs", "asserts"),  # reports another's silence
])
def test_an_absence_is_holding_back_only_when_the_cue_is(corpus_of, cue, content, stance):
    text = f"The company {cue} {content}."
    corpus = corpus_of(
        {"x": (text, [("x1", "The company", cue, content, {"polarity": "absence"})]),
         "y": ("The union said the layoffs were planned.", [("y1", "The union", "said", "the layoffs were planned", {})])},
        [("c", "layoffs planned", ("x1", "y1"))],
    )
    (matrix,) = assess(corpus).stance_matrix
    cells = {(c["actor"], c["claim"]): c["stance"] for c in matrix["cells"]}
    assert cells[("The company", "c")] == stance


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("the agency has not seen any acknowledgment by Chinese officials or state media of the visit",
         ["Chinese officials or state media"]),
        ("As of now, French officials have not publicly confirmed the deal", ["French officials"]),
        ("The Foreign Ministry has not commented on the report", ["The Foreign Ministry"]),
        ("the minister said the talks had not yet ended", []),
        ("troops were moved to the border", []),
    ],
)
def test_silent_actors(text, actors):
    assert silent_actors(text) == actors


def test_a_silence_is_about_an_asserted_claim_not_another_silence():
    from types import SimpleNamespace as NS

    from claimgraph.assess.matrix import _about

    view = NS(claims={"troops": NS(text="troops are deployed in the region", attributions=("y1",)),
                      "quiet": NS(text="officials have not acknowledged troops deployed in the region",
                                  attributions=("x1",))},
              attributions={"y1": NS(polarity="affirmed"), "x1": NS(polarity="negated")})
    group = NS(claims=("troops", "quiet"))
    passage = "no acknowledgment by officials of troops deployed in the region"
    assert _about(view, group, passage, ()) == "troops"


def test_an_unresolved_pronoun_source_has_no_row(corpus_of):
    corpus = corpus_of(
        {"x": ("We ask that the press respect the layoffs plan.",
               [("x1", "We", "ask", "that the press respect the layoffs plan", {"kind": "unnamed"})]),
         "y": ("The union said the press should respect the layoffs plan.",
               [("y1", "The union", "said", "the press should respect the layoffs plan", {})])},
        [("c", "the press should respect the layoffs plan", ("x1", "y1"))],
    )
    (matrix,) = assess(corpus).stance_matrix
    assert matrix["actors"] == ["The union"]
