"""Markdown and HTML renderings: content, escaping of untrusted article text, determinism, self-containment."""

from __future__ import annotations

import re

from claimgraph.report.brief import build
from claimgraph.report.html import render as render_html
from claimgraph.report.markdown import render as render_md


def test_markdown_sections_and_citations(assessed):
    md = render_md(build(assessed))
    for heading in ("### Key takeaways", "### Claims and their support", "### Stance matrix",
                    "### Drift and contradictions", "### What each source alone adds", "### Who relays whom",
                    "### Timeline", "### Places", "## Cited attributions"):
        assert heading in md
    assert "A: Ukrainska Pravda ← Institute for the Study of War ← John Kirby" in md
    assert "[A·a5, B·b5]" in md


def test_a_cue_that_ends_in_a_colon_is_not_given_a_second_one(assessed):
    brief = build(assessed)
    cited = next(iter(brief["attributions"].values()))
    cited["cue"] = "To quote the report:"
    for page in (render_md(brief), render_html(brief)):
        assert "To quote the report:" in page and "To quote the report::" not in page


def test_markdown_escapes_markup(hostile_corpus):
    md = render_md(build(hostile_corpus))
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md


def test_html_escapes_everything_from_articles(hostile_corpus):
    page = render_html(build(hostile_corpus))
    assert "window.__pwned = 1</script>" not in page
    assert '<img src="x"' not in page
    assert "&lt;script&gt;window.__pwned" in page  # shown as text
    # only our own script elements: leaflet, topojson-client, the map code, and JSON data blocks
    code = re.findall(r"<script>", page)
    data = re.findall(r'<script type="application/json" id="[^"]+">', page)
    assert len(code) == 3 and len(data) == 2
    assert page.count("</script>") == len(code) + len(data)


def test_html_is_self_contained_and_locked_down(assessed):
    page = render_html(build(assessed))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page.split("<script>")[0])
    assert "sourceMappingURL" not in page
    assert 'class="cg-map"' in page and 'class="timeline"' in page and 'class="cite"' in page


def test_html_is_deterministic(assessed):
    assert render_html(build(assessed)) == render_html(build(assessed))


def test_relay_chains_follow_only_their_own_articles_edges():
    from claimgraph.report.markdown import relay_lines

    nodes = [{"id": "article:a", "label": "A: one", "kind": "article"},
             {"id": "article:b", "label": "B: two", "kind": "article"},
             *({"id": f"source:{s}", "label": s, "kind": "source"} for s in ("ISW", "Kirby", "Peskov", "US"))]
    edges = [{"from": "source:ISW", "to": "article:a", "via": [], "articles": ["a"]},
             {"from": "source:ISW", "to": "article:b", "via": [], "articles": ["b"]},
             {"from": "source:Kirby", "to": "source:ISW", "via": ["a:a1"], "articles": ["a"]},
             {"from": "source:Peskov", "to": "source:ISW", "via": ["a:a2"], "articles": ["a"]},
             {"from": "source:US", "to": "source:Kirby", "via": ["b:a3"], "articles": ["b"]}]
    lines = relay_lines({"nodes": nodes, "edges": edges})
    # B relays ISW but names neither Kirby nor Peskov as its sources; it does say Kirby cited the US.
    assert lines == ["A: one ← ISW ← Kirby", "A: one ← ISW ← Peskov", "B: two ← ISW", "B: two ← Kirby ← US"]
