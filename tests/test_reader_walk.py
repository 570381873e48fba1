"""A reader's walk through the archive in Chromium: without JavaScript from the home page to a
term, its next page, an article, its month and the A-Z index (everything but search and the
map works as plain pages), and from a missing address to search results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from conftest import Project, serve_under_subpath

NAV = [
    {"Home": "index.md"},
    {"Latest": "latest/index.md"},
    {"Archive": "archive/index.md"},
    {"Tags": "tags/index.md"},
    {"Actors": "actors/index.md"},
    {"Search": "search/index.md"},
]
NAMES = ["Alpha Brigade", "Amber Front", "Bravo Units", "Charlie Corps", "Islamic State"]


def _fill(project: Project) -> None:
    project.options = {"per_page": 2, "later_per_page": 2, "index_per_page": 3}
    project.mkdocs_extra = {"nav": NAV}
    project.registry("actors", {name.lower().replace(" ", "-"): {"name": name} for name in NAMES})
    project.article("siege", "2017-08-30", title="Siege", actors=["Islamic State", "Alpha Brigade"])
    project.article("break", "2017-09-05", title="Break", actors=["Islamic State", "Amber Front"])
    project.article(
        "strike",
        "2017-09-17",
        title="Strike",
        summary="Jets hit the bridge at dawn.",
        actors=["Islamic State", "Bravo Units"],
        tags=["press-freedom"],
        body=" ".join(["word"] * 1000),
    )
    project.article("raid", "2017-09-25", title="Raid", actors=["Islamic State", "Charlie Corps"])
    project.article("dam", "2017-11-02", title="Dam", actors=["Islamic State"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill)


@pytest.fixture
def plain(browser) -> Iterator[Page]:
    """Chromium with JavaScript off, at a laptop's size."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def heading(page: Page):
    return page.locator("article h1").first


def test_without_javascript_a_reader_browses_from_home_to_term_article_month_and_pages(
    plain: Page, site: str
) -> None:
    plain.goto(site)
    lit = plain.locator(".md-tabs__item--active > a")
    expect(lit).to_have_text("Home")
    plain.locator(".na-ranking a", has_text="Islamic State").first.click()
    expect(plain).to_have_url(site + "actors/islamic-state/")
    expect(heading(plain)).to_have_text("Islamic State")
    expect(lit).to_have_text("Actors")
    expect(plain.locator(".na-list .na-item__title a")).to_have_text(["Dam", "Raid"])

    plain.locator("nav.na-pagination a[rel=next]").click()
    expect(plain).to_have_url(site + "actors/islamic-state/page/2/")
    expect(plain.locator(".na-list--rows > li > a")).to_have_text(["Strike", "Break"])

    plain.get_by_role("link", name="Strike", exact=True).click()
    expect(plain).to_have_url(site + "articles/2017/09/strike/")
    expect(heading(plain)).to_have_text("Strike")
    expect(lit).to_have_text("Archive")
    expect(plain.locator(".na-standfirst")).to_have_text("Jets hit the bridge at dawn.")
    expect(plain.locator(".na-byline__reading")).to_have_text("4 min read")
    expect(plain.locator(".na-terms a", has_text="Press freedom")).to_be_visible()
    expect(plain.locator("nav.na-breadcrumbs a")).to_have_text(
        ["Home", "Archive", "2017", "September"]
    )

    plain.locator("nav.na-steps a.na-steps__next").click()
    expect(heading(plain)).to_have_text("Raid")
    plain.locator("nav.na-steps a.na-steps__previous").click()
    expect(heading(plain)).to_have_text("Strike")

    plain.locator("nav.na-breadcrumbs a", has_text="September").click()
    expect(plain).to_have_url(site + "archive/2017/09/")
    expect(heading(plain)).to_have_text("September 2017")
    expect(lit).to_have_text("Archive")
    expect(plain.locator(".na-list .na-item__title a")).to_have_text(["Raid", "Strike"])
    plain.locator("nav.na-pagination a[rel=next]").click()
    expect(plain).to_have_url(site + "archive/2017/09/page/2/")
    expect(plain.locator(".na-list--rows > li > a")).to_have_text(["Break"])
    plain.goto(site + "archive/2017/09/")
    plain.locator("nav.na-steps a.na-steps__next").click()
    expect(heading(plain)).to_have_text("November 2017")
    plain.locator("nav.na-steps a.na-steps__previous").click()
    plain.locator("nav.na-steps a.na-steps__previous").click()
    expect(heading(plain)).to_have_text("August 2017")

    plain.locator(".md-tabs__list a", has_text="Actors").click()
    expect(plain).to_have_url(site + "actors/")
    plain.locator(".na-letters a", has_text="C").click()
    expect(plain).to_have_url(site + "actors/page/2/#letter-c")
    expect(plain.locator("h2#letter-c")).to_be_in_viewport()
    expect(plain.locator(".na-term-list a")).to_have_text(["Charlie Corps", "Islamic State"])


def test_a_missing_address_leads_to_search_results(page: Page, site: str) -> None:
    """GitHub Pages answers a missing address, at any depth, with the site's ``404.html``."""
    body = page.request.get(site + "404.html").body()
    missing = site + "no/such/page/"
    page.route(
        missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html")
    )
    page.goto(missing)
    box = page.get_by_role("searchbox", name="Search the archive").last
    box.fill("raid")
    box.press("Enter")
    expect(page).to_have_url(site + "search/?q=raid")
    expect(page.locator("[data-results] .na-item__title")).to_have_text(["Raid"])
    page.go_back()
    page.locator(".na-ways-on a", has_text="Archive").click()
    expect(page).to_have_url(site + "archive/")


def test_a_former_page_number_leads_to_its_lists_first_page(page: Page, site: str) -> None:
    """A later page of a list that no longer has it (``former_pages: false``, or a list that
    shrank) answers with ``404.html``, which points to the list's first page; other missing
    addresses get no such note."""
    body = page.request.get(site + "404.html").body()
    for missing in (site + "actors/islamic-state/page/9/", site + "no/such/page/"):
        page.route(
            missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html")
        )
    page.goto(site + "no/such/page/")
    expect(page.locator("[data-na-list-page]")).to_be_hidden()
    page.goto(site + "actors/islamic-state/page/9/")
    note = page.locator("[data-na-list-page]")
    expect(note).to_be_visible()
    note.get_by_role("link").click()
    expect(page).to_have_url(site + "actors/islamic-state/")
    expect(page.locator("article h1")).to_have_text("Islamic State")
