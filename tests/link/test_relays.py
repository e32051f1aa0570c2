"""Relays (credit lines, datelines, lead credit, attribution share with nesting) and copies/rewrites (MinHash)."""

from __future__ import annotations

import json

import pytest

from claimgraph.link.relays import RelayIndex, relays_of

from .builders import make

REPORT = ("The Global Energy Monitor said in a report on Tuesday that coal plant construction fell sharply. "
          "According to the report, China approved fewer plants. Officials in Beijing said the policy would continue. "
          "The GEM report also found that India expanded capacity. Analyst Maria Lopez said prices matter.")
REPORT_ATTS = (
    {"source": "The Global Energy Monitor", "kind": "organisation", "content": "coal plant construction fell sharply"},
    {"source": "the report", "kind": "document", "content": "China approved fewer plants", "parent": 1},
    {"source": "Officials in Beijing", "kind": "unnamed", "content": "the policy would continue"},
    {"source": "The GEM report", "kind": "document", "content": "India expanded capacity"},
    {"source": "Analyst Maria Lopez", "kind": "person", "content": "prices matter"},
)


@pytest.mark.parametrize(("text", "removed", "expected"), [
    ("Prices rose again.\nSource: Statistics Norway", (), ["Statistics Norway"]),
    ("Prices rose again.", ("Via: The Example Wire",), ["Example Wire"]),
    ("LONDON (Reuters) - Shares fell on Monday as investors weighed the outlook.", (), ["Reuters"]),
    ("KYIV, Dec 17 (AP) — Drones hit the city overnight.", (), ["AP"]),  # a date in the dateline
    ("Drones hit Kyiv\n\nKYIV, Dec 17 (AP) — Drones hit the city overnight.", (), ["AP"]),  # after the title line
    ("Drones hit Kyiv overnight.\n\nKYIV, Dec 17 (AP) — Drones hit the city.", (), []),  # not where the body opens
    ("The sources of the river were mapped. Officials said little.", (), []),  # "sources" mid-text is no credit line
    # a line opening with "Sources" but no colon is a sentence, not a credit line
    ("Dr Doe was at the clinic\n\nSources close to the doctor, 56, say reports she took photo are 'lies'", (), []),
    ("Prices rose again.\nVia Example Wire", (), ["Example Wire"]),  # "Via" needs no colon
    ("Prices rose again, the minister said on Monday.", (), []),
    # a date or a note after the credited name is no part of it
    ("A hoax spread.\nSource: WorldNewsDailyReport.com, Feb. 4, 2015", (), ["WorldNewsDailyReport.com"]),
    ("A hoax spread.\nSource: Metro.co.uk, Feb. 22, 2015 (article subsequently revised", (), ["Metro.co.uk"]),
    # a short name ending a longer one credited too is one source
    ("Prices rose again.\nSource: Post\nVia: Washington Post", (), ["Washington Post"]),
])
def test_credit_lines_and_datelines(text, removed, expected):
    title = "Drones hit Kyiv" if text.startswith("Drones hit Kyiv\n") else None
    assert [r.name for r in relays_of(make("a", text, title=title, removed=removed))] == expected


def test_report_credited_in_lead_and_by_share_is_relayed():
    a = make("a", REPORT, orgs=("Global Energy Monitor", "GEM"), persons=("Maria Lopez",), attributions=REPORT_ATTS)
    (relayed,) = relays_of(a)
    assert relayed.name == "Global Energy Monitor"


BLAST = "The Red Cross said on Monday that a mine blast killed four people. Police blocked the road. Officials said the area was cleared."
BLAST_ATTS = ({"source": "The Red Cross", "kind": "organisation", "content": "a mine blast killed four people"},
              {"source": "Officials", "kind": "unnamed", "content": "the area was cleared"})


@pytest.mark.parametrize("title", [None, "Mine blast kills four in the north"])
def test_lead_is_the_first_sentence_after_a_title_line(title):
    text = (title + "\n\n" if title else "") + BLAST
    a = make("a", text, title=title, orgs=("Red Cross",), attributions=BLAST_ATTS)
    assert [r.name for r in relays_of(a)] == ["Red Cross"]


@pytest.mark.parametrize("source, places", [("Tampa", ("Tampa",)), ("TEENAGER", ())])
def test_a_place_or_a_word_credited_in_the_lead_is_not_relayed(source, places):
    # a misparse made the town (or a word in capitals) the source of the lead's claim: no report is relayed
    text = f"A woman from {source} claimed to have had a third breast implanted. Police blocked the road."
    atts = ({"source": source, "kind": "organisation", "content": "to have had a third breast implanted"},)
    assert relays_of(make("a", text, places=places, attributions=atts)) == []


def test_a_website_credited_in_the_lead_is_relayed():
    text = "RadarOnline.com reported that the singer had left the clinic. Police blocked the road."
    atts = ({"source": "RadarOnline.com", "kind": "organisation", "content": "the singer had left the clinic"},)
    assert [r.name for r in relays_of(make("a", text, attributions=atts))] == ["RadarOnline.com"]


def test_an_organisation_credited_only_in_the_title_is_not_relayed():
    title = "Red Cross says mine blast kills four"
    text = title + "\n\nA mine blast killed four people on Monday. Police blocked the road. Officials said the area was cleared."
    atts = ({"source": "Red Cross", "kind": "organisation", "content": "mine blast kills four"},
            {"source": "Officials", "kind": "unnamed", "content": "the area was cleared"})
    assert relays_of(make("a", text, title=title, orgs=("Red Cross",), attributions=atts)) == []


