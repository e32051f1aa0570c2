"""The package root exports exactly its documented public API."""

import claimgraph


def test_all_names_exist():
    for name in claimgraph.__all__:
        assert hasattr(claimgraph, name), name


def test_all_is_sorted_and_unique():
    assert list(claimgraph.__all__) == sorted(set(claimgraph.__all__))


def test_error_hierarchy():
    for name in ("IngestError", "FetchError", "ExtractError", "StoreError", "ReportError", "UsageError"):
        assert issubclass(getattr(claimgraph, name), claimgraph.ClaimgraphError)
