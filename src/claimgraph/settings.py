"""The settings table → typed values: every tunable of claimgraph declared once, as data.

Each setting has a name, a default and a help text. A value can be overridden
by the environment variable ``CLAIMGRAPH_<NAME>`` (upper case), parsed to the
type of the default. ``tests/test_settings.py`` documents the table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import UsageError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str | int | float | bool
    help: str

    @property
    def env(self) -> str:
        return "CLAIMGRAPH_" + self.name.upper()


# 20 MiB: about three million words, two orders of magnitude above the longest
# news article; larger inputs are refused with a clear error instead of being
# loaded, cleaned and parsed (which would take minutes and gigabytes).
_INPUT_CAP = 20 * 2**20

SETTINGS: tuple[Setting, ...] = (
    Setting("db", "claimgraph.db", "Project database: a SQLite file path or an SQLAlchemy URL."),
    Setting("db_busy_timeout_s", 10.0, "Seconds to wait for a database locked by another process."),
    Setting("store_batch_size", 50, "Articles written per database transaction while ingesting."),
    Setting("analyze_batch_size", 32, "Articles parsed per nlp.pipe batch (and cached per transaction) by analyze."),
    Setting("analyze_workers", 1, "Local processes that parse and extract in parallel (each loads spaCy: ~0.7 GB)."),
    Setting("dask_scheduler", "", "A Dask scheduler address (tcp://host:8786): extract on that cluster instead."),
    Setting("fetch_timeout_s", 20.0, "Seconds before a URL fetch gives up (connect and read)."),
    Setting("fetch_max_bytes", _INPUT_CAP, "Largest response body a URL fetch accepts, in bytes."),
    Setting("fetch_max_redirects", 5, "Most redirects a URL fetch follows."),
    Setting("file_max_bytes", _INPUT_CAP, "Largest input file (or stdin) read, in bytes; bigger ones fail clearly."),
)

_BY_NAME = {s.name: s for s in SETTINGS}
_KIND_NAMES = {int: "an integer", float: "a number"}


def _parse(setting: Setting, raw: str) -> str | int | float | bool:
    kind = type(setting.default)
    if kind is bool:
        if raw.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if raw.strip().lower() in ("0", "false", "no", "off"):
            return False
        raise UsageError(f"{setting.env}={raw!r}: expected true or false")
    try:
        return kind(raw)
    except ValueError:
        raise UsageError(f"{setting.env}={raw!r}: expected {_KIND_NAMES.get(kind, kind.__name__)}") from None


def get(name: str) -> str | int | float | bool:
    """The value of one setting: the environment override if set, else the default."""
    try:
        setting = _BY_NAME[name]
    except KeyError:
        raise UsageError(f"unknown setting {name!r}; known: {', '.join(sorted(_BY_NAME))}") from None
    raw = os.environ.get(setting.env)
    return setting.default if raw is None else _parse(setting, raw)


def as_markdown() -> str:
    """The settings table for the docs: name, environment variable, default, help."""
    rows = ["| setting | environment | default | help |", "|---|---|---|---|"]
    rows += [f"| `{s.name}` | `{s.env}` | `{s.default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(rows) + "\n"
