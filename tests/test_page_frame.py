"""The frame around every page (theme/base.html, theme/partials/header.html): when the tabs
hold the whole navigation, a phone shows them too and no page repeats them in a drawer; a
reader reaches every tab on a phone and on a laptop, with or without JavaScript."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup
from mkdocs.config import load_config
from playwright.sync_api import Page

from conftest import Project
from news_archive.theme_icons import FrameIcons

FLAT_NAV = [
    {"Home": "index.md"},
    {"Latest": "latest/index.md"},
    {"Archive": "archive/index.md"},
    {"Tags": "tags/index.md"},
    {"Actors": "actors/index.md"},
    {"Locations": "locations/index.md"},
    {"Sources": "sources/index.md"},
    {"Map": "map/index.md"},
    {"About": "about.md"},
]
TABS = [next(iter(item)) for item in FLAT_NAV]
ABOUT = "# About\n\nWhat this is.\n\n## Sources\n\nWhere it comes from.\n\n## Terms\n\nHow.\n"
PALETTES = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "toggle": {"icon": "material/weather-night", "name": "Dark"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "blue grey",
        "toggle": {"icon": "material/weather-sunny", "name": "Light"},
    },
]
ARTICLE = "articles/2017/09/story-1/"


def fill(project: Project, nav: list[Any]) -> None:
    project.mkdocs_extra = {
        "nav": nav,
        "theme": {
            "name": "material",
            "features": ["navigation.instant", "navigation.tabs"],
            "palette": PALETTES,
        },
    }
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    project.registry("locations", {"raqqa": {"name": "Raqqa", "coordinates": [35.95, 39.01]}})
    project.write("content/about.md", ABOUT)
    for n in range(1, 4):
        project.article(f"story-{n}", f"2017-09-{n:02d}", actors=["IS"], locations=["Raqqa"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("frame"))
    fill(project, FLAT_NAV)
    project.build(strict=True)
    return project


@pytest.fixture
def site(built: Project, serve: Callable[[Path], str]) -> str:
    return serve(built.root / "site") + "/"


def drawer_links(project: Project, path: str) -> list[str]:
    html = (project.root / "site" / path / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".md-sidebar--primary nav a")]


@pytest.mark.parametrize("path", ["", ARTICLE, "actors/islamic-state/", "archive/2017/"])
def test_a_page_without_a_table_of_contents_has_no_drawer(built: Project, path: str) -> None:
    assert drawer_links(built, path) == []


def test_a_page_with_a_table_of_contents_keeps_its_drawer(built: Project) -> None:
    links = drawer_links(built, "about/")
    assert [tab for tab in TABS if tab in links] == TABS
    assert {"Sources", "Terms"} <= set(links)  # its table of contents, for phones


def test_a_navigation_with_sections_keeps_the_drawer_on_every_page(
    make_project: Callable[[], Project],
) -> None:
    project = make_project()
    fill(project, [*FLAT_NAV[:2], {"Lists": ["archive/index.md", "actors/index.md"]}])
    project.build(strict=True)
    for path in ("", ARTICLE):
        assert {"Home", "Latest", "Archive", "Actors"} <= set(drawer_links(project, path))


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:
    """A phone's screen; a script error on it fails the test."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


def reach_every_tab(page: Page, site: str) -> None:
    """Click each tab in turn, from the page the last one opened."""
    page.goto(site + ARTICLE)
    for index, title in enumerate(TABS):
        link = page.locator(".md-tabs__list a").nth(index)
        link.scroll_into_view_if_needed()
        assert link.inner_text().strip() == title
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        link.click()
        page.wait_for_function(
            "title => document.querySelector('.md-tabs__item--active')?.innerText.trim() === title",
            arg=title,
        )


def test_a_phone_reaches_every_tab(phone: Page, site: str) -> None:
    reach_every_tab(phone, site)
    # The last tab was opened in place (instant loading), not by a new page load.
    assert phone.evaluate("performance.getEntriesByType('navigation').length") == 1


