"""The site's sitemaps and ``robots.txt``, written by the archive
(``core/publishing/sitemap.py`` says why MkDocs' own sitemap will not do), with each page's
date from its content."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .core.publishing.sitemap import ROBOTS, SitemapEntry, robots_txt, sitemap_files
from .write_failure import write_into_site


def sitemap_entries(files: Files, placed: Iterable[SitemapEntry]) -> list[SitemapEntry]:
    """Every page MkDocs renders, then the pages ``placed`` into the site as they were."""
    return [
        SitemapEntry(page.canonical_url or page.abs_url or "", page.update_date or None)
        for page in (file.page for file in files.documentation_pages())
        if page is not None and not page.is_link and (page.canonical_url or page.abs_url)
    ] + list(placed)


def write_sitemaps(config: MkDocsConfig, entries: list[SitemapEntry]) -> None:
    """The sitemaps, and ``robots.txt`` naming them unless the site has its own."""
    site_dir, base_url = Path(config.site_dir), (config.site_url or "/").rstrip("/") + "/"
    for path, content in sitemap_files(entries, base_url):
        write_into_site(site_dir, path, content)
    if not (Path(config.docs_dir) / ROBOTS).exists():  # the site's own robots.txt wins
        write_into_site(site_dir, ROBOTS, robots_txt(config.site_url or ""))
