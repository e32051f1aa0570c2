"""Assessed Corpus → the brief: cited takeaways, claims, stance, drift, relays, timeline and map, as plain data.

``build(corpus, story=None)`` returns a JSON-ready dict (``claimgraph/brief@1``)
that the Markdown and HTML renderers format; ``--format json`` prints it as is.
Every sentence of the brief carries citations: article ids and attribution ids.
The output depends only on the corpus, so the same input gives the same brief.
"""

from __future__ import annotations

import string
from pathlib import PurePath
from typing import Any

from ..assess.context import Group, View
from ..errors import ReportError
from ..extract.attrib.sources import bare_source
from ..types import Corpus
from .json import drift_dict, places_list

SCHEMA_ID = "claimgraph/brief@1"
# Support labels (assess.corroboration) in estimative words, from strongest to weakest. The wording
# follows the usual intelligence-analysis scale (very likely / likely / unconfirmed) and says why.
ESTIMATE = {
    "widely corroborated": "very likely: three or more independent origins",
    "corroborated": "likely: two independent origins",
    "corroborated within one affiliation": "one-sided: several sources, all of one affiliation",
    "single-source": "unconfirmed: rests on a single source",
    "contested": "disputed: the sources conflict",
}
# How many claims the takeaways discuss, at most, and how long quoted text may get.
MAX_CLAIM_TAKEAWAYS = 4
MIN_TAKEAWAY_WORDS = 6  # a claim in fewer words is most often a fragment ("about the project")
MAX_QUOTE = 180
KIND_ORDER = {"published": 0, "said": 1, "event": 2}


def clip(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def labels(view: View) -> dict[str, str]:
    """Article id → a short letter label (A, B, … AA, AB …) in publication order."""
    ids = sorted(view.analyses, key=lambda a: view.order[a])
    letters = string.ascii_uppercase
    out = {}
    for i, aid in enumerate(ids):
        out[aid] = letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26]
    return out


def cite(article: str, attribution: str | None = None) -> dict[str, str | None]:
    return {"article": article, "attribution": attribution}


def short_id(attribution: str, article: str) -> str:
    """An attribution id without its article prefix ("4cc6…:a4" → "a4"), for display next to the article label."""
    return attribution[len(article) + 1:] if attribution.startswith(article + ":") else attribution


def pick_groups(view: View, story: str | None) -> list[Group]:
    groups = sorted(view.groups, key=lambda g: (-len(g.articles), g.id))
    if story is None:
        return groups
    chosen = [g for g in groups if g.id == story]
    if not chosen:
        known = ", ".join(g.id for g in groups) or "none"
        raise ReportError(f"story {story!r} not found (stories: {known})")
    return chosen


# -- parts -----------------------------------------------------------------------


def article_entry(view: View, aid: str, label: str) -> dict[str, Any]:
    art = view.article(aid)
    return {"id": aid, "label": label, "title": art.title, "outlet": art.outlet, "author": art.author,
            "published": art.published, "published_estimated": art.published_estimated, "path": art.path,
            "url": art.url, "relays": list(view.corpus.relays.get(aid, ()))}


def attribution_entry(view: View, aid: str) -> dict[str, Any]:
    att = view.attributions[aid]
    return {"id": aid, "article": att.article, "source": view.canonical(att.source), "cue": view.cue(att),
            "content": view.content(att), "text": view.extent_text(att), "date": att.date, "stance": att.stance,
            "polarity": att.polarity, "hedges": list(att.hedges)}


def claim_entry(view: View, cid: str) -> dict[str, Any]:
    c = view.claims[cid]
    return {"id": c.id, "text": c.text, "support": c.support, "estimate": ESTIMATE.get(c.support or "", ""),
            "origins": list(c.origins), "affiliations": list(c.affiliations),
            "independent_origins": c.independent_origins, "articles": list(c.articles), "first_said": c.first_said,
            "attributions": [a for a in c.attributions if a in view.attributions], "conflicts": list(c.conflicts)}


