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


@pytest.fixture
def page(browser) -> Iterator[Page]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


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
