"""Maps, timelines and companion links in a real browser, offline, under a sub-path."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, Route, expect

from conftest import Project, serve_under_subpath

HOSTILE = '</script><script>alert("pwned")</script><img src=x onerror=alert(1)> \'Qu"oted\''
TILES = "https://tiles.example/{z}/{x}/{y}.png"
LOCATIONS = {
    # Neighbours that cluster when the whole world is in view...
    "raqqa": {"name": "Raqqa", "coordinates": [35.95, 39.01]},
    "tabqa": {"name": "Tabqa", "coordinates": [35.84, 38.55]},
    "mosul": {"name": "Mosul", "coordinates": [36.34, 43.13]},
    # ...and places far from everything.
    "cape-town": {"name": HOSTILE, "coordinates": [-33.9, 18.4]},
    "reykjavik": {"name": "Reykjavik", "coordinates": [64.15, -21.94]},
    "lima": {"name": "Lima", "coordinates": [-12.05, -77.04]},
    # Not on the map: no coordinates; no article.
    "euphrates": {"name": "Euphrates"},
    "unvisited": {"name": "Unvisited", "coordinates": [10.0, 10.0]},
}
ON_THE_MAP = 6


def _fill(project: Project) -> None:
    project.options = {"per_page": 2, "map_tiles": TILES}
    project.registry("locations", LOCATIONS)
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    project.article("a", "2017-06-05", title="Assault on Raqqa", actors=["IS", "SDF"],
                    locations=["Raqqa", "Euphrates"])  # fmt: skip
    project.article("b", "2017-06-20", title="Dam at Tabqa", actors=["SDF"], locations=["Tabqa"])
    project.article("c", "2017-09-17", title="Mosul aftermath", actors=["IS"],
                    locations=["Mosul", "Raqqa"])  # fmt: skip
    project.article("d", "2017-09-18", title="Raqqa falls", actors=["IS", "SDF"],
                    locations=["Raqqa"])  # fmt: skip
    project.article("e", "2017-10-01", title="Far away", locations=["cape-town", "Lima"])
    project.article("f", "2017-10-02", title="Farther", locations=["Reykjavik", "Mosul"])
    project.article("g", "2017-10-03", title="Farthest", locations=["Reykjavik"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _fill)


class Watched:
    """A page whose tile requests fail, as offline; it records tiles, dialogs and errors."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.tiles: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.route("https://tiles.example/**", self._tile)

    def _tile(self, route: Route) -> None:
        self.tiles.append(route.request.url)
        route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser) -> Iterator[Watched]:
    """A page whose reader asks for reduced motion: map.js then draws without zoom, fade or
    cluster animation, so every marker is where it stays from the moment it appears."""
    watched = Watched(browser.new_page(reduced_motion="reduce"))
    yield watched
    watched.page.close()
    assert watched.errors == []
    assert watched.dialogs == [], "a name ran as code"


def open_map(watched: Watched, site: str) -> Page:
    page = watched.page
    page.goto(site + "map/")
    expect(page.locator("[data-na-map][data-places-shown]")).to_have_attribute(
        "data-places-shown", str(ON_THE_MAP)
    )
    return page


def shown_places(page: Page) -> int:
    """Places on screen: one per lone marker plus each cluster's count."""
    markers = page.locator(".na-map .na-map__marker").count()
    clusters = page.locator(".na-map .na-map__cluster-count").all_inner_texts()
    return markers + sum(int(text) for text in clusters)


def marker(page: Page, name: str):
    return page.locator(".na-map .na-map__marker").and_(page.get_by_title(name, exact=True))


def test_the_map_shows_every_place_once_even_when_tiles_fail(watched: Watched, site: str) -> None:
    page = open_map(watched, site)
    clusters = page.locator(".na-map .marker-cluster")
    expect(clusters).to_have_count(1)  # Raqqa, Tabqa and Mosul
    assert shown_places(page) == ON_THE_MAP
    for name in ("Reykjavik", "Lima", HOSTILE):
        expect(marker(page, name)).to_be_visible()
    # The tile template of the settings was asked for, every tile failed, and the markers
    # still stand on the map's own background.
    page.wait_for_function("document.querySelectorAll('.leaflet-tile').length > 0")
    assert watched.tiles and all(re.fullmatch(r"https://tiles\.example/\d+/\d+/\d+\.png", url)
                                 for url in watched.tiles)  # fmt: skip
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    # Zooming in on the cluster (a click zooms to it) splits it into its places: each click
    # gives up at least one place as a marker of its own.
    markers = page.locator(".na-map .na-map__marker")
    for _ in range(6):
        if not clusters.count():
            break
        before = markers.count()
        clusters.first.click()
        expect(markers).not_to_have_count(before)
    expect(marker(page, "Raqqa")).to_be_visible()
    expect(marker(page, "Tabqa")).to_be_visible()


def test_a_map_moves_only_when_its_reader_wants_motion(browser, site: str) -> None:
    """Zoom and fade animations are for readers who have not asked their system for reduced
    motion; the others get a still map (Leaflet marks an animated map with a class)."""
    for motion, animated in (("reduce", False), ("no-preference", True)):
        page = browser.new_page(reduced_motion=motion)
        try:
            page.goto(site + "map/")
            expect(page.locator("[data-na-map][data-places-shown]")).to_have_count(1)
            map_box = page.locator("[data-na-map]")
            expected = re.compile(r"\bleaflet-fade-anim\b")
            if animated:
                expect(map_box).to_have_class(expected)
            else:
                expect(map_box).not_to_have_class(expected)
        finally:
            page.close()


