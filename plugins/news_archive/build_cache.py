"""What a build takes from earlier builds, behind one object: ``NoCache`` (make everything,
keep nothing) or ``Cache``.

The plugin asks the same questions of either at the same points of the build: may an article
be read from the cache, which pages, articles and feeds can be placed into the site as an
earlier build made them, and what to keep for the next build. ``NoCache`` answers "none"
every time, so the plain path through the build reads as if there were no cache at all;
``Cache`` answers from ``.cache/news-archive`` (in ``core/caching/``: ``article_cache.py`` for
read articles, ``output_cache.py`` for made files, ``page_fingerprints.py`` for what each page
depends on; ``page_reuse.py`` for how MkDocs is told of a placed page).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from .config import DEFAULT_CACHE_DIR
from .core.caching.article_cache import ArticleCache
from .core.caching.output_cache import OutputCache
from .core.caching.page_fingerprints import (
    PageFingerprints,
    fingerprint_contents,
    fingerprint_pages,
)
from .core.indexing.archive import Archive
from .core.model.taxonomy import ArchiveSettings
from .core.planning.site_plan import PlannedPage
from .core.publishing.feeds import last_change
from .core.publishing.machine_files import MachineFile
from .core.publishing.sitemap import SitemapEntry
from .core.timing import Timings
from .page_reuse import BuiltPage, files_key, reuse_blocked_by, site_key
from .render import Renderer
from .search import Listed

if TYPE_CHECKING:
    from .reading import ReadArchive

log = get_plugin_logger(__name__)


class NoCache:
    """Every build reads every article and makes every page, feed and data file."""

    articles: ArticleCache | None = None
    """Articles read by an earlier build (``None``: each is read)."""
    outputs: OutputCache | None = None
    """Files an earlier build made (``None``: each is made)."""
    placed_pages: Sequence[SitemapEntry] = ()
    """Pages placed from the cache, for the sitemap (MkDocs does not know them as pages)."""
    fingerprints = PageFingerprints({}, {}, {})
    """Each page's fingerprint, from ``fingerprint_contents`` to ``place_articles``."""
    site_key = ""
    """What shapes every page besides the archive (``page_reuse.site_key``), last taken."""

    def read(self, timings: Timings) -> None:
        """The articles are read."""

    def fingerprint_contents(
        self,
        config: MkDocsConfig,
        read: ReadArchive,
        names: list[str],
        planned: list[PlannedPage],
        *shaping: object,
    ) -> None:
        """The archive is read and its pages planned; ``names`` are the site's files' (MkDocs'
        source names), ``shaping`` is what else shapes every page (the settings, the site,
        its language, the renderer)."""

    def fingerprint_pages(self, archive: Archive, planned: list[PlannedPage]) -> None:
        """Related articles are found: each page's fingerprint can be taken."""

    def search_entries(
        self, archive: Archive, order: list[str]
    ) -> tuple[list[Listed], OutputCache | None]:
        """The articles to index, in MkDocs' order, with what the cache holds of each, and
        the cache the index takes them from."""
        return [Listed(path, f"/{archive.by_path[path].site_path}", "") for path in order], None

    def place_feeds(
        self, archive: Archive, site_dir: Path, wanted: list[MachineFile]
    ) -> list[MachineFile]:
        """The feeds and data still to make: those not placed into the site."""
        return wanted

    def place_pages(
        self, config: MkDocsConfig, planned: list[PlannedPage], date: str
    ) -> dict[str, File]:
        """Generated pages placed into the site, as files MkDocs leaves where they are, by
        path; ``date`` is their date in the sitemap."""
        return {}

    def place_articles(
        self, files: Files, config: MkDocsConfig, archive: Archive, published: list[File]
    ) -> None:
        """Articles placed into the site, handed to MkDocs as files already there."""

    def keep(self, timings: Timings) -> None:
        """The site is written: what it made and the cache lacks is kept."""

    def save(self, timings: Timings | None = None, prune: bool = True) -> None:
        """The cache's manifest is written (the search index has been finished)."""

    def count(self, timings: Timings) -> None:
        """What was reused, for the build's timings."""


