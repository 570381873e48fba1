"""Search as a reader uses it: what excerpts quote, the phone's first screen, what a count
promises, Back and Forward, and the same count however an address is reached."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from test_search_page import _fill, _fill_sharded, titles

from conftest import serve_under_subpath


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill)


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill_sharded)


def summaries(page: Page):
    return page.locator("[data-results] .na-item__summary")


def test_an_excerpt_quotes_the_article_not_its_other_spellings(page: Page, site: str) -> None:
    """The other spellings find the article ("Daesh" is only among them) but are not quoted."""
    page.goto(site + "search/?q=Daesh&sort=newest")
    expect(titles(page)).to_have_count(2)
    expect(summaries(page)).to_have_text(
        [
            "Another convoy was hit west of the river, officials said.",
            "The hydroelectric station stopped after fighting near the spillway.",
        ]
    )
    page.goto(site + "search/?q=spillway")
    expect(summaries(page)).to_have_text(
        ["The hydroelectric station stopped after fighting near the spillway."]
    )
    expect(summaries(page).locator("mark")).to_have_text(["spillway."])


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_results_come_before_the_filters(browser, site: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site + "search/?q=convoy&location=Raqqa")
    expect(titles(page)).to_have_text(["Convoy ambushed near Raqqa"])
    for first in (titles(page).first, page.locator("[data-status]")):
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], first
    raqqa = page.locator("[data-facet=location] input[value=Raqqa]")
    expect(raqqa).to_be_hidden()
    toggle = page.locator("summary", has_text="Filters")
    expect(toggle).to_have_text("Filters (1)")
    toggle.click()
    expect(raqqa).to_be_visible()
    expect(raqqa).to_be_checked()
    page.close()


def test_on_a_wide_screen_the_filters_are_open(page: Page, site: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site + "search/?q=convoy")
    expect(page.locator("[data-facet=location] input[value=Raqqa]")).to_be_visible()
    expect(page.locator("summary", has_text="Filters")).to_be_hidden()


@pytest.mark.parametrize("path", ["", "search/", "articles/2018/06/convoy-struck-near-mosul/"])
def test_on_a_phone_the_header_shows_the_site_name_whole(browser, site: str, path: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(site + path)
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    expect(name).to_be_visible()
    cut = name.evaluate("e => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight")
    assert not cut
    page.close()


def test_show_more_is_shown_only_when_there_is_more(page: Page, site: str) -> None:
    """The theme's button style set display, which showed it despite its hidden attribute."""
    more = page.get_by_role("button", name="Show more results")
    page.goto(site + "search/")
    expect(page.locator("[data-status]")).to_contain_text("Type a word")
    expect(more).to_be_hidden()
    page.goto(site + "search/?q=nowordlikethis")
    expect(page.locator("[data-status]")).to_have_text("No article matches.")
    expect(more).to_be_hidden()
    page.goto(site + "search/?q=convoy")
    expect(titles(page)).to_have_count(2)
    expect(more).to_be_hidden()


def badge(page: Page, name: str, value: str):
    return page.locator(f"[data-facet={name}] label", has_text=value).locator(".na-badge")


def test_a_count_is_what_its_click_gives(page: Page, site: str) -> None:
    """Two values of one filter mean either: a count says how many results ticking it gives,
    not how many of the present results have it."""
    page.goto(site + "search/?actor=Islamic+State")
    expect(titles(page)).to_have_count(2)
    expect(badge(page, "actor", "Syrian Democratic Forces")).to_have_text("3")
    page.locator("[data-facet=actor] input[value='Syrian Democratic Forces']").check()
    expect(titles(page)).to_have_count(3)

    page.goto(site + "search/?q=convoy&location=Raqqa")
    expect(titles(page)).to_have_count(1)
    expect(badge(page, "location", "Mosul")).to_have_text("2")
    expect(badge(page, "year", "2018")).to_have_text("1")  # another filter: both must hold
    page.locator("[data-facet=location] input[value=Mosul]").check()
    expect(titles(page)).to_have_count(2)