def relay_graph(view: View, group: Group, label: dict[str, str]) -> dict[str, Any]:
    """Who relays whom: inner source → relaying source → article (from relays and nested attributions).

    Source nodes are shared by the story's articles; each edge lists the ``articles`` that make it
    (``via``: the nested attributions), so a chain read for one article uses only its own edges.
    """
    nodes: dict[str, dict[str, str]] = {}
    edges: dict[tuple[str, str], tuple[list[str], set[str]]] = {}  # (from, to) → (via, articles)

    def edge(key: tuple[str, str], aid: str, via: str | None = None) -> None:
        found = edges.setdefault(key, ([], set()))
        found[1].add(aid)
        if via is not None:
            found[0].append(via)

    def node(key: str, text: str, kind: str) -> str:
        nodes.setdefault(key, {"id": key, "label": text, "kind": kind})
        return key

    for aid in group.articles:
        if aid not in view.analyses:
            continue
        art = view.article(aid)
        target = node(f"article:{aid}", f"{label[aid]}: {art.outlet or art.title or _file_name(art.path)}", "article")
        relays = [view.canonical(r) for r in view.corpus.relays.get(aid, ())]
        for r in relays:
            edge((node(f"source:{r}", r, "source"), target), aid)
        for att in view.analyses[aid].attributions:
            parent = view.attributions.get(att.parent or "")
            if parent is None:
                continue
            outer, inner = view.canonical(parent.source), view.canonical(att.source)
            if outer != inner and _named(att.source) and att.source_kind != "vague":
                edge((node(f"source:{inner}", inner, "source"), node(f"source:{outer}", outer, "source")), aid, att.id)
    return {"nodes": sorted(nodes.values(), key=lambda n: (n["kind"], n["id"])),
            "edges": [{"from": a, "to": b, "via": via, "articles": sorted(made_by)}
                      for (a, b), (via, made_by) in sorted(edges.items())]}


def _file_name(path: str) -> str:
    """An untitled article's name: its URL as given, or its file's name without the folders."""
    return path if "://" in path else PurePath(path).name


def _named(source: str | None) -> bool:
    """A source worth a node in the diagram: it has a capitalised word (not "which", "they")."""
    return bool(source) and any(w[:1].isupper() for w in source.split())


def timeline(view: View, group: Group) -> list[dict[str, Any]]:
    """Statements by the date they were made, events by the dates the text gives, articles by publication."""
    out: list[dict[str, Any]] = []
    for aid in group.articles:
        if aid not in view.analyses:
            continue
        a = view.analyses[aid]
        if a.article.published:
            out.append({"date": a.article.published[:10], "kind": "published", "article": aid, "attribution": None,
                        "actor": a.article.outlet, "text": a.article.title or _file_name(a.article.path),
                        "estimated": a.article.published_estimated})
        dated = []
        for att in a.attributions:
            if att.date and not att.date.startswith("X"):
                dated.append((view.extent(att), att.date))
                out.append({"date": att.date, "kind": "said", "article": aid, "attribution": att.id,
                            "actor": view.canonical(att.source), "text": clip(view.content(att))})
        out.extend(_events(view, aid, dated))
    return sorted(out, key=lambda e: (e["date"], KIND_ORDER[e["kind"]], e["article"], e["text"]))


def _events(view: View, aid: str, dated: list) -> list[dict[str, Any]]:
    a, out, seen = view.analyses[aid], [], set()
    sentences = view.sentences(aid)
    for d in a.dates:
        if not d.value or d.value.startswith("X"):
            continue
        sentence = next((s for s in sentences if s.start <= d.span.start < s.end), d.span)
        if any(e.start < sentence.end and sentence.start < e.end and value == d.value for e, value in dated):
            continue  # already on the timeline as a dated statement
        key = (d.value, sentence.start)
        if key in seen or (a.article.published or "").startswith(d.value) and sentence.start < 200:
            continue
        seen.add(key)
        out.append({"date": d.value, "kind": "event", "article": aid, "attribution": None, "actor": None,
                    "text": clip(sentence.of(a.article.text))})
    return out


def geojson(view: View, group: Group) -> dict[str, Any]:
    analyses = tuple(view.analyses[a] for a in group.articles if a in view.analyses)
    features = []
    for p in places_list(analyses):
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                         "properties": {"id": p["id"], "name": p["name"], "country": p["country"], "kind": p["kind"],
                                        "articles": p["articles"], "mentions": len(p["mentions"])}})
    return {"type": "FeatureCollection", "features": features}


# -- takeaways -------------------------------------------------------------------


