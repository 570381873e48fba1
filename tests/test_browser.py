"""Navigation in a real browser: Material's instant loading, under a GitHub Pages sub-path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from conftest import Project, serve_under_subpath


def _fill(project: Project) -> None:
    project.options = {"per_page": 2}
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["ISIS"]}})
    for n in range(5):
        project.article(f"story-{n}", f"2017-09-{n + 10}", title=f"Story {n}", actors=["ISIS"])


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill)


def test_term_links_and_pagination_work_with_instant_navigation(served_site: str, browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + "articles/2017/09/story-4/", wait_until="networkidle")
    # A marker survives only if Material swaps the page in place instead of reloading it.
    page.evaluate("window.__stayed = true")

    titles = page.locator(".na-list .na-item__title a")
    page.get_by_role("link", name="Islamic State").first.click()
    page.wait_for_url("**/archive/actors/islamic-state/")
    expect(page.locator("article h1")).to_have_text("Islamic State")
    expect(titles).to_have_text(["Story 4", "Story 3"])
    assert page.evaluate("window.__stayed") is True

    page.locator("nav.na-pagination a[rel=next]").click()
    page.wait_for_url("**/archive/actors/islamic-state/page/2/")
    # Later pages list the rest, one line each.
    expect(page.locator(".na-list--rows > li > a")).to_have_text(["Story 2", "Story 1", "Story 0"])

    page.get_by_role("link", name="Story 1").click()
    page.wait_for_url("**/archive/articles/2017/09/story-1/")
    expect(page.locator("article h1")).to_have_text("Story 1")
    assert page.evaluate("window.__stayed") is True
    assert errors == []
    page.close()


def test_the_header_search_box_leads_to_the_search_after_instant_navigation(
    served_site: str, browser
) -> None:
    """The header stays while Material swaps the page: its search box still leads to the
    site's search page (under /archive/), not to one level above the site."""
    page = browser.new_page()
    page.goto(served_site + "articles/2017/09/story-4/", wait_until="networkidle")
    page.evaluate("window.__stayed = true")
    page.get_by_role("link", name="Islamic State").first.click()
    page.wait_for_url("**/archive/actors/islamic-state/")
    expect(page.locator("article h1")).to_have_text("Islamic State")
    assert page.evaluate("window.__stayed") is True
    box = page.get_by_role("searchbox", name="Search the archive")
    box.fill("story")
    box.press("Enter")
    page.wait_for_url("**/archive/search/?q=story")
    page.close()
