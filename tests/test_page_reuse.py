"""Reusing an earlier build's pages: a warm build gives, byte for byte, the site a cold build
gives, after every kind of edit a contributor or maintainer makes.

Each case builds once (filling the cache), edits, builds again with the cache (counting the
pages it reused, so that a case cannot pass by reusing nothing), then builds the same content
with no cache at all and compares the two sites file by file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Project

CACHE = ".cache/news-archive"


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def counts(project: Project) -> dict[str, int]:
    return json.loads((project.root / "timings.json").read_text())["counts"]


def corpus(project: Project) -> None:
    project.registry(
        "actors",
        {
            "islamic-state": {"name": "Islamic State", "aliases": ["IS", "Daesh"]},
            "jane-roe": {"name": "Jane Roe", "kind": "person"},
        },
    )
    project.registry(
        "locations",
        {"raqqa": {"name": "Ar-Raqqah", "aliases": ["Raqqa"], "coordinates": [35.95, 39.01]}},
    )
    for day in range(1, 10):
        actors = ["Islamic State", "Jane Roe"] if day % 2 else ["Daesh"]
        project.article(
            f"report-{day}",
            f"2017-{9 + day % 3:02d}-{day:02d}",
            title=f"Report number {day}",
            actors=actors,
            locations=["Raqqa"] if day % 3 else [],
            tags=["oil"] if day % 4 == 0 else ["war"],
            body=f"The body of report {day}, about the river crossing.",
        )
    project.write("content/about.md", "# About\n\nWho we are.\n")


def edit_body(project: Project) -> None:
    path = project.content / "articles/2017/11/report-2.md"
    path.write_text(path.read_text().replace("river crossing", "bridge"))


def edit_title(project: Project) -> None:
    """A title shows on the article, in its related lists, its terms' pages and the feeds."""
    path = project.content / "articles/2017/09/report-3.md"
    path.write_text(path.read_text().replace("Report number 3", "Report number three"))


def edit_registry(project: Project) -> None:
    """A term's name shows on every article that names it."""
    path = project.root / "site_config/actors.yml"
    path.write_text(path.read_text().replace("Jane Roe", "Jane Q. Roe"))


def add_article(project: Project) -> None:
    project.article(
        "late-report", "2017-11-30", actors=["Islamic State", "New Actor"], tags=["war"]
    )


def delete_article(project: Project) -> None:
    (project.content / "articles/2017/10/report-1.md").unlink()


def add_link(project: Project) -> None:
    """A link to another article depends on that article's address."""
    path = project.content / "articles/2017/11/report-5.md"
    path.write_text(path.read_text() + "\nSee [the earlier report](../10/report-4.md).\n")


def rename_site(project: Project) -> None:
    project.mkdocs_extra["site_name"] = "Renamed archive"


def edit_home_page(project: Project) -> None:
    """The navigation shows hand-written pages' titles on every page."""
    project.write("content/about.md", "# About us\n\nWho we are.\n")


EDITS: dict[str, Callable[[Project], None]] = {
    "body": edit_body,
    "title": edit_title,
    "registry": edit_registry,
    "new article": add_article,
    "deleted article": delete_article,
    "link": add_link,
    "site name": rename_site,
    "hand-written page": edit_home_page,
}


def warm_then_cold(project: Project, edit: Callable[[Project], None]) -> tuple[dict, dict]:
    project.build(strict=True)
    edit(project)
    shutil.rmtree(project.root / "site")  # as in CI: only the cache is kept
    project.build(strict=True)
    warm = snapshot(project.root / "site")
    reused = counts(project).get("files_reused", 0)
    shutil.rmtree(project.root / ".cache")
    project.build(strict=True)
    assert counts(project).get("files_reused", 0) == 0
    return warm, {"reused": reused, "cold": snapshot(project.root / "site")}


