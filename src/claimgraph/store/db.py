"""Articles, analyses, embeddings and story assignments ↔ the project database (SQLAlchemy 2).

SQLite by default: one file, created and migrated (alembic, migrations shipped in
``store/migrations``) on first open, WAL journal and foreign keys switched on for
every connection. Every write runs in a transaction; ``add_articles`` commits
per small batch, so a crash loses at most the batch in flight and a re-run
resumes without duplicates (articles are deduplicated by content-hash id and URL).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import islice
from typing import Any, Literal

import numpy as np
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy import exc as sa_exc

from .. import settings
from ..errors import StoreError
from ..types import Article, ArticleAnalysis
from . import codec
from .schema import analyses, articles, embeddings, link_rows, state, story_members

Outcome = Literal["new", "duplicate"]
MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")
_IN_CHUNK = 500  # keys per IN (...) query; below SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_articles`` did with one article: stored it, or found it already stored as ``existing``."""

    article: Article
    outcome: Outcome
    existing: str | None = None  # id of the stored article it duplicates


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _url_of(target: str) -> str:
    if target == ":memory:":
        return "sqlite://"
    return target if "://" in target else "sqlite:///" + os.path.abspath(target)


def _describe(target: str, exc: Exception) -> str:
    """A database exception → one line saying what is wrong and what to do."""
    msg = str(getattr(exc, "orig", None) or exc).strip()
    low = msg.lower()
    if "not a database" in low or "malformed" in low:
        return f"{target}: not a claimgraph database ({msg}); give another --db file"
    if "locked" in low or "busy" in low:
        return f"{target}: database is locked by another process; try again when it has finished"
    if "unable to open" in low:
        return f"{target}: cannot open database file (does its directory exist and is it writable?)"
    if "readonly" in low or "read-only" in low:
        return f"{target}: database is read-only"
    return f"{target}: database error: {msg.splitlines()[0] if msg else type(exc).__name__}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses at most the last commits
    finally:
        cursor.close()


