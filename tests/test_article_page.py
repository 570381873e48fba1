"""An article's page: its metadata header, its term links and its related articles."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from conftest import Project, resolve

SOURCES = {
    "levant-wire": {"name": "Levant Wire", "aliases": ["LW"], "url": "https://levantwire.example/"}
}


def test_header_links_source_original_authors_and_every_term(project: Project) -> None:
    project.registry("sources", SOURCES)
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["ISIS"]}})
    page = project.article(
        "siege-broken",
        "2017-09-05",
        title="Syrian army breaks siege of Deir ez-Zor",
        source="LW",
        url="https://levantwire.example/2017/09/05/siege",
        authors=["Jane Doe", "John Roe"],
        actors=["ISIS", "Syrian Arab Army"],
        locations=["Deir ez-Zor"],
        tags=["siege"],
    )
    site = project.build(strict=True)
    header = site.content(page).select_one("header.na-article-header")

    assert header.h1.get_text() == "Syrian army breaks siege of Deir ez-Zor"
    assert header.time["datetime"] == "2017-09-05"
    assert header.time.get_text() == "5 September 2017"
    source = header.select_one(".na-byline__source")
    assert (source.get_text(), resolve(page, source["href"])) == (
        "Levant Wire",
        "sources/levant-wire/",
    )
    assert header.select_one(".na-byline__authors").get_text() == "by Jane Doe, John Roe"
    # The dots between the byline's parts are the stylesheet's: no markup of their own.
    assert [part.name for part in header.select_one(".na-byline").find_all(True)] == [
        "time",
        "a",
        "span",
        "span",
    ]
    original = header.select_one(".na-original a")
    assert original["href"] == "https://levantwire.example/2017/09/05/siege"
    assert "noopener" in original["rel"]
    terms = {
        group.dt.get_text(): [(a.get_text(), resolve(page, a["href"])) for a in group.select("a")]
        for group in header.select(".na-terms__group")
    }
    assert terms == {
        "Tags": [("siege", "tags/siege/")],
        "Actors": [
            ("Islamic State", "actors/islamic-state/"),
            ("Syrian Arab Army", "actors/syrian-arab-army/"),
        ],
        "Locations": [("Deir ez-Zor", "locations/deir-ez-zor/")],
    }
    assert len(site.content(page).find_all("h1")) == 1
    assert site.html(page).title.get_text().startswith("Syrian army breaks siege of Deir ez-Zor")


def test_related_articles_are_ranked_by_weighted_shared_terms(project: Project) -> None:
    # Weights: actors 3, locations 2, tags 1, sources 0.
    target = project.article(
        "target", "2017-09-15", actors=["Alpha"], locations=["Raqqa"], tags=["oil"]
    )
    e = project.article("e-actor-and-tag", "2017-09-10", actors=["Alpha"], tags=["oil"])  # 4
    b = project.article("b-actor", "2017-09-01", actors=["Alpha"])  # 3
    c = project.article("c-place", "2017-09-20", locations=["Raqqa"])  # 2
    d = project.article("d-tag-day-before", "2017-09-14", tags=["oil"])  # 1
    d2 = project.article("d2-tag-day-after", "2017-09-16", tags=["oil"])  # 1, newer wins the tie
    project.article("f-same-source-only", "2017-09-15", actors=["Omega"])  # 0
    project.article("g-far-tag", "2017-03-01", tags=["oil"])  # 1, but 6th and last
    site = project.build()

    related = site.article_links(target, ".na-related .na-list--rows > li > a")
    assert related == [e, b, c, d2, d]


def test_related_count_is_configurable_and_zero_hides_the_section(project: Project) -> None:
    project.options = {"related_count": 0}
    first = project.article("first", actors=["Alpha"])
    project.article("second", actors=["Alpha"])
    site = project.build()
    assert site.content(first).select_one(".na-related") is None


def test_front_matter_text_is_escaped_not_executed(project: Project) -> None:
    page = project.article(
        "hostile",
        title="</title><script>alert(1)</script>",
        source="<b>Wire</b>",
        authors=['<img src=x onerror="alert(2)">'],
        actors=["<script>alert(3)</script> Brigade"],
    )
    site = project.build()
    for path in (page, "actors/script-alert-3-script-brigade/", "sources/b-wire-b/", "latest/", ""):
        html = site.html(path)
        # JSON-LD carries the text as data, escaped: tests/test_page_metadata.py reads it.
        code = html.find(
            "script",
            type=lambda t: t != "application/ld+json",
            string=lambda s: s and "alert" in s,
        )
        assert code is None, path
        assert html.find("img", src="x") is None, path
        assert html.find("b", string="Wire") is None, path
    assert site.content(page).h1.get_text() == "</title><script>alert(1)</script>"
    assert site.html(page).title.get_text().startswith("</title><script>alert(1)</script>")


def test_article_page_size_does_not_grow_with_the_archive(make_project) -> None:
    # Fillers that share every term of the article: its related list fills up and each of
    # its terms gets longer lists and more pages, yet the article's page must not grow with
    # them. Titles, dates and bodies have one length, so a page that stays within a few bytes
    # across sizes is bounded by a constant, not by the archive.
    sizes = {}
    for fillers in (6, 30, 120):
        project = make_project()
        project.registry("actors", {"alpha": {"name": "Alpha"}})
        terms = {"actors": ["Alpha", "Beta"], "locations": ["Raqqa"], "tags": ["oil"]}
        page = project.article("constant", "2017-09-15", body="Same body.", **terms)
        # Its neighbours by date, which its page steps to, the same whatever the size.
        for n, day in ((998, "2017-09-14"), (999, "2017-09-16")):
            project.article(f"filler-{n}", day, title=f"Filler story number {n}", body="Same.")
        for n in range(fillers):
            project.article(
                f"filler-{n:03d}",
                f"2017-{1 + n % 9:02d}-{10 + n % 18:02d}",
                title=f"Filler story number {n:03d}",
                body="Same filler body.",
                **terms,
            )
        site = project.build()
        related = site.content(page).select(".na-related .na-list--rows > li")
        assert len(related) == 5
        assert site.exists("actors/alpha/page/2/") == (fillers + 1 > 25)
        sizes[fillers] = site.file(page).stat().st_size
    assert max(sizes.values()) - min(sizes.values()) <= 100, sizes


def _fragments(site_root: Path) -> dict[str, dict]:
    """Pagefind's record of each indexed page (``pf_fragment``: gzip of ``pagefind_dcd`` and
    JSON), by its address."""
    records = {}
    for file in sorted(site_root.glob("pagefind/**/*.pf_fragment")):
        data = gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        records[record["url"]] = record
    return records


def test_what_only_search_reads_is_indexed_but_not_published(project: Project) -> None:
    """Filters, sort keys, the terms' other spellings: the index gets them from the page's
    indexed copy; the published page, which every reader downloads, carries none of them."""
    project.registry("sources", SOURCES)
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["Daesh"]}})
    page = project.article(
        "siege-broken",
        "2017-09-05",
        source="LW",
        actors=["Islamic State"],
        locations=["Deir ez-Zor"],
        body='Its writer quotes " data-pagefind-filter="actor" and 2 > 1.',
    )
    site = project.build(strict=True)
    text = site.file(page).read_text(encoding="utf-8")
    body = site.content(page).select_one("#na-article-text")

    # The contributor's text is as written; nothing of ours is left.
    assert body.get_text().strip() == 'Its writer quotes " data-pagefind-filter="actor" and 2 > 1.'
    body.decompose()
    ours = site.html(page)
    assert not [tag for tag in ours.find_all(True) if any("pagefind" in a for a in tag.attrs)]
    assert "Daesh" not in text and ours.select(".na-aliases, [hidden]:not(label, button)") == []
    assert ours.select_one(".na-terms a").get_text() == "Islamic State"

    record = _fragments(site.root)[f"/{page}"]
    assert record["filters"]["actor"] == ["Islamic State"]
    assert record["filters"]["location"] == ["Deir ez-Zor"]
    assert record["filters"]["source"] == ["Levant Wire"]
    assert record["filters"]["year"] == ["2017"]
    assert record["meta"]["title"] == "Siege broken"
    assert "Daesh" in record["content"]
    assert "min read" not in record["content"]
