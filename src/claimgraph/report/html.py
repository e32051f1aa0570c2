"""Brief data (report.brief) → one self-contained HTML page: cited takeaways, tables, SVG diagrams, offline map.

Everything is inlined (Leaflet, topojson-client and a Natural Earth 1:110m
basemap from ``assets/``), so the page opens offline and asks no server for
anything. Article text is untrusted: every string is escaped with
``html.escape``; data for the map travels in ``<script type="application/json">``
blocks with ``<``, ``>`` and ``&`` escaped, and popups are built with
``textContent``. A Content-Security-Policy allows only the page's own scripts
(by hash) and no network at all, so even a missed escape could not run a script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

from ..errors import ReportError
from .brief import short_id
from .markdown import claim_labels, origins_text, relay_lines

Brief = dict[str, Any]
TIMELINE_WIDTH, TIMELINE_MARGIN, TICK_GAP, RELAY_COLUMN, RELAY_ROW = 880, 45, 80, 250, 40
KIND_COLOURS = {"published": "#5b6b7f", "said": "#b3261e", "event": "#1d6b4f"}
SUPPORT_CLASS = {"widely corroborated": "s-wide", "corroborated": "s-corr",
                 "corroborated within one affiliation": "s-one", "single-source": "s-single", "contested": "s-cont"}


@lru_cache(maxsize=8)
def asset(name: str) -> str:
    try:
        return resources.files("claimgraph.report").joinpath("assets", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportError(f"bundled asset {name} is missing from the package: {exc}") from exc


def e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def anchor(prefix: str, ident: str) -> str:
    """A safe, deterministic HTML id for any id string."""
    return prefix + "-" + re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}", ident)


def json_block(element_id: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{e(element_id)}">{text}</script>'


def cites(items: list[dict[str, Any]], label: dict[str, str]) -> str:
    links, seen = [], set()
    for c in items:
        key = (c["article"], c.get("attribution"))
        if key in seen:
            continue
        seen.add(key)
        lab = label.get(c["article"], c["article"])
        if c.get("attribution"):
            short = short_id(c["attribution"], c["article"])
            links.append(f'<a class="cite" href="#{anchor("att", c["attribution"])}">{e(lab)}·{e(short)}</a>')
        else:
            links.append(f'<a class="cite" href="#{anchor("art", c["article"])}">{e(lab)}</a>')
    return f'<span class="cites">[{", ".join(links)}]</span>' if links else ""


# -- sections -------------------------------------------------------------------------


def takeaways(s: Brief, label: dict[str, str]) -> str:
    items = "".join(f"<li>{e(t['text'])} {cites(t['cites'], label)}</li>" for t in s["takeaways"])
    return f'<h3>Key takeaways</h3><ul class="takeaways">{items or "<li>Nothing to report.</li>"}</ul>'


def claims(s: Brief, label: dict[str, str]) -> str:
    rows = []
    for c in s["claims"]:
        origins = origins_text(c)
        arts = ", ".join(label.get(a, a) for a in c["articles"])
        rows.append(f'<tr id="{anchor("claim", c["id"])}"><td>{e(c["label"])}</td><td>{e(c["text"])}</td>'
                    f'<td><span class="support {SUPPORT_CLASS.get(c["support"] or "", "")}">{e(c["support"])}</span>'
                    f'<br><small>{e(c["estimate"])}</small></td><td>{e(origins)}</td><td>{e(arts)}</td>'
                    f'<td>{e(c["first_said"] or "")}</td><td>{cites(_claim_cites(c, s), label)}</td></tr>')
    head = ("<tr><th>#</th><th>claim</th><th>support</th><th>origins</th><th>articles</th><th>first said</th>"
            "<th>cites</th></tr>")
    return f'<h3>Claims and their support</h3><table class="claims">{head}{"".join(rows)}</table>'


def _claim_cites(c: Brief, s: Brief) -> list[dict[str, Any]]:
    return [{"article": _article_of(s, a), "attribution": a} for a in c["attributions"]]


def _article_of(s: Brief, attribution: str) -> str:
    return s["_att_article"].get(attribution, "")


def matrix(s: Brief) -> str:
    m = s["stance_matrix"]
    if not m["cells"]:
        return ""
    cells = {(c["actor"], c["claim"]): c for c in m["cells"]}
    names = claim_labels(s)
    head = "<tr><th>actor</th>" + "".join(
        f'<th><a class="cite" href="#{anchor("claim", c)}">{e(names.get(c, c))}</a></th>' for c in m["claims"])
    head += "</tr>"
    rows = []
    for actor in m["actors"]:
        tds = []
        for c in m["claims"]:
            cell = cells.get((actor, c))
            stance = cell["stance"] if cell else ""
            tds.append(f'<td class="st-{e(stance.replace(" ", "-"))}">{e(stance)}</td>')
        rows.append(f"<tr><th>{e(actor)}</th>{''.join(tds)}</tr>")
    note = "<p><small>Empty cells: the articles say nothing of that actor on that claim (not silence).</small></p>"
    return f'<h3>Stance matrix</h3><table class="matrix">{head}{"".join(rows)}</table>{note}'


def drift(s: Brief, label: dict[str, str]) -> str:
    items = []
    for d in s["drift"]:
        f, t = d["from"], d["to"]
        claim = claim_labels(s).get(d["claim"], "no claim")
        items.append(f'<li><b>{e(d["kind"])}</b> {e(claim)}: {e(label.get(f["article"], "?"))} '
                     f'<q>{e(f["text"])}</q> → {e(label.get(t["article"], "?"))} <q>{e(t["text"])}</q> '
                     f'<small>{e(d["detail"])}</small> {cites([f, t], label)}</li>')
    for c in s["contradictions"]:
        sides = " vs ".join(f'{e(label.get(x["article"], "?"))} {e(x["source"])}: <q>{e(x["text"])}</q>'
                            for x in c["sides"])
        claim = claim_labels(s).get(c["claim"], "?")
        items.append(f'<li><b>contradiction: {e(c["kind"])}</b> {e(claim)}: {e(c["detail"])} — '
                     f'{sides} {cites(c["sides"], label)}</li>')
    return f'<h3>Drift and contradictions</h3><ul class="drift">{"".join(items)}</ul>' if items else ""


def unique(s: Brief, label: dict[str, str]) -> str:
    if not s["unique"]:
        return ""
    parts = []
    for aid, texts in s["unique"].items():
        lis = "".join(f"<li><q>{e(t)}</q></li>" for t in texts)
        link = f'<a class="cite" href="#{anchor("art", aid)}">{e(label.get(aid, aid))}</a>'
        parts.append(f"<li>{link}<ul>{lis}</ul></li>")
    return f'<h3>What each source alone adds</h3><ul class="unique">{"".join(parts)}</ul>'


def relay_svg(graph: Brief) -> str:
    """The relay graph as layered boxes: inner sources left, relaying sources in the middle, articles right."""
    if not graph["edges"]:
        return ""
    out_of: dict[str, list[str]] = {}
    for edge in graph["edges"]:
        out_of.setdefault(edge["from"], []).append(edge["to"])
    depth: dict[str, int] = {}

    def level(node: str, seen: frozenset = frozenset()) -> int:
        if node not in depth:
            ups = [n for n in out_of.get(node, []) if n not in seen]
            depth[node] = 1 + max((level(n, seen | {node}) for n in ups), default=-1)
        return depth[node]

    nodes = [n for n in graph["nodes"] if n["id"] in out_of or any(x["to"] == n["id"] for x in graph["edges"])]
    top = max(level(n["id"]) for n in nodes)
    pos, rows = {}, {}
    for n in nodes:
        col = top - level(n["id"])
        row = rows.get(col, 0)
        rows[col] = row + 1
        pos[n["id"]] = (10 + col * RELAY_COLUMN, 10 + row * RELAY_ROW)
    width, height = 20 + (top + 1) * RELAY_COLUMN, 20 + max(rows.values()) * RELAY_ROW
    parts = [f'<svg class="relay-graph" role="img" aria-label="relay graph" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker></defs>']
    for edge in graph["edges"]:
        (x1, y1), (x2, y2) = pos[edge["from"]], pos[edge["to"]]
        parts.append(f'<line x1="{x1 + 200}" y1="{y1 + 14}" x2="{x2}" y2="{y2 + 14}" stroke="#555" '
                     'marker-end="url(#arrow)"/>')
    for n in nodes:
        x, y = pos[n["id"]]
        text = n["label"] if len(n["label"]) <= 30 else n["label"][:29] + "…"
        parts.append(f'<g class="node {e(n["kind"])}"><title>{e(n["label"])}</title><rect x="{x}" y="{y}" '
                     f'width="200" height="28" rx="5"/><text x="{x + 8}" y="{y + 18}">{e(text)}</text></g>')
    parts.append("</svg>")
    chains = "".join(f"<li>{e(line)}</li>" for line in relay_lines(graph))
    return f'<h3>Who relays whom</h3>{"".join(parts)}<ul class="relay-text">{chains}</ul>'


def _day(value: str) -> date | None:
    parts = (value.split("-") + ["01", "01"])[:3]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def timeline_svg(entries: list[Brief], label: dict[str, str]) -> str:
    days = [(_day(x["date"]), x) for x in entries]
    days = [(d, x) for d, x in days if d is not None]
    if not days:
        return ""
    first, last = min(d for d, _ in days), max(d for d, _ in days)
    span = max((last - first).days, 1)
    counts: dict[date, int] = {}
    for d, _ in days:
        counts[d] = counts.get(d, 0) + 1
    base = 30 + 12 * max(counts.values())

    def x_of(d: date) -> float:
        return TIMELINE_MARGIN + (TIMELINE_WIDTH - 2 * TIMELINE_MARGIN) * (d - first).days / span

    stack: dict[date, int] = {}
    dots = []
    for d, x in days:
        n = stack.get(d, 0)
        stack[d] = n + 1
        tip = f"{x['date']} {x['kind']} {label.get(x['article'], '')} {x['actor'] or ''}: {x['text']}"
        dots.append(f'<circle cx="{x_of(d):.1f}" cy="{base - 12 * n}" r="5" fill="{KIND_COLOURS[x["kind"]]}">'
                    f"<title>{e(tip)}</title></circle>")
    ticks, last = [], -1e9
    for d in sorted(stack):  # label a date only where it does not overlap the previous label
        if x_of(d) - last >= TICK_GAP:
            ticks.append(f'<text x="{x_of(d):.1f}" y="{base + 26}" text-anchor="middle">{e(d.isoformat())}</text>')
            last = x_of(d)
    ticks = "".join(ticks)
    height = base + 40
    legend = "".join(f'<tspan fill="{c}">● {k}</tspan> ' for k, c in KIND_COLOURS.items())
    return (f'<svg class="timeline" role="img" aria-label="timeline" viewBox="0 0 {TIMELINE_WIDTH} {height}" '
            f'width="{TIMELINE_WIDTH}" height="{height}"><line x1="20" y1="{base + 8}" x2="{TIMELINE_WIDTH - 20}" '
            f'y2="{base + 8}" stroke="#999"/>{"".join(dots)}{ticks}<text x="20" y="14">{legend}</text></svg>')


def timeline(s: Brief, label: dict[str, str]) -> str:
    if not s["timeline"]:
        return ""
    rows = "".join(
        f'<tr class="k-{e(x["kind"])}"><td>{e(x["date"])}</td><td>{e(x["kind"])}</td><td>{e(x["actor"] or "")}</td>'
        f'<td>{e(x["text"])}</td><td>{cites([x], label)}</td></tr>' for x in s["timeline"])
    head = "<tr><th>date</th><th>what</th><th>who</th><th>text</th><th>cite</th></tr>"
    return (f'<h3>Timeline</h3><p><small>“said”: when a statement was made; “published”: when an article '
            f'appeared; “event”: a date the text gives.</small></p>{timeline_svg(s["timeline"], label)}'
            f'<table class="timeline-table">{head}{rows}</table>')


def places(s: Brief, index: int, label: dict[str, str]) -> str:
    features = []
    for f in s["map"]["features"]:
        props = dict(f["properties"], labels=[label.get(a, a) for a in f["properties"]["articles"]])
        features.append(dict(f, properties=props))
    geo = {"type": "FeatureCollection", "features": features}
    rows = "".join(
        f'<tr><td>{e(f["properties"]["name"])}</td><td>{e(f["properties"]["country"] or "")}</td>'
        f'<td>{e(f["properties"]["kind"])}</td><td>{f["geometry"]["coordinates"][1]:.2f}, '
        f'{f["geometry"]["coordinates"][0]:.2f}</td><td>{e(", ".join(f["properties"]["labels"]))}</td></tr>'
        for f in features)
    table = ("<table class=\"places\"><tr><th>place</th><th>country</th><th>kind</th><th>lat, lon</th>"
             f"<th>articles</th></tr>{rows}</table>") if rows else "<p>No places resolved.</p>"
    geo_id = f"cg-geo-{index}"
    return (f'<h3>Map</h3><div class="cg-map" id="cg-map-{index}" data-geo="{geo_id}"></div>'
            f"{json_block(geo_id, geo)}{table}")


# -- the page ---------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2330;margin:0;background:#fafbfc}
header{background:#1d2330;color:#fff;padding:14px 28px}header h1{margin:0;font-size:20px}
main{max-width:1100px;margin:0 auto;padding:8px 28px 40px}
h2{border-bottom:2px solid #1d2330;padding-bottom:4px;margin-top:32px}h3{margin:26px 0 8px}
table{border-collapse:collapse;width:100%;font-size:13.5px;background:#fff}
th,td{border:1px solid #d8dce3;padding:5px 7px;vertical-align:top;text-align:left}
th{background:#eef1f5}code{font-size:12px;color:#555}q{color:#333}
.cites{font-size:12px;white-space:nowrap}a.cite{color:#0b57d0;text-decoration:none}a.cite:hover{text-decoration:underline}
.support{font-weight:600;padding:1px 6px;border-radius:4px}.s-wide{background:#c8ecd4}.s-corr{background:#dcefdc}
.s-one{background:#fdf0c4}.s-single{background:#fde2cf}.s-cont{background:#f7c9c9}
.matrix td{text-align:center}.st-confirms{background:#c8ecd4}.st-asserts{background:#e4efff}
.st-denies{background:#f7c9c9}.st-declines-to-comment{background:#eee}.st-silent{background:#fdf0c4}
.cg-map{height:420px;border:1px solid #d8dce3;background:#cfe3f3;margin-bottom:8px}
svg text{font-size:12px;font-family:inherit}.relay-graph rect{fill:#fff;stroke:#1d2330}
.relay-graph .article rect{fill:#eef1f5}ul.takeaways li{margin:4px 0}
li:target,tr:target{background:#fff4c2}dl.articles dt{font-weight:600;margin-top:6px}
footer{color:#666;font-size:12px;padding:10px 28px}
"""

