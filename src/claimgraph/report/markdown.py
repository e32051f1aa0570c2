"""Brief data (report.brief) → Markdown: takeaways with citations, tables, relay tree, timeline, places.

Article text is untrusted: ``<`` and ``>`` are written as entities so that no
markup from an article reaches a Markdown viewer's HTML, and table cells have
``|`` and line breaks escaped.
"""

from __future__ import annotations

from typing import Any

from ..assess.corroboration import UNNAMED_SOURCES
from .brief import short_id

Brief = dict[str, Any]


def esc(text: object) -> str:
    """Article-derived text → safe inline Markdown (no HTML, one line)."""
    s = " ".join(str(text if text is not None else "").split())
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(text: object) -> str:
    return esc(text).replace("|", "\\|")


def cites(items: list[dict[str, Any]], label: dict[str, str]) -> str:
    parts = []
    for c in items:
        lab = label.get(c["article"], c["article"])
        parts.append(f"{lab}·{short_id(c['attribution'], c['article'])}" if c.get("attribution") else lab)
    return "[" + ", ".join(esc(p) for p in dict.fromkeys(parts)) + "]" if parts else ""


def _articles(brief: Brief) -> list[str]:
    lines = ["## Articles", ""]
    for a in brief["articles"]:
        when = a["published"] or "date unknown"
        if a.get("published_estimated"):
            when += " (estimated)"
        who = " · ".join(esc(x) for x in (a["outlet"], a["author"]) if x)
        lines.append(f"- **{a['label']}** — {esc(a['title'] or a['path'])}" + (f" — {who}" if who else "")
                     + f" — {esc(when)} — `{esc(a['path'])}`")
    return lines + [""]


def _takeaways(s: Brief, label: dict[str, str]) -> list[str]:
    lines = ["### Key takeaways", ""]
    lines += [f"- {esc(t['text'])} {cites(t['cites'], label)}" for t in s["takeaways"]] or ["- Nothing to report."]
    return lines + [""]


def origins_text(c: dict[str, Any]) -> str:
    """A claim's origins, each with the group it speaks for when that is another name ("Kirby (US)")."""
    return ", ".join(f"{o} ({g.split(':', 1)[-1]})" if g not in (o, UNNAMED_SOURCES) else o
                     for o, g in zip(c["origins"], c["affiliations"] or c["origins"]))


def _claims(s: Brief, label: dict[str, str]) -> list[str]:
    lines = ["### Claims and their support", "", "| # | claim | support | origins | articles | first said |",
             "|---|---|---|---|---|---|"]
    for c in s["claims"]:
        origins = origins_text(c)
        lines.append(f"| {c['label']} | {cell(_short(c['text'], 160))} | **{cell(c['support'])}** — "
                     f"{cell(c['estimate'])} | "
                     f"{cell(origins)} | {cell(', '.join(label.get(a, a) for a in c['articles']))} | "
                     f"{cell(c['first_said'] or '')} |")
    return lines + [""]


def _matrix(s: Brief) -> list[str]:
    m = s["stance_matrix"]
    if not m["cells"]:
        return []
    cells = {(c["actor"], c["claim"]): c["stance"] for c in m["cells"]}
    names = claim_labels(s)
    lines = ["### Stance matrix", "", "| actor | " + " | ".join(names.get(c, cell(c)) for c in m["claims"]) + " |",
             "|---|" + "---|" * len(m["claims"])]
    for actor in m["actors"]:
        lines.append(f"| {cell(actor)} | " + " | ".join(cell(cells.get((actor, c), "")) for c in m["claims"]) + " |")
    return lines + ["", "Empty cells: the articles say nothing of that actor on that claim (not silence).", ""]


def claim_labels(s: Brief) -> dict[str, str]:
    """Claim id → its short label in the brief (C1, C2 …, strongest first)."""
    return {c["id"]: c["label"] for c in s["claims"]}


def _drift(s: Brief, label: dict[str, str]) -> list[str]:
    if not s["drift"] and not s["contradictions"]:
        return []
    lines = ["### Drift and contradictions", ""]
    for d in s["drift"]:
        f, t = d["from"], d["to"]
        claim = claim_labels(s).get(d["claim"], "no claim")
        lines.append(f"- **{esc(d['kind'])}** ({claim}): {label.get(f['article'], '?')} "
                     f"“{esc(_short(f['text']))}” → {label.get(t['article'], '?')} “{esc(_short(t['text']))}”"
                     f" — {esc(d['detail'])} {cites([f, t], label)}")
    for c in s["contradictions"]:
        sides = " vs ".join(f"{label.get(x['article'], '?')} {esc(x['source'])}: “{esc(_short(x['text']))}”"
                            for x in c["sides"])
        claim = claim_labels(s).get(c["claim"], "?")
        lines.append(f"- **contradiction: {esc(c['kind'])}** ({claim}): {esc(c['detail'])} — {sides} "
                     f"{cites(c['sides'], label)}")
    return lines + [""]


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(s: Brief, label: dict[str, str]) -> list[str]:
    if not s["unique"]:
        return []
    lines = ["### What each source alone adds", ""]
    for aid, texts in s["unique"].items():
        lines.append(f"- **{label.get(aid, aid)}**")
        lines += [f"  - “{esc(_short(t, 220))}”" for t in texts]
    return lines + [""]


