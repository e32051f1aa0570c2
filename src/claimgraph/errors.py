"""The one error hierarchy of claimgraph; the CLI turns these into one line and an exit code.

    ClaimgraphError
    ├── UsageError        bad arguments or options (exit 2)
    ├── IngestError       an input could not be read or fetched (names the input)
    │   └── FetchError    a URL could not be fetched (network, size, type, private address)
    ├── ExtractError      an NLP step failed on an article
    ├── StoreError        the database could not be opened, migrated or written
    └── ReportError       a report could not be rendered or written
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base class: the message says what failed and, where useful, what to do."""


class UsageError(ClaimgraphError):
    pass


class IngestError(ClaimgraphError):
    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class FetchError(IngestError):
    pass


class ExtractError(ClaimgraphError):
    pass


class StoreError(ClaimgraphError):
    pass


class ReportError(ClaimgraphError):
    pass
