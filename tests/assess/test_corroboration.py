"""Corroboration: origins after relays and nesting, affiliation groups, support labels."""

from __future__ import annotations

import pytest

from claimgraph.assess.corroboration import affiliation, country_of, names_a_state
from claimgraph.types import Attribution, Span


def by_id(corpus):
    return {c.id: c for c in corpus.claims}


def test_nested_attribution_credits_the_innermost_source(assessed):
    combat = by_id(assessed)["c-combat"]
    # the think tank reaffirms what the spokesman confirmed: the origin is the spokesman, not the relay
    assert combat.origins == ("John Kirby",)
    assert combat.support == "single-source"
    assert combat.articles == ("a", "b")
    assert combat.first_said == "2024-12-16"


def test_two_officials_of_one_government_are_one_independent_origin(assessed):
    casualties = by_id(assessed)["c-casualties"]
    assert set(casualties.origins) == {"John Kirby", "Patrick Ryder"}
    assert casualties.affiliations == ("government:US", "government:US")
    assert casualties.independent_origins == 1
    assert casualties.support == "corroborated within one affiliation"


def test_two_outlets_relaying_one_report_are_one_origin(assessed):
    noack = by_id(assessed)["c-noack"]
    assert noack.origins == ("Institute for the Study of War",)
    assert noack.independent_origins == 1
    assert noack.support == "single-source"


def test_vague_sources_are_one_unnamed_origin(assessed):
    assert by_id(assessed)["c-10000"].origins == ("unnamed reports",)
    assert by_id(assessed)["c-10000"].first_said == "2024-10"


def test_independent_groups_and_contested(corpus_of):
    from claimgraph.assess import assess

    corpus = corpus_of(
        {
            "x": ("Mayor Ann Lee said the bridge collapsed. The French foreign ministry said the bridge collapsed. "
                  "A resident, Tom Diaz, said the bridge collapsed.",
                  [("x1", "Ann Lee", "said", "the bridge collapsed", {}),
                   ("x2", "The French foreign ministry", "said", "the bridge collapsed",
                    {"source_org": "French foreign ministry", "kind": "organisation"})]),
            "y": ("A resident, Tom Diaz, said the bridge collapsed. The operator denied the bridge collapsed.",
                  [("y1", "Tom Diaz", "said", "the bridge collapsed", {}),
                   ("y2", "The operator", "denied", "the bridge collapsed", {"stance": "denies"})]),
        },
        [("wide", "the bridge collapsed", ("x1", "x2", "y1")), ("fight", "the bridge collapsed", ("x1", "y2"))],
    )
    claims = by_id(assess(corpus))
    assert claims["wide"].independent_origins == 3
    assert claims["wide"].support == "widely corroborated"
    assert claims["fight"].support == "contested"


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("US National Security Council spokesman", "US"),
        ("Pentagon spokesman", "US"),
        ("Ukrainian President", "UA"),
        ("Russian Defence Ministry", "RU"),
        ("the German chancellor", "DE"),
        ("British Prime Minister", "GB"),
        ("a local resident", None),
        ("Institute for the Study of War", None),
        ("Reuters", None),
    ],
)
def test_country_of(phrase, country):
    assert country_of(phrase) == country


@pytest.mark.parametrize(
    ("names", "same"),
    [
        (("John Kirby", "Kirby"), True),
        (("Ukrainian military and intelligence sources", "Ukrainian military intelligence sources"), True),
        (("Institute for the Study of War", "Analysts at the Institute for the Study of War (ISW)"), True),
        (("Kremlin", "Kremlin and Russian propagandists"), False),
        (("John Smith", "Adam Smith", "Smith"), False),  # an ambiguous surname joins neither
        (("the police", "police"), True),
        (("New York", "the New York Times"), False),  # a longer proper name is another entity
        (("Kansas City", "Kansas City Health Department"), False),
        (("US military", "US military officials"), True),
        (("Ukrainian intelligence", "Ukraine's military intelligence"), True),  # a nationality is its country
        (("Russian officials", "Russia's officials"), True),
    ],
)
def test_source_names_cluster(corpus_of, names, same):
    from claimgraph.assess.context import View

    text = " ".join(f"{n} said it rained." for n in names)
    rows = [(f"x{i}", n, "said", "it rained", {}) for i, n in enumerate(names)]
    view = View(corpus_of({"x": (text, rows)}, []))
    canon = {view.canonical(n) for n in names}
    assert (len(canon) == 1) is same


