"""Corpus → the versioned analysis JSON (``claimgraph/analysis@1``, schema in ``schema/``)."""

from __future__ import annotations

from typing import Any

from ..types import (
    Actor,
    ArticleAnalysis,
    Attribution,
    Claim,
    Corpus,
    Drift,
    DriftSide,
    Relation,
    Span,
    Story,
)

SCHEMA_ID = "claimgraph/analysis@1"


def _span(span: Span | None) -> list[int] | None:
    return span.as_list() if span is not None else None


def article_dict(a: ArticleAnalysis, relays: tuple[str, ...]) -> dict[str, Any]:
    art, text = a.article, a.article.text
    return {
        "id": art.id,
        "path": art.path,
        "url": art.url,
        "title": art.title,
        "author": art.author,
        "outlet": art.outlet,
        "published": art.published,
        "published_estimated": art.published_estimated,
        "language": art.language,
        "format": art.source_format,
        "text": text,
        "removed": list(art.removed),
        "relays": list(relays),
        "sentences": [s.as_list() for s in a.sentences],
        "entities": [
            {"text": e.span.of(text), "label": e.label, "start": e.span.start, "end": e.span.end} for e in a.entities
        ],
        "dates": [
            {"text": d.span.of(text), "span": d.span.as_list(), "value": d.value, "precision": d.precision}
            for d in a.dates
        ],
    }


def attribution_dict(att: Attribution, text: str) -> dict[str, Any]:
    return {
        "id": att.id,
        "article": att.article,
        "source": att.source,
        "source_span": _span(att.source_span),
        "source_kind": att.source_kind,
        "source_role": att.source_role,
        "source_org": att.source_org,
        "cue": att.cue_span.of(text) if att.cue_span else att.cue,
        "cue_span": _span(att.cue_span),
        "content": att.content(text),
        "content_spans": [s.as_list() for s in att.content_spans],
        "form": att.form,
        "stance": att.stance,
        "hedges": list(att.hedges),
        "polarity": att.polarity,
        "date": att.date,
        "parent": att.parent,
    }


def places_list(analyses: tuple[ArticleAnalysis, ...]) -> list[dict[str, Any]]:
    """One entry per real place, with every mention across articles."""
    by_id: dict[str, dict[str, Any]] = {}
    for a in analyses:
        text = a.article.text
        for m in a.places:
            p = m.place
            entry = by_id.setdefault(
                p.id,
                {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country, "kind": p.kind,
                 "articles": [], "mentions": []},
            )
            if a.article.id not in entry["articles"]:
                entry["articles"].append(a.article.id)
            entry["mentions"].append({"article": a.article.id, "span": m.span.as_list(), "text": m.span.of(text)})
    return sorted(by_id.values(), key=lambda e: (-len(e["mentions"]), e["name"]))


def claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "attributions": list(c.attributions),
        "articles": list(c.articles),
        "origins": list(c.origins),
        "affiliations": list(c.affiliations),
        "independent_origins": c.independent_origins,
        "first_said": c.first_said,
        "support": c.support,
        "conflicts": list(c.conflicts),
    }


def story_dict(s: Story) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "articles": list(s.articles), "claims": list(s.claims),
            "start": s.start, "end": s.end, "thread": s.thread}


def relation_dict(r: Relation) -> dict[str, Any]:
    return {"kind": r.kind, "from": r.source, "to": r.target, "score": round(r.score, 4)}


def actor_dict(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "aliases": list(a.aliases), "kind": a.kind,
            "roles": [{"role": r.role, "article": r.article, "date": r.date} for r in a.roles]}


def _side(s: DriftSide) -> dict[str, Any]:
    return {"article": s.article, "attribution": s.attribution, "text": s.text, "cue": s.cue}


def drift_dict(d: Drift) -> dict[str, Any]:
    return {"claim": d.claim, "kind": d.kind, "from": _side(d.source), "to": _side(d.target), "detail": d.detail}


def to_dict(corpus: Corpus) -> dict[str, Any]:
    """The whole analysis as plain JSON-ready data, deterministic for the same input."""
    texts = {a.article.id: a.article.text for a in corpus.analyses}
    return {
        "schema": SCHEMA_ID,
        "articles": [article_dict(a, corpus.relays.get(a.article.id, ())) for a in corpus.analyses],
        "attributions": [attribution_dict(t, texts[t.article]) for a in corpus.analyses for t in a.attributions],
        "claims": [claim_dict(c) for c in corpus.claims],
        "places": places_list(corpus.analyses),
        "stories": [story_dict(s) for s in corpus.stories],
        "relations": [relation_dict(r) for r in corpus.relations],
        "actors": [actor_dict(a) for a in corpus.actors],
        "drift": [drift_dict(d) for d in corpus.drift],
        "unique": {k: list(v) for k, v in corpus.unique.items()},
        "contradictions": list(corpus.contradictions),
        "stance_matrix": list(corpus.stance_matrix),
    }
