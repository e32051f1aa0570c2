"""Fixtures for report tests: the hand-made linked seed corpus (tests/fixtures/assess/seed_corpus.py)."""

from __future__ import annotations

import pytest

from claimgraph.assess import assess
from tests.assess.conftest import assessed, corpus_of, seed_corpus  # noqa: F401  (the same fixtures)

HOSTILE = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'


@pytest.fixture(scope="session")
def hostile_corpus(seed_corpus):
    """The seed corpus with markup and script injected into titles, sources, contents and place names."""
    from dataclasses import replace

    from claimgraph.types import Place, PlaceMention, Span

    analyses = []
    for a in seed_corpus.analyses:
        text = a.article.text + "\n\n" + HOSTILE + " </script> said the officials.\n"
        start = len(a.article.text) + 2
        span = Span(start, start + len(HOSTILE))
        atts = tuple(replace(t, source=HOSTILE) if t.id in ("a6", "b6") else t for t in a.attributions)
        extra = replace(a.attributions[0], id=a.attributions[0].id + "x", content_spans=(span,), source_span=None,
                        cue_span=None, parent=None, date="2024-12-15")
        place = PlaceMention(span, Place("test:1", HOSTILE, 10.0, 20.0, "XX", "city"))
        art = replace(a.article, text=text, title=HOSTILE, outlet=HOSTILE)
        analyses.append(replace(a, article=art, attributions=(*atts, extra), places=(*a.places, place)))
    claims = tuple(replace(c, text=HOSTILE + c.text) if c.id == "c-burn" else c for c in seed_corpus.claims)
    return assess(replace(seed_corpus, analyses=tuple(analyses), claims=claims))