def test_a_popup_names_the_place_counts_it_and_links_to_its_page(
    watched: Watched, site: str
) -> None:
    page = open_map(watched, site)
    page.evaluate("window.__stayed = true")
    marker(page, "Reykjavik").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Reykjavik")
    expect(popup.locator(".na-map__count")).to_have_text("2 articles")
    popup.get_by_role("link", name="Reykjavik").click()
    page.wait_for_url("**/archive/locations/reykjavik/")
    expect(page.locator("article h1")).to_have_text("Reykjavik")
    assert page.evaluate("window.__stayed") is True, "instant navigation reloaded the page"
    # The place's own map is drawn after the instant navigation, with its one marker.
    expect(page.locator("[data-na-map=place] .na-map__marker")).to_have_count(1)


def test_markers_answer_the_keyboard(watched: Watched, site: str) -> None:
    page = open_map(watched, site)
    marker(page, "Lima").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Lima")


def test_a_hostile_place_name_is_only_ever_text(watched: Watched, site: str) -> None:
    page = open_map(watched, site)
    marker(page, HOSTILE).click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.locator("a")).to_have_text(HOSTILE)
    assert popup.locator("script, img").count() == 0
    assert page.locator("img[onerror]").count() == 0
    popup.locator("a").click()
    page.wait_for_url("**/archive/locations/cape-town/")
    expect(page.locator("article h1")).to_have_text(HOSTILE)
    expect(page.locator("[data-na-map=place] .na-map__marker")).to_have_attribute("title", HOSTILE)
    assert page.locator("article script, img[onerror], img[src='x']").count() == 0


def test_a_timeline_bar_leads_to_its_month_of_the_archive(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site + "archive/")
    # A bar's link is named by its title, what screen readers say and the tooltip shows.
    timeline = page.locator(".na-timeline")
    timeline.get_by_role("link", name=re.compile(r"^September 2017: \d+ articles?$")).click()
    page.wait_for_url("**/archive/archive/2017/09/")
    expect(page.locator("article h1")).to_have_text("September 2017")


def test_a_term_timeline_bar_leads_to_where_its_month_starts(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site + "locations/raqqa/", wait_until="networkidle")
    page.evaluate("window.__stayed = true")
    # Raqqa: Raqqa falls and Mosul aftermath (September) on page 1, Assault (June) on page 2.
    timeline = page.locator(".na-timeline")
    timeline.get_by_role("link", name=re.compile(r"^June 2017: \d+ articles?$")).click()
    page.wait_for_url("**/archive/locations/raqqa/page/2/#na-2017-06")
    expect(page.locator("#na-2017-06")).to_contain_text("Assault on Raqqa")
    expect(page.locator("#na-2017-06")).to_be_in_viewport()
    assert page.evaluate("window.__stayed") is True


def test_a_companion_leads_to_the_articles_that_name_both(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site + "actors/islamic-state/")
    companions = page.locator(".na-companions")
    # Two actors: a search for articles naming both, not either.
    companions.get_by_role("link", name="SDF").click()
    page.wait_for_url(re.compile(r".*/archive/search/\?actor=Islamic\+State&actor=SDF&match=all$"))
    titles = page.locator("[data-results] .na-item__title a")
    expect(titles).to_have_count(2)
    expect(titles).to_have_text(["Assault on Raqqa", "Raqqa falls"], use_inner_text=True)
    page.goto(site + "actors/islamic-state/")
    companions.get_by_role("link", name="Raqqa").click()
    page.wait_for_url("**/archive/search/?actor=Islamic+State&location=Raqqa")
    expect(titles).to_have_count(3)


def test_maps_follow_instant_navigation(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site, wait_until="networkidle")
    page.evaluate("window.__stayed = true")
    page.get_by_role("link", name="Map", exact=True).first.click()
    page.wait_for_url("**/archive/map/")
    expect(page.locator("[data-na-map][data-places-shown]")).to_have_count(1)
    assert shown_places(page) == ON_THE_MAP
    page.go_back()
    page.wait_for_url(site)
    page.go_forward()
    page.wait_for_url("**/archive/map/")
    expect(page.locator("[data-na-map][data-places-shown]")).to_have_count(1)
    assert page.evaluate("window.__stayed") is True


def test_a_map_without_its_tiles_says_why_and_its_list_toggle_is_a_control(
    watched: Watched, site: str
) -> None:
    page = open_map(watched, site)
    note = page.locator(".na-map + .na-map__offline")
    expect(note).to_be_visible()
    expect(note).to_contain_text("background could not be loaded")
    expect(note).to_contain_text("listed below")
    toggle = page.locator(".na-places summary")
    frame = toggle.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.borderTopWidth, "
        "s.paddingLeft, s.cursor]; }"
    )
    assert frame[0] == "solid" and float(frame[1][:-2]) >= 1, frame
    assert float(frame[2][:-2]) > 0 and frame[3] == "pointer", frame
    toggle.click()
    expect(page.locator(".na-places .na-ranking a").first).to_be_visible()
