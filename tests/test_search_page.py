"""Search in a real browser: words, aliases, facets, shareable URLs, under a sub-path."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from conftest import Project, serve_under_subpath

ACTORS = {
    "islamic-state": {
        "name": "Islamic State",
        "aliases": ["IS", "ISIS", "Daesh"],
        "description": "Group whose registry entry mentions a quokka.",
    },
    "syrian-democratic-forces": {"name": "Syrian Democratic Forces", "aliases": ["SDF"]},
}


def _fill(project: Project) -> None:
    project.registry("actors", ACTORS)
    project.article(
        "dam-flood-warning",
        "2017-03-20",
        title="Engineers warn Tabqa dam may fail",
        actors=["ISIS"],
        locations=["Tabqa"],
        tags=["infrastructure"],
        body="The hydroelectric station stopped after fighting near the spillway.",
    )
    project.article(
        "convoy-ambushed-near-raqqa",
        "2018-05-02",
        title="Convoy ambushed near Raqqa",
        actors=["SDF"],
        locations=["Raqqa"],
        tags=["ambush"],
        source="Northern Desk",
        body="A supply convoy was ambushed on the road south of the city.",
    )
    project.article(
        "convoy-struck-near-mosul",
        "2018-06-11",
        title="Convoy struck near Mosul",
        actors=["IS"],
        locations=["Mosul"],
        tags=["ambush"],
        body="Another convoy was hit west of the river, officials said.",
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill)


def titles(page: Page):
    return page.locator("[data-results] .na-item__title a")


def facet(page: Page, name: str, value: str):
    return page.locator(f"[data-facet={name}] label", has_text=value)


def test_a_word_of_the_body_finds_the_article(page: Page, site: str) -> None:
    page.goto(site + "search/")
    page.get_by_label("Words to find").fill("hydroelectric")
    expect(titles(page)).to_have_text(["Engineers warn Tabqa dam may fail"])
    expect(page.locator("[data-status]")).to_have_text("1 article matches.")
    titles(page).first.click()
    page.wait_for_url("**/archive/articles/2017/03/dam-flood-warning/")
    expect(page.locator("article h1")).to_have_text("Engineers warn Tabqa dam may fail")


def test_a_page_opened_as_its_index_was_written_loads_it_once_written(
    page: Page, site: str
) -> None:
    """Under ``serve`` a page can open just as the index is being written: Pagefind fails
    to load, and index-status.json, asked next, already says up to date. The page loads
    the index again, once, rather than saying for good that search is not available."""
    refused: list[str] = []

    def not_yet(route: Route) -> None:
        if "fresh=" in route.request.url:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.fulfill(status=404, body="")

    page.route("**/pagefind/pagefind.js*", not_yet)
    page.route(
        "**/search/index-status.json",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body='{"updating": false}'
        ),
    )
    page.goto(site + "search/?q=hydroelectric")
    expect(titles(page)).to_have_text(["Engineers warn Tabqa dam may fail"])
    expect(page.locator("[data-index-note]")).to_be_hidden()
    assert refused


def test_an_alias_finds_articles_filed_under_the_registered_name(page: Page, site: str) -> None:
    page.goto(site + "search/?q=Daesh&sort=newest")
    expect(titles(page)).to_have_text(
        ["Convoy struck near Mosul", "Engineers warn Tabqa dam may fail"]
    )


def test_term_index_and_archive_pages_are_not_results(page: Page, site: str) -> None:
    page.goto(site + "search/?q=quokka")  # only on the term page of Islamic State
    expect(page.locator("[data-status]")).to_have_text("No article matches.")
    page.goto(site + "search/?q=supply")
    expect(titles(page)).to_have_text(["Convoy ambushed near Raqqa"])  # not the archive pages


def test_a_facet_narrows_results_updates_counts_and_the_url(page: Page, site: str, browser) -> None:
    page.goto(site + "search/?q=convoy")
    expect(titles(page)).to_have_count(2)
    expect(facet(page, "location", "Raqqa").locator(".na-badge")).to_have_text("1")
    expect(facet(page, "actor", "Islamic State").locator(".na-badge")).to_have_text("1")

    facet(page, "location", "Raqqa").click()
    expect(titles(page)).to_have_text(["Convoy ambushed near Raqqa"])
    expect(facet(page, "actor", "Syrian Democratic Forces").locator(".na-badge")).to_have_text("1")
    expect(facet(page, "actor", "Islamic State")).to_have_count(0)  # no result left for it
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["convoy"], "location": ["Raqqa"]}

    # The URL alone brings the same search back: it can be bookmarked and shared.
    shared = page.url
    other = browser.new_page()
    other.goto(shared)
    expect(other.get_by_label("Words to find")).to_have_value("convoy")
    expect(other.locator("[data-facet=location] input[value=Raqqa]")).to_be_checked()
    expect(titles(other)).to_have_text(["Convoy ambushed near Raqqa"])
    other.close()


def test_facets_alone_browse_the_archive_sorted_by_date(page: Page, site: str) -> None:
    page.goto(site + "search/?tag=ambush&sort=oldest")
    expect(titles(page)).to_have_text(["Convoy ambushed near Raqqa", "Convoy struck near Mosul"])
    facet(page, "year", "2018").click()
    expect(titles(page)).to_have_count(2)
    page.get_by_label("Order").select_option("newest")
    expect(titles(page)).to_have_text(["Convoy struck near Mosul", "Convoy ambushed near Raqqa"])


def test_the_header_box_and_term_pages_lead_to_the_search(page: Page, site: str) -> None:
    page.goto(site + "actors/syrian-democratic-forces/")
    box = page.get_by_role("searchbox", name="Search the archive")
    box.fill("convoy")
    box.press("Enter")
    page.wait_for_url("**/archive/search/?q=convoy")
    expect(titles(page)).to_have_count(2)

    # With navigation.instant, Material swaps the page in without reloading it: the search
    # starts from Material's document$ signal.
    page.goto(site + "actors/islamic-state/", wait_until="networkidle")
    page.evaluate("window.__stayed = true")
    page.get_by_role("link", name="Search within this actor").click()
    page.wait_for_url("**/archive/search/?actor=Islamic+State")
    expect(page.locator("[data-facet=actor] input[value='Islamic State']")).to_be_checked()
    expect(titles(page)).to_have_count(2)
    assert page.evaluate("window.__stayed") is True


def test_keyboard_only(page: Page, site: str) -> None:
    page.goto(site + "search/")
    page.get_by_label("Words to find").focus()
    page.keyboard.type("convoy")
    page.keyboard.press("Enter")
    expect(titles(page)).to_have_count(2)
    expect(facet(page, "location", "Mosul").locator(".na-badge")).to_have_text("1")
    checkbox = page.locator("[data-facet=location] input[value=Mosul]")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(titles(page)).to_have_text(["Convoy struck near Mosul"])
    # The facets are redrawn; the keyboard focus stays on the checkbox just used.
    expect(page.locator("[data-facet=location] input[value=Mosul]")).to_be_focused()


def _fill_lazy(project: Project) -> None:
    _fill(project)
    project.options = {"search_eager_facet_values": 2}


@pytest.fixture(scope="module")
def lazy_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill_lazy)


def test_a_facet_with_many_values_loads_its_counts_when_asked(browser, lazy_site: str) -> None:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(lazy_site + "search/?q=convoy")
    expect(titles(page)).to_have_count(2)
    tables_before = [url for url in fetched if url.endswith(".pf_filter")]
    assert len(tables_before) == 4  # every facet but places, which has more than 2 values
    expect(page.locator("[data-facet=location] input")).to_have_count(0)
    page.locator("[data-facet=location] button").click()
    expect(facet(page, "location", "Raqqa").locator(".na-badge")).to_have_text("1")
    assert len([url for url in fetched if url.endswith(".pf_filter")]) == 5
    page.close()


def test_the_empty_page_loads_pagefind_only_once_the_reader_reaches_for_the_form(
    browser, lazy_site: str
) -> None:
    """The empty page's counts are in the page: a visit that only looks fetches Pagefind's
    script alone (the same at any size), not its worker, metadata and WebAssembly (about
    110 KB, the metadata growing with the archive), as cheap as any other page's first visit
    (issue 24). Before, Pagefind loaded whole as the page opened."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(lazy_site + "search/", wait_until="networkidle")
    expect(page.locator("[data-status]")).to_contain_text("Type a word")
    assert [url.rpartition("/")[2] for url in fetched if "/pagefind/" in url] == ["pagefind.js"]
    with page.expect_request("**/pagefind/pagefind-entry.json*"):
        page.get_by_label("Words to find").focus()
    page.close()


