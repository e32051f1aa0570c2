"""Linked Corpus → assessed Corpus: corroboration, drift, contradictions, unique content, stance matrix."""

from __future__ import annotations

from dataclasses import replace

from ..types import Corpus
from .context import View
from .contradictions import contradictions
from .corroboration import corroborate
from .drift import drift
from .match import SentenceMatcher
from .matrix import stance_matrix
from .unique import unique


def assess(corpus: Corpus) -> Corpus:
    """The linked corpus → the same corpus with corroboration, drift, unique content and stance filled."""
    view = View(corpus)
    claims = tuple(corroborate(view, c) for c in corpus.claims)
    corpus = replace(corpus, claims=claims)
    view = View(corpus)
    matcher = SentenceMatcher(view)
    return replace(
        corpus,
        drift=drift(view, matcher),
        unique=unique(view, matcher),
        contradictions=contradictions(view),
        stance_matrix=stance_matrix(view, matcher),
    )


__all__ = ["assess"]
