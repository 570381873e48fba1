"""The build states the site's size and warns past the host's limits
(``core/publishing/site_size.py``, ``core/publishing/hosts.py``): the figures are the site's own,
the kinds add up, and a site too large for its host fails ``--strict``."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from conftest import BuiltSite, Project
from news_archive.config import settings_from_options
from news_archive.core.publishing.hosts import (
    EXPLORE,
    FEED_ITEMS,
    FORMER_PAGES,
    HOSTS,
    LATER_PER_PAGE,
    REDUCTIONS,
    RELATED,
    RELATED_BRIEF,
    SEARCH_OFF,
    HostError,
    HostLimits,
    host_limits,
    limit_bytes,
    overruns,
)
from news_archive.core.publishing.site_size import (
    ARCHIVE,
    ARTICLES,
    ASSETS,
    DATA,
    FEEDS,
    KINDS,
    OTHER,
    SEARCH,
    SITEMAPS,
    TERM_PAGES,
    Layout,
    SiteSize,
    human_bytes,
    measure_site,
)

TINY_HOST = {"name": "Tiny host", "max_bytes": 1000, "max_files": 10, "max_file_bytes": 100_000}

# One file of every kind, by the archive's own URLs (../shared/CONTRACT.md).
TREE = {
    "index.html": OTHER,
    "404.html": OTHER,
    "search/index.html": OTHER,
    "map/index.html": OTHER,
    "articles/2017/09/russia-denies/index.html": ARTICLES,
    "tags/index.html": TERM_PAGES,
    "tags/page/2/index.html": TERM_PAGES,
    "tags/airstrikes/index.html": TERM_PAGES,
    "actors/sdf/index.html": TERM_PAGES,
    "actors/sdf/page/3/index.html": TERM_PAGES,
    "locations/syria/index.html": TERM_PAGES,
    "sources/rt/index.html": TERM_PAGES,
    "actors/sdf/feed.xml": FEEDS,
    "feed.xml": FEEDS,
    "archive/index.html": ARCHIVE,
    "archive/2017/09/page/2/index.html": ARCHIVE,
    "latest/index.html": ARCHIVE,
    "latest/page/4/index.html": ARCHIVE,
    "api/articles.json": DATA,
    "api/articles.csv": DATA,
    "api/places.geojson": DATA,
    "pagefind/pagefind-entry.json": SEARCH,
    "pagefind/part-1/fragment/en_1.pf_fragment": SEARCH,
    "assets/news-archive/archive.css": ASSETS,
    "assets/news-archive/vendor/leaflet/leaflet.js": ASSETS,
    "assets/javascripts/bundle.min.js.map": ASSETS,
    "sitemap.xml": SITEMAPS,
    "sitemap-all.xml": SITEMAPS,
    "sitemap-all-2.xml": SITEMAPS,
    "robots.txt": SITEMAPS,
    "articles.html": OTHER,
    "tags.html": OTHER,
}


def write_tree(root: Path, paths: dict[str, str]) -> dict[str, int]:
    """Each file gets a different length, so that a file counted twice or in the wrong kind
    shows in the sums; returns each path's length."""
    sizes = {}
    for number, path in enumerate(paths, start=1):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x" * (number * 7))
        sizes[path] = number * 7
    return sizes


def walked_total(site: Path) -> tuple[int, int]:
    """The site's bytes and files, counted independently of the module under test."""
    sizes = [
        os.path.getsize(os.path.join(folder, name))
        for folder, _dirs, names in os.walk(site)
        for name in names
    ]
    return sum(sizes), len(sizes)


def test_every_file_is_counted_once_in_its_kind(tmp_path: Path) -> None:
    sizes = write_tree(tmp_path, TREE)
    size = measure_site(tmp_path, Layout())
    for kind in KINDS:
        expected = [length for path, length in sizes.items() if TREE[path] == kind]
        assert (size.by_kind[kind].bytes, size.by_kind[kind].files) == (
            sum(expected),
            len(expected),
        ), kind
    assert (size.total.bytes, size.total.files) == walked_total(tmp_path)
    assert size.largest_file == ("tags.html", max(sizes.values()))


