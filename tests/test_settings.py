"""The settings table: every setting documented, typed by its default, overridable from the environment."""

from __future__ import annotations

import re

import pytest

from claimgraph import settings
from claimgraph.errors import UsageError

# The documented table: name → default. Changing a default or adding a setting must update this.
DOCUMENTED = {
    "db": "claimgraph.db",
    "db_busy_timeout_s": 10.0,
    "store_batch_size": 50,
    "analyze_batch_size": 32,
    "analyze_workers": 1,
    "dask_scheduler": "",
    "fetch_timeout_s": 20.0,
    "fetch_max_bytes": 20 * 2**20,
    "fetch_max_redirects": 5,
    "file_max_bytes": 20 * 2**20,
}


def test_the_table_is_documented():
    assert {s.name: s.default for s in settings.SETTINGS} == DOCUMENTED


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_each_setting_has_a_name_help_and_env_var(setting):
    assert re.fullmatch(r"[a-z][a-z0-9_]*", setting.name)
    assert setting.help.endswith(".") and len(setting.help) > 15
    assert setting.env == "CLAIMGRAPH_" + setting.name.upper()
    assert f"`{setting.name}`" in settings.as_markdown()


@pytest.mark.parametrize(
    "name, raw, value",
    [("store_batch_size", "7", 7), ("db_busy_timeout_s", "0.5", 0.5), ("db", "x.db", "x.db")],
)
def test_environment_overrides_parse_to_the_default_type(monkeypatch, name, raw, value):
    monkeypatch.setenv("CLAIMGRAPH_" + name.upper(), raw)
    assert settings.get(name) == value


def test_bad_values_and_names_are_usage_errors(monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_STORE_BATCH_SIZE", "many")
    with pytest.raises(UsageError, match="CLAIMGRAPH_STORE_BATCH_SIZE='many': expected an integer"):
        settings.get("store_batch_size")
    with pytest.raises(UsageError, match="unknown setting"):
        settings.get("no_such_setting")