def test_the_pointer_over_the_box_starts_pagefind_before_the_click(browser, lazy_site: str) -> None:
    """The pointer reaches the box a few hundred milliseconds before the click: Pagefind
    loads in that time, not after it."""
    page = browser.new_page()
    page.goto(lazy_site + "search/", wait_until="networkidle")
    with page.expect_request("**/pagefind/pagefind-entry.json*"):
        page.get_by_label("Words to find").hover()
    page.close()


def _fill_preloaded(project: Project) -> None:
    _fill(project)
    project.options = {"search_preload": True}


@pytest.fixture(scope="module")
def preloaded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill_preloaded)


def test_search_preload_loads_and_warms_pagefind_as_the_page_opens(
    browser, preloaded_site: str
) -> None:
    """For a site that prefers the quickest first search to the lightest first visit:
    Pagefind loads and runs its warm-up search with nobody touching the page."""
    page = browser.new_page()
    with page.expect_request("**/*.pf_fragment"):
        page.goto(preloaded_site + "search/")
    expect(page.locator("[data-status]")).to_contain_text("Type a word")
    page.close()


def test_the_empty_page_warms_pagefind_up_with_one_search_of_the_newest_year(
    browser, lazy_site: str
) -> None:
    """Pagefind's first search in a page runs cold, several times as long as the next,
    whatever its words: once the reader reaches for the form and Pagefind has loaded, the
    empty page searches once for the newest year and fetches one result's text, drawing
    nothing. It fetches one chunk of the word index, and of the filter tables only those the
    reader's first search counts (not the folded facet's, which can be large)."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(lazy_site + "search/", wait_until="networkidle")
    with page.expect_request("**/*.pf_fragment"):
        page.get_by_label("Words to find").focus()
    tables = (".pf_index", ".pf_filter", ".pf_fragment")
    kinds = Counter(url.rpartition(".")[2] for url in fetched if url.endswith(tables))
    assert kinds == {"pf_index": 1, "pf_filter": 4, "pf_fragment": 1}
    expect(page.locator("[data-status]")).to_contain_text("Type a word")
    expect(titles(page)).to_have_count(0)
    page.close()


def _fill_sharded(project: Project) -> None:
    _fill(project)
    project.options = {"search_shard_size": 1}  # three articles, three index shards


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill_sharded)


def test_an_index_in_shards_searches_as_one(browser, sharded_site: str) -> None:
    page = browser.new_page()
    page.goto(sharded_site + "search/?q=convoy&scope=all")
    expect(titles(page)).to_have_count(2)
    expect(facet(page, "location", "Mosul").locator(".na-badge")).to_have_text("1")
    facet(page, "location", "Mosul").click()
    expect(titles(page)).to_have_text(["Convoy struck near Mosul"])
    expect(page.locator("[data-scope-all]")).to_have_text("Searching all 3 articles.")
    page.goto(sharded_site + "search/?q=Daesh&sort=oldest&scope=all")
    expect(titles(page)).to_have_text(
        ["Engineers warn Tabqa dam may fail", "Convoy struck near Mosul"]
    )
    page.close()


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_order_runs_across_shards(browser, sharded_site: str, sort: str) -> None:
    """Pagefind orders merged shards by score: a date order must still hold across them."""
    newest_first = ["Convoy struck near Mosul", "Convoy ambushed near Raqqa"]
    page = browser.new_page()
    page.goto(sharded_site + f"search/?q=convoy&sort={sort}&scope=all")
    expect(titles(page)).to_have_text(newest_first if sort == "newest" else newest_first[::-1])
    expect(facet(page, "location", "Raqqa").locator(".na-badge")).to_have_text("1")
    page.goto(sharded_site + f"search/?tag=ambush&sort={sort}&scope=all")
    expect(titles(page)).to_have_text(newest_first if sort == "newest" else newest_first[::-1])
    page.close()


def test_a_first_search_covers_the_newest_shard_and_widens_on_request(
    browser, sharded_site: str
) -> None:
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(sharded_site + "search/?q=convoy")
    expect(titles(page)).to_have_text(["Convoy struck near Mosul"])
    scope = page.locator("[data-scope-recent]")
    expect(scope).to_contain_text("Searching the newest 1 article, since 11 June 2018.")
    assert not [url for url in fetched if "/part-" in url]  # the older shards stay unloaded
    page.get_by_role("button", name="Search all 3 articles").click()
    expect(titles(page)).to_have_count(2)
    expect(page.locator("[data-scope-all]")).to_be_visible()
    expect(scope).to_be_hidden()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["convoy"], "scope": ["all"]}
    assert [url for url in fetched if "/pagefind/part-1/" in url]
    page.close()


def test_a_terms_search_link_covers_the_whole_archive(browser, sharded_site: str) -> None:
    page = browser.new_page()
    page.goto(sharded_site + "actors/islamic-state/")
    page.get_by_role("link", name="Search within this actor").click()
    expect(titles(page)).to_have_count(2)
    assert parse_qs(urlsplit(page.url).query)["scope"] == ["all"]
    page.close()


def _empty_state_counts(page: Page) -> dict[str, dict[str, str]]:
    """Every facet value shown with its count, by facet, once the counts are drawn."""
    expect(page.locator("[data-status]")).to_contain_text("Type a word")
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("[data-facet]")].map(set =>
        [set.dataset.facet, Object.fromEntries([...set.querySelectorAll("label")].map(label =>
        [label.control.value, label.querySelector(".na-badge").textContent]))]))"""
    )