@pytest.mark.parametrize(("name", "state"), [
    ("US", True), ("the US", True), ("Russia", True), ("the United States", True),
    ("Russian officials", False), ("US observations", False), ("John Kirby", False), ("North Korean", False),
])
def test_names_a_state(name, state):
    assert names_a_state(name) is state


def _att(source, role=None, org=None):
    return Attribution(id="x:a1", article="x", source=source, source_span=None, source_kind="organisation",
                       cue_span=None, content_spans=(Span(0, 1),), form="indirect", stance="asserts",
                       source_role=role, source_org=org)


def test_a_state_and_its_spokesman_share_one_affiliation():
    assert affiliation(_att("US"), "US") == "government:US"
    assert affiliation(_att("John Kirby", "US National Security Council spokesman"), "John Kirby") == "government:US"
    assert affiliation(_att("Institute for the Study of War"), "Institute for the Study of War") != "government:US"


def test_an_organisation_and_someone_of_it_share_one_affiliation():
    # "Apple said …" and "Apple's spokesman said …" are one side, not two independent origins
    spokesman = affiliation(_att("Apple's spokesman", "spokesman", "Apple"), "Apple's spokesman")
    assert spokesman == affiliation(_att("Apple"), "Apple") == "Apple"


def test_an_organisation_under_its_acronym_and_in_a_role_is_one_affiliation(corpus_of):
    # one statement of the DHS relayed three ways is one independent origin, not three
    from dataclasses import replace

    from claimgraph.assess import assess
    from claimgraph.types import Actor

    corpus = corpus_of(
        {
            "x": ("The Department of Homeland Security (DHS) said the claim was false.",
                  [("x1", "Department of Homeland Security", "said", "the claim was false", {"kind": "organisation"})]),
            "y": ("DHS spokeswoman Marsha Catron said the claim was false.",
                  [("y1", "Marsha Catron", "said", "the claim was false", {"source_role": "DHS spokeswoman"})]),
            "z": ("A DHS spokesman said the claim was false. "
                  "North Korean defector Park Jin-hee said the claim was false.",
                  [("z1", "DHS spokesman", "said", "the claim was false",
                    {"kind": "unnamed", "source_role": "spokesman", "source_org": "DHS"}),
                   ("z2", "Park Jin-hee", "said", "the claim was false", {"source_role": "North Korean defector"})]),
        },
        [("dhs", "the claim was false", ("x1", "y1", "z1")), ("two", "the claim was false", ("x1", "z2"))],
    )
    actors = (Actor("a1", "Department of Homeland Security", ("DHS",), "organisation"),
              Actor("a2", "Marsha Catron", (), "person"), Actor("a3", "North Korean", (), "organisation"))
    claims = by_id(assess(replace(corpus, actors=actors)))
    assert claims["dhs"].affiliations == ("Department of Homeland Security",) * 3
    assert claims["dhs"].support == "corroborated within one affiliation"
    # a people named in a role is no one's employer
    assert claims["two"].independent_origins == 2


def test_someone_of_an_organisation_does_not_keep_its_short_name_from_its_long_one(corpus_of):
    # "Homeland Security" is the Department of Homeland Security; its spokesman is someone of it, not a rival
    # reading of the short name that kept the two apart
    from claimgraph.assess.context import View

    names = ("Homeland Security", "Department of Homeland Security", "Homeland Security spokesman")
    text = " ".join(f"{n} said it rained." for n in names)
    rows = [("x0", names[0], "said", "it rained", {"kind": "organisation"}),
            ("x1", names[1], "said", "it rained", {"kind": "organisation"}),
            ("x2", names[2], "said", "it rained",
             {"kind": "unnamed", "source_role": "spokesman", "source_org": "Homeland Security"})]
    view = View(corpus_of({"x": (text, rows)}, []))
    assert view.canonical(names[0]) == view.canonical(names[1])
    assert view.canonical(names[2]) != view.canonical(names[1])


