"""link.state: tables read row by row and written back by change; a Linker over rows equals one in memory."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from claimgraph import link
from claimgraph.link import Linker, build
from claimgraph.link.state import INT_INT, STR_JSON, Table, json_codec
from claimgraph.types import Claim

from .test_build import corpus_analyses


class MemoryRows:
    """``state.Rows`` over dicts, counting what is read (a store stand-in)."""

    fresh = False

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, bytes]] = {}
        self.read_keys: Counter = Counter()
        self.scans: Counter = Counter()

    def read(self, table, keys):
        self.read_keys[table] += len(keys)
        stored = self.tables.get(table, {})
        return {k: stored[k] for k in keys if k in stored}

    def scan(self, table):
        self.scans[table] += 1
        return iter(list(self.tables.get(table, {}).items()))

    def write(self, changes) -> None:
        for table, (upserts, deletes) in changes.items():
            stored = self.tables.setdefault(table, {})
            stored.update(upserts)
            for k in deletes:
                stored.pop(k, None)

    def rows(self) -> int:
        return sum(len(t) for t in self.tables.values())


@pytest.fixture(autouse=True)
def no_claim_model(monkeypatch):
    def align(analyses, stories, linker, cache):
        return ()
    monkeypatch.setattr(link, "_align", align)


def test_a_table_reads_the_rows_it_is_asked_for_and_writes_back_what_changed():
    rows = MemoryRows()
    rows.tables["t"] = {"1": b"10", "2": b"20", "3": b"30"}
    t = Table("t", INT_INT, rows)
    assert t[2] == 20 and 4 not in t and t.get(1) == 10
    assert rows.read_keys["t"] == 3 and not rows.scans
    assert t.changes() == ({}, [])  # immutable values read are not written back
    t[4] = 40
    del t[1]
    assert t.changes() == ({"4": b"40"}, ["1"])
    rows.write({"t": t.changes()})
    t.saved()
    assert t.changes() == ({}, [])
    assert sorted(t) == [2, 3, 4] and rows.scans["t"] == 1  # iterating reads everything (once)
    with pytest.raises(KeyError):
        del t[1]


def test_mutable_values_that_were_read_are_written_back():
    rows = MemoryRows()
    rows.tables["lists"] = {"a": b"[1]"}
    t = Table("lists", json_codec(str, str, mutable=True), rows)
    t["a"].append(2)
    assert t.changes() == ({"a": b"[1,2]"}, [])
    t.prefetch(["b", "c"])
    assert rows.read_keys["lists"] == 3 and "b" not in t and rows.read_keys["lists"] == 3  # absence is remembered


def test_a_table_without_rows_is_a_plain_mapping():
    t = Table("t", STR_JSON)
    t["x"] = {"a": 1}
    assert dict(t) == {"x": {"a": 1}} and len(t) == 1 and t.pending() == ["x"]


def _run(rows: MemoryRows, meta, items) -> tuple[Linker, dict]:
    """One `analyze --db` run: open the Linker over the rows, file the items, write back what changed."""
    linker = Linker.open(rows, meta) if meta else Linker(rows=rows)
    corpus = build(items, linker)
    members = linker.stories.new_members()
    rows.write(linker.changes())
    linker.saved()
    return linker, {"meta": linker.meta(), "corpus": corpus, "members": members}


def test_a_linker_over_rows_gives_the_graph_of_one_in_memory():
    items = corpus_analyses()
    rows, meta, members = MemoryRows(), None, {}
    for part in (items[:3], items[3:6], items[6:]):
        _, out = _run(rows, meta, part)
        meta = out["meta"]
        members.update(out["members"])
    reopened = Linker.open(rows, meta)
    whole = build(items, reopened)  # everything is filed already: read back only
    batch_linker = Linker()
    batch = build(items, batch_linker)
    assert whole.stories == batch.stories
    assert whole.relations == batch.relations and whole.relays == batch.relays
    assert members == batch_linker.stories.members()
    assert reopened.stories.thread_members() == batch_linker.stories.thread_members()
    assert not rows.scans["stories"]


def test_a_new_article_reads_a_few_rows_not_the_store():
    items = corpus_analyses()
    rows = MemoryRows()
    _, out = _run(rows, None, items[:-1])
    stored = rows.rows()
    rows.read_keys.clear()
    linker, _ = _run(rows, out["meta"], items[-1:])
    read = sum(rows.read_keys.values())
    assert not rows.scans and read < stored
    # what it wrote back: its own rows and the rows it changed, not the unchanged ones
    assert "copy" in rows.tables["story_of"] and linker.stories.new_members() == {}


def test_the_thread_means_and_counts_survive_a_reopen():
    items = corpus_analyses()
    rows = MemoryRows()
    embeddings = np.random.default_rng(1).normal(size=(len(items), 8))
    linker = Linker(rows=rows)
    for a, e in zip(items[:5], embeddings[:5]):
        linker.add(a, e / np.linalg.norm(e))
    rows.write(linker.changes())
    reopened = Linker.open(rows, linker.meta())
    assert reopened.stories.threads.embeddings_seen == 5
    assert np.allclose(reopened.stories.threads.mean(), linker.stories.threads.mean())
    for a, e in zip(items[5:], embeddings[5:]):
        linker.add(a, e / np.linalg.norm(e))
        reopened.add(a, e / np.linalg.norm(e))
    assert reopened.stories.thread_members() == linker.stories.thread_members()
    assert reopened.stories.members() == linker.stories.members()


def test_claims_are_kept_per_story_until_its_articles_change(monkeypatch):
    calls = []

    def grouped(groups, cache=None):
        calls.append([[a.article.id for a in g] for g in groups])
        return [[Claim(f"claim-{g[0].article.id}", "x", (), tuple(a.article.id for a in g))] for g in groups]

    monkeypatch.undo()
    monkeypatch.setattr(link, "group_claims", grouped)
    items = corpus_analyses()
    linker = Linker()
    build(items[:-1], linker)
    first = len(calls[0])
    corpus = build(items, linker)  # "copy" joins the story of "orig": only that story is grouped again
    assert len(calls[1]) == 1 and "copy" in calls[1][0] and first > 1
    assert any(c.id == "claim-orig" for c in corpus.claims)


def test_posting_lists_and_lsh_buckets_stay_bounded():
    from claimgraph.link.index import (
        BUCKET_KEEP,
        POSTINGS_READ,
        InvertedIndex,
        NearDuplicateIndex,
    )

    index = InvertedIndex()
    for cluster in range(3 * POSTINGS_READ):
        index.add("t:common", cluster)
    assert list(index.postings["t:common"]) == list(range(2 * POSTINGS_READ, 3 * POSTINGS_READ))
    assert index.candidates(["t:common"], limit=3) == [191, 190, 189]  # the most recent, as before
    near = NearDuplicateIndex()
    words = "the same syndicated wire story is printed again and again by every outlet".split()
    for n in range(BUCKET_KEEP + 5):
        found = near.add(f"copy{n}", words)
    assert len(found) == BUCKET_KEEP and max(len(m) for m in near.buckets.values()) == BUCKET_KEEP
