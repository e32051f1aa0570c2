"""The database model → SQLAlchemy Core tables (portable: SQLite by default, PostgreSQL later).

This is the current shape of the schema; the migrations in ``migrations/versions``
build it step by step, and a test checks the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # stable id from the normalised content hash
    Column("seq", Integer, nullable=False, index=True),  # ingestion order, for deterministic exports
    Column("url", Text, unique=True, nullable=True),
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("published", String(40)),  # ISO 8601 date or date-time
    Column("published_estimated", Boolean, nullable=False, default=False),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("removed", JSON, nullable=False),  # boilerplate lines taken out of the text
    Column("format", String(16), nullable=False),
    Column("ingested_at", String(40), nullable=False),  # ISO 8601 UTC
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("version", String(64), nullable=False),  # extractor fingerprint; stale analyses are redone
    Column("data", JSON, nullable=False),  # store.codec encoding of the ArticleAnalysis, article left out
    Column("analysed_at", String(40), nullable=False),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("key", Text, nullable=False),
    Column("model", Text, nullable=False),
    Column("vector", LargeBinary, nullable=False),  # little-endian float32
    PrimaryKeyConstraint("key", "model", name="pk_embeddings"),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Text, nullable=False, index=True),
)

state = Table(
    "state",
    metadata,
    Column("name", String(64), primary_key=True),  # e.g. "linker"
    Column("version", String(64), nullable=False),  # fingerprint of the code that wrote it; other versions are ignored
    Column("data", JSON, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

link_rows = Table(
    "link_rows",
    metadata,
    Column("tbl", String(32), nullable=False),  # a Linker table (claimgraph.link.state), e.g. "stories"
    Column("key", Text, nullable=False),
    Column("value", LargeBinary, nullable=False),  # encoded by the table's codec
    PrimaryKeyConstraint("tbl", "key", name="pk_link_rows"),
)
