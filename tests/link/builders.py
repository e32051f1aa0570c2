"""Hand-built ArticleAnalysis builders for the linking tests: entities and attributions by name, offsets computed."""

from __future__ import annotations

import re

from claimgraph.types import Article, ArticleAnalysis, Attribution, Entity, Span


def _span(text: str, needle: str, nth: int = 0) -> Span:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    if len(starts) <= nth:
        raise AssertionError(f"fixture: {needle!r} not found {nth + 1} times in the text")
    return Span(starts[nth], starts[nth] + len(needle))


def make(aid: str, text: str, *, title: str | None = None, published: str | None = None,
         persons: tuple[str, ...] = (), orgs: tuple[str, ...] = (), places: tuple[str, ...] = (),
         attributions: tuple[dict, ...] = (), removed: tuple[str, ...] = ()) -> ArticleAnalysis:
    """An analysis of ``text``: every occurrence of each named entity is tagged; attributions are given
    as dicts with ``source`` (a substring; ``name``: the name the extractor gave it, default the same), ``kind``, ``content`` (a substring), optional ``cue`` (a substring) and ``parent``."""
    ents = []
    for names, label in ((persons, "PERSON"), (orgs, "ORG"), (places, "GPE")):
        for name in names:
            ents += [Entity(Span(m.start(), m.end()), label) for m in re.finditer(re.escape(name), text)]
    atts = []
    for n, a in enumerate(attributions, 1):
        src = _span(text, a["source"], a.get("nth", 0)) if a.get("source") else None
        atts.append(Attribution(
            id=f"{aid}:a{n}", article=aid, source=a.get("name", a.get("source")), source_span=src,
            source_kind=a.get("kind", "person"), cue_span=_span(text, a["cue"]) if a.get("cue") else None,
            content_spans=(_span(text, a["content"]),) if a.get("content") else (),
            form="indirect", stance="asserts", parent=f"{aid}:a{a['parent']}" if a.get("parent") else None,
            source_role=a.get("role"), source_org=a.get("org")))
    sentences = tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text) if m.group().strip())
    art = Article(id=aid, path=f"{aid}.txt", text=text, title=title, published=published, removed=removed)
    return ArticleAnalysis(article=art, sentences=sentences, entities=tuple(sorted(ents, key=lambda e: e.span.start)),
                           attributions=tuple(atts))