def _names(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    return words[n] if n < len(words) else str(n)


def _articles(label: dict[str, str], ids) -> str:
    ids = [i for i in ids if i in label]
    return ("articles " if len(ids) > 1 else "article ") + _names([label[i] for i in ids])


def relay_takeaways(view: View, group: Group, label: dict[str, str]) -> list[dict[str, Any]]:
    by_source: dict[str, list[str]] = {}
    for aid in group.articles:
        for r in view.corpus.relays.get(aid, ()):
            by_source.setdefault(view.canonical(r), []).append(aid)
    out = []
    for source, arts in sorted(by_source.items(), key=lambda p: (-len(p[1]), p[0])):
        if len(arts) > 1:
            both = "both" if len(arts) == 2 else "all"
            text = (f"{_upper(_articles(label, arts))} {both} relay one source, {source}: where they agree on its "
                    f"points, that is one origin, not {_count(len(arts))}.")
        else:
            text = f"{_upper(_articles(label, arts))} relays {source}."
        out.append({"text": text, "cites": [cite(a) for a in arts]})
    return out


def _claim_rank(view: View, cid: str) -> tuple:
    """Claims told by more articles and origins first; among equals, a statement before a fragment ("about the
    project"), a source someone can name before "we" or "it", and what an article says first before what it says
    later (news puts the main point on top)."""
    c = view.claims[cid]
    atts = [view.attributions[a] for a in c.attributions if a in view.attributions]
    faceless = all(a.source is None or bare_source(a.source) for a in atts)
    first = min(((view.order.get(a.article, 0), a.content_spans[0].start) for a in atts if a.content_spans),
                default=(0, 0))
    return (-len(c.origins) * (len(c.articles) > 1), -len(c.articles), -c.independent_origins,
            len(c.text.split()) < MIN_TAKEAWAY_WORDS, faceless, first, c.id)


def claim_takeaway(view: View, cid: str) -> dict[str, Any]:
    c = view.claims[cid]
    cites = [cite(view.attributions[a].article, a) for a in c.attributions if a in view.attributions]
    origins = list(c.origins)
    label = c.support or "single-source"
    groups = sorted({g for g in c.affiliations})
    verb = "confirmed" if _all_confirm(view, c) else "backed"
    if label == "corroborated within one affiliation":
        kind, _, who = groups[0].partition(":")
        side = f"sources of one affiliation ({who or kind})"
        if kind == "government":  # a state named as the source is its government ("the US had observed …")
            side = f"{'sources' if who in origins else 'officials'} of one government ({who})"
            origins = [f"the {o} government" if o == who else o for o in origins]
        body = f"{verb} by {_count(len(origins))} {side}, {_names(origins)}: one side only, not independent"
    elif label == "single-source":
        body = f"single-source, rests on {origins[0] if origins else 'one source'} alone: unconfirmed"
    elif label == "contested":
        body = f"contested: {_names(origins)} disagree" + (f" ({'; '.join(c.conflicts)})" if c.conflicts else "")
    else:
        body = f"{label} by {c.independent_origins} independent origins ({_names(origins)}): {ESTIMATE[label]}"
    return {"text": f"{_upper(clip(c.text, 140).rstrip('.'))}: {body}.", "cites": cites}


def _all_confirm(view: View, claim) -> bool:
    """True when every origin of the claim confirms it somewhere (cue stance ``confirms``)."""
    confirming = {view.canonical(leaf.source) for a in claim.attributions if a in view.attributions
                  for leaf in view.innermost(view.attributions[a]) if leaf.stance == "confirms"}
    return bool(claim.origins) and all(o in confirming for o in claim.origins)


def drift_takeaways(view: View, group: Group, label: dict[str, str]) -> list[dict[str, Any]]:
    out, seen = [], set()
    for d in view.corpus.drift:
        if d.source.article not in group.articles or d.target.article not in group.articles:
            continue
        key = (d.kind, d.claim, d.target.attribution or d.target.text)
        if key in seen:
            continue
        seen.add(key)
        src = view.attributions.get(d.source.attribution or "")
        who = view.canonical(src.source) if src else "a source"
        if bare_source(who):
            who = f"a source it calls “{who}”"  # "It read: …", "We ask …": no one named
        la, lb = label.get(d.source.article, "?"), label.get(d.target.article, "?")
        if d.kind == "attribution dropped":
            text = (f"Article {lb} states as fact “{clip(d.target.text, 120)}”, which article {la} attributes to "
                    f"{who}: the attribution is dropped.")
        elif d.kind in ("source dropped", "source changed"):
            text = f"{d.kind.capitalize()}: article {la} credits {who} for “{clip(view.claims[d.claim].text, 90)}”; " \
                   f"article {lb} does not." if d.claim in view.claims else ""
        elif d.kind == "cue weakened":
            text = f"Cue weakened: {who}: “{d.source.cue}” in article {la} becomes “{d.target.cue}” in article {lb}."
        elif d.kind in ("number changed", "date changed"):
            text = f"{d.kind.capitalize()} between articles {la} and {lb}: {d.detail}."
        else:
            continue
        if not text:
            continue
        out.append({"text": text, "cites": [cite(d.source.article, d.source.attribution),
                                            cite(d.target.article, d.target.attribution)]})
    return out


def takeaways(view: View, group: Group, label: dict[str, str]) -> list[dict[str, Any]]:
    out = relay_takeaways(view, group, label)
    claims = [c for c in group.claims if c in view.claims]
    ranked = sorted(claims, key=lambda c: _claim_rank(view, c))
    shared = [c for c in ranked if len(view.claims[c].articles) > 1 or len(view.claims[c].origins) > 1]
    for cid in (shared or ranked)[:MAX_CLAIM_TAKEAWAYS]:
        out.append(claim_takeaway(view, cid))
    contested = [c for c in ranked if view.claims[c].support == "contested" and c not in shared[:MAX_CLAIM_TAKEAWAYS]]
    out.extend(claim_takeaway(view, c) for c in contested)
    out.extend(drift_takeaways(view, group, label))
    unique = {a: view.corpus.unique.get(a, ()) for a in group.articles if view.corpus.unique.get(a)}
    if unique:
        parts = [f"{label[a]} {len(t)}" for a, t in unique.items() if a in label]
        out.append({"text": "Passages only one article reports (see below): " + ", ".join(parts) + ".",
                    "cites": [cite(a) for a in unique]})
    return out


# -- the whole brief ---------------------------------------------------------------


def section(view: View, group: Group, label: dict[str, str]) -> dict[str, Any]:
    title = next((s.title for s in view.corpus.stories if s.id == group.id), None)
    matrix = next((m for m in view.corpus.stance_matrix if m.get("story") == group.id),
                  {"story": group.id, "actors": [], "claims": [], "cells": []})
    return {
        "id": group.id,
        "title": title or "All articles",
        "articles": [a for a in sorted(group.articles, key=lambda x: view.order.get(x, 0)) if a in view.analyses],
        "takeaways": takeaways(view, group, label),
        "claims": [dict(claim_entry(view, c), label=f"C{i}") for i, c in enumerate(
            (c for c in sorted(group.claims, key=lambda c: _claim_rank(view, c)) if c in view.claims), 1)],
        "stance_matrix": matrix,
        "drift": [drift_dict(d) for d in view.corpus.drift if d.source.article in group.articles],
        "contradictions": [c for c in view.corpus.contradictions if c.get("story") == group.id],
        "unique": {a: list(view.corpus.unique[a]) for a in group.articles if view.corpus.unique.get(a)},
        "relay_graph": relay_graph(view, group, label),
        "timeline": timeline(view, group),
        "map": geojson(view, group),
    }


def _cited(sections: list[dict[str, Any]]) -> list[str]:
    ids: list[str] = []
    for s in sections:
        for t in s["takeaways"]:
            ids.extend(c["attribution"] for c in t["cites"] if c["attribution"])
        for c in s["claims"]:
            ids.extend(c["attributions"])
        for d in s["drift"]:
            ids.extend(x["attribution"] for x in (d["from"], d["to"]) if x["attribution"])
        for c in s["contradictions"]:
            ids.extend(x["attribution"] for x in c["sides"] if x.get("attribution"))
        for cell in s["stance_matrix"]["cells"]:
            ids.extend(cell["attributions"])
        ids.extend(e["attribution"] for e in s["timeline"] if e["attribution"])
    return list(dict.fromkeys(ids))


def build(corpus: Corpus, story: str | None = None) -> dict[str, Any]:
    """The brief of one story (``story``) or of every story, biggest first, as JSON-ready data."""
    if not corpus.analyses:
        raise ReportError("nothing to brief: no analysed article")
    view = View(corpus)
    label = labels(view)
    sections = [section(view, g, label) for g in pick_groups(view, story)]
    cited = [a for a in _cited(sections) if a in view.attributions]
    used = {a for s in sections for a in s["articles"]}
    return {
        "schema": SCHEMA_ID,
        "articles": [article_entry(view, a, label[a]) for a in sorted(used, key=lambda x: view.order[x])],
        "attributions": {a: attribution_entry(view, a) for a in sorted(cited, key=lambda x: _att_order(view, x))},
        "stories": sections,
    }


def _att_order(view: View, aid: str) -> tuple:
    att = view.attributions[aid]
    return (view.order.get(att.article, 0), view.extent(att).start, aid)


def render_markdown(corpus: Corpus, story: str | None = None) -> str:
    """The brief as Markdown (used by ``claimgraph analyze --format md`` and ``brief``)."""
    from .markdown import render

    return render(build(corpus, story))
