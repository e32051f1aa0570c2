"""Initial schema: articles, analyses, embeddings, story_members.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("published_estimated", sa.Boolean, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("ingested_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("url"),
    )
    op.create_index("ix_articles_seq", "articles", ["seq"])
    op.create_table(
        "analyses",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("analysed_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "embeddings",
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("key", "model", name="pk_embeddings"),
    )
    op.create_table(
        "story_members",
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.Text, nullable=False),
    )
    op.create_index("ix_story_members_story_id", "story_members", ["story_id"])


def downgrade() -> None:
    op.drop_table("story_members")
    op.drop_table("embeddings")
    op.drop_table("analyses")
    op.drop_table("articles")
