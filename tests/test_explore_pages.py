"""The map page, timelines and who-appears-with-whom lists in real builds, read as HTML."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from mkdocs.exceptions import Abort

from conftest import BuiltSite, Project, resolve
from news_archive.render.leaflet import leaflet_versions

HOSTILE = '</script><script>alert("pwned")</script> \'Qu"oted\''
LOCATIONS = {
    "raqqa": {"name": "Raqqa", "kind": "city", "country": "SY", "coordinates": [35.95, 39.01]},
    "mosul": {"name": "Mosul", "kind": "city", "country": "IQ", "coordinates": [36.34, 43.13]},
    "hostile": {"name": HOSTILE, "coordinates": [-33.9, 18.4]},
    "unvisited": {"name": "Unvisited", "coordinates": [10.0, 10.0]},
    "euphrates": {"name": "Euphrates", "kind": "river"},
}
ACTORS = {
    "islamic-state": {"name": "Islamic State", "aliases": ["IS"]},
    "sdf": {"name": "Syrian Democratic Forces", "aliases": ["SDF"]},
}


def fill(project: Project) -> None:
    project.registry("locations", LOCATIONS)
    project.registry("actors", ACTORS)
    project.article("a", "2017-06-05", actors=["IS", "SDF"], locations=["Raqqa"])
    project.article("b", "2017-06-20", actors=["SDF"], locations=["Raqqa", "Euphrates"])
    project.article("c", "2017-09-17", actors=["IS"], locations=["Mosul", "Raqqa"])
    project.article("d", "2017-09-18", actors=["IS", "SDF"], locations=["Raqqa"])
    project.article("e", "2017-10-01", actors=["IS"], locations=["hostile"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = Project(tmp_path_factory.mktemp("explore"))
    project.options = {"per_page": 2}
    fill(project)
    return project.build(strict=True)


def test_the_map_page_is_in_the_navigation_with_the_places_data(site) -> None:
    tabs = [a.get_text(strip=True) for a in site.html("").select(".md-tabs__list a")]
    assert "Map" in tabs
    box = site.content("map/").select_one("[data-na-map=places]")
    assert box is not None
    assert resolve("map/", box["data-places"]) == "api/places.geojson"
    assert resolve("map/", box["data-site-root"]) == ""
    assert box["data-tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in box["data-attribution"]

    data = json.loads((site.root / "api/places.geojson").read_text(encoding="utf-8"))
    points = {
        f["properties"]["name"]: (f["geometry"]["coordinates"], f["properties"]["articles"])
        for f in data["features"]
    }
    # [longitude, latitude]; places without coordinates or without articles are left off.
    assert points == {
        "Mosul": ([43.13, 36.34], 1),
        "Raqqa": ([39.01, 35.95], 4),
        HOSTILE: ([18.4, -33.9], 1),
    }
    listed = [
        (a.get_text(), resolve("map/", a["href"]))
        for a in site.content("map/").select(".na-places a")
    ]
    assert listed == [  # most covered first, then A to Z
        ("Raqqa", "locations/raqqa/"),
        ("Mosul", "locations/mosul/"),
        (HOSTILE, "locations/hostile/"),
    ]


def test_leaflet_is_served_by_the_site_with_its_licences(site) -> None:
    vendor = site.root / "assets/news-archive/vendor"
    versions = leaflet_versions()
    assert set(versions) == {"leaflet", "leaflet.markercluster"}
    header = f"/* @preserve\n * Leaflet {versions['leaflet']}, a JS library for interactive maps."
    assert (vendor / "leaflet/leaflet.js").read_text().startswith(header)
    assert "BSD 2-Clause" in (vendor / "leaflet/LICENSE.txt").read_text()
    assert "David Leaver" in (vendor / "leaflet.markercluster/LICENSE.txt").read_text()
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
        assert (vendor / "leaflet.markercluster" / name).is_file()
    # The map's script is loaded by the instant-loading script where a page has a map.
    scripts = [s["src"] for s in site.html("").find_all("script", src=True)]
    assert "assets/news-archive/instant.js" in scripts
    assert "assets/news-archive/map.js" not in scripts
    assert '"map.js"' in (site.root / "assets/news-archive/instant.js").read_text()
    # No page asks another host for a script (map.js fetches Leaflet from beside itself).
    for page in ("", "map/", "locations/raqqa/"):
        for element in site.html(page).find_all("script", src=True):
            assert not urlsplit(element["src"]).netloc, element


def test_a_place_page_has_its_own_small_map(site) -> None:
    box = site.content("locations/raqqa/").select_one("[data-na-map=place]")
    assert (box["data-lat"], box["data-lon"], box["data-name"]) == ("35.95", "39.01", "Raqqa")
    assert site.content("locations/euphrates/").select_one("[data-na-map]") is None
    assert site.content("actors/islamic-state/").select_one("[data-na-map]") is None


def bars(site, page: str) -> dict[str, str]:
    """Each drawn period of the page's timeline: its link's target, and its words."""
    figure = site.content(page).select_one("figure.na-timeline")
    assert figure is not None, f"{page} has no timeline"
    return {
        resolve(page, a["href"]) + "#" + a["href"].split("#")[1]
        if "#" in a["href"]
        else resolve(page, a["href"]): a["title"]
        for a in figure.select(".na-timeline__periods a")
    }


def drawn(site, page: str) -> list[str]:
    """The bars of the page's timeline chart, each ``x y width height`` in chart units."""
    path = site.content(page).select_one("figure.na-timeline svg path.na-timeline__bars")
    return [
        " ".join(re.fullmatch(r"([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)h-\3z", bar).groups())
        for bar in path["d"].removeprefix("M").split("M")
    ]


