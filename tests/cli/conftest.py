"""Fixtures for the CLI tests: a few tiny hand-written articles on disk and a click runner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

ARTICLES = {
    "alpha.txt": "Storm closes harbour\n\nThe harbour was closed on Tuesday after a storm, officials said.\n",
    "beta.txt": "Council approves budget\n\nThe city council approved the budget on Monday, the mayor said.\n",
}


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