def test_the_page_says_how_values_combine_and_offers_all_of_them(page: Page, site: str) -> None:
    page.goto(site + "search/?tag=ambush")
    expect(titles(page)).to_have_count(2)
    either = page.get_by_label("either (any of them)")
    expect(either).to_be_checked()
    expect(badge(page, "tag", "infrastructure")).to_have_text("3")
    page.get_by_label("both (all of them)").check()
    expect(page).to_have_url(site + "search/?match=all&tag=ambush")
    expect(page.locator("[data-facet=tag] label", has_text="infrastructure")).to_have_count(0)
    page.locator("[data-facet=actor] input[value='Islamic State']").check()
    expect(titles(page)).to_have_text(["Convoy struck near Mosul"])
    page.goto(site + "search/?match=all&actor=Islamic+State")
    expect(page.get_by_label("both (all of them)")).to_be_checked()


def test_back_and_forward_step_through_searches(page: Page, site: str) -> None:
    page.goto(site + "search/")
    expect(page.locator("[data-status]")).to_contain_text("Type a word")
    page.get_by_label("Words to find").fill("convoy")
    expect(page).to_have_url(site + "search/?q=convoy")
    expect(titles(page)).to_have_count(2)
    page.locator("[data-facet=location] input[value=Raqqa]").check()
    expect(titles(page)).to_have_count(1)
    page.locator("[data-facet=location] input[value=Mosul]").check()
    expect(titles(page)).to_have_count(2)
    page.get_by_label("Order").select_option("oldest")
    expect(page).to_have_url(site + "search/?q=convoy&sort=oldest&location=Raqqa&location=Mosul")

    page.go_back()
    expect(page).to_have_url(site + "search/?q=convoy&location=Raqqa&location=Mosul")
    expect(page.get_by_label("Order")).to_have_value("")
    page.go_back()
    expect(page).to_have_url(site + "search/?q=convoy&location=Raqqa")
    expect(titles(page)).to_have_text(["Convoy ambushed near Raqqa"])
    expect(page.locator("[data-facet=location] input[value=Mosul]")).not_to_be_checked()
    page.go_back()
    expect(titles(page)).to_have_count(2)
    expect(page.locator("[data-facet=location] input[value=Raqqa]")).not_to_be_checked()
    page.go_back()
    expect(page).to_have_url(site + "search/")
    expect(page.get_by_label("Words to find")).to_have_value("")
    expect(titles(page)).to_have_count(0)
    page.go_forward()
    expect(page.get_by_label("Words to find")).to_have_value("convoy")
    expect(titles(page)).to_have_count(2)


def _fill_many(project) -> None:
    """Thirty articles over four years, in index shards of ten."""
    project.options = {"search_shard_size": 10}
    for number in range(30):
        year = 2014 + number // 8
        project.article(
            f"siege-report-{number:02d}",
            f"{year}-{1 + number % 8:02d}-{10 + number % 8:02d}",
            title=f"Siege report number {number:02d}",
            tags=["siege"],
            body=f"Day {number} of the siege; food ran short again.",
        )


@pytest.fixture(scope="module")
def many_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill_many)


def test_back_from_an_article_shows_as_many_results_where_the_reader_was(
    page: Page, many_site: str
) -> None:
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(many_site + "search/?tag=siege&sort=oldest&scope=all")
    expect(titles(page)).to_have_count(10)
    more = page.get_by_role("button", name="Show more results")
    more.click()
    expect(titles(page)).to_have_count(20)
    more.click()
    expect(titles(page)).to_have_count(30)
    last = titles(page).nth(27)
    last.scroll_into_view_if_needed()
    y = page.evaluate("window.scrollY")
    assert y > 1000
    last.click()
    expect(page.locator("article h1")).to_have_text("Siege report number 27")
    page.go_back()
    expect(titles(page)).to_have_count(30)
    page.wait_for_function(f"Math.abs(window.scrollY - {y}) < 2")


def status(page: Page):
    return page.locator("[data-status]")