def relay_lines(graph: Brief) -> list[str]:
    """The relay graph as text chains, one per article and path: ``A: outlet ← relayed source ← inner source``.

    A chain follows only the edges its article makes: two articles relaying one source share its
    node, not what each says that source cited. A source the article cites directly (not as a
    relay) heads a chain of its own when the article names whom it cited in turn: ``B: outlet ← X ← Y``.
    """
    names = {n["id"]: n["label"] for n in graph["nodes"]}
    into: dict[str, list[tuple[str, list[str]]]] = {}
    for e in graph["edges"]:
        into.setdefault(e["to"], []).append((e["from"], e["articles"]))
    lines = []

    def walk(node: str, chain: list[str], seen: set[str], article: str) -> None:
        ups = [u for u, made_by in into.get(node, []) if u not in seen and article in made_by]
        seen.update(ups)
        if not ups:
            lines.append(" ← ".join(names[c] for c in chain))
        for u in ups:
            walk(u, [*chain, u], seen, article)

    for n in graph["nodes"]:
        if n["kind"] != "article":
            continue
        article = n["id"].removeprefix("article:")
        own = [e for e in graph["edges"] if article in e["articles"]]
        if not own:
            continue
        seen = {n["id"]}
        if n["id"] in into:
            walk(n["id"], [n["id"]], seen, article)
        inner = {e["from"] for e in own}
        for head in dict.fromkeys(e["to"] for e in own):
            if head not in seen and head not in inner:
                seen.add(head)
                walk(head, [n["id"], head], seen, article)
    return lines


def _relays(s: Brief) -> list[str]:
    lines = relay_lines(s["relay_graph"])
    if not lines:
        return []
    return ["### Who relays whom", "", "```", *[esc(x) for x in lines], "```", ""]


def _timeline(s: Brief, label: dict[str, str]) -> list[str]:
    if not s["timeline"]:
        return []
    lines = ["### Timeline", "", "| date | what | who | text | cite |", "|---|---|---|---|---|"]
    for e in s["timeline"]:
        lines.append(f"| {cell(e['date'])} | {cell(e['kind'])} | {cell(e['actor'] or '')} | {cell(_short(e['text']))}"
                     f" | {cites([e], label)} |")
    return lines + [""]


def _places(s: Brief, label: dict[str, str]) -> list[str]:
    features = s["map"]["features"]
    if not features:
        return []
    lines = ["### Places", "", "| place | country | kind | lat, lon | articles |", "|---|---|---|---|---|"]
    for f in features:
        p, (lon, lat) = f["properties"], f["geometry"]["coordinates"]
        lines.append(f"| {cell(p['name'])} | {cell(p['country'] or '')} | {cell(p['kind'])} | {lat:.2f}, {lon:.2f} | "
                     f"{cell(', '.join(label.get(a, a) for a in p['articles']))} |")
    return lines + [""]


def _evidence(brief: Brief, label: dict[str, str]) -> list[str]:
    if not brief["attributions"]:
        return []
    lines = ["## Cited attributions", ""]
    for aid, a in brief["attributions"].items():
        ref = f"{label.get(a['article'], '?')}·{esc(short_id(aid, a['article']))}"
        lines.append(f"- {ref} {esc(a['source'])} — {esc((a['cue'] or '').rstrip(':'))}: "
                     f"“{esc(_short(a['content'], 200))}”" + (f" ({esc(a['date'])})" if a["date"] else ""))
    return lines + [""]


def render(brief: Brief) -> str:
    label = {a["id"]: a["label"] for a in brief["articles"]}
    lines = ["# claimgraph brief", ""]
    for s in brief["stories"]:
        lines += [f"## {esc(s['title'])}", "", "Articles: " + ", ".join(label[a] for a in s["articles"]), ""]
        for part in (_takeaways(s, label), _claims(s, label), _matrix(s), _drift(s, label), _unique(s, label),
                     _relays(s), _timeline(s, label), _places(s, label)):
            lines += part
    lines += _articles(brief) + _evidence(brief, label)
    lines.append("Citations: [A] is an article, [A·id] an attribution in it; see the lists above.")
    return "\n".join(lines) + "\n"
