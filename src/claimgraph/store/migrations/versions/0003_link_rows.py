"""Linker tables as rows: the linking indexes read and written row by row (was one JSON state document).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_rows",
        sa.Column("tbl", sa.String(32), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("value", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("tbl", "key", name="pk_link_rows"),
    )
    # The whole-document state of older code is not read any more; its story assignments go with it
    # (the next run links the store again, row by row).
    op.execute("DELETE FROM state WHERE name = 'linker'")
    op.execute("DELETE FROM story_members")


def downgrade() -> None:
    op.drop_table("link_rows")
