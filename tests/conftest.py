"""Shared fixtures: paths to the project's own example corpus and to ../shared (for evaluation tests)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

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


def load_bench(name: str) -> ModuleType:
    """bench/NAME.py as a module (the bench scripts are not a package); evaluation gates reuse their code."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