MAP_JS = """(function () {
  "use strict";
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  function label(props) {
    var box = document.createElement("div"), name = document.createElement("strong");
    name.textContent = props.name;
    box.appendChild(name);
    box.appendChild(document.createTextNode(" (" + (props.country || "?") + ", " + props.kind + "): " +
      props.mentions + " mention(s) in " + props.labels.join(", ")));
    return box;
  }
  var topo = data("cg-basemap");
  var land = topojson.feature(topo, topo.objects.countries);
  var maps = document.querySelectorAll("div.cg-map");
  for (var i = 0; i < maps.length; i++) {
    var el = maps[i], geo = data(el.getAttribute("data-geo"));
    var map = L.map(el, {zoomSnap: 0.5, worldCopyJump: false, maxBounds: [[-85, -200], [85, 200]]});
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Natural Earth");
    L.geoJSON(land, {interactive: false,
      style: {color: "#8a8f98", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1}}).addTo(map);
    var points = L.geoJSON(geo, {
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {radius: 5 + Math.min(8, f.properties.mentions), color: "#b3261e",
          weight: 1.5, fillColor: "#e4574c", fillOpacity: 0.7, className: "cg-place"});
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(function () { return label(f.properties); });
        var tip = document.createElement("span");
        tip.textContent = f.properties.name;
        layer.bindTooltip(tip);
      }
    }).addTo(map);
    if (geo.features.length) { map.fitBounds(points.getBounds(), {padding: [30, 30], maxZoom: 6}); }
    else { map.setView([20, 0], 1); }
    el.setAttribute("data-places", String(geo.features.length));
  }
  document.body.setAttribute("data-map-ready", "true");
})();
"""