def test_the_empty_page_counts_every_article_without_the_word_index(page: Page, site: str) -> None:
    """With no word and no value chosen the page shows only counts: before, it searched for
    nothing, which made Pagefind fetch every chunk of the word index (megabytes at scale),
    then every filter table, the large ones too; now the build writes the counts in, and
    they show with Pagefind out of reach."""
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(site + "search/")
    assert _empty_state_counts(page) == {
        "actor": {"Islamic State": "2", "Syrian Democratic Forces": "1"},
        "location": {"Mosul": "1", "Raqqa": "1", "Tabqa": "1"},
        "tag": {"ambush": "2", "infrastructure": "1"},
        "source": {"Levant Wire": "2", "Northern Desk": "1"},
        "year": {"2018": "2", "2017": "1"},
    }
    expect(titles(page)).to_have_count(0)
    page.unroute("**/pagefind/**")
    page.reload()
    # The first word fetches only what it needs, and the counts follow the results.
    page.get_by_label("Words to find").fill("convoy")
    expect(titles(page)).to_have_count(2)
    expect(facet(page, "year", "2018").locator(".na-badge")).to_have_text("2")
    expect(facet(page, "year", "2017")).to_have_count(0)


def test_the_empty_page_of_an_index_in_shards_counts_the_shards_searched(
    browser, sharded_site: str
) -> None:
    page = browser.new_page()
    page.goto(sharded_site + "search/")
    # Every year is offered, counted over the whole archive, which ticking one searches.
    assert _empty_state_counts(page)["year"] == {"2018": "2", "2017": "1"}
    page.get_by_role("button", name="Search all 3 articles").click()
    expect(facet(page, "year", "2017").locator(".na-badge")).to_have_text("1")
    assert _empty_state_counts(page)["year"] == {"2018": "2", "2017": "1"}
    page.goto(sharded_site + "search/?scope=all")
    assert _empty_state_counts(page)["year"] == {"2018": "2", "2017": "1"}
    page.close()