def test_a_year_finds_its_articles_in_every_shard(page: Page, many_site: str) -> None:
    """The newest shard holds 2017 and part of 2016: the years before are offered as well,
    and ticking one searches the whole archive."""
    page.goto(many_site + "search/?year=2014")
    expect(status(page)).to_have_text("8 articles match.")
    expect(page.locator("[data-scope-all]")).to_have_text("Searching all 30 articles.")
    page.goto(many_site + "search/")
    years = page.locator("[data-facet=year] label")
    expect(years).to_have_text(["2017 6", "2016 8", "2015 8", "2014 8"])
    page.locator("[data-facet=year] input[value='2015']").check()
    expect(status(page)).to_have_text("8 articles match.")
    expect(titles(page)).to_have_count(8)


def test_an_address_gives_the_same_count_however_it_is_reached(page: Page, many_site: str) -> None:
    page.goto(many_site + "search/?q=siege")
    expect(status(page)).to_have_text("10 articles match.")
    page.get_by_role("button", name="Search all 30 articles").click()
    expect(status(page)).to_have_text("30 articles match.")
    page.go_back()  # the whole archive stays loaded in the page: the address says the newest
    expect(page).to_have_url(many_site + "search/?q=siege")
    expect(status(page)).to_have_text("10 articles match.")
    expect(page.locator("[data-scope-recent]")).to_be_visible()
    page.get_by_label("Order").select_option("newest")
    expect(status(page)).to_have_text("10 articles match.")
    expect(titles(page).first).to_have_text("Siege report number 29")
    page.reload()
    expect(status(page)).to_have_text("10 articles match.")


def test_chosen_values_show_as_chips_that_remove_them(page: Page, site: str) -> None:
    page.goto(site + "search/?q=convoy&location=Raqqa&location=Mosul&tag=ambush")
    expect(titles(page)).to_have_count(2)
    chips = page.locator("[data-active] button")
    expect(chips).to_have_text(
        ["Tags: ambush ×", "Locations: Raqqa ×", "Locations: Mosul ×", "Clear all"]
    )
    page.get_by_role("button", name="Remove Mosul").click()
    expect(titles(page)).to_have_text(["Convoy ambushed near Raqqa"])
    expect(page.locator("[data-facet=location] input[value=Mosul]")).not_to_be_checked()
    page.get_by_role("button", name="Clear all").click()
    expect(page).to_have_url(site + "search/?q=convoy")
    expect(titles(page)).to_have_count(2)
    expect(page.locator("[data-active]")).to_be_hidden()


def test_a_hint_when_nothing_matches(page: Page, site: str) -> None:
    hint = page.locator("[data-hint]")
    page.goto(site + "search/?q=convoy+spillway")
    expect(status(page)).to_have_text("No article matches.")
    expect(hint).to_have_text("Try fewer words.")
    page.goto(site + "search/?q=spillway&tag=ambush")
    expect(hint).to_have_text("Try another spelling or a shorter word; or fewer filters.")
    page.goto(site + "search/?q=spillway")
    expect(titles(page)).to_have_count(1)
    expect(hint).to_be_hidden()


def _many_months() -> dict[str, str]:
    """Each article of ``_fill_many`` by title, with its month."""
    return {
        f"Siege report number {number:02d}": f"{2014 + number // 8}-{1 + number % 8:02d}"
        for number in range(30)
    }


def _all_titles(page: Page, count: int) -> list[str]:
    """The titles of ``count`` results, shown ten at a time."""
    more = page.get_by_role("button", name="Show more results")
    shown = min(count, 10)
    expect(titles(page)).to_have_count(shown)
    while shown < count:
        more.click()
        shown = min(count, shown + 10)
        expect(titles(page)).to_have_count(shown)
    return titles(page).all_text_contents()


@pytest.mark.parametrize(
    "first, last",
    [("2015-03", "2016-06"), ("2016-07", ""), ("", "2014-02"), ("2014-08", "2014-08")],
)
def test_a_date_range_gives_exactly_its_articles_across_shards(
    page: Page, many_site: str, first: str, last: str
) -> None:
    """A range is the union of its months: the count is exact whether it stays in the newest
    shard of the index (from July 2016) or reaches the older ones."""
    expected = sorted(
        title
        for title, month in _many_months().items()
        if (not first or month >= first) and (not last or month <= last)
    )
    address = "&".join(
        f"{name}={value}" for name, value in (("from", first), ("to", last)) if value
    )
    page.goto(many_site + f"search/?{address}&sort=oldest")
    noun = "article matches" if len(expected) == 1 else "articles match"
    expect(status(page)).to_have_text(f"{len(expected)} {noun}.")
    assert sorted(_all_titles(page, len(expected))) == expected
    expect(page.locator("input[name=from]")).to_have_value(first)
    expect(page.locator("input[name=to]")).to_have_value(last)


