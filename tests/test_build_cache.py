"""The cache of read articles: unchanged articles are not read again, and nothing else is reused.

Whether an article was read is seen in the build's counters (``NEWS_ARCHIVE_TIMINGS``), never
in its timing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

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


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def edit_in_place(file: Path) -> bool:
    """Change one ASCII letter of ``file`` where it is, keeping its size and its times, as a
    tool rewriting a file (or a cache restored from a tampered store) may; false if the
    file has no letter to change."""
    data = bytearray(file.read_bytes())
    middle = len(data) // 2
    letters = (i for i in [*range(middle, len(data)), *range(middle)] if _is_letter(data[i]))
    at = next(letters, None)
    if at is None:
        return False
    before = os.stat(file)
    data[at] ^= 0x20  # the letter's other case
    with open(file, "r+b") as out:  # the same file (and inode): no new one
        out.write(data)
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(file)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    return True


def _is_letter(byte: int) -> bool:
    return chr(byte).isascii() and chr(byte).isalpha()


def cold_site(project: Project) -> dict[str, bytes]:
    """The site of the same content built with no cache."""
    shutil.rmtree(project.root / ".cache")
    site = project.build(strict=True)
    assert build_counts(project).get("files_reused", 0) == 0
    return snapshot(site.root)


@pytest.mark.parametrize("where", ["site", "cache"])
def test_files_edited_in_place_keeping_size_and_time_are_never_published(
    counted: Project, where: str
) -> None:
    """The cache's entries are hard links to the site's files: a host editing ``site/``
    after a build edits them too. Every page, feed, data file and search shard is edited
    (in the site, or in the cache itself) without changing its size or time; the next build
    must be the cold build, byte for byte."""
    three_articles(counted)
    counted.build(strict=True)
    folder = counted.root / ("site" if where == "site" else f"{CACHE}/outputs")
    edited = [
        file
        for file in folder.rglob("*")
        if file.is_file() and file.name != "manifest.json" and edit_in_place(file)
    ]
    assert len(edited) > 20
    warm = snapshot(counted.build(strict=True).root)
    warm_counts = build_counts(counted)
    healed = snapshot(counted.build(strict=True).root)  # the entries made afresh are kept
    healed_counts = build_counts(counted)
    cold = cold_site(counted)
    assert [name for name in cold if warm.get(name) != cold[name]] == []
    assert warm == healed == cold
    assert warm_counts.get("files_dropped", 0) > 0
    assert healed_counts["files_reused"] > 0
    assert healed_counts.get("files_dropped", 0) == 0


def build_counts(project: Project) -> dict[str, int]:
    return json.loads((project.root / "timings.json").read_text())["counts"]


def test_a_record_edited_in_the_article_cache_is_read_again(counted: Project) -> None:
    """A title changed inside the cache's record, its JSON still valid, must reach neither
    the page nor the data (``api/articles.json`` and ``.csv``) nor the feeds."""
    pages = three_articles(counted)
    counted.build(strict=True)
    (cache_file,) = (counted.root / CACHE).glob("articles-*.json")
    cached = json.loads(cache_file.read_text())
    for record in cached["entries"].values():
        text = json.dumps(record).replace('"First"', '"Tampered"')
        record.clear()
        record.update(json.loads(text))
    assert "Tampered" in json.dumps(cached)
    cache_file.write_text(json.dumps(cached))
    site = counted.build(strict=True)
    hits, dropped = counts(counted), build_counts(counted).get("read_cache_dropped", 0)
    assert site.content(pages[0]).h1.get_text() == "First"
    warm = snapshot(site.root)
    assert [name for name, content in warm.items() if b"Tampered" in content] == []
    assert warm == cold_site(counted)
    assert hits == {"hits": 2, "misses": 1}
    assert dropped == 1


def test_a_record_copied_under_another_article_s_key_is_read_again(counted: Project) -> None:
    """Each record is checked together with the key it is filed under, the hash of the
    article's file: a record copied under another file's key would publish one article twice
    and lose the other."""
    pages = three_articles(counted)
    counted.build(strict=True)
    (cache_file,) = (counted.root / CACHE).glob("articles-*.json")
    cached = json.loads(cache_file.read_text())
    entries = cached["entries"]
    first, second = sorted(entries, key=lambda key: json.dumps(entries[key]))[:2]
    entries[second] = entries[first]
    cache_file.write_text(json.dumps(cached))
    site = counted.build(strict=True)
    hits, dropped = counts(counted), build_counts(counted).get("read_cache_dropped", 0)
    assert [site.content(page).h1.get_text() for page in pages] == ["First", "Second", "Third"]
    assert snapshot(site.root) == cold_site(counted)
    assert hits == {"hits": 2, "misses": 1}
    assert dropped == 1
