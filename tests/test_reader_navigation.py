"""A reader keeps their place: the tab lit, breadcrumbs, steps to the next article or month."""

from __future__ import annotations

import pytest

from conftest import BuiltSite, Project, resolve

NAV = [
    {"Home": "index.md"},
    {"Latest": "latest/index.md"},
    {"Archive": "archive/index.md"},
    {"Tags": "tags/index.md"},
    {"Actors": "actors/index.md"},
    {"Locations": "locations/index.md"},
    {"Search": "search/index.md"},
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = Project(tmp_path_factory.mktemp("project"))
    project.options = {"per_page": 2, "later_per_page": 2}
    project.mkdocs_extra = {"nav": NAV}
    project.registry("actors", {"islamic-state": {"name": "Islamic State"}})
    project.article("siege", "2017-08-30", title="Siege", actors=["Islamic State"])
    project.article("break", "2017-09-05", title="Break", actors=["Islamic State"])
    project.article("strike", "2017-09-17", title="Strike", tags=["airstrikes"])
    project.article("dam", "2017-11-02", title="Dam", actors=["Islamic State"])
    return project.build(strict=True)


def tab(site: BuiltSite, path: str) -> list[str]:
    lit = site.html(path).select(".md-tabs__item--active > a")
    return [link.get_text(strip=True) for link in lit]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("articles/2017/09/strike/", "Archive"),
        ("archive/2017/09/", "Archive"),
        ("archive/2017/", "Archive"),
        ("actors/islamic-state/", "Actors"),
        ("actors/islamic-state/page/2/", "Actors"),
        ("tags/airstrikes/", "Tags"),
        ("latest/page/2/", "Latest"),
        ("archive/", "Archive"),
        ("search/", "Search"),
        ("", "Home"),
    ],
)
def test_the_tab_a_page_belongs_to_is_lit(site: BuiltSite, path: str, expected: str) -> None:
    assert tab(site, path) == [expected]


def test_a_page_of_the_navigation_lights_only_its_own_tab_after_others(site: BuiltSite) -> None:
    """A lit tab is put out after its page: the next page does not inherit it."""
    assert tab(site, "tags/") == ["Tags"]
    assert tab(site, "latest/") == ["Latest"]


def test_an_article_has_breadcrumbs_to_its_month(site: BuiltSite) -> None:
    path = "articles/2017/09/strike/"
    crumbs = site.html(path).select_one("nav.na-breadcrumbs")
    assert crumbs is not None
    links = [(a.get_text(), resolve(path, a["href"])) for a in crumbs.select("a")]
    assert links == [
        ("Home", ""),
        ("Archive", "archive/"),
        ("2017", "archive/2017/"),
        ("September", "archive/2017/09/"),
    ]


def steps(site: BuiltSite, path: str) -> dict[str, tuple[str, str]]:
    nav = site.html(path).select_one("nav.na-steps")
    if nav is None:
        return {}
    return {
        "prev" if "na-steps__previous" in a["class"] else "next": (
            resolve(path, a["href"]),
            a.select_one(".na-steps__title").get_text(),
        )
        for a in nav.select("a")
    }


def test_an_article_steps_to_the_articles_before_and_after_it_by_date(site: BuiltSite) -> None:
    assert steps(site, "articles/2017/09/strike/") == {
        "prev": ("articles/2017/09/break/", "Break"),
        "next": ("articles/2017/11/dam/", "Dam"),
    }
    assert steps(site, "articles/2017/08/siege/") == {"next": ("articles/2017/09/break/", "Break")}
    assert steps(site, "articles/2017/11/dam/") == {"prev": ("articles/2017/09/strike/", "Strike")}


def test_a_month_steps_to_the_months_with_articles_before_and_after_it(site: BuiltSite) -> None:
    assert steps(site, "archive/2017/09/") == {
        "prev": ("archive/2017/08/", "August 2017"),
        "next": ("archive/2017/11/", "November 2017"),
    }
    assert steps(site, "archive/2017/08/") == {"next": ("archive/2017/09/", "September 2017")}
    assert steps(site, "archive/2017/11/") == {"prev": ("archive/2017/09/", "September 2017")}