def test_term_pages_are_split_by_taxonomy(tmp_path: Path) -> None:
    sizes = write_tree(tmp_path, TREE)
    size = measure_site(tmp_path, Layout())
    actors = [sizes[p] for p in TREE if p.startswith("actors/") and not p.endswith("feed.xml")]
    assert size.by_taxonomy["actors"].bytes == sum(actors)
    assert size.by_taxonomy["actors"].files == 2
    assert sum(t.bytes for t in size.by_taxonomy.values()) == size.by_kind[TERM_PAGES].bytes
    assert set(size.by_taxonomy) == {"tags", "actors", "locations", "sources"}


def test_kinds_follow_the_settings(tmp_path: Path) -> None:
    settings = settings_from_options(
        {"articles_dir": "stories", "taxonomies": {"people": {}, "tags": {}}}
    )
    layout = Layout.of(settings)
    assert layout.kind_of("stories/2017/09/x/index.html") == (ARTICLES, None)
    assert layout.kind_of("articles/2017/09/x/index.html") == (OTHER, None)
    assert layout.kind_of("people/jane-doe/index.html") == (TERM_PAGES, "people")
    assert layout.kind_of("people/jane-doe/feed.xml") == (FEEDS, None)
    assert layout.kind_of("actors/sdf/index.html") == (OTHER, None)


def test_links_are_not_followed_and_count_as_the_small_file_they_are(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write_tree(outside, {"big/a.html": OTHER, "big/b.html": OTHER})
    site = tmp_path / "site"
    write_tree(site, {"index.html": OTHER})
    (site / "loop").symlink_to(site)
    (site / "big").symlink_to(outside / "big")
    size = measure_site(site, Layout())
    assert size.total.files == 3
    link_lengths = sum(os.lstat(site / name).st_size for name in ("loop", "big"))
    assert size.total.bytes == 7 + link_lengths
    assert size.folders == 0


def test_folders_and_the_fullest_folder(tmp_path: Path) -> None:
    write_tree(tmp_path, {f"tags/t{n}/index.html": TERM_PAGES for n in range(5)})
    size = measure_site(tmp_path, Layout())
    assert size.folders == 6
    assert size.fullest_folder == ("tags/", 5)


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("github-pages", HOSTS["github-pages"]),
        ("none", None),
        (
            {"name": "My VPS", "max_bytes": 5_000_000_000},
            HostLimits("My VPS", max_bytes=5_000_000_000),
        ),
    ],
)
def test_the_host_option(option: object, expected: HostLimits | None) -> None:
    assert host_limits(option) == expected  # type: ignore[arg-type]


def test_the_hosts_documented_limits() -> None:
    github, gitlab = HOSTS["github-pages"], HOSTS["gitlab-pages"]
    cloudflare, netlify = HOSTS["cloudflare-pages"], HOSTS["netlify"]
    assert github is not None and limit_bytes(github.max_bytes or 0) == "1 GB"
    assert gitlab is not None and (gitlab.max_bytes, gitlab.max_files) == (10**9, 200_000)
    assert cloudflare is not None and cloudflare.max_files == 20_000
    assert limit_bytes(cloudflare.max_file_bytes or 0) == "25 MiB"
    assert netlify is not None and netlify.max_folder_entries == 54_000


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "github_pages",
            "'host' must be one of github-pages, gitlab-pages, cloudflare-pages, netlify, none, "
            "or a mapping with the limits of another host (name, max_bytes, max_files, "
            "max_file_bytes), got 'github_pages'; did you mean 'github-pages'? "
            "'none' checks no limit",
        ),
        ({"max_size": 10}, "'host' has unknown keys: max_size; it takes name, max_bytes, "),
        ({"max_files": "many"}, "'host': 'max_files' must be a whole number"),
        ({"max_bytes": 0}, "'host': 'max_bytes' must be 1 or more, got 0"),
    ],
)
def test_a_host_option_that_cannot_work_says_why(option: object, message: str) -> None:
    with pytest.raises(HostError) as raised:
        host_limits(option)  # type: ignore[arg-type]
    assert str(raised.value).startswith(message)