def migrate(connection: Connection) -> None:
    """Bring the schema on ``connection`` up to the newest migration (a no-op when it is there)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _article_row(a: Article, seq: int) -> dict[str, Any]:
    return {
        "id": a.id, "seq": seq, "url": a.url, "path": a.path, "title": a.title, "author": a.author,
        "outlet": a.outlet, "published": a.published, "published_estimated": a.published_estimated,
        "language": a.language, "text": a.text, "removed": list(a.removed), "format": a.source_format,
        "ingested_at": _now(),
    }


def _article_of(row: Any) -> Article:
    return Article(
        id=row.id, path=row.path, text=row.text, url=row.url, title=row.title, author=row.author,
        outlet=row.outlet, published=row.published, published_estimated=bool(row.published_estimated),
        language=row.language, removed=tuple(row.removed or ()), source_format=row.format,
    )


class Store:
    """The project database. Open with ``Store.open(path_or_url)``; use as a context manager."""

    def __init__(self, engine: Engine, target: str) -> None:
        self.engine = engine
        self.target = target

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, target: str | os.PathLike[str], *, create: bool = True) -> Store:
        """Open (creating and migrating on first use) a SQLite file path or an SQLAlchemy URL."""
        target = os.fspath(target)
        url = _url_of(target)
        if url.startswith("sqlite:///") and "://" not in target:  # a plain file path
            if not create and not os.path.exists(target):
                hint = f"create it with `claimgraph ingest PATH... --db {target}`"
                raise StoreError(f"{target}: no such database; {hint}")
            directory = os.path.dirname(os.path.abspath(target))
            if not os.path.isdir(directory):
                raise StoreError(f"{target}: cannot create database: directory {directory} does not exist")
            if os.path.isdir(target):
                raise StoreError(f"{target}: is a directory, not a database file")
        try:
            engine = create_engine(url, connect_args=cls._connect_args(url))
        except (sa_exc.ArgumentError, ImportError) as exc:
            raise StoreError(f"{target}: not a usable database URL ({exc})") from None
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine, target)
        with store._errors(), engine.begin() as conn:
            migrate(conn)
        return store

    @staticmethod
    def _connect_args(url: str) -> dict[str, Any]:
        if url.startswith("sqlite"):
            return {"timeout": float(settings.get("db_busy_timeout_s"))}
        return {}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(_describe(self.target, exc)) from exc

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One transaction: committed on success, rolled back on any error."""
        with self._errors(), self.engine.begin() as conn:
            yield conn

    def journal_mode(self) -> str | None:
        """The SQLite journal mode ("wal"), or None on other databases."""
        if self.engine.dialect.name != "sqlite":
            return None
        with self._errors(), self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).lower()

    # -- articles --------------------------------------------------------------

    def add_articles(self, items: Iterable[Article], batch_size: int | None = None) -> Iterator[Added]:
        """Store each article unless its id or URL is already stored; yields outcomes after each commit."""
        size = int(batch_size or settings.get("store_batch_size"))
        for chunk in _chunks(items, size):
            with self._tx() as conn:
                done = [self._add_one(conn, a) for a in chunk]
            yield from done

    def _add_one(self, conn: Connection, a: Article) -> Added:
        existing = conn.execute(select(articles.c.id).where(articles.c.id == a.id)).scalar()
        if existing is None and a.url:
            existing = conn.execute(select(articles.c.id).where(articles.c.url == a.url)).scalar()
        if existing is not None:
            return Added(a, "duplicate", existing)
        seq = (conn.execute(select(func.max(articles.c.seq))).scalar() or 0) + 1
        conn.execute(insert(articles).values(**_article_row(a, seq)))
        return Added(a, "new")

    def articles(self) -> list[Article]:
        """Every stored article, in ingestion order."""
        with self._errors(), self.engine.connect() as conn:
            return [_article_of(r) for r in conn.execute(select(articles).order_by(articles.c.seq))]

    def count_articles(self) -> int:
        with self._errors(), self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar() or 0)

    # -- analyses --------------------------------------------------------------

    def analysis_versions(self) -> dict[str, str]:
        """Article id → version of its stored analysis."""
        with self._errors(), self.engine.connect() as conn:
            return dict(conn.execute(select(analyses.c.article_id, analyses.c.version)).all())

    def put_analyses(self, items: Iterable[ArticleAnalysis], version: str) -> None:
        """Store (replacing) the analyses of already stored articles, in one transaction."""
        rows = [
            {"article_id": a.article.id, "version": version, "data": codec.encode_analysis(a), "analysed_at": _now()}
            for a in items
        ]
        if not rows:
            return
        with self._tx() as conn:
            conn.execute(delete(analyses).where(analyses.c.article_id.in_([r["article_id"] for r in rows])))
            conn.execute(insert(analyses), rows)

    def get_analyses(self, ids: Iterable[str] | None = None) -> list[ArticleAnalysis]:
        """The stored analyses (of ``ids``, or all), in ingestion order, with their articles attached."""
        query = select(articles, analyses.c.data).join(analyses, analyses.c.article_id == articles.c.id)
        query = query.order_by(articles.c.seq)
        with self._errors(), self.engine.connect() as conn:
            if ids is None:
                rows = list(conn.execute(query))
            else:
                chunks = _chunks(ids, _IN_CHUNK)
                rows = [r for chunk in chunks for r in conn.execute(query.where(articles.c.id.in_(chunk)))]
                rows.sort(key=lambda r: r.seq)
        return [codec.decode_analysis(_article_of(r), r.data) for r in rows]

    # -- embeddings cache ------------------------------------------------------

    def get_embeddings(self, keys: Iterable[str], model: str) -> dict[str, np.ndarray]:
        """Cached vectors of ``model`` for those ``keys`` that have one."""
        found: dict[str, np.ndarray] = {}
        with self._errors(), self.engine.connect() as conn:
            for chunk in _chunks(dict.fromkeys(keys), _IN_CHUNK):
                query = select(embeddings.c.key, embeddings.c.vector).where(
                    embeddings.c.model == model, embeddings.c.key.in_(chunk)
                )
                for key, blob in conn.execute(query):
                    found[key] = np.frombuffer(blob, dtype="<f4").copy()
        return found

    def put_embeddings(self, vectors: Mapping[str, np.ndarray], model: str) -> None:
        """Cache (replacing) the vectors of ``model``, stored as little-endian float32."""
        rows = [
            {"key": k, "model": model, "vector": np.asarray(v, dtype="<f4").tobytes()} for k, v in vectors.items()
        ]
        with self._tx() as conn:
            for chunk in _chunks(rows, _IN_CHUNK):
                keys = [r["key"] for r in chunk]
                conn.execute(delete(embeddings).where(embeddings.c.model == model, embeddings.c.key.in_(keys)))
                conn.execute(insert(embeddings), chunk)

    # -- story assignments -----------------------------------------------------

    def get_story_members(self) -> dict[str, str]:
        """Article id → story id, for every assigned article."""
        with self._errors(), self.engine.connect() as conn:
            return dict(conn.execute(select(story_members.c.article_id, story_members.c.story_id)).all())

    def put_story_members(self, members: Mapping[str, str]) -> None:
        """Assign (or reassign) articles to stories, in one transaction."""
        with self._tx() as conn:
            _write_members(conn, members)

    # -- named state (persisted indexes) ---------------------------------------

    def get_state(self, name: str, version: str) -> Any | None:
        """The data stored under ``name`` by code of ``version``, or None (absent, or written by other code)."""
        query = select(state.c.data).where(state.c.name == name, state.c.version == version)
        with self._errors(), self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def put_state(self, name: str, version: str, data: Any) -> None:
        """Store (replacing) JSON-ready ``data`` under ``name``."""
        with self._tx() as conn:
            _write_state(conn, name, version, data)

    # -- linking tables (claimgraph.link.state) ----------------------------------

    def link_rows(self, fresh: bool = False) -> LinkRows:
        """The Linker's tables in this store, read on demand (``claimgraph.link.state.Rows``); ``fresh``:
        the caller knows there are none (just reset), so none are read."""
        return LinkRows(self, fresh)

    def unlinked_analyses(self) -> list[str]:
        """Ids of the analysed articles that no story holds yet, in ingestion order."""
        query = (
            select(analyses.c.article_id)
            .join(articles, articles.c.id == analyses.c.article_id)
            .outerjoin(story_members, story_members.c.article_id == analyses.c.article_id)
            .where(story_members.c.article_id.is_(None))
            .order_by(articles.c.seq)
        )
        with self._errors(), self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def save_link(self, name: str, version: str, meta: Any,
                  changes: Mapping[str, tuple[Mapping[str, bytes], Collection[str]]],
                  members: Mapping[str, str], expected: int | None = None) -> None:
        """In one transaction: the Linker's changed rows (per table: rows to write, keys to delete), its
        scalars ``meta`` under ``name`` and the story assignments of the articles it filed.

        ``expected``: the ``generation`` in the scalars the Linker was opened with (None: none). When
        another run has written the rows since, nothing is written and StoreError says so."""
        with self._tx() as conn:
            current = conn.execute(select(state.c.data).where(state.c.name == name)).scalar()
            if (current or {}).get("generation") != expected:
                raise StoreError(f"{self.target}: another run linked articles into this store while this one ran; "
                                 "this run's linking was not saved (its analyses were): run it again")
            for table, (upserts, deletes) in changes.items():
                gone = [*upserts, *deletes]
                for chunk in _chunks(gone, _IN_CHUNK):
                    conn.execute(delete(link_rows).where(link_rows.c.tbl == table, link_rows.c.key.in_(chunk)))
                rows = [{"tbl": table, "key": k, "value": v} for k, v in upserts.items()]
                for chunk in _chunks(rows, _IN_CHUNK):
                    conn.execute(insert(link_rows), chunk)
            _write_state(conn, name, version, meta)
            _write_members(conn, members)

    def reset_link(self, name: str) -> None:
        """Drop the Linker's rows, its scalars and the story assignments (the next run links afresh)."""
        with self._tx() as conn:
            conn.execute(delete(link_rows))
            conn.execute(delete(state).where(state.c.name == name))
            conn.execute(delete(story_members))