def target(path: str, href: str) -> str:
    """The page and anchor a link leads to."""
    page, _, anchor = href.partition("#")
    return f"{resolve(path, page) if page else path}#{anchor}"


def test_an_a_to_z_index_over_pages_leads_to_where_each_letter_starts(project: Project) -> None:
    """Pages hold ``index_per_page`` terms; each page's letter bar leads to the page and the
    heading where a letter starts, each page says which letters it holds, and a registered
    term no article names is not listed (its page stays)."""
    project.options = {"index_per_page": 3}
    names = ["Alpha", "Amber", "Azure", "Bravo", "Charlie", "Cobalt", "Delta"]
    project.registry(
        "actors",
        {name.lower(): {"name": name} for name in [*names, "Unnamed"]},
    )
    for number, name in enumerate(names):
        project.article(f"story-{number}", f"2017-09-{number + 1:02d}", actors=[name])
    site = project.build(strict=True)

    pages = ["actors/", "actors/page/2/", "actors/page/3/"]
    assert not site.exists("actors/page/4/")
    listed = [a.get_text() for path in pages for a in site.content(path).select(".na-term-list a")]
    assert listed == names
    expected = {
        "A": "actors/#letter-a",
        "B": "actors/page/2/#letter-b",
        "C": "actors/page/2/#letter-c",
        "D": "actors/page/3/#letter-d",
    }
    for path in pages:
        bar = site.content(path).select(".na-letters a")
        got = {a.get_text(): target(path, a["href"]) for a in bar}
        assert got == expected, path
        for letter, where in expected.items():
            page, _, anchor = where.partition("#")
            assert site.content(page).select_one(f"h2#{anchor}").get_text() == letter
    holds = [site.content(path).select_one(".na-letters__here").get_text() for path in pages]
    assert holds == [
        "This is page 1 of 3: the letter A.",
        "This is page 2 of 3: letters B to C.",
        "This is page 3 of 3: the letter D.",
    ]
    assert "1 more actor in the registry has no article yet." in (
        site.content("actors/").select_one(".na-count").get_text()
    )
    assert site.exists("actors/unnamed/")
    assert not any(
        resolve(path, a["href"]) == "actors/unnamed/"
        for path in pages
        for a in site.content(path).select("a[href]")
    )


def test_the_404_page_offers_search_and_ways_on_from_any_depth(project: Project) -> None:
    """GitHub Pages answers any missing address with ``404.html``: its links are absolute
    from the site's path, so they work at any depth."""
    project.site_url = "https://owner.github.io/archive/"
    project.article("strike", title="Strike")
    site = project.build(strict=True)
    page = site.html("404.html")
    form = page.select_one("form.na-not-found__search")
    assert form["action"] == "/archive/search/" and form.select_one("input[name=q]")
    ways = {a.get_text(): a["href"] for a in page.select(".na-ways-on a")}
    assert ways["Archive"] == "/archive/archive/"
    assert ways["Latest articles"] == "/archive/latest/"
    assert all(href.startswith("/archive/") for href in ways.values())


def test_an_unregistered_term_written_as_a_slug_reads_as_words(project: Project) -> None:
    path = project.article("ruins", tags=["press-freedom", "Field Hospitals"])
    site = project.build()
    group = next(
        g for g in site.content(path).select(".na-terms__group") if g.dt.get_text() == "Tags"
    )
    chips = [a.get_text() for a in group.select("a")]
    assert sorted(chips) == ["Field Hospitals", "Press freedom"]
    assert site.content("tags/press-freedom/").select_one("h1").get_text() == "Press freedom"


def test_an_article_shows_its_summary_and_reading_time(project: Project) -> None:
    long_body = " ".join(["word"] * 1000)
    path = project.article("long", summary="What happened, in one line.", body=long_body)
    short = project.article("short", body="Three words only.")
    site = project.build(strict=True)
    header = site.content(path).select_one(".na-article-header")
    assert header.select_one(".na-standfirst").get_text() == "What happened, in one line."
    assert header.select_one(".na-byline__reading").get_text() == "4 min read"
    assert site.content(short).select_one(".na-byline__reading").get_text() == "1 min read"
    assert site.content(short).select_one(".na-standfirst") is None
