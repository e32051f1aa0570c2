"""store.batch: analyses cached per article, redone when stale, isolated on failure; non-English skips attributions."""

from __future__ import annotations

import pytest

from claimgraph.store import batch
from claimgraph.types import Article

from .conftest import BOOM, article


def test_analyses_are_cached_and_only_new_articles_are_analysed(store, calls):
    list(store.add_articles([article(1, "One sentence. Two sentences."), article(2, "Another text.")]))
    tally = batch.analyze_pending(store)
    assert (tally.analysed, calls) == (2, ["id1", "id2"])
    assert [len(a.sentences) for a in store.get_analyses()] == [2, 1]
    list(store.add_articles([article(3, "A third text.")]))
    calls.clear()
    assert batch.analyze_pending(store).analysed == 1 and calls == ["id3"]
    assert batch.analyze_pending(store).analysed == 0


def test_stale_analyses_are_redone(store, calls, monkeypatch):
    list(store.add_articles([article(1, "One text.")]))
    batch.analyze_pending(store)
    monkeypatch.setattr(batch, "extractor_version", lambda: "a-newer-extractor")
    assert batch.pending(store)[0].id == "id1"
    assert batch.analyze_pending(store).analysed == 1


def test_non_english_articles_skip_attributions_but_are_analysed(store, calls):
    items = [article(1, "Ein Satz auf Deutsch.", "de"), article(2, "An English one."), article(3, "Unknown.", None)]
    list(store.add_articles(items))
    events: list = []
    tally = batch.analyze_pending(store, report=events.append)
    assert sorted(calls) == ["id2", "id3"]
    assert (tally.analysed, tally.reduced) == (3, 1)
    assert [e.analysis.article.id for e in events if isinstance(e, batch.Analysed) and e.reduced] == ["id1"]
    assert len(store.get_analyses()) == 3


@pytest.mark.parametrize(
    "language, english", [(None, True), ("en", True), ("en-GB", True), ("EN", True), ("de", False), ("fr-CA", False)]
)
def test_is_english(language, english):
    assert batch.is_english(Article(id="x", path="x", text="", language=language)) is english


def test_one_failing_article_does_not_abort_the_batch(store, calls):
    list(store.add_articles([article(1, "Fine text."), article(2, BOOM), article(3, "Also fine.")]))
    events: list = []
    tally = batch.analyze_pending(store, report=events.append)
    failed = [e for e in events if isinstance(e, batch.AnalysisFailed)]
    assert (tally.analysed, tally.analysis_failed) == (2, 1)
    assert [f.article.id for f in failed] == ["id2"] and "cannot handle this text" in failed[0].problem
    assert [a.article.id for a in store.get_analyses()] == ["id1", "id3"]
    assert [a.id for a in batch.pending(store)] == ["id2"]  # retried on the next run


def test_tally_summary_line():
    tally = batch.Tally(new=3, duplicate=1, failed=2)
    assert tally.summary() == "6 read, 3 new, 1 duplicate, 2 failed"
    assert not tally.ok and batch.Tally(new=1).ok


def test_extractor_version_is_stable_and_hex():
    assert batch.extractor_version() == batch.extractor_version()
    int(batch.extractor_version(), 16)


def test_corpus_persists_the_linker_and_story_assignments(store, calls):
    texts = ["Floods hit the northern valley on Monday.", "Floods in the northern valley forced evacuations.",
             "The central bank raised interest rates."]
    list(store.add_articles([article(n, t) for n, t in enumerate(texts)]))
    batch.analyze_pending(store)
    first = batch.corpus(store)
    members = store.get_story_members()
    assert set(members) == {"id0", "id1", "id2"}
    assert store.get_state(batch.LINKER_STATE, batch.linker_version()) is not None
    again = batch.corpus(store)  # restored linker: nothing new to file, same stories
    assert again.stories == first.stories and store.get_story_members() == members
    assert {m for s in first.stories for m in s.articles} == {"id0", "id1", "id2"}


def _flood_store(store):
    texts = ["Floods hit the northern valley on Monday.", "Floods in the northern valley forced evacuations.",
             "The central bank raised interest rates."]
    list(store.add_articles([article(n, t) for n, t in enumerate(texts)]))
    batch.analyze_pending(store)


def test_a_scoped_run_files_the_unlinked_articles_and_reads_only_their_stories(store, calls):
    _flood_store(store)
    batch.corpus(store)
    list(store.add_articles([article(3, "Floods in the northern valley receded on Friday.")]))
    batch.analyze_pending(store)
    assert store.unlinked_analyses() == ["id3"]
    scoped = batch.corpus(store, around=["id3"])
    assert store.unlinked_analyses() == []
    assert [set(s.articles) for s in scoped.stories] == [{"id0", "id1", "id3"}]
    assert store.get_story_members()["id3"] == store.get_story_members()["id0"]
    assert batch.corpus(store).stories[0].articles == ("id0", "id1", "id3")  # the whole store agrees


def test_linking_rows_of_other_code_are_dropped_and_the_store_is_linked_afresh(store, calls, monkeypatch):
    _flood_store(store)
    first = batch.corpus(store)
    monkeypatch.setattr(batch, "linker_version", lambda: "newer-linking-code")
    again = batch.corpus(store)
    assert again.stories == first.stories and set(store.get_story_members()) == {"id0", "id1", "id2"}
    assert store.get_state(batch.LINKER_STATE, "newer-linking-code")["stories"]["stories"]["count"] == 2


def test_unreadable_linking_rows_start_afresh(store, calls):
    _flood_store(store)
    first = batch.corpus(store)
    store.save_link(batch.LINKER_STATE, batch.linker_version(), {"stories": {"version": -1}}, {}, {}, expected=1)
    assert batch.corpus(store).stories == first.stories


def test_a_run_does_not_overwrite_the_linking_of_a_run_that_saved_meanwhile(store, calls):
    from claimgraph.errors import StoreError

    _flood_store(store)
    batch.corpus(store)
    slow, fast = batch.open_linker(store), batch.open_linker(store)
    batch.save_linker(store, fast)
    with pytest.raises(StoreError, match="another run linked articles into this store"):
        batch.save_linker(store, slow)
    assert store.get_state(batch.LINKER_STATE, batch.linker_version())["generation"] == 2
