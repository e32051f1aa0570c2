"""Unique content: what only one article of a story reports."""

from __future__ import annotations

from claimgraph.assess import assess


def has(texts, needle):
    return any(needle in t for t in texts)


def test_seed_unique_passages(assessed):
    a, b = assessed.unique["a"], assessed.unique["b"]
    for needle in ("Igor Kirillov", "Hmeimim Air Base", "Time of Heroes", "actively remove any video evidence",
                   "Russian forces recently advanced near Kupiansk"):
        assert has(a, needle), needle
    for needle in ("approximately 10,000 North Korean troops", "seeking economic support and military supplies"):
        assert has(b, needle), needle


def test_shared_claims_are_not_unique(assessed):
    every = [t for texts in assessed.unique.values() for t in texts]
    for shared in ("burning the faces", "engaged in combat", "Buryatia", "have not publicly recognized",
                   "second line", "showing their faces"):
        assert not has(every, shared), shared


def test_single_article_story_has_no_unique_content(corpus_of):
    corpus = corpus_of({"x": ("The council approved the new budget of 5 million euros on Tuesday evening.", [])}, [])
    assert assess(corpus).unique == {}


def test_a_number_only_one_article_gives_is_unique(corpus_of):
    corpus = corpus_of(
        {"x": ("Heavy rain flooded the valley town overnight. Rescue teams evacuated residents from the valley.", []),
         "y": ("Heavy rain flooded the valley town overnight. Rescue teams evacuated 340 residents from the valley.",
               [])},
        [],
    )
    unique = assess(corpus).unique
    assert unique.get("x", ()) == ()
    assert unique["y"] == ("Rescue teams evacuated 340 residents from the valley",)


def test_a_wire_dateline_is_no_unique_content(corpus_of):
    # a syndicated copy without the agency's dateline: the dateline is a credit, the rest is shared
    text = "Heavy rain flooded the valley town overnight. Rescue teams evacuated residents from the valley."
    corpus = corpus_of({"x": ("LIMA, March 3 (Reuters) - " + text, []), "y": (text, [])}, [])
    assert assess(corpus).unique.get("x", ()) == ()