def test_gitlab_counts_folders_among_its_files(tmp_path: Path) -> None:
    write_tree(tmp_path, {f"tags/t{n}/index.html": TERM_PAGES for n in range(5)})
    size = measure_site(tmp_path, Layout())
    files_only = HostLimits("Files only", max_files=5)
    with_folders = HostLimits("Folders too", max_files=5, folders_are_files=True)
    assert overruns(size, files_only) == []
    [message] = overruns(size, with_folders)
    assert message.startswith("the site has 11 files and folders, past what Folders too")


def test_one_file_over_the_hosts_limit_is_named(tmp_path: Path) -> None:
    write_tree(tmp_path, {"api/articles.json": DATA, "index.html": OTHER})
    size = measure_site(tmp_path, Layout())
    [message] = overruns(size, HostLimits("Small files", max_file_bytes=10))
    assert message.startswith(
        "index.html is 14 bytes, past what Small files publishes in one file (10 bytes)"
    )


def test_a_folder_with_too_many_entries_is_named(tmp_path: Path) -> None:
    write_tree(tmp_path, {f"actors/a{n}/index.html": TERM_PAGES for n in range(4)})
    size = measure_site(tmp_path, Layout())
    [message] = overruns(size, HostLimits("Few per folder", max_folder_entries=3))
    assert message.startswith("the folder actors/ holds 4 files and folders, past what")


# Real builds.


def small_archive(project: Project) -> None:
    project.article("first", actors=["SDF", "ISIS"], tags=["airstrikes"], locations=["Syria"])
    project.article("second", date="2017-10-02", actors=["SDF"], locations=["Raqqa"])
    project.article("third", date="2018-01-05", tags=["ceasefire"], source="RT")


def size_lines(site: BuiltSite, level: int = logging.INFO) -> list[str]:
    return [
        record.getMessage()
        for record in site.records
        if record.levelno == level and record.name.endswith("news_archive.build_report")
    ]


def test_the_build_states_the_sites_size_and_files(project: Project) -> None:
    small_archive(project)
    site = project.build()
    total, files = walked_total(site.root)
    line = next(m for m in size_lines(site) if m.startswith("news_archive: the site is"))
    assert line.startswith(f"news_archive: the site is {human_bytes(total)} in {files:,} files (")
    assert line.endswith(
        "; GitHub Pages publishes up to 1 GB (soft limit of 100 GB of bandwidth a month)"
    )
    size = measure_site(site.root, Layout())
    assert (size.total.bytes, size.total.files) == (total, files)
    assert sum(t.bytes for t in size.by_kind.values()) == total
    assert sum(t.files for t in size.by_kind.values()) == files
    for kind in (ARTICLES, TERM_PAGES, ARCHIVE, FEEDS, DATA, SEARCH, ASSETS, SITEMAPS):
        assert size.by_kind[kind].files, f"a default build has {kind}"
        assert f"{kind} {human_bytes(size.by_kind[kind].bytes)}" in line
    assert size_lines(site, logging.WARNING) == []
    # The last thing the build says about the site: nothing is written after it.
    assert size_lines(site)[-1] == line


