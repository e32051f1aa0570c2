"""Schema revisions → the project database: alembic migrations shipped in the package, run on open."""
