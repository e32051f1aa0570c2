"""Alembic migrations of the project database, shipped in the package and run on open."""
