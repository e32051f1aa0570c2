"""The HTML brief in a real headless browser (Debian's chromium driven by Playwright): it renders offline.

Needs ``apt-get install chromium`` and ``pip install playwright`` (no ``playwright install``:
the system chromium is used). Skipped with a clear message when either is missing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.report.brief import build
from claimgraph.report.html import render

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright for Python is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_brief(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems, outside = [], []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
    return page, problems, outside


def test_map_timeline_and_citations_render_offline(browser, assessed, tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(render(build(assessed)), encoding="utf-8")
    page, problems, outside = open_brief(browser, path)
    assert page.locator("#cg-map-0 .cg-place").count() == 4  # the four places of the fixture
    assert page.locator("#cg-map-0 .leaflet-overlay-pane path").count() > 100  # the country shapes
    assert page.locator("svg.timeline circle").count() >= 5
    assert page.locator("table.timeline-table tr").count() > 5
    assert page.locator("svg.relay-graph g.node").count() >= 4
    cite = page.locator("ul.takeaways a.cite[href^='#att-']").first
    target = cite.get_attribute("href")
    cite.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(target).is_visible()
    page.locator("#cg-map-0 .cg-place").first.click(force=True)
    assert page.locator(".leaflet-popup-content").count() == 1
    assert problems == [] and outside == []


def test_markup_in_articles_does_not_run(browser, hostile_corpus, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render(build(hostile_corpus)), encoding="utf-8")
    page, problems, outside = open_brief(browser, path)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert page.get_by_text("window.__pwned = 1", exact=False).count() > 0  # shown as text
    page.locator("#cg-map-0 .cg-place").last.click(force=True)
    assert page.evaluate("window.__pwned === undefined")
    assert problems == [] and outside == []