def _write_state(conn: Connection, name: str, version: str, data: Any) -> None:
    conn.execute(delete(state).where(state.c.name == name))
    conn.execute(insert(state).values(name=name, version=version, data=data, updated_at=_now()))


def _write_members(conn: Connection, members: Mapping[str, str]) -> None:
    rows = [{"article_id": a, "story_id": s} for a, s in members.items()]
    for chunk in _chunks(rows, _IN_CHUNK):
        conn.execute(delete(story_members).where(story_members.c.article_id.in_([r["article_id"] for r in chunk])))
        conn.execute(insert(story_members), chunk)


# One statement for every read (compiled once; the IN list expands per call).
_READ_LINK_ROWS = text("SELECT key, value FROM link_rows WHERE tbl = :tbl AND key IN :keys").bindparams(
    bindparam("keys", expanding=True))


class LinkRows:
    """A store's ``link_rows`` as ``claimgraph.link.state.Rows``: point reads by key, and full scans."""

    def __init__(self, store: Store, fresh: bool = False) -> None:
        self.store, self.fresh = store, fresh

    def read(self, table: str, keys: Collection[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        with self.store._errors(), self.store.engine.connect() as conn:
            for chunk in _chunks(keys, _IN_CHUNK):
                found.update((k, v) for k, v in conn.execute(_READ_LINK_ROWS, {"tbl": table, "keys": chunk}))
        return found

    def scan(self, table: str) -> Iterator[tuple[str, bytes]]:
        query = select(link_rows.c.key, link_rows.c.value).where(link_rows.c.tbl == table)
        with self.store._errors(), self.store.engine.connect() as conn:
            rows = [(k, v) for k, v in conn.execute(query)]
        return iter(rows)
