"""Online story clustering: same event grouped, different events apart, incremental equals batch, state round trip."""

from __future__ import annotations

import json

import numpy as np
import pytest

from claimgraph.errors import StoreError
from claimgraph.link.features import lead_text
from claimgraph.link.stories import StoryIndex

from .builders import make

QUAKE = [
    ("q1", "A magnitude 7.1 earthquake struck central Chile on Monday, collapsing buildings in Talca and killing "
           "at least twelve people. Rescue teams searched the rubble for survivors as aftershocks shook the region.",
     "Strong earthquake hits central Chile", ("Chile", "Talca")),
    ("q2", "Rescue teams in Talca pulled survivors from collapsed buildings after the powerful earthquake in Chile. "
           "The quake, magnitude 7.1, killed twelve people and aftershocks continued through the night.",
     None, ("Chile", "Talca")),
    ("q3", "Chile counts the dead after the earthquake: twelve people were killed in Talca, where buildings "
           "collapsed. Aftershocks hampered rescue teams searching the rubble for survivors.",
     "Chile earthquake death toll rises", ("Chile", "Talca")),
]
RATES = [
    ("r1", "The Bank of Norway raised its key interest rate by half a point on Thursday to fight inflation, "
           "the central bank's governor told reporters in Oslo. Markets had expected a smaller rate increase.",
     "Norway's central bank raises interest rate", ("Oslo", "Norway")),
    ("r2", "Norway's central bank lifted interest rates by 50 basis points, surprising markets. The governor said "
           "inflation remained too high and further rate increases were possible, speaking in Oslo.",
     None, ("Oslo", "Norway")),
]
FOOTBALL = [
    ("f1", "Arsenal signed the striker Luca Moretti from Napoli for a club record fee, the football club announced. "
           "The forward agreed a five-year contract and will wear the number nine shirt.",
     "Arsenal sign Moretti", ("Arsenal", "Napoli")),
]


def analyses():
    out = []
    for rows in (QUAKE, RATES, FOOTBALL):
        for aid, text, title, names in rows:
            out.append(make(aid, text, title=title, orgs=names))
    # interleave the events as a stream would
    order = ["q1", "r1", "f1", "q2", "r2", "q3"]
    by_id = {a.article.id: a for a in out}
    return [by_id[i] for i in order]


def groups(index: StoryIndex) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for aid, sid in index.members().items():
        by_story.setdefault(sid, set()).add(aid)
    return {frozenset(v) for v in by_story.values()}


def test_same_event_grouped_and_different_events_apart():
    index = StoryIndex()
    index.extend(analyses())
    assert groups(index) == {frozenset({"q1", "q2", "q3"}), frozenset({"r1", "r2"}), frozenset({"f1"})}


def test_stories_about_a_statement_best_first_and_read_only():
    index = StoryIndex()
    index.extend(analyses())
    before = json.dumps(index.to_state(), sort_keys=True)
    found = index.stories_about("Twelve people were killed when the earthquake collapsed buildings in Talca", 2)
    quake = index.members()["q1"]
    assert found[0] == quake and len(found) <= 2
    assert index.stories_about("Norway's central bank raised its interest rate again", 1) == [index.members()["r1"]]
    assert index.stories_about("zebra", 3) == []
    assert json.dumps(index.to_state(), sort_keys=True) == before


def test_incremental_add_equals_batch_and_state_round_trip():
    batch = StoryIndex()
    batch.extend(analyses())
    stream = StoryIndex()
    first, rest = analyses()[:3], analyses()[3:]
    stream.extend(first)
    restored = StoryIndex.from_state(json.loads(json.dumps(stream.to_state())))
    restored.extend(rest)
    assert restored.members() == batch.members()
    assert restored.snapshot() == batch.snapshot()


def test_add_is_idempotent_and_deterministic():
    a, b = StoryIndex(), StoryIndex()
    a.extend(analyses())
    b.extend(analyses())
    assert a.add(analyses()[0]) == a.members()["q1"]
    assert a.snapshot() == b.snapshot()


def test_story_record_title_and_time_span():
    index = StoryIndex()
    for aid, text, title, names in QUAKE:
        index.add(make(aid, text, title=title, orgs=names, published=f"2024-03-0{aid[1]}"))
    (story,) = index.snapshot()
    assert story.articles == ("q1", "q2", "q3")
    assert story.title in {"Strong earthquake hits central Chile", "Chile earthquake death toll rises"}
    assert (story.start, story.end) == ("2024-03-01", "2024-03-03")


def test_untitled_story_gets_a_lead_sentence_title():
    index = StoryIndex()
    index.add(make("x", RATES[1][1]))
    assert index.snapshot()[0].title.startswith("Norway's central bank lifted interest rates")


