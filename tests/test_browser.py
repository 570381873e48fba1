"""Navigation in a real browser: Material's instant loading, under a GitHub Pages sub-path."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import Project

# Debian's Chromium by default; CHROMIUM names another Chromium-based browser (CI runners).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("browser tests need Chromium: apt-get install -y chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for, and served from, a ``/archive/`` sub-path on a local server.

    Material's instant loading only takes over links listed in the sitemap, which holds
    absolute URLs from ``site_url``: the site is built for the server's real address.
    """
    root = tmp_path_factory.mktemp("www")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/archive/"
    project = Project(tmp_path_factory.mktemp("browser"))
    project.site_url = base
    project.options = {"per_page": 2}
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["ISIS"]}})
    for n in range(5):
        project.article(f"story-{n}", f"2017-09-{n + 10}", title=f"Story {n}", actors=["ISIS"])
    site = project.build(strict=True)
    shutil.copytree(site.root, root / "archive")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_term_links_and_pagination_work_with_instant_navigation(served_site: str, browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + "articles/2017/09/story-4/", wait_until="networkidle")
    # A marker survives only if Material swaps the page in place instead of reloading it.
    page.evaluate("window.__stayed = true")

    expect = playwright_api.expect
    titles = page.locator(".na-list .na-item__title a")
    page.get_by_role("link", name="Islamic State").first.click()
    page.wait_for_url("**/archive/actors/islamic-state/")
    expect(page.locator("article h1")).to_have_text("Islamic State")
    expect(titles).to_have_text(["Story 4", "Story 3"])
    assert page.evaluate("window.__stayed") is True

    page.locator("nav.na-pagination a[rel=next]").click()
    page.wait_for_url("**/archive/actors/islamic-state/page/2/")
    expect(titles).to_have_text(["Story 2", "Story 1"])

    page.get_by_role("link", name="Story 1").click()
    page.wait_for_url("**/archive/articles/2017/09/story-1/")
    expect(page.locator("article h1")).to_have_text("Story 1")
    assert page.evaluate("window.__stayed") is True
    assert errors == []
    page.close()
