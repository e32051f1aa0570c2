"""HTML brief → PNG screenshot in headless Debian chromium (for the README): scripts/brief_screenshot.py IN.html OUT.png.

Needs `apt-get install chromium` and `pip install playwright` (no `playwright install`).
Every request other than file: and data: is refused, as in tests/report/test_browser.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1200, "height": 1500}


def main(source: str, target: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
        page.goto(Path(source).resolve().as_uri())
        page.wait_for_selector("body[data-map-ready=true]", timeout=15000)
        page.screenshot(path=target, full_page=False)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