def test_time_decay_separates_same_words_months_apart():
    index = StoryIndex()
    index.add(make("a", QUAKE[0][1], orgs=QUAKE[0][3], published="2024-03-01"))
    index.add(make("b", QUAKE[1][1], orgs=QUAKE[1][3], published="2024-09-01"))
    assert index.members()["a"] != index.members()["b"]


def test_an_estimated_date_does_not_decay():
    # a date guessed from the body (the latest date it mentions, "in August 2013") is no publication date:
    # two reports of one event stay one story when one of them has such a guess a year off
    from dataclasses import replace

    index = StoryIndex()
    index.add(make("a", QUAKE[0][1], orgs=QUAKE[0][3], published="2024-03-01"))
    guessed = make("b", QUAKE[1][1], orgs=QUAKE[1][3], published="2023-03-01")
    index.add(replace(guessed, article=replace(guessed.article, published_estimated=True)))
    assert index.members()["a"] == index.members()["b"]


def test_bad_state_is_a_store_error():
    with pytest.raises(StoreError, match="story index state"):
        StoryIndex.from_state({"version": 99})


QUAKE_B = [
    ("p1", "A magnitude 6.8 earthquake struck southern Peru on Friday, collapsing houses in Arequipa and killing "
           "nine people. Rescue teams searched the rubble for survivors.", None, ("Peru", "Arequipa")),
    ("p2", "Rescue teams in Arequipa searched collapsed houses after the earthquake in Peru killed nine people. "
           "Aftershocks continued.", None, ("Peru", "Arequipa")),
]


def test_two_earthquakes_are_two_stories_in_one_thread_and_rates_apart():
    index = StoryIndex()
    when = {"q": "2024-03-01", "p": "2024-09-01", "r": "2024-05-01"}  # the second quake months later
    rows = QUAKE + QUAKE_B + RATES
    index.extend([make(aid, text, title=title, orgs=names, published=when[aid[0]]) for aid, text, title, names in rows])
    stories, threads = index.members(), index.thread_members()
    assert stories["q1"] != stories["p1"]
    assert threads["q1"] == threads["p1"] == threads["p2"]
    assert threads["r1"] == threads["r2"] != threads["q1"]
    by_id = {s.id: s for s in index.snapshot()}
    assert by_id[stories["p1"]].thread == threads["p1"]


def test_threads_with_embeddings_survive_a_state_round_trip():
    rows = [make(aid, text, title=title, orgs=names) for aid, text, title, names in QUAKE + QUAKE_B + RATES]
    rng = np.random.default_rng(0)
    embs = [v / np.linalg.norm(v) for v in rng.normal(size=(len(rows), 8))]
    batch = StoryIndex()
    batch.extend(rows, embs)
    stream = StoryIndex()
    stream.extend(rows[:4], embs[:4])
    restored = StoryIndex.from_state(json.loads(json.dumps(stream.to_state())))
    restored.extend(rows[4:], embs[4:])
    assert restored.thread_members() == batch.thread_members()
    assert restored.snapshot() == batch.snapshot()


@pytest.mark.parametrize("text, names, kept, dropped", [
    ("Arsenal signed the striker from Napoli.", ("Arsenal", "Napoli"), "signed the striker", "Arsenal"),
    ("The quake hit Talca on Monday.", ("Talca",), "quake hit", "Talca"),
    ("No names here at all.", (), "No names here", "Talca"),
])
def test_lead_text_drops_names_keeps_what_happened(text, names, kept, dropped):
    lead = lead_text(make("x", text, orgs=names))
    assert kept in lead
    assert dropped not in lead


class _Story:
    """The parts of a stories.Cluster that threads read."""

    def __init__(self, cid: int, lead: dict[str, float], members: int) -> None:
        self.id, self.members, self.embedding = cid, ["a"] * members, None
        self.centroid = {"lead": lead, "body": {}}


class _Clusters(list):
    def peek(self, cid):
        return self[cid]


class _Stories:
    def __init__(self, clusters) -> None:
        self.clusters, self.count = _Clusters(clusters), len(clusters)
        self.index = self

    def candidates(self, terms, limit):
        return [c.id for c in self.clusters]


def test_a_story_that_grows_into_another_event_leaves_its_thread():
    from claimgraph.link.threads import ThreadLinker

    quake, rates = _Story(0, {"quak": 1.0, "rubbl": 1.0}, 1), _Story(1, {"quak": 1.0, "rubbl": 0.9, "rate": 0.2}, 1)
    stories = _Stories([quake, rates])
    linker = ThreadLinker(0.35, {"lead": 1.0, "embedding": 0.0})
    linker.update(quake, stories)
    linker.update(rates, stories)
    assert linker.find(1) == linker.find(0)  # one article about rates read like the quake
    rates.members, rates.centroid["lead"] = ["a", "b"], {"rate": 1.0, "bank": 1.0, "quak": 0.1}
    linker.update(rates, stories)
    assert linker.find(1) != linker.find(0)
    assert sorted(len(t.stories) for t in linker.threads.values()) == [1, 1]
    restored = ThreadLinker.from_state(json.loads(json.dumps(linker.to_state())))
    assert [restored.find(c) for c in (0, 1)] == [linker.find(c) for c in (0, 1)]


