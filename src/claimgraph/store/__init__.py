"""The project database (SQLite by default, through SQLAlchemy)."""