def _script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def _strip_source_map(code: str) -> str:
    return re.sub(r"//# sourceMappingURL=\S+\s*$", "", code)


def articles(brief: Brief) -> str:
    items = []
    for a in brief["articles"]:
        when = (a["published"] or "date unknown") + (" (estimated)" if a.get("published_estimated") else "")
        meta = " · ".join(e(x) for x in (a["outlet"], a["author"], when) if x)
        relays = f"<br><small>relays: {e(', '.join(a['relays']))}</small>" if a["relays"] else ""
        items.append(f'<dt id="{anchor("art", a["id"])}">{e(a["label"])}: {e(a["title"] or a["path"])}</dt>'
                     f"<dd>{meta}<br><code>{e(a['path'])}</code>{relays}</dd>")
    return f'<section id="articles"><h2>Articles</h2><dl class="articles">{"".join(items)}</dl></section>'


def evidence(brief: Brief, label: dict[str, str]) -> str:
    items = []
    for aid, a in brief["attributions"].items():
        date_note = f" <small>(said {e(a['date'])})</small>" if a["date"] else ""
        items.append(f'<li id="{anchor("att", aid)}"><code>{e(short_id(aid, a["article"]))}</code> '
                     f'<a class="cite" href="#{anchor("art", a["article"])}">{e(label.get(a["article"], "?"))}</a> '
                     f'<b>{e(a["source"])}</b> — {e((a["cue"] or "").rstrip(":"))}: <q>{e(a["content"])}</q>{date_note}</li>')
    return f'<section id="evidence"><h2>Cited attributions</h2><ol class="evidence">{"".join(items)}</ol></section>'