@pytest.mark.parametrize("width", [390, 1366])
def test_the_drawer_button_shows_only_where_the_drawer_holds_something(
    browser: Any, site: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    button = page.locator("label.md-header__button[for=__drawer]")
    page.goto(site + ARTICLE)
    assert page.locator(".md-tabs").is_visible()
    assert not button.is_visible()
    page.goto(site + "about/")
    assert button.is_visible() is (width < 1220)  # Material's drawer is the phone's
    if width < 1220:
        button.click()
        page.locator(".md-sidebar--primary a.md-nav__link", has_text="Terms").click()
        assert page.url.startswith(site + "about/#") and page.url.endswith("terms")
    page.close()


def test_without_javascript_a_phone_scrolls_the_tabs_to_the_last(browser: Any, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + ARTICLE)
    last = page.locator(".md-tabs__list a").last
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    last.click()
    assert page.url == site + "about/"
    context.close()


def test_the_palette_a_reader_picks_stays_from_page_to_page(phone: Page, site: str) -> None:
    phone.goto(site + ARTICLE)
    phone.locator("label[for=__palette_1]").click()
    assert phone.get_attribute("body", "data-md-color-scheme") == "slate"
    phone.locator(".md-tabs__list a", has_text="Actors").click()  # in place
    phone.wait_for_url(site + "actors/")
    assert phone.get_attribute("body", "data-md-color-scheme") == "slate"
    phone.goto(site + "about/")  # a new page load
    assert phone.get_attribute("body", "data-md-color-scheme") == "slate"
    assert phone.locator("label[for=__palette_0]").is_visible()


def config_of(project: Project, path: str) -> dict[str, Any]:
    html = (project.root / "site" / path / "index.html").read_text(encoding="utf-8")
    script = BeautifulSoup(html, "html.parser").select_one("script#__config")
    assert script is not None
    return json.loads(script.get_text())


def test_materials_configuration_holds_only_what_its_script_reads(
    built: Project, make_project: Callable[[], Project]
) -> None:
    # The tabs are the templates' feature, not the script's; no code block has a copy button.
    assert config_of(built, ARTICLE) == {
        "base": "../../../..",
        "features": ["navigation.instant"],
        "translations": {},
    }
    html = (built.root / "site" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert '<script id="__config" type="application/json">{"base":"../../../..",' in html
    # With Material's own search, its translations and worker, as Material gives them.
    project = make_project()
    fill(project, FLAT_NAV)
    project.mkdocs_extra["plugins"] = ["search", "news-archive"]
    project.mkdocs_extra["theme"]["features"].append("content.code.copy")
    project.build(strict=True)
    config = config_of(project, ARTICLE)
    assert config["translations"]["clipboard.copy"] == "Copy to clipboard"
    assert config["search"].startswith("../../../../assets/javascripts/workers/search.")
    assert config["translations"]["search.result.more.other"] == "# more on this page"
    assert len(config["translations"]) == 9
    assert config["features"] == ["navigation.instant", "content.code.copy"]


@pytest.mark.parametrize("path", [ARTICLE, "about/"])
def test_the_frames_icons_are_drawn_by_the_stylesheet(built: Project, path: str) -> None:
    """No icon of the frame is written into the page: each is a class the stylesheet draws."""
    site = built.root / "site"
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    stylesheet = (site / "assets/news-archive/archive.css").read_text(encoding="utf-8")
    palette = (site / "assets/news-archive/palette.js").read_text(encoding="utf-8")
    assert soup.select("svg") == []
    # The palette's toggles are inserted by the script the header loads, not in the page.
    assert soup.select("form[data-md-component=palette], input[name=__palette]") == []
    assert soup.select_one(".md-header script[src]")["src"].endswith(
        "assets/news-archive/palette.js"
    )
    icons = [span["class"][1] for span in soup.select("span.na-icon")]
    icons += re.findall(r"na-icon (na-icon--[a-z0-9-]+)", palette)
    # The menu, the logo (twice with a drawer), the search button; the two palette toggles.
    assert len(icons) == (6 if path == "about/" else 5)
    for icon in icons:
        assert f'.{icon} {{ --na-icon: url("data:image/svg+xml,%3Csvg ' in stylesheet


def test_an_icon_the_stylesheet_does_not_draw_is_written_inline(built: Project) -> None:
    config = load_config(config_file=str(built.root / "mkdocs.yml"))
    icons = FrameIcons(config, search=True)
    assert "material/weather-sunny" in icons.drawn
    assert icons.markup("material/weather-sunny") == Markup(
        '<span class="na-icon na-icon--material-weather-sunny"></span>'
    )
    assert icons.markup("material/rss").startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_the_icons_show_in_both_palettes(phone: Page, site: str) -> None:
    phone.goto(site + "about/")
    for toggle in ("__palette_1", "__palette_0"):
        painted = phone.evaluate(
            """() => [...document.querySelectorAll('.md-header .na-icon')]
                .filter(icon => icon.getClientRects().length)
                .map(icon => [getComputedStyle(icon).maskImage.slice(0, 30),
                              getComputedStyle(icon).backgroundColor,
                              icon.getBoundingClientRect().width])"""
        )
        # The drawer's button (this page has a table of contents), a toggle, the search button.
        assert len(painted) == 3
        color = phone.evaluate("getComputedStyle(document.querySelector('.md-header')).color")
        assert painted == [['url("data:image/svg+xml,%3Csvg', color, 24.0]] * 3
        phone.locator(f"label[for={toggle}]").click()


STORED = {
    "chosen": {"scheme": "slate", "primary": "red", "accent": "red"},
    "automatic": {"media": "(prefers-color-scheme)", "scheme": "x", "primary": "x", "accent": "x"},
}


@pytest.mark.parametrize(
    ("stored", "system", "expected"),
    [
        ("chosen", "light", ["slate", "red", None]),
        ("automatic", "light", ["default", "indigo", "(prefers-color-scheme: light)"]),
        ("automatic", "dark", ["slate", "blue-grey", "(prefers-color-scheme: dark)"]),
    ],
)
def test_the_stored_palette_is_set_by_the_page_itself(
    browser: Any, site: str, stored: str, system: str, expected: list[str | None]
) -> None:
    """The page's own script sets the palette a reader chose, before Material's script (kept
    from loading here) could: an automatic choice follows the system's."""
    page = browser.new_page(color_scheme=system)
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    page.goto(site)
    page.evaluate(
        "color => localStorage.setItem('/.__palette', JSON.stringify({index: 0, color}))",
        STORED[stored],
    )
    page.goto(site + ARTICLE)
    seen = page.evaluate(
        "['scheme', 'primary', 'media']"
        ".map(key => document.body.getAttribute('data-md-color-' + key))"
    )
    assert seen == expected
    page.close()


TAB_IN_BAR = """() => {
  const tab = document.querySelector('.md-tabs__item--active > a');
  const box = tab && tab.getBoundingClientRect();
  return !!box && box.width > 0 && box.left >= 0 && box.right <= 390;
}"""


def test_a_phone_shows_the_tab_of_the_page(phone: Page, site: str) -> None:
    """The last tab's page, loaded anew and in place: its tab is brought into the bar."""
    active = phone.locator(".md-tabs__item--active > a")
    phone.goto(site + "about/")
    for _ in range(2):
        # The script brings it in once the page has loaded: wait for it, or time out.
        phone.wait_for_function(TAB_IN_BAR)
        assert active.inner_text().strip() == "About"
        phone.goto(site + ARTICLE)
        phone.locator(".md-tabs__list a", has_text="About").click()  # in place
        phone.wait_for_url(site + "about/")


def test_materials_storage_script_comes_with_the_palettes_file(
    built: Project, phone: Page, site: str
) -> None:
    """Not in every page's head: the palette's file, which the header loads before the body
    reads it, sets the same scope (the site's root) as Material's script in the head did."""
    for path in ("", ARTICLE, "actors/islamic-state/", "about/"):
        html = (built.root / "site" / path / "index.html").read_text(encoding="utf-8")
        assert "__md_scope" not in html and "__md_get=" not in html
    palette = (built.root / "site/assets/news-archive/palette.js").read_text(encoding="utf-8")
    assert palette.startswith('__md_scope=new URL("../..",document.currentScript.src),')
    for path in (ARTICLE, "about/", ""):
        phone.goto(site + path)
        assert phone.evaluate("__md_scope.href") == site
        assert phone.evaluate("typeof __md_get + typeof __md_set + typeof __md_hash") == (
            "function" * 3
        )


def test_with_analytics_the_storage_script_stays_in_the_head(
    make_project: Callable[[], Project],
) -> None:
    """Material's analytics (with a reader's consent) read the storage in the head, before
    the header loads the palette's file."""
    project = make_project()
    fill(project, FLAT_NAV)
    project.mkdocs_extra["extra"] = {
        "analytics": {"provider": "google", "property": "G-TEST"},
        "consent": {"title": "Cookies", "description": "Analytics."},
    }
    project.build(strict=True)
    head = BeautifulSoup(
        (project.root / "site" / ARTICLE / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    ).head
    assert head is not None and "__md_scope=new URL(" in str(head)
    palette = (project.root / "site/assets/news-archive/palette.js").read_text(encoding="utf-8")
    assert "__md_scope" not in palette


def test_the_footer_has_no_credit_bar_unless_asked(
    built: Project, make_project: Callable[[], Project]
) -> None:
    """Material's "Made with" line is the option footer_credit; the site's own copyright
    keeps the bar."""
    for path in ("", ARTICLE, "actors/islamic-state/"):
        html = (built.root / "site" / path / "index.html").read_text(encoding="utf-8")
        assert "md-footer-meta" not in html and "Made with" not in html
    project = make_project()
    fill(project, FLAT_NAV)
    project.options = {"footer_credit": True}
    project.mkdocs_extra["copyright"] = "Copyright the archivists"
    project.build(strict=True)
    soup = BeautifulSoup(
        (project.root / "site" / ARTICLE / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    credit = soup.select_one(".md-footer-meta .md-copyright")
    assert credit is not None
    assert "Copyright the archivists" in credit.get_text()
    assert credit.a["href"] == "https://squidfunk.github.io/mkdocs-material/"


def test_the_header_shows_the_sites_name_and_the_pages_title_only_if_asked(
    built: Project, make_project: Callable[[], Project]
) -> None:
    """The page's title in the header (Material's second topic) is header_page_title."""
    for path in ("", ARTICLE, "actors/islamic-state/"):
        soup = BeautifulSoup(
            (built.root / "site" / path / "index.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        assert [t.get_text(strip=True) for t in soup.select(".md-header__topic")] == [
            "Test archive"
        ]
        assert soup.select("[data-md-component=header-title]") == []
    project = make_project()
    fill(project, FLAT_NAV)
    project.options = {"header_page_title": True}
    project.build(strict=True)
    soup = BeautifulSoup(
        (project.root / "site/actors/islamic-state/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    topic = soup.select_one("[data-md-component=header-title] [data-md-component=header-topic]")
    assert topic is not None and topic.get_text(strip=True) == "Islamic State"


def test_a_page_without_search_or_map_does_not_load_their_scripts(
    built: Project, browser: Any, site: str
) -> None:
    """The search page's and the maps' scripts come with the pages that use them (instant.js
    loads them, also on a page Material shows in place)."""
    html = (built.root / "site" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "search.js" not in html and "map.js" not in html
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + ARTICLE, wait_until="networkidle")
    assert not [url for url in requested if url.endswith(("/search.js", "/map.js"))]
    page.locator(".md-tabs__list a", has_text="Map").click()  # in place
    page.wait_for_selector("[data-na-map][data-places-shown]")
    assert [url for url in requested if url.endswith("/map.js")] == [
        site + "assets/news-archive/map.js"
    ]
    page.close()


def test_a_tab_without_its_class_is_laid_out_as_materials(
    built: Project, browser: Any, site: str
) -> None:
    """The tabs but the page's are written without Material's classes: archive.css gives the
    list's items and links the same layout, and (when the tabs hide) the same staggered fade,
    as Material's classes do."""
    html = (built.root / "site" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert 'md-tabs__item"' not in html and "md-tabs__link" not in html
    assert '<li><a href="../../../../latest/">Latest</a></li>' in html
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(site + ARTICLE)
    styles = page.evaluate(
        """() => {
          const keys = ['height', 'paddingLeft', 'paddingRight', 'display', 'marginTop',
                        'fontSize', 'outlineOffset', 'transitionDelay', 'transitionProperty',
                        'transitionDuration', 'color', 'opacity', 'fontWeight'];
          const style = (li) => {
            const s = getComputedStyle(li), a = getComputedStyle(li.querySelector('a'));
            return [s.height, s.paddingLeft, s.paddingRight, ...keys.slice(3).map(k => a[k])];
          };
          const ours = [...document.querySelectorAll('.md-tabs__list > li')].map(style);
          const list = document.querySelector('.md-tabs__list');
          const copy = list.cloneNode(true);
          for (const li of copy.children) {
            li.classList.add('md-tabs__item');
            li.querySelector('a').classList.add('md-tabs__link');
          }
          list.replaceWith(copy);
          const theirs = [...copy.children].map(style);
          return [ours, theirs];
        }"""
    )
    assert styles[0] == styles[1]
    assert styles[0][2][7] == "0.04s"
    page.close()


def test_materials_empty_placeholders_are_left_out_and_its_script_works_without_them(
    make_project: Callable[[], Project], serve: Callable[[Path], str], phone: Page
) -> None:
    """No empty banner, no dialog where no page has a copy button: Material's script mounts
    what it finds (the phone fixture fails on a script error), the back-to-top button and
    loading in place still work."""
    project = make_project()
    fill(project, FLAT_NAV)
    project.mkdocs_extra["theme"]["features"].append("navigation.top")
    project.build(strict=True)
    for path in (ARTICLE, "actors/islamic-state/"):
        html = (project.root / "site" / path / "index.html").read_text(encoding="utf-8")
        assert 'data-md-component="announce"' not in html
        assert 'data-md-component="dialog"' not in html
        assert 'data-md-component="skip"' in html  # a page with a table of contents fills it
    site = serve(project.root / "site") + "/"
    phone.goto(site + ARTICLE)
    phone.evaluate("document.querySelector('.na-article__text').style.minHeight = '4000px'")
    phone.evaluate("window.scrollTo(0, 3000)")
    phone.wait_for_function("window.scrollY >= 2000")
    # Material shows the button when the reader scrolls back up.
    phone.evaluate("window.scrollTo(0, 2500)")
    top = phone.locator("[data-md-component=top]")
    top.wait_for(state="visible")
    # Dispatched, not clicked: Material hides the button again at any later scroll event
    # (under load one came between "visible" and the pointer's click, which then landed on
    # the text beneath). What is tested is that Material's script handles the button.
    top.dispatch_event("click")
    phone.wait_for_function("window.scrollY === 0")
    phone.locator(".md-tabs__list a", has_text="About").click()  # in place
    phone.wait_for_url(site + "about/")
    # The about page's skip link, swapped into the article's empty placeholder.
    phone.locator(".md-skip").wait_for(state="attached")
    assert phone.locator(".md-skip").count() == 1


def test_with_a_single_palette_the_storage_script_stays_in_the_head(
    make_project: Callable[[], Project], phone: Page, serve: Callable[[Path], str]
) -> None:
    """A single palette (a mapping) has no palette file: Material's storage script stays in
    the head, and Material's script finds it (the phone fixture fails on a script error)."""
    project = make_project()
    fill(project, FLAT_NAV)
    project.mkdocs_extra["theme"]["palette"] = {"scheme": "default", "primary": "teal"}
    project.build(strict=True)
    assert not (project.root / "site/assets/news-archive/palette.js").exists()
    html = (project.root / "site" / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert '<script>__md_scope=new URL("../../../..",location)' in html
    site = serve(project.root / "site") + "/"
    phone.goto(site + ARTICLE)
    assert phone.evaluate("__md_scope.href") == site
    phone.locator(".md-tabs__list a", has_text="Actors").click()  # in place
    phone.wait_for_url(site + "actors/")