def test_a_term_timeline_links_each_month_to_where_it_starts_in_the_list(site) -> None:
    # Raqqa: d (Sep 18), c (Sep 17) on page 1; b (Jun 20), a (Jun 5) on page 2.
    assert bars(site, "locations/raqqa/") == {
        "locations/raqqa/page/2/#na-2017-06": "June 2017: 2 articles",
        "locations/raqqa/#na-2017-09": "September 2017: 2 articles",
    }
    first = site.content("locations/raqqa/").select_one("#na-2017-09 a")
    assert first.get_text() == "D"
    june = site.content("locations/raqqa/page/2/").select_one("#na-2017-06 a")
    assert june.get_text() == "B"
    svg = site.content("locations/raqqa/").select_one("figure.na-timeline svg")
    assert svg["role"] == "img"
    title = svg.select_one("#" + svg["aria-labelledby"]).get_text()
    assert title == (
        "4 articles naming Raqqa, by month from June 2017 to September 2017; "
        "the most, 2, in June 2017"
    )
    # Two months of four, June and September, each of the peak's height; the others are empty.
    assert drawn(site, "locations/raqqa/") == ["55 0 40 60", "505 0 40 60"]
    # Each bar's link is named by its title alone (bars() reads them); a period without a
    # link says its words to screen readers only.
    links = site.content("locations/raqqa/").select(".na-timeline__periods a")
    assert [a.get_text() for a in links] == ["", ""]
    # Later pages of a list carry the anchors but not the chart.
    assert site.content("locations/raqqa/page/2/").select_one("figure.na-timeline") is None


def test_the_archive_timeline_links_to_the_months_of_the_archive(site) -> None:
    assert bars(site, "archive/") == {
        "archive/2017/06/": "June 2017: 2 articles",
        "archive/2017/09/": "September 2017: 2 articles",
        "archive/2017/10/": "October 2017: 1 article",
    }


def test_a_long_span_gets_a_bar_per_year_linking_to_the_year(project: Project) -> None:
    project.article("old", "2001-03-01", actors=["IS"])
    project.article("new", "2019-11-01", actors=["IS"])
    site = project.build(strict=True)
    assert bars(site, "archive/") == {
        "archive/2001/": "2001: 1 article",
        "archive/2019/": "2019: 1 article",
    }
    assert len(drawn(site, "archive/")) == 2
    assert set(bars(site, "actors/is/").values()) == {"2001: 1 article", "2019: 1 article"}


def companions(site, page: str) -> dict[str, list[tuple[str, str, dict[str, list[str]]]]]:
    section = site.content(page).select_one(".na-companions")
    assert section is not None, f"{page} lists no companions"
    found = {}
    for column in section.select(".na-columns > div"):
        entries = []
        for item in column.select("li"):
            link = item.a
            target = urlsplit(link["href"])
            query: dict[str, list[str]] = {}
            for key, value in parse_qsl(target.query):
                query.setdefault(key, []).append(value)
            entries.append((link.get_text(), item.select_one(".na-badge").get_text(), query))
            assert resolve(page, target.path) == "search/"
        found[column.h3.get_text()] = entries
    return found