class Cache(NoCache):
    """The articles, pages, feeds and data of earlier builds, reused where unchanged."""

    def __init__(self, folder: Path, settings: ArchiveSettings, outputs: bool) -> None:
        self.settings = settings
        self.articles = ArticleCache(folder, settings)
        self.outputs = self.outputs_in(folder / "outputs") if outputs else None
        self.fingerprints = PageFingerprints({}, {}, {})
        self.placed_pages: list[SitemapEntry] = []
        self.to_keep: list[tuple[str, str]] = []
        """Cache entries to keep from this build's files, by name and file."""

    def outputs_in(self, folder: Path) -> OutputCache:
        """The files earlier builds made, kept in ``folder``."""
        return OutputCache(folder)

    @classmethod
    def of(
        cls,
        option: str | bool,
        config: MkDocsConfig,
        settings: ArchiveSettings,
        dirty: bool,
    ) -> NoCache:
        """The cache ``cache_dir`` asks for; pages are reused only where nothing the archive
        cannot see may change them, and never in a dirty build (which writes pages over
        the old ones in place, and so into the cache's entries linked to them)."""
        where = cls.where(option, config, dirty)
        return NoCache() if where is None else cls(where[0], settings, outputs=where[1])

    @staticmethod
    def where(option: str | bool, config: MkDocsConfig, dirty: bool) -> tuple[Path, bool] | None:
        """The cache's folder and whether pages may be reused; ``None`` for no cache."""
        if option is False:
            return None
        if option is True or not str(option).strip():
            option = DEFAULT_CACHE_DIR
        # Pages are rendered every time with other plugins or hooks (``page_reuse.py``).
        blocked = None if dirty else reuse_blocked_by(config)
        if blocked is not None:
            log.info(f"every page is rendered in every build: {blocked}")
        folder = Path(config.config_file_path).parent / str(option)
        return folder, not dirty and blocked is None

    def read(self, timings: Timings) -> None:
        assert self.articles is not None
        self.articles.save()
        timings.count("read_cache_hits", self.articles.hits)
        timings.count("read_cache_misses", self.articles.misses)
        timings.count("read_cache_dropped", self.articles.dropped)

    def fingerprint_contents(
        self,
        config: MkDocsConfig,
        read: ReadArchive,
        names: list[str],
        planned: list[PlannedPage],
        *shaping: object,
    ) -> None:
        if self.outputs is None:
            return
        settings, site, language, renderer = shaping
        assert isinstance(renderer, Renderer)
        key = site_key(
            config,
            read.other_pages,
            settings,
            site,
            language,
            renderer.env.globals["feeds"],
            renderer.whole_archive,
            [(page.path, page.title) for page in planned if page.in_nav],
        )
        self.site_key = key
        names = names + [page.source_name for page in planned]
        self.fingerprints = fingerprint_contents(read.archive, read.hashes, key, files_key(names))

    def fingerprint_pages(self, archive: Archive, planned: list[PlannedPage]) -> None:
        if self.outputs is not None:
            self.fingerprints = fingerprint_pages(archive, planned, self.fingerprints)

    def search_entries(
        self, archive: Archive, order: list[str]
    ) -> tuple[list[Listed], OutputCache | None]:
        fingerprints = self.fingerprints.indexed
        if self.outputs is None or not all(path in fingerprints for path in order):
            return super().search_entries(archive, order)
        listed = []
        for path in order:
            url = f"/{archive.by_path[path].site_path}"
            stored = self.outputs.verify(f"indexed/{fingerprints[path]}.html")
            listed.append(Listed(path, url, fingerprints[path], rendered=not stored))
        return listed, self.outputs

    def place_feeds(
        self, archive: Archive, site_dir: Path, wanted: list[MachineFile]
    ) -> list[MachineFile]:
        """Feeds whose articles did not change since an earlier build are placed; each other
        feed with a fingerprint is kept after this build."""
        if self.outputs is None:
            return wanted
        fallback = last_change(archive, os.environ)
        names = {}
        for made in wanted:
            fingerprint = self.fingerprints.feed(made.feed, fallback) if made.feed else None
            if fingerprint is not None:
                names[made.path] = f"feeds/{fingerprint}.xml"
        entries = [(name, site_dir / path) for path, name in names.items()]
        placed = self.outputs.place(entries)
        reused = {target for (_n, target), done in zip(entries, placed, strict=True) if done}
        to_make = [made for made in wanted if site_dir / made.path not in reused]
        for made in to_make:
            if made.path in names:
                self.to_keep.append((names[made.path], str(site_dir / made.path)))
        return to_make

    def place_pages(
        self, config: MkDocsConfig, planned: list[PlannedPage], date: str
    ) -> dict[str, File]:
        """Generated pages an earlier build made; the others with a fingerprint are kept
        after this build."""
        if self.outputs is None:
            return {}
        sources = {page.path: page.source_name for page in planned}
        site_dir = Path(config.site_dir)
        fingerprints = self.fingerprints.pages
        wanted = [
            (f"pages/{fingerprints[page.path]}.html", site_dir / page.path / "index.html")
            for page in planned
            if page.path in fingerprints
        ]
        placed: dict[str, File] = {}
        for (name, target), done in zip(wanted, self.outputs.place(wanted), strict=True):
            if done:
                path = target.parent.relative_to(site_dir).as_posix() + "/"
                placed[path] = BuiltPage(config, sources[path], target)
                self.placed_page(config, path, date)
            else:
                self.to_keep.append((name, str(target)))
        return placed

    def placed_page(self, config: MkDocsConfig, path: str, date: str) -> None:
        """A page placed from the cache goes into the sitemap as MkDocs' pages do."""
        if config.site_url:
            self.placed_pages.append(SitemapEntry(config.site_url.rstrip("/") + f"/{path}", date))

    def place_articles(
        self, files: Files, config: MkDocsConfig, archive: Archive, published: list[File]
    ) -> None:
        """Articles whose page (and search entry) an earlier build made are placed, not
        rendered; the others are kept after this build."""
        if self.outputs is None:
            return
        site_dir = Path(config.site_dir)
        wanted = []
        for file in published:
            article = archive.by_path[file.src_uri]
            fingerprint = self.fingerprints.articles.get(article.path)
            if fingerprint is None:
                continue
            name = f"pages/{fingerprint}.html"
            target = site_dir / article.site_path / "index.html"
            indexed = f"indexed/{self.fingerprints.indexed[article.path]}.html"
            if not self.settings.search or self.outputs.verify(indexed):
                wanted.append((file, article, name, target))
            else:
                self.to_keep.append((name, str(target)))
        placed = self.outputs.place([(name, target) for _f, _a, name, target in wanted])
        for (file, article, name, target), done in zip(wanted, placed, strict=True):
            if done:
                files.remove(file)
                files.append(BuiltPage(config, file.src_uri, target))
                self.placed_page(config, article.site_path, article.date.isoformat())
            else:
                self.to_keep.append((name, str(target)))
        # Every decision is taken: what is left to do is in ``to_keep``.
        self.fingerprints = PageFingerprints({}, {}, {})

    def keep(self, timings: Timings) -> None:
        if self.outputs is not None:  # while Pagefind builds the last shards
            with timings.phase("keep"):
                for name, target in self.to_keep:
                    self.outputs.keep(name, Path(target))

    def save(self, timings: Timings | None = None, prune: bool = True) -> None:
        if self.outputs is None:
            return
        if timings is None:
            self.outputs.save(prune=prune)
            return
        with timings.phase("keep"):
            self.outputs.save(prune=prune)

    def count(self, timings: Timings) -> None:
        if self.outputs is not None:
            timings.count("files_reused", self.outputs.placed)
            timings.count("files_dropped", self.outputs.dropped)