def test_an_acronym_read_as_unnamed_names_the_organisation_spelt_out_later():
    # the headline's "WHO" comes before "the World Health Organization (WHO)" and is read as an unnamed source
    title = "WHO says cholera reached three provinces"
    text = (title + "\n\nThe World Health Organization (WHO) said on Monday that cholera reached three provinces. "
            "Officials in Nampula said clinics were full. According to WHO, cases doubled in a week. Residents "
            "said who was to blame was unclear.")
    atts = ({"source": "WHO", "kind": "unnamed", "content": "cholera reached three provinces"},
            {"source": "The World Health Organization", "kind": "organisation", "content": "on Monday that cholera"},
            {"source": "Officials in Nampula", "kind": "unnamed", "content": "clinics were full"},
            {"source": "WHO", "kind": "unnamed", "content": "cases doubled in a week", "nth": 2},
            {"source": "who", "kind": "unnamed", "content": "was to blame was unclear"})
    a = make("a", text, title=title, orgs=("World Health Organization",), attributions=atts)
    (relayed,) = relays_of(a)
    assert relayed.name == "World Health Organization"
    assert relayed.score == 3 / 5  # the spelt-out name and both capitalised WHOs; the relative "who" is not one


def test_one_quoted_statement_is_not_a_relay():
    text = ("Storms flooded the valley on Sunday. Residents were evacuated. The Red Cross said shelters were full. "
            "Roads reopened on Monday.")
    a = make("a", text, orgs=("Red Cross",),
             attributions=({"source": "The Red Cross", "kind": "organisation", "content": "shelters were full"},))
    assert relays_of(a) == []


def test_person_sources_are_not_relays():
    text = "Mayor Ann Berg said the bridge will reopen. Berg said repairs cost little. Berg added that work is done."
    atts = tuple({"source": s, "kind": "person", "content": c, "nth": n} for s, c, n in
                 (("Mayor Ann Berg", "the bridge will reopen", 0), ("Berg", "repairs cost little", 1),
                  ("Berg", "work is done", 2)))
    assert relays_of(make("a", text, persons=("Ann Berg", "Berg"), attributions=atts)) == []


BODY = ("The city council voted on Tuesday to close the old harbour bridge for two years of repairs, after engineers "
        "found corrosion in the main cables. Traffic will be diverted over the northern ring road, and ferries will "
        "run every fifteen minutes during rush hour. Shop owners near the harbour warned that the closure would cost "
        "them customers, while cyclists welcomed a temporary lane on the ferry.")


def test_copy_rewrite_and_unrelated():
    index = RelayIndex()
    assert index.add(make("orig", BODY, published="2024-05-01"))[0] == []
    copy_rel, _ = index.add(make("copy", BODY + " Subscribe to our newsletter.", published="2024-05-02"))
    assert [(r.kind, r.source, r.target) for r in copy_rel] == [("copy", "copy", "orig")]
    half = BODY.split(", and ferries")[0] + ". The mayor said the decision was painful but necessary for safety."
    rewrite, _ = index.add(make("rw", half, published="2024-05-03"))
    assert ("rewrite", "rw", "orig") in [(r.kind, r.source, r.target) for r in rewrite]
    other, _ = index.add(make("other", "Heavy snow closed schools across the mountain region on Friday morning."))
    assert other == []


def test_earlier_dated_newcomer_is_the_original_and_state_round_trip():
    index = RelayIndex()
    index.add(make("late", BODY, published="2024-05-09"))
    restored = RelayIndex.from_state(json.loads(json.dumps(index.to_state())))
    rels, _ = restored.add(make("early", BODY, published="2024-05-01"))
    assert [(r.kind, r.source, r.target) for r in rels] == [("copy", "late", "early")]


def test_a_spokesman_credited_in_the_lead_relays_the_organisation_a_customer_does_not():
    text = "A White House spokesman said on Monday that the talks would resume. The talks stalled in May."
    spokesman = {"source": "A White House spokesman", "name": "White House spokesman", "kind": "unnamed",
                 "role": "spokesman", "org": "White House", "content": "the talks would resume"}
    a = make("a", text, orgs=("White House",), attributions=(spokesman,))
    assert [r.name for r in relays_of(a)] == ["White House"]
    customer = {**spokesman, "name": "White House customer", "role": "customer"}
    assert relays_of(make("b", text, orgs=("White House",), attributions=(customer,))) == []


def test_what_an_organisation_plans_in_the_lead_is_no_report_it_relays():
    text = "Hewlett-Packard plans to break in two, according to people familiar with the matter. Shares rose."
    plans = {"source": "Hewlett-Packard", "kind": "organisation", "cue": "plans", "content": "to break in two"}
    a = make("a", text, orgs=("Hewlett-Packard",), attributions=(plans,))
    assert relays_of(a) == []
    said = {**plans, "cue": None}
    assert [r.name for r in relays_of(make("b", text, orgs=("Hewlett-Packard",), attributions=(said,)))] == [
        "Hewlett-Packard"]


def test_a_source_via_an_agency_opening_the_body_relays_both():
    text = ("Washington swears in its first Native American justice\nKVELLER via JTA — The state of Washington has "
            "sworn in its first Native American Supreme Court justice.")
    assert [r.name for r in relays_of(make("a", text, title="Washington swears in its first Native American justice"))] \
        == ["KVELLER", "JTA"]
