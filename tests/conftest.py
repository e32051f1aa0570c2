"""Shared fixtures: paths to the project's own example corpus and to ../shared (for evaluation tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def example_paths() -> list[str]:
    return sorted(str(p) for p in EXAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_analysis(example_paths) -> dict:
    """The analysis JSON of the example corpus, computed once per test session."""
    from claimgraph.analysis import analyze
    from claimgraph.ingest import read_inputs
    from claimgraph.report.json import to_dict

    articles = [a for a in read_inputs(example_paths) if not isinstance(a, Exception)]
    return to_dict(analyze(articles))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a clear skip when the data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data missing: {path} (place the shared/ folder beside the project)")
    return path
