"""What a reader sees of the archive's own parts in Chromium: badges, focus and palettes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from conftest import Project, serve_under_subpath

LONG_NAME = "Deir ez-Zor Military Council of the Syrian Democratic Forces and Allies"


def _fill(project: Project) -> None:
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    project.registry("locations", {"raqqa": {"name": "Raqqa", "coordinates": [35.95, 39.01]}})
    for day in range(1, 13):
        project.article(
            f"story-{day}",
            f"2017-09-{day:02d}",
            actors=["IS", LONG_NAME],
            locations=["Raqqa"],
        )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill)


@pytest.fixture
def phone(browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    yield page
    page.close()


BADGES = """() => [...document.querySelectorAll('.na-ranking .na-badge')].map(badge => {
  const box = badge.getBoundingClientRect();
  const text = document.createRange();
  text.selectNodeContents(badge);
  const line = text.getBoundingClientRect();
  return {lines: text.getClientRects().length, top: line.top - box.top,
          bottom: box.bottom - line.bottom, height: box.height,
          size: parseFloat(getComputedStyle(badge).fontSize)};
})"""


@pytest.mark.parametrize("path", ["", "actors/islamic-state/"])
def test_a_badge_holds_its_number_on_one_line_in_its_middle(
    phone: Page, site: str, path: str
) -> None:
    """Beside a name that wraps, the count stays one pill of one line, its number centred
    ("Most covered" on the home page, "Most often named with" on a term's page)."""
    phone.goto(site + path)
    badges = phone.evaluate(BADGES)
    assert len(badges) >= 2
    for badge in badges:
        assert badge["lines"] == 1, badge
        assert badge["height"] < 2 * badge["size"], badge
        assert abs(badge["top"] - badge["bottom"]) <= 2, badge


def test_the_header_search_box_shows_keyboard_focus(browser, site: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site)
        box = page.locator(".na-header-search input")
        for _ in range(40):
            page.keyboard.press("Tab")
            if box.evaluate("e => e === document.activeElement"):
                break
        assert box.evaluate("e => e.matches(':focus-visible')")
        style, width = box.evaluate(
            "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
        )
        assert style != "none" and float(width.removesuffix("px")) >= 2
    finally:
        page.close()


CHIPS_AND_ROWS = """() => [
  [...document.querySelectorAll('.na-terms .na-chips a')].map(a => {
    const style = getComputedStyle(a);
    return [style.display, parseFloat(style.borderTopLeftRadius) > 0,
            style.backgroundColor !== 'rgba(0, 0, 0, 0)'];
  }),
  [...document.querySelectorAll('.na-related .na-list--rows > li')].map(li => {
    const text = node => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    };
    const [day, title] = [text(li.firstChild), text(li.querySelector('a'))];
    return [getComputedStyle(li).display, day.top === title.top, day.right < title.left];
  }),
]"""


def test_an_articles_terms_are_chips_and_its_related_articles_one_line_each(
    browser, site: str
) -> None:
    # Neither a chip nor a row has a class of its own: their lists style them.
    page = browser.new_page()
    try:
        page.goto(site + "articles/2017/09/story-5/")
        chips, rows = page.evaluate(CHIPS_AND_ROWS)
        assert len(chips) == 3 and all(chip == ["inline-block", True, True] for chip in chips)
        assert len(rows) == 5 and all(row == ["grid", True, True] for row in rows)
    finally:
        page.close()


def test_an_article_prints_its_text_and_the_originals_address(browser, site: str) -> None:
    page = browser.new_page()
    try:
        page.emulate_media(media="print")
        page.goto(site + "articles/2017/09/story-5/")
        for hidden in (".na-related", ".na-terms", ".na-steps", ".na-breadcrumbs"):
            assert page.locator(hidden).evaluate("e => getComputedStyle(e).display") == "none"
        after = page.locator(".na-original a").evaluate(
            "e => getComputedStyle(e, '::after').content"
        )
        assert "https://levantwire.example/" in after
        text, related = page.evaluate(
            "() => [document.querySelector('.na-article p:not([class])'),"
            " document.querySelector('.na-related .na-list--rows > li')]"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert text >= related and text >= 14
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_headline_is_as_strong_as_the_text(browser, site: str, scheme: str) -> None:
    page = browser.new_page(color_scheme=scheme)
    try:
        page.goto(site + "articles/2017/09/story-5/")
        weight, colour, text = page.evaluate(
            "() => { const h = getComputedStyle(document.querySelector('article h1'));"
            " const p = getComputedStyle(document.querySelector('.na-article p:not([class])'));"
            " return [Number(h.fontWeight), h.color, p.color]; }"
        )
        assert weight >= 700 and colour == text
    finally:
        page.close()
