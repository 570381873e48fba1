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
    lit = site.html(path).select(".md-tabs__item--active .md-tabs__link")
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
