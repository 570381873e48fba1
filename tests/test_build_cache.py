"""The cache of read articles: unchanged articles are not read again, and nothing else is reused.

Whether an article was read is seen in the build's counters (``NEWS_ARCHIVE_TIMINGS``), never
in its timing.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import Project

CACHE = ".cache/news-archive"
PROBLEM = re.compile(r"^\S+:\d+: (error|warning): ")
"""A contributor's message (``path:line: error: ...``); other lines may carry durations."""


@pytest.fixture
def counted(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("NEWS_ARCHIVE_TIMINGS", str(project.root / "timings.json"))
    return project


def counts(project: Project) -> dict[str, int]:
    """How many articles the last build took from the cache, and how many it read."""
    found = json.loads((project.root / "timings.json").read_text())["counts"]
    return {"hits": found.get("read_cache_hits", 0), "misses": found.get("read_cache_misses", 0)}


def three_articles(project: Project) -> list[str]:
    return [
        project.article("first", "2017-09-01", actors=["Alpha"]),
        project.article("second", "2017-09-02", actors=["Alpha"], body="Second body."),
        project.article("third", "2017-09-03", tags=["oil"]),
    ]


def test_an_unchanged_article_is_not_read_again_and_a_changed_one_is(counted: Project) -> None:
    pages = three_articles(counted)
    counted.build(strict=True)
    assert counts(counted) == {"hits": 0, "misses": 3}

    counted.build(strict=True)
    assert counts(counted) == {"hits": 3, "misses": 0}

    second = counted.content / "articles/2017/09/second.md"
    second.write_text(second.read_text().replace("Second body.", "A corrected body."))
    site = counted.build(strict=True)
    assert counts(counted) == {"hits": 2, "misses": 1}
    assert "A corrected body." in site.content(pages[1]).get_text()


def test_a_changed_front_matter_is_seen_through_the_cache(counted: Project) -> None:
    pages = three_articles(counted)
    counted.build(strict=True)
    third = counted.content / "articles/2017/09/third.md"
    third.write_text(third.read_text().replace("title: Third", "title: Third, corrected"))
    site = counted.build(strict=True)
    assert site.content(pages[2]).h1.get_text() == "Third, corrected"
    assert site.article_links("tags/oil/") == [pages[2]]


def test_problems_are_reported_again_from_the_cache(counted: Project) -> None:
    counted.write(
        "content/articles/2017/09/broken.md",
        "---\ntitle: Broken\ndate: 17/09/2017\nsource: Wire\nurl: https://x.example/1\n---\nx\n",
    )
    first = counted.build()
    second = counted.build()
    assert counts(counted) == {"hits": 1, "misses": 0}
    assert problem_lines(second.problems()) == problem_lines(first.problems()) != []


def problem_lines(messages: list[str]) -> list[str]:
    """Only the problems: the plugin's other lines (the search index's) carry durations."""
    return [message for message in messages if PROBLEM.match(message)]


def test_deleting_the_cache_is_safe(counted: Project) -> None:
    pages = three_articles(counted)
    before = counted.build(strict=True).file(pages[0]).read_bytes()
    assert (counted.root / CACHE).is_dir()
    shutil.rmtree(counted.root / ".cache")
    site = counted.build(strict=True)
    assert counts(counted) == {"hits": 0, "misses": 3}
    assert site.file(pages[0]).read_bytes() == before


def test_a_damaged_cache_is_an_empty_one(counted: Project) -> None:
    pages = three_articles(counted)
    before = counted.build(strict=True).file(pages[0]).read_bytes()
    for file in (counted.root / CACHE).rglob("*"):
        if file.is_file():
            file.write_text('{"format": 1, "entries": {"x": ')
    site = counted.build(strict=True)
    assert counts(counted) == {"hits": 0, "misses": 3}
    assert site.file(pages[0]).read_bytes() == before


def test_a_cache_written_under_other_settings_is_not_reused(counted: Project) -> None:
    # Under the default settings 'topics' is no field of an article; once the tags are read
    # from 'topics', the same unchanged file is a valid article.
    counted.write(
        "content/articles/2017/09/topical.md",
        "---\ntitle: Topical\ndate: 2017-09-17\nsource: Wire\nurl: https://x.example/2\n"
        "topics: [oil]\n---\nBody.\n",
    )
    first = counted.build()
    assert not first.exists("articles/2017/09/topical/")
    counted.options = {"taxonomies": {"tags": {"field": "topics"}, "sources": {}}}
    site = counted.build(strict=True)
    assert counts(counted) == {"hits": 0, "misses": 1}
    assert site.article_links("tags/oil/") == ["articles/2017/09/topical/"]


def test_the_cache_lives_outside_the_content_and_can_be_moved_or_turned_off(
    counted: Project,
) -> None:
    three_articles(counted)
    counted.write("content/index.md", "# Home\n")
    written = sorted(p.relative_to(counted.content) for p in counted.content.rglob("*"))
    counted.options = {"cache_dir": "build-cache"}
    counted.build(strict=True)
    assert list((counted.root / "build-cache").glob("articles-*.json"))
    assert sorted(p.relative_to(counted.content) for p in counted.content.rglob("*")) == written

    shutil.rmtree(counted.root / "build-cache")
    counted.options = {"cache_dir": False}
    counted.build(strict=True)
    counted.build(strict=True)
    assert counts(counted) == {"hits": 0, "misses": 0}
    assert not (counted.root / "build-cache").exists()
    assert not (counted.root / ".cache").exists()
