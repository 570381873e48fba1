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
    project.options = {"per_page": 3, "later_per_page": 3}
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
    project.options = {"per_page": 2, "later_per_page": 2}
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
    # The tabs, and the drawer where a page has one.
    links = site.html("latest/").select(".md-tabs a, nav.md-nav--primary a")
    hrefs = [a.get("href", "") for a in links]
    assert hrefs
    assert not any("articles/" in href for href in hrefs)
    tabs = [a.get_text(strip=True) for a in site.html("").select(".md-tabs__list a")]
    assert {"Latest", "Archive", "Tags", "Actors", "Locations", "Sources", "Map"} <= set(tabs)
    assert len(tabs) == 8, tabs  # those and the home page, however many articles there are


def test_drafts_are_never_published(project: Project) -> None:
    public = project.article("public", actors=["SDF"])
    project.article("secret", actors=["SDF"], draft=True)
    site = project.build(strict=True)
    assert site.article_links("actors/sdf/") == [public]
    assert not site.exists("articles/2017/09/secret/")


def test_later_pages_hold_more_articles_one_line_each(project: Project) -> None:
    project.options = {"per_page": 2, "later_per_page": 3}
    written = [
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"], summary=f"Gist {n}.")
        for n in range(7)
    ]
    site = project.build(strict=True)

    newest_first = list(reversed(written))
    first = site.content("tags/siege/")
    assert site.article_links("tags/siege/") == newest_first[:2]
    assert len(first.select(".na-item h3.na-item__title")) == 2
    assert first.select(".na-item__summary") == []  # term_summaries: false
    assert site.article_links("tags/siege/page/2/") == newest_first[2:5]
    assert site.article_links("tags/siege/page/3/") == newest_first[5:]
    later = site.content("tags/siege/page/2/")
    assert later.select(".na-item") == [] and later.select(".na-item__summary") == []
    row = later.select_one("ol.na-list--rows > li")
    # The date, ISO 8601, then the title: no tag but the link, no source (list_row_sources).
    assert (
        str(row)
        == '<li>2017-09-05 <a href="../../../../articles/2017/09/story-4/">Story 4</a></li>'
    )
    assert later.select_one("ol.na-list")["start"] == "3"
    assert "Showing 3–5 of 7 articles." in later.get_text(" ", strip=True)
    # Page 4 of the former two-a-page list only points on; there is no page 5.
    assert site.html("tags/siege/page/4/").select_one("article") is None
    assert not site.exists("tags/siege/page/5/")


def test_page_numbers_lists_no_longer_have_point_to_where_their_articles_went(
    project: Project,
) -> None:
    project.options = {"per_page": 2, "later_per_page": 4}
    for n in range(9):
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"])
    site = project.build(strict=True)

    # Two to a page, the list had pages 1-5; now 2 + 4 + 3 articles make pages 1-3.
    assert site.exists("tags/siege/page/3/")
    moved = {}
    for number in (4, 5):
        stub = site.html(f"tags/siege/page/{number}/")
        refresh = stub.select_one('meta[http-equiv="refresh"]')["content"]
        link = stub.select_one("body a")["href"]
        assert refresh == f"0; url={link}"
        assert stub.select_one('link[rel="canonical"]')["href"] == link
        assert stub.select_one('meta[name="robots"]')["content"] == "noindex"
        moved[number] = link
    # Former page 4 started with the 7th article, now on page 3; so did former page 5 (9th).
    assert moved == {4: "../3/", 5: "../3/"}
    assert not site.exists("tags/siege/page/6/")
    sitemap = site.file("sitemap-all.xml").read_text(encoding="utf-8")
    assert "tags/siege/page/3/" in sitemap and "page/4/" not in sitemap


def test_former_pages_false_leaves_no_pointer_pages(project: Project) -> None:
    """For hosts that count folders among their files (GitLab Pages: 200,000 entries), the
    pointers can go: about 30,000 pages and as many folders at 50,000 articles."""
    project.options = {"per_page": 2, "later_per_page": 4, "former_pages": False}
    for n in range(9):
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"])
    site = project.build(strict=True)

    assert site.exists("tags/siege/page/3/")
    assert not site.exists("tags/siege/page/4/")
    assert not site.exists("latest/page/4/")


def test_term_summaries_and_list_row_sources_bring_back_summaries_and_sources(
    project: Project,
) -> None:
    project.options = {
        "per_page": 2,
        "later_per_page": 3,
        "term_summaries": True,
        "list_row_sources": True,
    }
    for n in range(4):
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"], summary=f"Gist {n}.")
    site = project.build(strict=True)
    first = site.content("tags/siege/")
    assert [p.get_text() for p in first.select(".na-item__summary")] == ["Gist 3.", "Gist 2."]
    rows = site.content("tags/siege/page/2/").select("ol.na-list--rows > li")
    assert [" ".join(row.get_text(" ").split()) for row in rows] == [
        "2017-09-02 Story 1 Levant Wire",
        "2017-09-01 Story 0 Levant Wire",
    ]
    # A month's list keeps its summaries either way: term_summaries is the terms' alone.
    month = site.content("archive/2017/09/")
    assert [p.get_text() for p in month.select(".na-item__summary")] == ["Gist 3.", "Gist 2."]


def test_compact_lists_can_be_turned_off(project: Project) -> None:
    project.options = {
        "per_page": 1,
        "compact_lists": False,
        "related_summaries": True,
        "term_summaries": True,
    }
    for n in range(3):
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"], summary="Gist.")
    site = project.build(strict=True)
    later = site.content("tags/siege/page/2/")
    assert later.select(".na-list--rows") == []
    assert len(later.select(".na-item__summary")) == 2
    related = site.content("articles/2017/09/story-0/").select(".na-related .na-item__summary")
    assert [p.get_text() for p in related] == ["Gist.", "Gist."]


def test_related_articles_are_one_line_each_by_default(project: Project) -> None:
    for n in range(3):
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"])
    site = project.build(strict=True)
    related = site.content("articles/2017/09/story-0/").select_one(".na-related")
    assert related.h2.get_text() == "Related articles"
    rows = related.select("ol.na-list--rows > li")
    assert [" ".join(row.get_text(" ").split()) for row in rows] == [
        "2017-09-02 Story 1 Levant Wire",
        "2017-09-03 Story 2 Levant Wire",
    ]
    assert related.select(".na-item, .na-item__summary") == []


def test_compact_related_false_lists_related_articles_as_items(project: Project) -> None:
    project.options = {"compact_related": False}
    for n in range(3):
        project.article(f"story-{n}", f"2017-09-{n + 1:02d}", tags=["siege"], summary="Gist.")
    site = project.build(strict=True)
    related = site.content("articles/2017/09/story-0/").select_one(".na-related")
    assert len(related.select(".na-item h3.na-item__title a")) == 2
    assert related.select(".na-list--rows, .na-item__summary") == []
