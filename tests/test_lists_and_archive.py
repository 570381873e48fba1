"""Pagination boundaries, archive pages, the latest list and the home page."""

from __future__ import annotations

import pytest

from conftest import Project


@pytest.mark.parametrize(
    ("articles", "pages"),
    [(0, 1), (1, 1), (3, 1), (4, 2)],
    ids=["none", "one", "exactly-a-page", "a-page-and-one"],
)
def test_term_pages_paginate_at_the_boundaries(project: Project, articles: int, pages: int) -> None:
    project.options = {"per_page": 3}
    project.registry("tags", {"siege": {"name": "Siege"}, "other": {"name": "Other"}})
    written = [
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"])
        for n in range(articles)
    ]
    if not written:
        project.article("unrelated", tags=["other"])
    site = project.build(strict=True)

    newest_first = list(reversed(written))
    listed = site.article_links("tags/siege/")
    for number in range(2, pages + 1):
        page_path = f"tags/siege/page/{number}/"
        assert site.exists(page_path)
        listed += site.article_links(page_path)
    assert listed == newest_first
    assert not site.exists(f"tags/siege/page/{pages + 1}/")
    assert not site.exists("tags/siege/page/1/")
    assert len(site.article_links("tags/siege/")) == min(articles, 3)
    if pages > 1:
        nav = site.content("tags/siege/").select_one("nav.na-pagination")
        assert nav.find("a", rel="next")["href"] == "page/2/"
        back = site.content("tags/siege/page/2/").select_one("nav.na-pagination a[rel=prev]")
        assert back["href"] == "../../"
    else:
        assert site.content("tags/siege/").select_one("nav.na-pagination") is None


def test_archive_by_year_and_month(project: Project) -> None:
    project.options = {"per_page": 2}
    sept = [project.article(f"sept-{n}", f"2017-09-{n + 10}") for n in range(3)]
    oct_ = project.article("october", "2017-10-02")
    jan = project.article("january", "2018-01-05")
    site = project.build(strict=True)

    root = site.content("archive/")
    years = [h2.a.get_text() for h2 in root.select("section.na-year h2")]
    assert years == ["2018", "2017"]
    months_2017 = [
        (li.a.get_text(), li.span.get_text()) for li in root.select("#year-2017 ~ ul li")
    ]
    assert months_2017 == [("October", "1"), ("September", "3")]

    year = site.content("archive/2017/")
    assert [a["href"] for a in year.select("ul.na-months a")] == ["10/", "09/"]

    assert site.article_links("archive/2017/09/") == [sept[2], sept[1]]
    assert site.article_links("archive/2017/09/page/2/") == [sept[0]]
    assert site.article_links("archive/2017/10/") == [oct_]
    assert site.article_links("archive/2018/01/") == [jan]
    assert site.content("archive/2017/09/").h1.get_text(strip=True) == "September 2017"


def test_latest_lists_every_article_newest_first(project: Project) -> None:
    project.options = {"per_page": 2}
    written = [project.article(f"a-{n}", f"2017-0{n + 1}-15") for n in range(5)]
    site = project.build(strict=True)
    listed = (
        site.article_links("latest/")
        + site.article_links("latest/page/2/")
        + site.article_links("latest/page/3/")
    )
    assert listed == list(reversed(written))


def test_same_day_articles_are_ordered_by_time_then_path(project: Project) -> None:
    morning = project.article("b-morning", "2017-09-17T08:00:00+00:00")
    evening = project.article("a-evening", "2017-09-17T20:00:00+03:00")
    undated = project.article("c-no-time", "2017-09-17")
    site = project.build(strict=True)
    assert site.article_links("latest/") == [evening, morning, undated]


def test_home_page_shows_latest_articles_and_most_covered_terms(project: Project) -> None:
    project.options = {"home_latest": 2, "home_top_terms": 2}
    project.article("old", "2017-06-01", actors=["SDF", "Russia"], locations=["Raqqa"])
    middle = project.article("middle", "2017-07-01", actors=["SDF", "Iran"], locations=["Raqqa"])
    newest = project.article("newest", "2017-08-01", actors=["SDF", "Russia"], tags=["oil"])
    site = project.build(strict=True)

    home = site.content("")
    assert site.article_links("", ".na-home-latest .na-item__title a") == [newest, middle]
    columns = {
        column.h3.get_text(): [
            (li.a.get_text(), li.span.get_text()) for li in column.select("ol.na-ranking li")
        ]
        for column in home.select(".na-column")
    }
    assert columns == {
        "Tags": [("oil", "1")],
        "Actors": [("SDF", "3"), ("Russia", "2")],
        "Locations": [("Raqqa", "2")],
    }


def test_articles_stay_out_of_the_navigation(project: Project) -> None:
    for n in range(5):
        project.article(f"story-{n}", actors=["SDF"])
    site = project.build(strict=True)
    nav = site.html("latest/").select_one("nav.md-nav--primary")
    hrefs = [a.get("href", "") for a in nav.select("a")]
    assert not any("articles/" in href for href in hrefs)
    tabs = [a.get_text(strip=True) for a in site.html("").select(".md-tabs__link")]
    assert {"Latest", "Archive", "Tags", "Actors", "Locations", "Sources", "Map"} <= set(tabs)
    assert len(tabs) == 8, tabs  # those and the home page, however many articles there are


def test_drafts_are_never_published(project: Project) -> None:
    public = project.article("public", actors=["SDF"])
    project.article("secret", actors=["SDF"], draft=True)
    site = project.build(strict=True)
    assert site.article_links("actors/sdf/") == [public]
    assert not site.exists("articles/2017/09/secret/")
