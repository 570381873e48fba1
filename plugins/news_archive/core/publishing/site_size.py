"""What a built site weighs, and which of the archive's parts the weight is in.

Hosts limit a published site by its bytes and its files, so the build states both and splits
them by the kinds of file the archive publishes (``../shared/CONTRACT.md``): a maintainer past
a limit needs to know which part to make smaller, and a benchmark needs to see which part
grew. Sizes are apparent sizes, the sum of the files' lengths (what ``du --apparent-size``
counts and what a host receives), never the blocks a disk happens to allocate.

The site is walked once with ``os.scandir``, never through a symbolic link (a link is counted
as the small file it is, as hosts that accept links count it), so the walk is linear in the
files and cannot loop.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.taxonomy import ArchiveSettings
from .open_data import API_DIR
from .site_identity import FEED_NAME
from .sitemap import FULL_SITEMAP, ROBOTS, SITEMAP

ARTICLES = "articles"
TERM_PAGES = "term pages"
ARCHIVE = "archive"
FEEDS = "feeds"
DATA = "data"
SEARCH = "search"
ASSETS = "assets"
SITEMAPS = "sitemap"
OTHER = "other"
KINDS = (ARTICLES, TERM_PAGES, ARCHIVE, FEEDS, DATA, SEARCH, ASSETS, SITEMAPS, OTHER)
"""Every kind, in the order a report lists them when their sizes are equal."""

DATE_LISTS = ("archive", "latest")
"""The archive by date and the latest articles (``core/planning/site_plan.py``)."""
SEARCH_DIR = "pagefind"
"""Pagefind's index and its shards (``core/planning/search_layout.py``)."""
ASSETS_DIR = "assets"
"""The theme's and the archive's stylesheets, scripts, fonts and Leaflet's files."""
SOURCE_MAP = ".map"
"""Source maps of the theme's scripts and stylesheets, wherever they are."""


@dataclass(frozen=True)
class Layout:
    """Where each kind lives in a site: the parts that depend on the settings."""

    articles_dir: str = "articles"
    taxonomies: tuple[str, ...] = ("tags", "actors", "locations", "sources")

    @classmethod
    def of(cls, settings: ArchiveSettings) -> Layout:
        return cls(settings.articles_dir.strip("/"), tuple(t.name for t in settings.taxonomies))

    def kind_of(self, path: str) -> tuple[str, str | None]:
        """The kind of the file at site path ``path`` (``actors/isis/page/2/index.html``),
        and for a term page its taxonomy."""
        first, _, rest = path.partition("/")
        name = path.rsplit("/", 1)[-1]
        if name == FEED_NAME:
            return FEEDS, None
        if path == self.articles_dir or path.startswith(f"{self.articles_dir}/"):
            return ARTICLES, None
        if rest and first in self.taxonomies:
            return TERM_PAGES, first
        if rest and first in DATE_LISTS:
            return ARCHIVE, None
        if rest and first == API_DIR:
            return DATA, None
        if rest and first == SEARCH_DIR:
            return SEARCH, None
        if (rest and first == ASSETS_DIR) or name.endswith(SOURCE_MAP):
            return ASSETS, None
        if path in (SITEMAP, ROBOTS) or (not rest and _is_full_sitemap(name)):
            return SITEMAPS, None
        return OTHER, None


@dataclass
class Tally:
    """Bytes and files of one part of a site."""

    bytes: int = 0
    files: int = 0

    def add(self, size: int) -> None:
        self.bytes += size
        self.files += 1


@dataclass
class SiteSize:
    """A built site's bytes and files, in total and by kind (every kind is present)."""

    total: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    by_taxonomy: dict[str, Tally] = field(default_factory=dict)
    """Term pages of each taxonomy: its index, its terms' pages and their continuations."""
    folders: int = 0
    """Folders under the site's root: some hosts count them as files."""
    largest_file: tuple[str, int] = ("", 0)
    """The site path and size of the largest file: hosts limit one file's size too."""
    fullest_folder: tuple[str, int] = ("", 0)
    """The folder holding the most entries (files and folders), and how many."""

    def add(self, path: str, size: int, layout: Layout) -> None:
        kind, taxonomy = layout.kind_of(path)
        self.total.add(size)
        self.by_kind[kind].add(size)
        if taxonomy is not None:
            self.by_taxonomy.setdefault(taxonomy, Tally()).add(size)
        if size > self.largest_file[1]:
            self.largest_file = (path, size)

    def largest_kinds(self, by: str = "bytes") -> list[tuple[str, Tally]]:
        """The kinds holding anything, the largest first (by ``bytes`` or ``files``)."""
        held = [(kind, tally) for kind, tally in self.by_kind.items() if tally.files]
        return sorted(held, key=lambda pair: -getattr(pair[1], by))

    def share(self, kind: str, by: str = "bytes") -> float:
        whole = getattr(self.total, by)
        return getattr(self.by_kind[kind], by) / whole if whole else 0.0


def measure_site(site_dir: Path, layout: Layout) -> SiteSize:
    """Walk ``site_dir`` once and add up its files by kind."""
    size = SiteSize()
    folders = [("", str(site_dir))]
    while folders:
        prefix, folder = folders.pop()
        entries = 0
        for entry in _entries(folder):
            entries += 1
            path = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                size.folders += 1
                folders.append((path + "/", entry.path))
            else:
                size.add(path, entry.stat(follow_symlinks=False).st_size, layout)
        if entries > size.fullest_folder[1]:
            size.fullest_folder = (prefix or "/", entries)
    return size


def _entries(folder: str) -> Iterable[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        yield from entries


def human_bytes(count: float) -> str:
    """``214.3 MB``: decimal units, as hosts state their limits (``1 GB``)."""
    for unit in ("bytes", "kB", "MB"):
        if count < 1000:
            return f"{count:,.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:,.2f} GB"


def _is_full_sitemap(name: str) -> bool:
    """``sitemap-all.xml``, or one of its parts ``sitemap-all-N.xml`` past the protocol's
    limit of addresses."""
    stem = FULL_SITEMAP.removesuffix(".xml")
    return name == FULL_SITEMAP or (
        name.startswith(f"{stem}-") and name.endswith(".xml") and name[len(stem) + 1 : -4].isdigit()
    )