def test_unnamed_sources_of_no_named_organisation_are_one_independent_origin(corpus_of):
    from claimgraph.assess import assess

    corpus = corpus_of(
        {
            "x": ("The plan could be announced as early as Monday, people familiar with the matter said.",
                  [("x1", "people familiar with the matter", "said", "The plan could be announced as early as Monday",
                    {"kind": "unnamed"})]),
            "y": ("The plan could be announced on Monday, according to unnamed sources.",
                  [("y1", "unnamed sources", "according to", "The plan could be announced on Monday",
                    {"kind": "unnamed"})]),
            "z": ("The plan could be announced on Monday, Reuters sources said.",
                  [("z1", "Reuters sources", "said", "The plan could be announced on Monday",
                    {"kind": "unnamed", "source_org": "Reuters"})]),
        },
        [("anon", "the plan could be announced on Monday", ("x1", "y1")),
         ("two", "the plan could be announced on Monday", ("x1", "z1"))],
    )
    claims = by_id(assess(corpus))
    assert claims["anon"].independent_origins == 1
    assert claims["anon"].support == "corroborated within one affiliation"
    assert claims["two"].independent_origins == 2


def test_an_unnamed_source_an_outlet_cites_is_the_outlets(corpus_of):
    from claimgraph.assess import assess

    text = ("Lenovo could bid for BlackBerry, says a report from Benzinga, citing a source familiar with the news.")
    corpus = corpus_of(
        {"x": (text, [("x1", "Benzinga", "says", "Lenovo could bid for BlackBerry", {"kind": "organisation"}),
                      ("x2", "a source familiar with the news", "citing", "Lenovo could bid for BlackBerry",
                       {"kind": "unnamed", "parent": "x1"})]),
         "y": ("Lenovo could bid for BlackBerry, according to Benzinga.",
               [("y1", "Benzinga", "according to", "Lenovo could bid for BlackBerry", {"kind": "organisation"})])},
        [("bid", "Lenovo could bid for BlackBerry", ("x1", "x2", "y1"))],
    )
    claims = by_id(assess(corpus))
    assert claims["bid"].independent_origins == 1


def test_a_described_group_an_organisation_reports_on_is_not_its_informant(corpus_of):
    from claimgraph.assess import assess

    text = "The institute said Russian nationalist bloggers claimed that the bridge was hit."
    corpus = corpus_of(
        {"x": (text, [("x1", "The institute", "said", "Russian nationalist bloggers claimed that the bridge was hit",
                       {"kind": "organisation"}),
                      ("x2", "Russian nationalist bloggers", "claimed", "that the bridge was hit",
                       {"kind": "unnamed", "parent": "x1"})]),
         "y": ("The institute said the bridge was hit.",
               [("y1", "The institute", "said", "the bridge was hit", {"kind": "organisation"})])},
        [("hit", "the bridge was hit", ("x1", "x2", "y1"))],
    )
    assert by_id(assess(corpus))["hit"].independent_origins == 2


def test_who_only_stays_silent_backs_nothing_another_states(corpus_of):
    from claimgraph.assess import assess

    corpus = corpus_of(
        {
            "x": ("SITE Intelligence Group told Newsweek the video is authentic.",
                  [("x1", "SITE Intelligence Group", "told", "the video is authentic", {"kind": "organisation"})]),
            "y": ("Global News has not seen the purported video, but is working to confirm details.",
                  [("y1", "Global News", "seen", "the purported video",
                    {"kind": "organisation", "polarity": "absence"})]),
            "z": ("The ministry has not confirmed the deployment.",
                  [("z1", "The ministry", "confirmed", "the deployment",
                    {"kind": "organisation", "polarity": "absence"})]),
        },
        [("video", "the video is authentic", ("x1", "y1")), ("silent", "the deployment", ("z1",))],
    )
    claims = by_id(assess(corpus))
    assert claims["video"].origins == ("SITE Intelligence Group",)
    assert claims["video"].support == "single-source"
    assert claims["silent"].origins == ("The ministry",)  # a claim only of silences keeps who kept silent