def story(s: Brief, index: int, label: dict[str, str]) -> str:
    arts = ", ".join(f'<a class="cite" href="#{anchor("art", a)}">{e(label[a])}</a>' for a in s["articles"])
    body = [takeaways(s, label), claims(s, label), matrix(s), drift(s, label), unique(s, label),
            relay_svg(s["relay_graph"]), timeline(s, label), places(s, index, label)]
    return (f'<section class="story" id="{anchor("story", s["id"])}"><h2>{e(s["title"])}</h2>'
            f'<p>Articles: {arts}</p>{"".join(body)}</section>')


def render(brief: Brief) -> str:
    """The brief as one self-contained, deterministic HTML page."""
    label = {a["id"]: a["label"] for a in brief["articles"]}
    att_article = {k: v["article"] for k, v in brief["attributions"].items()}
    stories = "".join(story(dict(s, _att_article=att_article), i, label) for i, s in enumerate(brief["stories"]))
    scripts = [_strip_source_map(asset("leaflet.js")), asset("topojson-client.min.js"), MAP_JS]
    csp = ("default-src 'none'; script-src " + " ".join(_script_hash(c) for c in scripts) +
           "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    basemap = json.loads(asset("countries-110m.json"))
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp, quote=False)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>claimgraph brief</title>",
        f"<style>{asset('leaflet.css')}</style><style>{CSS}</style></head><body>",
        "<header><h1>claimgraph brief</h1></header><main>",
        stories, articles(brief), evidence(brief, label),
        "</main><footer>Map: Natural Earth 1:110m via world-atlas, drawn with Leaflet; all inlined, "
        "no network.</footer>",
        json_block("cg-basemap", basemap),
        *[f"<script>{c}</script>" for c in scripts],
        "</body></html>\n",
    ])
