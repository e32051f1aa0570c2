"""Place mentions → gazetteer places: table rows with ambiguous names, admin-region forms and negatives.

Uses the real spaCy model and the shipped gazetteer (both offline, loaded once per session).
"""

from __future__ import annotations

import pytest

from claimgraph.extract.gazetteer import load_gazetteer, normalise
from claimgraph.extract.pipeline import analyze_articles, default_steps
from claimgraph.types import Article


def _places(text: str) -> dict[str, tuple[str | None, str, float, float]]:
    steps = [s for s in default_steps() if s.name in ("entities", "places")]
    (analysis,) = analyze_articles([Article(id="t", path="t.txt", text=text)], steps=steps)
    return {m.span.of(text): (m.place.country, m.place.kind, m.place.lat, m.place.lon) for m in analysis.places}


# (text, {mention text: (country, kind, (lat, lon) or None)}) — every row lists ALL expected mentions
ROWS = [
    ("Russian forces advanced near Bakhmut, Avdiivka and Marinka in Ukraine's Donetsk region.",
     {"Bakhmut": ("UA", "city", (48.6, 38.0)), "Avdiivka": ("UA", "city", (48.14, 37.74)),
      "Marinka": ("UA", "city", (47.94, 37.5)), "Ukraine": ("UA", "country", None),
      "Donetsk region": ("UA", "region", (48.1, 37.7))}),
    ("Drones struck an oil depot in Belgorod Oblast, Russia, officials said.",
     {"Belgorod Oblast": ("RU", "region", (50.7, 37.4)), "Russia": ("RU", "country", None)}),
    ("Soldiers from the Republic of Tatarstan were sent to the front.",
     {"the Republic of Tatarstan": ("RU", "region", (55.2, 50.9))}),
    ("The president flew from Washington to Paris for talks.",
     {"Washington": ("US", "city", (38.9, -77.0)), "Paris": ("FR", "city", (48.86, 2.35))}),
    ("Officials in the US said the summit in Paris went well.",  # US context does not pull Paris to Texas
     {"US": ("US", "country", None), "Paris": ("FR", "city", (48.86, 2.35))}),
    ("The storm reached Paris, Texas, on Sunday.",
     {"Paris": ("US", "city", (33.66, -95.55)), "Texas": ("US", "region", None)}),
    # a US state after the town in AP style or as a postal code: a town of that state, else none
    ("Police in Springfield, Ill., said the fire was contained.", {"Springfield": ("US", "city", (39.8, -89.64))}),
    ("The mayor of Paris, TX, spoke on Monday.", {"Paris": ("US", "city", (33.66, -95.55))}),
    ("He went to a boarding school in Meriden, N.H., as a boy.", {}),  # no Meriden in New Hampshire's towns
    ("Protests spread across Georgia, and police in Tbilisi cleared the avenue.",
     {"Georgia": ("GE", "country", None), "Tbilisi": ("GE", "city", (41.7, 44.8))}),
    ("Voters in Atlanta, Georgia lined up for hours.",
     {"Atlanta": ("US", "city", (33.75, -84.39)), "Georgia": ("US", "region", None)}),
    ("The UK and the USA signed the deal in London.",
     {"UK": ("GB", "country", None), "USA": ("US", "country", None), "London": ("GB", "city", (51.5, -0.13))}),
    ("Jets took off from Ramstein Air Base in Germany.",
     {"Ramstein Air Base": ("DE", "facility", (49.44, 7.6)), "Germany": ("DE", "country", None)}),
    ("Flights resumed at Boryspil airport near Kyiv.",
     {"Boryspil airport": ("UA", "facility", (50.35, 30.89)), "Kyiv": ("UA", "city", (50.45, 30.52))}),
    # negatives: demonyms, organisations named after places, people, plain words
    ("Russian and Ukrainian officials met American diplomats.", {}),
    ("The Institute for the Study of War said the Kremlin was silent.", {}),
    ("The Pentagon and the White House declined to comment.", {}),
    ("John Kirby said that according to Kirby nothing changed.", {}),
    ("Officials in the E.U. and N.C. met the VA on Monday.", {}),  # short codes of small countries, towns
    ("Sanctions backed by the West hit the South hard.", {}),  # compass words
    ("Life on Earth and in the Pacific changed.", {}),  # LOC names of small towns
    ("The president spoke at the White House.", {}),  # facility, not the town "White House"
    ("Funds went to Africa, she told us.", {}),  # "Africa" is an alternate name of a Tunisian town only
]


def test_one_place_per_name_in_an_article():
    text = "Talks in Paris ended. In Texas, the Paris agreement worries the United States."
    steps = [s for s in default_steps() if s.name in ("entities", "places")]
    (analysis,) = analyze_articles([Article(id="t", path="t.txt", text=text)], steps=steps)
    countries = {m.place.country for m in analysis.places if m.span.of(text) == "Paris"}
    assert countries == {"FR"}


def test_place_in_a_region_named_in_the_same_sentence():
    got = _places("He was born in Birmingham, Alabama, and studied in Mobile.")
    assert got["Birmingham"][:2] == ("US", "city")


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_place_rows(text, expected):
    got = _places(text)
    assert set(got) == set(expected), got
    for mention, (country, kind, where) in expected.items():
        g_country, g_kind, lat, lon = got[mention]
        assert (g_country, g_kind) == (country, kind), (mention, got[mention])
        if where is not None:
            assert abs(lat - where[0]) < 0.5 and abs(lon - where[1]) < 0.5, (mention, got[mention])


def test_alternate_spelling_is_shown_as_written():
    got = _places("Shelling hit Kupiansk and Kharkiv overnight.")
    assert got["Kupiansk"][:2] == ("UA", "city")


def test_gazetteer_lookup_is_accent_and_case_insensitive():
    gaz = load_gazetteer()
    assert normalise("the Ulan-Ude’s") == "ulan ude"
    assert {m.entry.place.country for m in gaz.lookup("zaporizhzhia")} >= {"UA"}
    assert "Notaplaceanywhere" not in gaz


def test_gazetteer_regions_named_after_their_largest_town():
    names = {m.entry.place.id for m in load_gazetteer().regions("Kharkiv")}
    assert "iso3166-2:UA-63" in names


@pytest.mark.evaluation
def test_seed_place_f1_gate():
    """Seeds gold (../shared): place F1 as computed by shared/bench/score.py stays >= 0.90."""
    import importlib.util
    import json

    from claimgraph.ingest import read_inputs
    from claimgraph.report.json import article_dict, places_list

    from ..conftest import EXAMPLES, shared_path

    spec = importlib.util.spec_from_file_location("score", shared_path("bench", "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))
    articles = [a for a in read_inputs(sorted(str(p) for p in EXAMPLES.glob("*.txt"))) if not isinstance(a, Exception)]
    steps = [s for s in default_steps() if s.name in ("entities", "places")]
    analyses = tuple(analyze_articles(articles, steps=steps))
    out = {"articles": [article_dict(a, ()) for a in analyses], "places": places_list(analyses)}
    scorer = score.Scorer(gold, out)
    scorer.places()
    assert scorer.figures["place F1"] >= 0.90, scorer.lines