def test_actor_and_place_pages_list_who_appears_with_them(site) -> None:
    assert companions(site, "locations/raqqa/") == {
        "Actors": [
            ("Islamic State", "3", {"location": ["Raqqa"], "actor": ["Islamic State"]}),
            (
                "Syrian Democratic Forces",
                "3",
                {"location": ["Raqqa"], "actor": ["Syrian Democratic Forces"]},
            ),
        ],
        "Locations": [
            ("Euphrates", "1", {"location": ["Raqqa", "Euphrates"], "match": ["all"]}),
            ("Mosul", "1", {"location": ["Raqqa", "Mosul"], "match": ["all"]}),
        ],
    }
    assert companions(site, "actors/islamic-state/")["Actors"] == [
        (
            "Syrian Democratic Forces",
            "2",
            {"actor": ["Islamic State", "Syrian Democratic Forces"], "match": ["all"]},
        )
    ]
    # Tags and sources have timelines but no companions.
    assert site.content("sources/levant-wire/").select_one(".na-companions") is None
    assert site.content("sources/levant-wire/").select_one("figure.na-timeline") is not None


def test_hostile_names_stay_text_everywhere(site) -> None:
    page = site.content("locations/hostile/")
    assert page.h1.get_text() == HOSTILE
    assert page.find("script") is None
    assert page.select_one("[data-na-map]")["data-name"] == HOSTILE
    title = page.select_one("svg title").get_text()
    assert title.startswith(f"1 article naming {HOSTILE}, by month")
    raw = site.file("locations/hostile/").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    assert site.content("map/").find("script") is None
    islamic_state = companions(site, "actors/islamic-state/")["Locations"]
    assert (HOSTILE, "1", {"actor": ["Islamic State"], "location": [HOSTILE]}) in islamic_state


def test_the_map_says_so_when_no_place_has_coordinates(project: Project) -> None:
    project.article("a", "2017-06-05", locations=["Nowhere"])
    site = project.build(strict=True)
    assert site.content("map/").select_one("[data-na-map]") is None
    assert "No article names a place with coordinates yet" in site.content("map/").get_text()
    assert json.loads((site.root / "api/places.geojson").read_text())["features"] == []


def test_explore_false_leaves_everything_out(project: Project) -> None:
    project.options = {"explore": False}
    project.registry("locations", LOCATIONS)
    project.article("a", "2017-06-05", actors=["IS"], locations=["Raqqa"])
    site = project.build(strict=True)
    assert not site.exists("map/")
    assert not (site.root / "api/places.geojson").exists()
    assert not (site.root / "assets/news-archive/map.js").exists()
    assert not (site.root / "assets/news-archive/vendor").exists()
    for page in ("archive/", "locations/raqqa/", "actors/is/"):
        content = site.content(page)
        assert content.select_one("figure.na-timeline, .na-companions, [data-na-map]") is None


def test_tiles_and_their_credit_are_settings(project: Project) -> None:
    project.options = {
        "map_tiles": "https://tiles.example/{z}/{x}/{y}.png",
        "map_attribution": "Tiles by Example",
        "companions": 0,
        "search": False,
    }
    project.registry("locations", LOCATIONS)
    project.article("a", "2017-06-05", actors=["IS"], locations=["Raqqa", "Mosul"])
    site = project.build(strict=True)
    box = site.content("locations/raqqa/").select_one("[data-na-map]")
    assert (box["data-tiles"], box["data-attribution"]) == (
        "https://tiles.example/{z}/{x}/{y}.png",
        "Tiles by Example",
    )
    assert site.content("locations/raqqa/").select_one(".na-companions") is None


def test_a_bad_tile_template_stops_the_build_with_a_message(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    project.options = {"map_tiles": "https://tiles.example/tile.png"}
    project.article("a", "2017-06-05")
    with pytest.raises(Abort):
        project.build(strict=True)
    assert (
        "Config value 'plugins': Plugin 'news-archive' option 'map_tiles': "
        "must be a tile URL template with {z}, {x} and {y}, like "
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png, or empty for maps without tiles; "
        "got 'https://tiles.example/tile.png'"
    ) in caplog.messages


def test_companions_without_search_lead_to_the_other_terms_page(project: Project) -> None:
    project.options = {"search": False}
    project.article("a", "2017-06-05", actors=["IS", "SDF"])
    site = project.build(strict=True)
    links = site.content("actors/is/").select(".na-companions a")
    assert [(a.get_text(), resolve("actors/is/", a["href"])) for a in links] == [
        ("SDF", "actors/sdf/")
    ]