def test_past_the_hosts_limits_a_plain_build_warns_what_takes_the_space(project: Project) -> None:
    small_archive(project)
    project.options = {"host": TINY_HOST}
    site = project.build()
    size = measure_site(site.root, Layout())
    largest = [kind for kind, _tally in size.largest_kinds("bytes")[:3]]
    by_bytes, by_files, one_file = size_lines(site, logging.WARNING)
    assert by_bytes.startswith(
        f"news_archive: the site is {human_bytes(size.total.bytes)}, past what Tiny host "
        f"publishes (1 kB); the most is in {largest[0]} "
    )
    for kind in largest:
        assert kind in by_bytes
    assert "'search: false' (no search)" in by_files
    assert by_files.startswith(
        f"news_archive: the site has {size.total.files:,} files, past what Tiny host "
        f"publishes (10); the most is in "
    )
    assert "the 'host' option" in by_bytes and "the 'host' option" in by_files
    path, largest_bytes = size.largest_file
    assert one_file.startswith(
        f"news_archive: {path} is {human_bytes(largest_bytes)}, past what Tiny host publishes "
        f"in one file (100 kB)"
    )
    info = size_lines(site)[-1]
    assert info.endswith("; Tiny host publishes up to 1 kB, 10 files, 100 kB a file")


def test_past_the_hosts_limits_a_strict_build_fails(project: Project) -> None:
    small_archive(project)
    project.options = {"host": TINY_HOST}
    with pytest.raises(Abort):
        project.build(strict=True)
    assert any("past what Tiny host publishes" in m for m in project.last_messages)


def test_host_none_checks_no_limit(project: Project) -> None:
    small_archive(project)
    project.options = {"host": "none"}
    site = project.build(strict=True)
    assert size_lines(site, logging.WARNING) == []
    line = size_lines(site)[-1]
    total, files = walked_total(site.root)
    assert line.startswith(f"news_archive: the site is {human_bytes(total)} in {files:,} files")
    assert line.endswith(")")  # no host's limits after the kinds


def test_an_unknown_host_is_a_clear_configuration_error(project: Project) -> None:
    small_archive(project)
    project.options = {"host": "github_pages"}
    with pytest.raises(Abort):
        project.build()
    assert any(
        "news-archive: 'host' must be one of github-pages" in m and "did you mean" in m
        for m in project.last_messages
    )
    assert not (project.root / "site" / "index.html").exists()


# What each reduction the warning names is set to, from a site of one article per page.
REDUCED = {
    EXPLORE: {"explore": False},
    LATER_PER_PAGE: {"later_per_page": 3},
    RELATED_BRIEF: {"related_summaries": False},
    RELATED: {"related_count": 0},
    FEED_ITEMS: {"feed_items": 0},
    SEARCH_OFF: {"search": False},
    FORMER_PAGES: {"later_per_page": 3, "former_pages": False},
}
BASE_OF = {FORMER_PAGES: {"later_per_page": 3}}
"""A reduction measured against a site other than the first: pointers to former page
numbers exist only where later pages hold more than the first."""


def test_every_option_the_warning_names_makes_its_kind_smaller(
    make_project: Callable[[], Project],
) -> None:
    def measured(options: dict[str, object]) -> SiteSize:
        project = make_project()
        small_archive(project)
        project.article("fourth", date="2018-02-01", actors=["SDF"], tags=["airstrikes"])
        project.options = {
            "per_page": 1,
            "later_per_page": 1,
            "related_summaries": True,
            **options,
        }
        return measure_site(project.build().root, Layout())

    bases: dict[str, SiteSize] = {}
    for reduction, options in REDUCED.items():
        base_options = BASE_OF.get(reduction, {})
        key = repr(sorted(base_options.items()))
        if key not in bases:
            bases[key] = measured(base_options)
        base = bases[key]
        smaller = measured(options)
        for kind, reductions in REDUCTIONS.items():
            for named, fewer_files in reductions:
                if named != reduction:
                    continue
                assert smaller.by_kind[kind].bytes < base.by_kind[kind].bytes, (kind, options)
                if fewer_files:
                    assert smaller.by_kind[kind].files < base.by_kind[kind].files, (kind, options)
    named = {reduction for reductions in REDUCTIONS.values() for reduction, _ in reductions}
    assert named == set(REDUCED)
