"""store.db: creation and migration, WAL, dedup by hash and URL, crash-safe resumable batches, caches, errors."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from claimgraph.errors import StoreError
from claimgraph.store import Store
from claimgraph.store.schema import metadata
from claimgraph.types import Article, ArticleAnalysis, Entity, Span


def art(n: int, url: str | None = None) -> Article:
    return Article(id=f"id{n}", path=f"in/{n}.txt", text=f"text number {n}", url=url, title=f"Title {n}")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "project.db") as s:
        yield s


def test_first_open_creates_the_file_and_migrates_to_the_model(tmp_path):
    path = tmp_path / "new.db"
    assert not path.exists()
    with Store.open(path) as s:
        assert path.exists()
        with s.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
            assert conn.exec_driver_sql("select version_num from alembic_version").scalar() == "0003"
    with Store.open(path) as s:  # a second open is a no-op migration
        assert s.count_articles() == 0


def test_wal_and_foreign_keys_are_on(store):
    assert store.journal_mode() == "wal"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(StoreError, match="FOREIGN KEY"):
        store.put_analyses([ArticleAnalysis(article=art(9))], "v1")  # no such article


def test_dedup_by_content_hash_and_by_url_within_and_across_batches(store):
    first = list(store.add_articles([art(1, "https://x/1"), art(2), art(1), art(3, "https://x/1")]))
    assert [a.outcome for a in first] == ["new", "new", "duplicate", "duplicate"]
    assert first[3].existing == "id1"  # same URL, other text
    again = list(store.add_articles([art(2), art(4)]))
    assert [a.outcome for a in again] == ["duplicate", "new"]
    assert [a.id for a in store.articles()] == ["id1", "id2", "id4"]  # ingestion order


def test_articles_round_trip_every_field(store, analysis):
    a = analysis.article
    list(store.add_articles([a]))
    assert store.articles() == [a]


def test_crash_mid_batch_keeps_committed_batches_and_rerun_resumes(store):
    def crashing():
        for n in range(7):
            if n == 5:
                raise RuntimeError("killed")
            yield art(n)

    with pytest.raises(RuntimeError):
        for _ in store.add_articles(crashing(), batch_size=2):
            pass
    assert [a.id for a in store.articles()] == ["id0", "id1", "id2", "id3"]  # batch {4} was never committed
    outcomes = [a.outcome for a in store.add_articles(art(n) for n in range(7))]
    assert outcomes == ["duplicate"] * 4 + ["new"] * 3
    assert store.count_articles() == 7


def test_analyses_are_stored_replaced_and_returned_with_their_article(store, analysis):
    list(store.add_articles([art(0), analysis.article]))
    store.put_analyses([analysis], "v1")
    assert store.analysis_versions() == {analysis.article.id: "v1"}
    assert store.get_analyses() == [analysis]
    changed = ArticleAnalysis(article=analysis.article, entities=(Entity(Span(0, 9), "ORG"),))
    store.put_analyses([changed], "v2")
    assert store.get_analyses([analysis.article.id]) == [changed]
    assert store.analysis_versions() == {analysis.article.id: "v2"}


def test_embeddings_cache(store):
    store.put_embeddings({"k1": np.array([0.5, -1.0, 2.0]), "k2": [1.0, 2.0]}, "model-a")
    store.put_embeddings({"k1": np.array([9.0])}, "model-b")
    got = store.get_embeddings(["k1", "k2", "k3"], "model-a")
    assert set(got) == {"k1", "k2"}
    assert got["k1"].dtype == np.float32 and got["k1"].tolist() == [0.5, -1.0, 2.0]
    store.put_embeddings({"k1": np.array([3.0])}, "model-a")  # replaces
    assert store.get_embeddings(["k1"], "model-a")["k1"].tolist() == [3.0]
    assert store.get_embeddings(["k1"], "model-b")["k1"].tolist() == [9.0]


def test_story_members(store):
    list(store.add_articles([art(1), art(2)]))
    store.put_story_members({"id1": "s1", "id2": "s1"})
    store.put_story_members({"id2": "s2"})
    assert store.get_story_members() == {"id1": "s1", "id2": "s2"}


def test_linking_rows_are_written_by_change_read_by_key_and_reset(store):
    list(store.add_articles([art(1), art(2)]))
    rows = store.link_rows()
    store.save_link("linker", "v1", {"n": 1}, {"t": ({"a": b"1", "b": b"2"}, [])}, {"id1": "story-00001"})
    assert rows.read("t", ["a", "zz"]) == {"a": b"1"} and sorted(rows.scan("t")) == [("a", b"1"), ("b", b"2")]
    store.save_link("linker", "v1", {"n": 2}, {"t": ({"a": b"3"}, ["b"])}, {"id2": "story-00001"})
    assert dict(rows.scan("t")) == {"a": b"3"} and store.get_state("linker", "v1") == {"n": 2}
    assert store.get_story_members() == {"id1": "story-00001", "id2": "story-00001"}
    assert store.unlinked_analyses() == []  # no analyses stored
    store.reset_link("linker")
    assert rows.read("t", ["a"]) == {} and store.get_story_members() == {} and store.get_state("linker", "v1") is None


def test_not_a_database_file_is_a_clear_store_error(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match=r"notes\.db: not a claimgraph database"):
        Store.open(bad)


@pytest.mark.parametrize(
    "target, create, message",
    [
        ("missing-dir/x.db", True, "directory .* does not exist"),
        (".", True, "is a directory"),
        ("absent.db", False, "no such database"),
        ("nosuchdialect://x", True, "not a usable database URL"),
    ],
)
def test_unusable_targets(tmp_path, monkeypatch, target, create, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=message):
        Store.open(target, create=create)


def test_locked_database_is_a_clear_store_error(tmp_path, monkeypatch):
    path = tmp_path / "busy.db"
    Store.open(path).close()
    monkeypatch.setenv("CLAIMGRAPH_DB_BUSY_TIMEOUT_S", "0.1")
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(path) as s, pytest.raises(StoreError, match="locked by another process"):
            list(s.add_articles([art(1)]))
    finally:
        holder.rollback()
        holder.close()


def test_named_state_is_versioned(store):
    assert store.get_state("linker", "v1") is None
    store.put_state("linker", "v1", {"stories": [1, 2]})
    assert store.get_state("linker", "v1") == {"stories": [1, 2]}
    assert store.get_state("linker", "v2") is None  # written by other code: ignored
    store.put_state("linker", "v2", {"stories": []})
    assert store.get_state("linker", "v1") is None and store.get_state("linker", "v2") == {"stories": []}


def test_a_database_at_an_older_revision_is_upgraded_on_open(tmp_path):
    from alembic import command
    from alembic.config import Config

    from claimgraph.store.db import MIGRATIONS

    path = tmp_path / "old.db"
    with Store.open(path) as s:
        list(s.add_articles([art(1)]))
        config = Config()
        config.set_main_option("script_location", MIGRATIONS)
        with s.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
            assert not conn.exec_driver_sql("select name from sqlite_master where name='state'").all()
    with Store.open(path) as s:
        assert [a.id for a in s.articles()] == ["id1"]
        s.put_state("x", "v", [1])
        with s.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
