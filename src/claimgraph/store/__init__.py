"""The project database (SQLite by default, through SQLAlchemy) and atomic output files."""

from .db import Added, Store
from .files import check_writable, write_atomic

__all__ = ["Added", "Store", "check_writable", "write_atomic"]