@pytest.fixture
def counted(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("NEWS_ARCHIVE_TIMINGS", str(project.root / "timings.json"))
    project.options = {"search": False}
    return project


@pytest.mark.parametrize("name", list(EDITS))
def test_a_warm_build_after_an_edit_is_the_cold_build(counted: Project, name: str) -> None:
    corpus(counted)
    warm, result = warm_then_cold(counted, EDITS[name])
    assert warm == result["cold"]
    # The site's name and the hand-written pages' titles are in the navigation of every page.
    assert (result["reused"] > 0) == (name not in ("site name", "hand-written page"))


def test_an_unchanged_site_renders_none_of_its_pages_again(counted: Project) -> None:
    corpus(counted)
    counted.build(strict=True)
    first = counts(counted)
    assert first.get("files_reused", 0) == 0
    counted.build(strict=True)
    second = counts(counted)
    assert second["files_reused"] >= first["theme_framed"] > 0
    assert second.get("theme_framed", 0) == second.get("theme_rendered", 0) == 0


@pytest.mark.parametrize("edit", [edit_body, add_article], ids=["body", "new article"])
def test_search_shards_are_reused_or_rebuilt_from_the_cache(
    counted: Project, edit: Callable[[Project], None]
) -> None:
    """A new article moves the oldest of the newest shard into an older one."""
    counted.options = {"search": True, "search_shard_size": 3}
    corpus(counted)
    warm, result = warm_then_cold(counted, edit)
    assert warm == result["cold"]
    assert counts(counted).get("search_shards_reused", 0) == 0  # the cold build's count
    shards = len(list((counted.root / "site/pagefind").glob("**/pagefind-entry.json")))
    counted.build(strict=True)
    assert counts(counted)["search_shards_reused"] == shards  # nothing changed: every shard


def test_a_built_page_edited_in_place_is_not_reused(counted: Project) -> None:
    """The cache's entries are hard links to the site's files: an edit to the site's file
    must not come back in the next build."""
    corpus(counted)
    page = counted.build(strict=True).file("articles/2017/11/report-2/")
    with page.open("a", encoding="utf-8") as out:
        out.write("<!-- edited after the build -->")
    site = counted.build(strict=True)
    assert "edited after the build" not in site.file("articles/2017/11/report-2/").read_text()
    assert counts(counted)["files_reused"] > 0


@pytest.mark.parametrize("setting", ["cache off", "hook"])
def test_pages_are_rendered_every_time_when_reuse_is_unsafe(counted: Project, setting: str) -> None:
    corpus(counted)
    if setting == "cache off":
        counted.options["cache_dir"] = False
    else:  # a hook may change any page in ways the archive cannot see
        counted.write("hooks.py", "def on_page_content(html, **kwargs):\n    return html\n")
        counted.mkdocs_extra["hooks"] = ["hooks.py"]
    counted.build(strict=True)
    counted.build(strict=True)
    assert counts(counted).get("files_reused", 0) == 0


def test_mkdocs_search_sees_every_article_in_every_build(counted: Project) -> None:
    """MkDocs' own search (Material's, under this theme) reads each page as it is rendered:
    a page placed from the cache would be missing from its index."""
    corpus(counted)
    counted.mkdocs_extra["plugins"] = ["search", {"news-archive": counted.options}]
    articles = {
        f"{file.relative_to(counted.content).with_suffix('').as_posix()}/"
        for file in (counted.content / "articles").rglob("*.md")
    }
    indexes = []
    for _build in range(2):
        site = counted.build(strict=True)
        index = (site.root / "search/search_index.json").read_bytes()
        indexes.append(index)
        found = {doc["location"].split("#")[0] for doc in json.loads(index)["docs"]}
        assert articles <= found
    assert indexes[0] == indexes[1]
    assert counts(counted).get("files_reused", 0) == 0


def test_the_counts_say_each_file_placed_from_the_cache_once(counted: Project) -> None:
    """A build that changes nothing places its files from the cache (hard links, the cache
    being on the site's file system), and its counts say how many, each once."""
    counted.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    counted.article("dam-retaken", "2017-10-02", title="Dam retaken", actors=["SDF"])
    counted.build(strict=True)
    counted.build(strict=True)
    site = [path for path in (counted.root / "site").rglob("*") if path.is_file()]
    linked = [path for path in site if path.stat().st_nlink > 1]
    assert counts(counted)["files_reused"] == len(linked) > 0


def redate_across_a_month(project: Project) -> None:
    """Report 1 moves from October to September without changing places in its lists: the
    period anchors move on a later page of Islamic State's list that does not show it."""
    path = project.content / "articles/2017/10/report-1.md"
    text = path.read_text()
    assert text.count("2017-10-01") == 1
    path.unlink()
    moved = project.content / "articles/2017/09/report-1.md"
    moved.write_text(text.replace("2017-10-01", "2017-09-30"))


@pytest.mark.parametrize(
    ("edit", "reused"),
    [(edit_title, {2, 3, 4}), (redate_across_a_month, set())],
    ids=["title", "date across a month"],
)
def test_a_term_lists_later_pages_are_made_again_only_when_what_they_show_changes(
    counted: Project, edit: Callable[[Project], None], reused: set[int]
) -> None:
    """Islamic State's nine articles, two to a page (report 3 alone on page 5, report 1 on
    page 3 and report 9 first on page 4). A new title for report 3 changes the first page
    (its timeline and companions count every article) and page 5: pages 2 to 4 are the
    last build's. Report 1 moved into September moves the period anchors of page 4, which
    does not show it: the dates of every article are part of each page. A warm build equals
    a cold one."""
    counted.options = {**counted.options, "per_page": 2, "later_per_page": 2}
    corpus(counted)
    pages = counted.root / "site/actors/islamic-state"
    numbered = {1: pages / "index.html"} | {n: pages / f"page/{n}/index.html" for n in range(2, 6)}
    counted.build(strict=True)
    made = {n: path.stat().st_ino for n, path in numbered.items()}  # the cache links these
    edit(counted)
    shutil.rmtree(counted.root / "site")
    counted.build(strict=True)
    assert {n for n, path in numbered.items() if path.stat().st_ino == made[n]} == reused
    warm = snapshot(counted.root / "site")
    shutil.rmtree(counted.root / ".cache")
    counted.build(strict=True)
    assert warm == snapshot(counted.root / "site")


def test_a_feed_is_not_made_again_for_an_article_newer_than_all_it_does_not_list(
    counted: Project,
) -> None:
    """Only an empty feed carries the archive's newest date: a new newest article leaves
    the feeds of terms it does not name as the last build made them (placed from the
    cache), and a warm build equals a cold one."""
    counted.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    counted.article("dam-retaken", "2017-10-02", title="Dam retaken", tags=["Dams"])
    counted.registry("actors", {"sdf": {"name": "SDF"}, "ypg": {"name": "YPG"}})
    site = counted.root / "site"
    untouched, empty, named = (
        site / f"{term}/feed.xml" for term in ("tags/dams", "actors/ypg", "actors/sdf")
    )
    counted.build(strict=True)
    made = {path: path.stat().st_ino for path in (untouched, empty, named)}
    counted.article("ferry-sunk", "2018-03-01", title="Ferry sunk", actors=["SDF"])
    shutil.rmtree(site)
    counted.build(strict=True)
    assert untouched.stat().st_ino == made[untouched], "a feed the new article is not in"
    assert empty.stat().st_ino != made[empty], "an empty feed carries the newest date"
    assert named.stat().st_ino != made[named]
    assert "Ferry sunk" in named.read_text(encoding="utf-8")
    warm = snapshot(site)
    shutil.rmtree(counted.root / ".cache")
    counted.build(strict=True)
    assert warm == snapshot(site)


def test_an_article_renamed_as_it_was_is_linked_at_its_new_address_by_a_warm_build(
    counted: Project,
) -> None:
    """A file renamed, its text as it was: every list that shows it links to its new
    address (its fingerprint holds its path), and a warm build equals a cold one."""
    counted.article("convoy-struck", "2017-09-17", title="Convoy struck", tags=["Bridges"])
    counted.article("bridge-opened", "2017-11-05", title="Bridge opened", tags=["Bridges"])
    counted.build(strict=True)
    source = counted.content / "articles/2017/11/bridge-opened.md"
    source.rename(source.with_name("bridge-reopened.md"))
    site = counted.build(strict=True)
    assert "articles/2017/11/bridge-reopened/" in site.article_links("tags/bridges/")
    warm = snapshot(counted.root / "site")
    shutil.rmtree(counted.root / ".cache")
    shutil.rmtree(counted.root / "site")
    counted.build(strict=True)
    assert warm == snapshot(counted.root / "site")