PAGEFIND_COUNTS = """async () => {
  const form = document.querySelector("form[data-na-search]");
  const pagefind = await import(new URL(form.dataset.pagefind, location.href).href);
  return await pagefind.filters();
}"""


def test_the_counts_the_build_writes_are_pagefinds(browser, sharded_site: str) -> None:
    """The empty page shows the build's counts of the newest shard, which the first search
    covers: the same as Pagefind's own (the year's cover every shard: see above)."""
    page = browser.new_page()
    page.goto(sharded_site + "search/")
    shown = _empty_state_counts(page)
    assert shown["actor"] == {"Islamic State": "1"}  # the newest article only
    counted = page.evaluate(PAGEFIND_COUNTS)
    for name in ("actor", "location", "tag", "source"):
        assert shown[name] == {v: str(n) for v, n in counted[name].items() if n}, name
    page.close()


def test_the_empty_page_keeps_a_facet_with_many_values_folded(browser, lazy_site: str) -> None:
    page = browser.new_page()
    page.goto(lazy_site + "search/")
    counts = _empty_state_counts(page)
    assert counts["location"] == {}  # folded: a button offers its counts
    assert counts["year"] == {"2018": "2", "2017": "1"}
    page.locator("[data-facet=location] button").click()
    expect(facet(page, "location", "Raqqa").locator(".na-badge")).to_have_text("1")
    assert _empty_state_counts(page)["location"] == {"Mosul": "1", "Raqqa": "1", "Tabqa": "1"}
    page.close()
