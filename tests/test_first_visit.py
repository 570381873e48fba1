"""A reader's first visit in Chromium: the same requests at any size, none failing, and every
link to a page of the archive still loaded in place by Material's instant loading."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO, Project, serve_under_subpath

PAGES = {
    "home": "",
    "article": "articles/2017/09/story-1/",
    "term": "actors/islamic-state/",
    "search": "search/",
}


LATE = ("sitemap.xml", "assets/images/favicon.png")
"""What every first visit asks for after the page has loaded: Material's instant loading
fetches the sitemap, Chromium the favicon. ``networkidle`` (no request for half a second)
can come before them when the machine is busy, which left them out of one of two visits."""


def _shipped_theme() -> dict[str, Any]:
    """The repository's theme settings (instant loading on, no font CDN), as published."""
    theme = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]
    return {**theme, "custom_dir": str(REPO / theme["custom_dir"])}


def _archive(count: int) -> Callable[[Project], None]:
    def fill(project: Project) -> None:
        project.mkdocs_extra = {"theme": _shipped_theme()}
        project.registry("actors", {"islamic-state": {"name": "Islamic State"}})
        project.registry("tags", {"airstrikes": {"name": "Airstrikes"}})
        for n in range(count):
            day = f"2017-09-{1 + n % 28:02d}"
            project.article(f"story-{n}", day, title=f"Story {n}", actors=["Islamic State"])
        project.article("elsewhere", "2017-10-01", tags=["airstrikes"])

    return fill


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _archive(5))


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _archive(60))


def first_visit(
    browser: Any, base: str, path: str, reach: bool = False
) -> set[tuple[str, int, int]]:
    """``(address from the site's root, status, body bytes)`` of every request a first
    visit makes, in a fresh context (empty cache), once the network is idle; with
    ``reach``, after the reader has also put the cursor in the search form's box."""
    context = browser.new_context()
    page = context.new_page()
    finished: list[Any] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: finished.append(request))
    page.goto(base + path, wait_until="networkidle")
    for late in LATE:  # asked for once the page has settled: on a busy machine, later still
        address = base + late
        if not any(request.url == address for request in finished):
            page.wait_for_event("requestfinished", lambda request, a=address: request.url == a)
    if reach:
        with page.expect_request_finished(lambda request: request.url.endswith(".pf_fragment")):
            page.get_by_label("Words to find").focus()
    seen = set()
    for request in finished:
        response = request.response()
        address = request.url.removeprefix(base) if request.url.startswith(base) else request.url
        status = response.status if response is not None else 0
        seen.add((address, status, request.sizes()["responseBodySize"] if response else 0))
    context.close()
    return seen


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_a_first_visit_costs_the_same_at_any_size(
    browser: Any, small_site: str, large_site: str, kind: str
) -> None:
    """Nothing a page asks for grows with the archive but the page itself: before, Material
    downloaded a sitemap of every page on every first visit."""
    path = PAGES[kind]
    small = first_visit(browser, small_site, path)
    large = first_visit(browser, large_site, path)
    assert {address for address, _, _ in small} == {address for address, _, _ in large}
    assert path in {address for address, _, _ in small}
    assert {r for r in small if r[0] != path} == {r for r in large if r[0] != path}
    assert "sitemap.xml" in {address for address, _, _ in small}  # Material's small one


def _kind_of_file(address: str) -> str:
    """An address without its query (Pagefind asks for its entry file with a timestamp) and
    with Pagefind's content hashes left out: its files are named by their content, which
    changes with the archive's, but not their number."""
    return re.sub(r"_[0-9a-f]{7,}\.", "_#.", address.partition("?")[0])


def test_the_search_pages_first_visit_does_not_grow_with_the_archive(
    browser: Any, small_site: str, large_site: str
) -> None:
    """Before, the empty search page searched for nothing to draw its filter counts, and
    Pagefind fetched every chunk of the word index for it: more requests as the archive
    grew; then it read the counts from every filter table. Now the build writes them into
    the page, and Pagefind loads only once the reader reaches for the form, then warms up
    with one search of the newest year: one chunk of the word index, the same files at any
    size."""
    small = first_visit(browser, small_site, "search/", reach=True)
    large = first_visit(browser, large_site, "search/", reach=True)
    for visit in (small, large):
        assert len([address for address, _, _ in visit if address.endswith(".pf_index")]) == 1
    assert sorted(_kind_of_file(a) for a, _, _ in small) == sorted(
        _kind_of_file(a) for a, _, _ in large
    )
    assert [r for r in small | large if not 200 <= r[1] < 400] == []


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_request_of_a_first_visit_fails(browser: Any, large_site: str, kind: str) -> None:
    """Before, each feed link in the head made Material ask for sitemap.xml beside the
    feed: a 404 on every term page."""
    requests = first_visit(browser, large_site, PAGES[kind])
    assert [r for r in requests if not 200 <= r[1] < 400] == []


def test_an_article_link_on_a_term_page_loads_in_place(browser: Any, large_site: str) -> None:
    """Material loads in place only what its sitemap lists, now the home page alone: the
    archive's script hands it the other pages, so a marker set before the click stays."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(large_site + PAGES["term"], wait_until="networkidle")
    page.evaluate("window.__stayed = true")

    link = page.locator(".na-list .na-item__title a").first
    title, address = link.inner_text(), link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(address)
    expect(page.locator("article h1")).to_have_text(title)
    assert page.evaluate("window.__stayed") is True

    page.go_back()
    page.wait_for_url("**/actors/islamic-state/")
    expect(page.locator("article h1")).to_have_text("Islamic State")
    assert page.evaluate("window.__stayed") is True

    page.locator("nav.na-pagination a[rel=next]").click()
    page.wait_for_url("**/actors/islamic-state/page/2/")
    assert page.evaluate("window.__stayed") is True
    assert errors == []
    page.close()


def test_feed_links_and_other_files_are_ordinary_links(browser: Any, large_site: str) -> None:
    """A feed or a data file is not a page to swap in: the browser opens it."""
    page = browser.new_page()
    page.goto(large_site + PAGES["term"], wait_until="networkidle")
    page.evaluate("window.__stayed = true")
    page.evaluate(
        """() => { const a = document.createElement("a");
        a.href = "feed.xml"; a.textContent = "the feed"; a.id = "feed-link";
        document.querySelector("article").append(a); }"""
    )
    page.locator("#feed-link").click()
    page.wait_for_url("**/actors/islamic-state/feed.xml")
    assert page.evaluate("window.__stayed === undefined")
    page.close()
