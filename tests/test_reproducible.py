"""The same content gives a byte-identical site, so reviewers can diff builds."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import Project


def digest(root: Path) -> dict[str, str]:
    return {
        file.relative_to(root).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(root.rglob("*"))
        if file.is_file()
    }


def test_two_builds_of_the_same_content_are_identical(project: Project) -> None:
    project.site_url = "https://example.github.io/archive/"
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    for n in range(6):
        project.article(
            f"story-{n}",
            f"2017-{9 + n % 3:02d}-{n + 1:02d}",
            actors=["IS", f"Group {n % 2}"],
            tags=["siege", "oil"][: 1 + n % 2],
        )
    first = digest(project.build().root)
    second = digest(project.build().root)
    assert first == second
    assert "sitemap.xml.gz" in first
    sitemap = (project.root / "site/sitemap.xml").read_text()
    assert "<lastmod>2017-11-06</lastmod>" in sitemap  # the newest article's date
    assert "<lastmod>2017-09-01</lastmod>" in sitemap  # an article's own date