def test_a_lone_article_joins_a_thread_on_less_evidence_than_a_story():
    from claimgraph.link.threads import LONE_ARTICLE_THRESHOLD, THREAD_THRESHOLD, ThreadLinker

    def linked(members: int) -> bool:
        # leads at cosine 0.37: between the lone-article threshold and the thread threshold
        fire, other = _Story(0, {"fire": 1.0}, 4), _Story(1, {"fire": 0.37, "blaze": 0.929}, members)
        stories = _Stories([fire, other])
        linker = ThreadLinker(THREAD_THRESHOLD, {"lead": 1.0, "embedding": 0.0})
        linker.update(fire, stories)
        linker.update(other, stories)
        return linker.find(0) == linker.find(1)

    assert LONE_ARTICLE_THRESHOLD < 0.37 < THREAD_THRESHOLD
    assert linked(1)  # one article: a thin lead, and a wrong merge costs one article
    assert not linked(2)  # two stories of several articles need the full threshold


def test_cohesion_is_the_linkage_of_a_story_with_the_rest_of_its_thread():
    from claimgraph.link.threads import Thread, cohesion, linkage

    weights = {"lead": 0.5, "embedding": 0.5}
    parts = [({"a": 0.6, "b": 0.8}, np.array([1.0, 0.0])), ({"a": 1.0}, np.array([0.6, 0.8])),
             ({"b": 0.6, "c": 0.8}, np.array([0.0, 1.0]))]
    whole, rest, one = Thread(0), Thread(1), Thread(2)
    for n, (lead, emb) in enumerate(parts):
        whole.stories.append(n)
        whole.add(lead, emb)
        target = one if n == 0 else rest
        target.stories.append(n)
        target.add(lead, emb)
    assert cohesion(*parts[0], whole, weights) == pytest.approx(linkage(one, rest, weights))


@pytest.mark.parametrize("mean, expected", [
    (None, 0.64),  # plain mean cosine
    (np.array([0.8, 0.3, 0.3]), -1.0),  # all they share is the mean: opposite once it is taken off
    (np.array([0.0, 0.0, 0.0]), 0.64),
])
def test_mean_cosine_takes_the_stream_mean_off(mean, expected):
    from claimgraph.link.threads import mean_cosine

    a, b = np.array([0.8, 0.6, 0.0]), np.array([0.8, 0.0, 0.6])
    assert mean_cosine(a, 1, b, 1, mean) == pytest.approx(expected)
    assert mean_cosine(2 * a, 2, b, 1, mean) == pytest.approx(expected)  # a story counted twice


def test_stream_mean_is_shrunk_while_few_articles_are_seen():
    from claimgraph.link.threads import CENTRE_PRIOR, ThreadLinker

    linker = ThreadLinker()
    assert linker.mean() is None
    linker.observe(np.array([0.0, 2.0]))  # normalised before it counts
    linker.observe(None)
    assert linker.mean() == pytest.approx(np.array([0.0, 1.0 / (1 + CENTRE_PRIOR)]))


@pytest.mark.parametrize("text, title", [
    ("Editor's Note: This story appeared in Saturday's paper.\nThe mayor resigned on Monday after a long inquiry.",
     "The mayor resigned on Monday after a long inquiry."),
    ("PROBLEM:\nThe bridge was closed to traffic for three days.", "The bridge was closed to traffic for three days."),
    ("Is it a bird?\nA giant crab was photographed in a harbour in Kent.", "A giant crab was photographed in a harbour in Kent."),
    ("Did the new law work at all in the end?\nNobody knows.", "Did the new law work at all in the end?"),  # no statement
    # a photo caption shows the story; a dateline is no part of the title
    ("A soldier scans the Mexican side of the border in Havana, Texas. John Moore / Getty Images\n"
     "BEIRUT (Reuters) – Iraqi pilots are training members of the group, a monitor said.",
     "Iraqi pilots are training members of the group, a monitor said."),
    ("PROVO, Utah, Dec. 23 (UPI) -- A Utah man chugged a quart of eggnog.", "A Utah man chugged a quart of eggnog."),
    ("US-led coalition planes hit several targets near the town on Sunday.",
     "US-led coalition planes hit several targets near the town on Sunday."),  # no dateline: a hyphenated word
])
def test_an_untitled_story_is_named_by_a_sentence_that_states_something(text, title):
    index = StoryIndex()
    index.add(make("a", text))
    assert index.snapshot()[0].title == title
