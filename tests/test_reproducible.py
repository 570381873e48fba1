"""The same content gives a byte-identical site, so reviewers can diff builds.

Two cold builds, each with its own cache and site folder, in folders of their own, must
agree on every file (pages, feeds, data, the sitemap, the search index); and a build that
reuses a cache must give that same site. The cold build is built once for both checks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Project

CACHE = ".cache/news-archive"


def digest(root: Path) -> dict[str, str]:
    return {
        file.relative_to(root).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(root.rglob("*"))
        if file.is_file()
    }


def fill(project: Project) -> None:
    project.site_url = "https://example.github.io/archive/"
    project.options = {"search_shard_size": 4}  # several search shards, from six articles
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    for n in range(6):
        project.article(
            f"story-{n}",
            f"2017-{9 + n % 3:02d}-{n + 1:02d}",
            actors=["IS", f"Group {n % 2}"],
            tags=["siege", "oil"][: 1 + n % 2],
        )


def counts(project: Project) -> dict[str, int]:
    return json.loads((project.root / "timings.json").read_text())["counts"]


@pytest.fixture
def cold(
    make_project: Callable[[], Project], monkeypatch: pytest.MonkeyPatch
) -> tuple[Project, dict[str, str]]:
    """A project built cold, and the digest of its site."""
    project = make_project()
    monkeypatch.setenv("NEWS_ARCHIVE_TIMINGS", str(project.root / "timings.json"))
    fill(project)
    site = digest(project.build(strict=True).root)
    assert counts(project).get("files_reused", 0) == 0
    return project, site


def test_two_cold_builds_with_separate_caches_are_identical(
    cold: tuple[Project, dict[str, str]], make_project: Callable[[], Project]
) -> None:
    first, site = cold
    other = make_project()
    fill(other)
    assert digest(other.build(strict=True).root) == site
    assert first.root != other.root
    for published in ("feed.xml", "api/articles.json", "sitemap-all.xml", "404.html"):
        assert published in site
    assert sum(name.startswith("pagefind") for name in site) > 10
    assert sum(name.endswith("/feed.xml") for name in site) > 3
    sitemap = (first.root / "site/sitemap-all.xml").read_text()
    assert "<lastmod>2017-11-06</lastmod>" in sitemap  # the newest article's date
    assert "<lastmod>2017-09-01</lastmod>" in sitemap  # an article's own date


@pytest.mark.parametrize("site_kept", [False, True], ids=["site deleted", "site kept"])
def test_a_warm_build_is_the_cold_build(
    cold: tuple[Project, dict[str, str]], site_kept: bool
) -> None:
    """With the site deleted (CI keeps only the cache) or left from the last build."""
    project, site = cold
    if not site_kept:
        shutil.rmtree(project.root / "site")
    assert digest(project.build(strict=True).root) == site
    reused = counts(project)
    assert reused["files_reused"] > 0
    assert reused["search_shards_reused"] > 0