def test_a_date_range_is_chosen_in_the_filters_shown_as_a_chip_and_kept_in_history(
    page: Page, many_site: str
) -> None:
    page.goto(many_site + "search/?tag=siege")
    expect(status(page)).to_have_text("10 articles match.")  # the newest shard
    assert page.locator("input[name=from]").get_attribute("min") == "2014-01"
    assert page.locator("input[name=to]").get_attribute("max") == "2017-06"
    page.locator("input[name=from]").fill("2015-03")
    expect(page).to_have_url(many_site + "search/?from=2015-03&tag=siege")
    expect(status(page)).to_have_text("20 articles match.")
    page.locator("input[name=to]").fill("2016-06")
    expect(page).to_have_url(many_site + "search/?from=2015-03&to=2016-06&tag=siege")
    expect(status(page)).to_have_text("12 articles match.")
    chips = page.locator("[data-active] button")
    expect(chips).to_have_text(["Tags: siege ×", "Dates: March 2015 – June 2016 ×", "Clear all"])

    page.go_back()
    expect(page).to_have_url(many_site + "search/?from=2015-03&tag=siege")
    expect(page.locator("input[name=to]")).to_have_value("")
    expect(status(page)).to_have_text("20 articles match.")
    expect(chips).to_have_text(["Tags: siege ×", "Dates: from March 2015 ×", "Clear all"])
    page.go_forward()
    expect(status(page)).to_have_text("12 articles match.")
    page.get_by_role("button", name="Remove the dates").click()
    expect(page).to_have_url(many_site + "search/?tag=siege")
    expect(page.locator("input[name=from]")).to_have_value("")
    expect(status(page)).to_have_text("10 articles match.")


def test_a_date_range_typed_as_text_where_there_is_no_month_picker(
    page: Page, many_site: str
) -> None:
    """Browsers without a month picker show a text field: it takes the same form, in either
    order."""
    page.goto(many_site + "search/")
    expect(status(page)).to_contain_text("Type a word")
    for name in ("from", "to"):
        page.locator(f"input[name={name}]").evaluate("field => { field.type = 'text'; }")
    page.locator("input[name=from]").fill("2016-02")
    page.locator("input[name=to]").fill("2015-11")
    page.locator("input[name=to]").press("Enter")
    expect(page).to_have_url(many_site + "search/?from=2015-11&to=2016-02")
    expect(status(page)).to_have_text("2 articles match.")


def test_words_typed_before_the_script_runs_are_kept_and_searched(page: Page, site: str) -> None:
    """A quick reader types into the form before search.js has run: reading the address
    (which holds no words) emptied the box, and the keys typed so far were lost."""
    held: list = []
    page.route("**/assets/news-archive/search.js", lambda route: held.append(route))
    with page.expect_request("**/assets/news-archive/search.js"):
        page.goto(site + "search/", wait_until="commit")
    box = page.get_by_label("Words to find")
    box.press_sequentially("spillway")
    assert len(held) == 1
    held[0].continue_()
    expect(titles(page)).to_have_text(["Engineers warn Tabqa dam may fail"])
    expect(box).to_have_value("spillway")


def test_words_typed_at_once_on_arrival_find_their_results(page: Page, site: str) -> None:
    """The page takes words before Pagefind has loaded (its counts come with the page), and
    keys typed without a pause give the results of the words typed, not of a part of them."""
    page.goto(site + "search/", wait_until="commit")
    box = page.get_by_label("Words to find")
    box.press_sequentially("spillway")
    expect(titles(page)).to_have_text(["Engineers warn Tabqa dam may fail"])
    results = page.locator("[data-results]")
    expect(results).not_to_have_attribute("aria-busy", "true")
    box.press("Control+a")
    box.press_sequentially("convoy")
    expect(page).to_have_url(site + "search/?q=convoy")
    expect(titles(page)).to_have_count(2)
    expect(results).not_to_have_attribute("aria-busy", "true")
