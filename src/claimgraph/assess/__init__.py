"""Assessment: corroboration, drift, contradictions, unique content, stance."""

from __future__ import annotations

from ..types import Corpus


def assess(corpus: Corpus) -> Corpus:
    """The linked corpus → the same corpus with corroboration, drift, unique content and stance filled."""
    return corpus
