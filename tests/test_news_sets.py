"""End to end on the project's own news sets (tests/fixtures/news): relays, stories, claims, drift, unique content."""

from __future__ import annotations

from pathlib import Path

import pytest

SETS = Path(__file__).parent / "fixtures" / "news"


@pytest.fixture(scope="module")
def analysed():
    from claimgraph.analysis import analyze
    from claimgraph.ingest import read_inputs
    from claimgraph.report.json import to_dict

    def run(name: str) -> dict:
        paths = sorted(str(p) for p in (SETS / name).glob("*.txt"))
        out = to_dict(analyze([a for a in read_inputs(paths) if not isinstance(a, Exception)]))
        out["name_of"] = {a["id"]: Path(a["path"]).stem for a in out["articles"]}
        return out

    return {name: run(name) for name in ("who", "quake", "isw")}


def _cross_claims(out: dict) -> list[dict]:
    article_of = {a["id"]: a["article"] for a in out["attributions"]}
    return [c for c in out["claims"] if len({article_of[i] for i in c["attributions"]}) > 1]


@pytest.mark.slow
def test_every_set_is_one_story(analysed):
    for name, out in analysed.items():
        assert len(out["stories"]) == 1, name


@pytest.mark.slow
def test_relays(analysed):
    relays = {name: {out["name_of"][a["id"]]: a["relays"] for a in out["articles"]} for name, out in analysed.items()}
    assert relays["who"] == {"a": ["World Health Organization"], "b": ["World Health Organization"]}
    assert relays["quake"]["r1"][0] == "Reuters"  # the dateline after the title line
    assert "AFAD" in relays["quake"]["r2"]
    assert all(r == ["Institute for the Study of War"] for r in relays["isw"].values())


@pytest.mark.slow
def test_one_origin_for_the_agency_and_its_acronym(analysed):
    origins = [c["origins"] for c in _cross_claims(analysed["who"])]
    assert ["World Health Organization"] in origins
    assert all("agency" not in o and "WHO" not in o for os in origins for o in os)


@pytest.mark.slow
def test_claims_across_the_relays_of_one_assessment(analysed):
    texts = " | ".join(c["text"] for c in _cross_claims(analysed["isw"]))
    for needle in ("80", "exploit", "civilians", "60 to 70"):  # the nested spokesman, "ISW assesses", the governor, a trailing phrase cut
        assert needle in texts, texts


@pytest.mark.slow
def test_a_toll_update_is_a_number_change(analysed):
    out = analysed["quake"]
    counts = [d for d in out["drift"] if d["kind"] == "number changed" and not d["claim"]]
    # r2 (a copy of r1) gives the first report's 45: only the later r3 changes it
    assert [(out["name_of"][d["from"]["article"]], out["name_of"][d["to"]["article"]], d["detail"]) for d in counts] \
        == [("r1", "r3", "dead: 45 → 61")]


@pytest.mark.slow
def test_credits_are_not_content(analysed):
    out = analysed["quake"]
    unique = [t for texts in out["unique"].values() for t in texts]
    assert not any("Reuters" in t or "Reporting by" in t for t in unique), unique
    assert not any(a["name"] in ("Ece Toksabay", "Alex Richardson") for a in out["actors"])
