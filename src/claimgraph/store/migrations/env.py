"""Alembic environment: migrations run on the connection that ``Store.open`` hands over."""

from __future__ import annotations

from alembic import context

from claimgraph.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when alembic's own CLI is used
    raise RuntimeError("claimgraph migrations run through claimgraph.store.db.migrate(), not the alembic CLI")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
