"""The MkDocs plugin: maps MkDocs' build hooks onto the archive's phases, and nothing more.

Read and index (``on_files``) -> add the generated pages, feeds and data as virtual files ->
render each page's archive parts (``on_page_content``) -> add machine-readable tags to each
page's head (``on_post_page``). Per-build state is rebuilt in ``on_config`` so that
``mkdocs serve`` starts every rebuild from scratch.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import forked
from .core.caching.article_cache import ArticleCache
from .core.caching.output_cache import OutputCache
from .core.caching.page_fingerprints import (
    PageFingerprints,
    fingerprint_contents,
    fingerprint_pages,
)
from .core.caching.timing import TIMINGS_ENV, Timings
from .core.indexing.archive import Archive, index_archive, relate_articles
from .core.indexing.places import mapped_places, places_geojson
from .core.model.article import Article
from .core.model.problems import Problem
from .core.model.taxonomy import ArchiveSettings, SettingsError, settings_from_options
from .core.planning.search_layout import plan_shards
from .core.planning.site_plan import PlannedPage, plan_pages
from .core.publishing.feeds import last_change, publishes_feeds
from .core.publishing.hosts import (
    DEFAULT_HOST,
    HostError,
    HostLimits,
    host_limits,
    overruns,
    size_line,
)
from .core.publishing.machine_files import MachineFile, machine_files
from .core.publishing.metadata import PageMeta, article_meta, page_meta, term_meta
from .core.publishing.sanitize import prefix_toc, sanitize_html
from .core.publishing.site_identity import Site
from .core.publishing.site_size import Layout, measure_site
from .core.publishing.sitemap import ROBOTS, SITEMAP, SitemapEntry, robots_txt, sitemap_files
from .core.reading.content_files import content_files
from .core.reading.corpus import (
    FileHash,
    load_registries,
    read_articles,
    shown_prefix,
    stray_articles,
)
from .forked import ForkedCopy, WorkFailed, can_fork
from .generated_page import GeneratedPage
from .git_history import first_archived_in
from .nav_place import NavPlace
from .page_reuse import BuiltPage, InSite, files_key, reuse_blocked_by, site_key
from .render import Renderer
from .render.head import insert_into_head
from .render.leaflet import MissingLibrary, leaflet_files
from .render.renderer import INSTANT_SCRIPT, MAP_SCRIPT, SEARCH_SCRIPT, STYLESHEET
from .search import Listed, SearchIndexer
from .search.background import STATUS, UP_TO_DATE, Done, IndexInBackground
from .search.in_copy import IndexingCopy
from .search.service import let_go_in_copy, no_process_starts_or_stops
from .theme_frames import ThemeFrames
from .theme_icons import FrameIcons
from .theme_layer import add_theme_layer, reach_material
from .write_failure import CouldNotWrite, reported, write_into_site

log = get_plugin_logger(__name__)

PLACES_DATA = "api/places.geojson"
FRAMED_TEMPLATE = "news-archive/framed.html"
"""Prints a page rendered by ``ThemeFrames`` in ``on_page_context`` as it is."""
DEFAULT_CACHE_DIR = ".cache/news-archive"


class NewsArchiveConfig(base.Config):
    """Options under ``plugins: - news-archive:``; an unset option takes the core's default."""

    taxonomies = c.Optional(c.Type(dict))
    """Taxonomies by name, each with ``field``, ``title``, ``singular``, ``weight``, ``single``
    and ``registry``; default: tags, actors, locations and sources."""
    articles_dir = c.Optional(c.Type(str))
    """Folder of the articles inside ``docs_dir`` (default ``articles``)."""
    registries_dir = c.Optional(c.Type(str))
    """Folder of the registries, relative to ``mkdocs.yml`` (default ``site_config``)."""
    per_page = c.Optional(c.Type(int))
    """Articles on the first page of a term's, a month's and the latest list (default 25)."""
    later_per_page = c.Optional(c.Type(int))
    """Articles on each later page of those lists (default 100)."""
    compact_lists = c.Optional(c.Type(bool))
    """Later pages list an article on one line, without its summary (default true)."""
    index_per_page = c.Optional(c.Type(int))
    """Terms per page on a taxonomy's index (default 200)."""
    related_count = c.Optional(c.Type(int))
    """Related articles shown under an article (default 5; 0 turns them off)."""
    related_window = c.Optional(c.Type(int))
    """How many articles on either side in time each shared term may relate (default 15)."""
    related_min_score = c.Optional(c.Type(int))
    """The least weighted score that makes an article related (default 1)."""
    related_summaries = c.Optional(c.Type(bool))
    """Related articles show their summaries too (default false: title, date, source)."""
    compact_related = c.Optional(c.Type(bool))
    """Related articles without summaries are listed one line each, as on a list's later
    pages (default true; false: each with its title as a heading, its date and source below)."""
    home_latest = c.Optional(c.Type(int))
    """Latest articles listed on the home page (default 10)."""
    home_top_terms = c.Optional(c.Type(int))
    """Most covered terms per taxonomy on the home page (default 10)."""
    feed_items = c.Optional(c.Type(int))
    """Newest articles in ``/feed.xml`` (default 50; 0: no feeds at all)."""
    term_feed_items = c.Optional(c.Type(int))
    """Newest articles in each term's feed (default 20, never more than ``feed_items``)."""
    term_feed_categories = c.Optional(c.Type(bool))
    """Items of a term's feed list their article's terms as categories (default false: only
    ``/feed.xml``'s do; an article has a dozen terms or more, each a line in every feed)."""
    strict_terms = c.Optional(c.Type((bool, list)))
    """Taxonomies (or ``true`` for all) whose unregistered terms are errors, not warnings."""
    search = c.Optional(c.Type(bool))
    """Build the Pagefind search index and the ``/search/`` page (default true)."""
    search_shard_size = c.Optional(c.Type(int))
    """Articles per search-index shard (default 2500): bounds the indexer's memory, and the
    first search covers the newest shard, the whole archive when the reader asks."""
    search_eager_facet_values = c.Optional(c.Type(int))
    """Facets with more values than this load their counts when asked (default 100)."""
    trust_article_html = c.Optional(c.Type(bool))
    """Publish raw HTML in article bodies as written instead of sanitising it (default false)."""
    explore = c.Optional(c.Type(bool))
    """The ``/map/`` page, place maps, timelines and who appears with whom (default true)."""
    companions = c.Optional(c.Type(int))
    """Actors and places listed as most often named with an actor or a place (default 8)."""
    map_tiles = c.Optional(c.Type(str))
    """Map tile URL template with ``{z}``, ``{x}``, ``{y}`` (default OpenStreetMap's); empty:
    markers on a plain background."""
    map_attribution = c.Optional(c.Type(str))
    """The credit the tile server asks for, as HTML (default OpenStreetMap's)."""
    cache_dir = c.Type((str, bool), default=DEFAULT_CACHE_DIR)
    """Where unchanged articles are kept between builds, relative to ``mkdocs.yml``; safe to
    delete; ``false`` turns the cache off."""
    theme_frames = c.Type(bool, default=True)
    """Render articles and generated pages outside the navigation by filling a frame the theme
    rendered once (the same page without the theme's indentation, several times faster); turn
    off if your template overrides print more of a page than its title, address and content."""
    parallel = c.Type(bool, default=True)
    """Use the core MkDocs leaves idle: the feeds and data and the search index are made by
    forked copies of the build; ``false`` keeps all the work in MkDocs' own process, as
    ``mkdocs serve`` and systems other than Linux always do."""
    render_workers = c.Deprecated(
        message="The option '{}' has no effect any more (MkDocs renders every page itself); "
        "remove it",
        option_type=c.Type(int),
    )
    """Kept so that older ``mkdocs.yml`` files still build: a warning names it."""
    host = c.Type((str, dict), default=DEFAULT_HOST)
    """Where the site is published: each build states its size and warns past the host's
    limits (so ``--strict`` fails): ``github-pages``, ``gitlab-pages``, ``cloudflare-pages``,
    ``netlify``, ``none``, or ``{name, max_bytes, max_files, max_file_bytes}`` for another."""


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    """Cross-links news articles into term, archive and latest pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings = ArchiveSettings()
        self.site = Site("")
        self.archive: Archive | None = None
        self.renderer: Renderer | None = None
        self.planned: dict[str, PlannedPage] = {}
        self.articles: dict[str, Article] = {}
        self.indexer: SearchIndexer | IndexingCopy | None = None
        self.shown_prefix = ""
        self.language = "en"
        self.icons: FrameIcons | None = None
        self.timings = Timings()
        self.frames: ThemeFrames | None = None
        self.sitemap: list[SitemapEntry] = []
        self.dirty = False
        self.outputs: OutputCache | None = None
        self.fingerprints = PageFingerprints({}, {}, {})
        self.placed_pages: list[SitemapEntry] = []
        """Pages placed from the cache, for the sitemap (MkDocs does not know them as pages)."""
        self.to_keep: list[tuple[str, str]] = []
        """Cache entries to keep from this build's files, by name and file."""
        self.command = "build"
        self.index_root: Path | None = None
        """Where this build's search index is written under ``serve``: beside the site."""
        self.nav: Navigation | None = None
        self.nav_place: NavPlace | None = None
        self.machine_copy: ForkedCopy | None = None
        """The copy of the build writing the feeds and data, while it runs."""
        self.host: HostLimits | None = None
        self.background: IndexInBackground | None = None
        """Under ``mkdocs serve``, the search index is finished after the build, not waited
        for (``search/background.py``); otherwise the build waits for it."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also keeps this instance alive across ``mkdocs serve`` rebuilds."""
        # A dirty build writes pages over the old ones in place, and so into the cache's
        # entries linked to them: pages are then never reused.
        self.dirty = dirty
        self.command = command
        if command == "serve":
            self.background = IndexInBackground()

    def on_shutdown(self) -> None:
        if self.background is not None:
            self.background.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.settings = settings_from_options(dict(self.config))
        except SettingsError as exc:
            raise PluginError(f"news-archive: {exc}") from exc
        try:
            self.host = host_limits(self.config.host)
        except HostError as exc:
            raise PluginError(f"news-archive: {exc}") from exc
        if not config.use_directory_urls:
            raise PluginError("news-archive: the archive's URLs need 'use_directory_urls: true'")
        self.archive, self.renderer, self.planned, self.articles = None, None, {}, {}
        self.timings = Timings()
        self.frames = None
        self.sitemap = []
        self.outputs, self.fingerprints = None, PageFingerprints({}, {}, {})
        self.placed_pages, self.to_keep = [], []
        self.nav = None
        self._stop_helpers()
        # The archive writes the sitemap: MkDocs' own has no limit, and the protocol's 50,000
        # addresses are passed at about 28,000 articles (core/sitemap.py).
        config.theme.static_templates.discard(SITEMAP)
        self.site = Site(
            name=config.site_name,
            url=config.site_url or "",
            description=config.site_description or "",
            language=str(config.theme.get("language") or ""),
        )
        if not self.site.url and self.settings.feed_items > 0:
            log.warning(
                "the RSS feeds need absolute links, so they are left out: set 'site_url' in "
                "mkdocs.yml to the published address, like https://<owner>.github.io/<repo>/ "
                "(or set 'feed_items: 0' to publish no feeds)"
            )
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if self.settings.search and SEARCH_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SEARCH_SCRIPT)
        add_theme_layer(config)
        self.icons = FrameIcons(config, search=bool(self.settings.search))
        if self.settings.explore and MAP_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(MAP_SCRIPT)
        if _instant_loading(config) and INSTANT_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(INSTANT_SCRIPT)
        self.language = str(config.theme.get("language") or "en").split("-")[0]
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.index_root = None
        if self.background is not None and self.settings.search:
            # Before MkDocs cleans the site: the index it serves is kept aside.
            self.index_root = self.background.prepare(Path(config.site_dir))

    @event_priority(100)  # first of all plugins: no other plugin nor the theme reads them
    def _leave_out_unpublishable(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Files reached through a symbolic link, and anything but Markdown articles in the
        articles folder, never reach the site (``core/content_files.py`` says why)."""
        project_dir, docs_dir = Path(config.config_file_path).parent, config.docs_dir
        prefix = shown_prefix(project_dir, Path(docs_dir))
        content = content_files(project_dir, Path(docs_dir), self.settings, prefix)
        report(list(content.problems))
        for file in [
            file
            for file in files
            if not file.inclusion.is_excluded()
            and not file.generated_by
            and file.abs_src_path == os.path.normpath(os.path.join(docs_dir, file.src_uri))
            and file.src_uri not in content.publishable
        ]:
            files.remove(file)
        return files

    def _on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        project_dir = Path(config.config_file_path).parent
        article_files = {
            file.src_uri: file
            for file in files.documentation_pages()
            if file.src_uri.startswith(f"{self.settings.articles_dir}/") and file.abs_src_path
        }
        for file in article_files.values():
            file.inclusion = InclusionLevel.NOT_IN_NAV
        with self.timings.phase("read"):
            registries, problems = load_registries(project_dir, self.settings)
            prefix = self.shown_prefix = shown_prefix(project_dir, Path(config.docs_dir))
            cache = self._article_cache(project_dir)
            file_hashes: dict[str, FileHash] = {}
            articles, found = read_articles(
                ((uri, Path(file.abs_src_path)) for uri, file in sorted(article_files.items())),
                self.settings,
                prefix,
                cache,
                file_hashes,
            )
            if cache is not None:
                cache.save()
                self.timings.count("read_cache_hits", cache.hits)
                self.timings.count("read_cache_misses", cache.misses)
                self.timings.count("read_cache_dropped", cache.dropped)
            others = {
                file.src_uri: file
                for file in files.documentation_pages()
                if file.src_uri not in article_files and file.abs_src_path
            }
            strays = stray_articles(
                ((uri, Path(file.abs_src_path)) for uri, file in others.items()),
                self.settings,
                prefix,
            )
            found += strays.values()
        for uri in strays:  # left out, as a faulty article is
            files.remove(others[uri])
        self.archive = index_archive(
            self.settings,
            articles,
            registries,
            self.timings,
            first_archived_in(Path(config.docs_dir)),
        )
        report([*problems, *found, *self.archive.problems])
        # Only what the archive accepted is published: drafts never, faulty articles not
        # until fixed (the report above says why).
        for path, file in article_files.items():
            if path not in self.archive.by_path:
                files.remove(file)
        self.articles = self.archive.by_path
        self.renderer = Renderer(self.archive, feeds=publishes_feeds(self.archive, self.site))
        with self.timings.phase("plan"):
            planned = list(plan_pages(self.archive))
        self.outputs = self._output_cache(project_dir, config)
        if self.outputs is not None:
            with self.timings.phase("fingerprint"):
                key = site_key(
                    config,
                    [Path(file.abs_src_path) for file in others.values()],
                    self.settings,
                    self.site,
                    self.language,
                    self.renderer.env.globals["feeds"],
                    self.renderer.whole_archive,
                    [(page.path, page.title) for page in planned if page.in_nav],
                )
                names = [file.src_uri for file in files] + [p.source_name for p in planned]
                self.fingerprints = fingerprint_contents(
                    self.archive, file_hashes, key, files_key(names)
                )
        self._add_assets(files, config)
        taken = {file.dest_uri: file for file in files}
        # The search index, feeds and data need no related articles: copies of the build
        # make them on the other core while this one finds the related articles.
        order = [uri for uri in article_files if uri in self.archive.by_path]
        if self.settings.search:
            # A shard to rebuild from the cache is fed at once, while the rest is placed.
            with self.timings.phase("search"):
                self.indexer = self._search_indexer(config, order)
                self.indexer.start()
        with self.timings.phase("feeds_data"):
            feeds_and_data = self._publish_machine_files(config, taken)
        relate_articles(self.archive, self.timings)
        if self.outputs is not None:
            with self.timings.phase("fingerprint"):
                self.fingerprints = fingerprint_pages(self.archive, planned, self.fingerprints)
        self._add_pages(files, config, planned, taken)
        for file in feeds_and_data:
            files.append(file)
        if self.outputs is not None:
            with self.timings.phase("reuse"):
                self._place_articles(files, config, [article_files[uri] for uri in order])
        # Every decision is taken: what is left to do is in ``to_keep``.
        self.fingerprints = PageFingerprints({}, {}, {})
        return files

    on_files = CombinedEvent(_leave_out_unpublishable, _on_files)

    def _output_cache(self, project_dir: Path, config: MkDocsConfig) -> OutputCache | None:
        """The pages of earlier builds, when this build may reuse them."""
        folder = self.config.cache_dir
        if folder is False or self.dirty:
            return None
        blocked = reuse_blocked_by(config)
        if blocked is not None:
            log.info(f"every page is rendered in every build: {blocked}")
            return None
        if folder is True or not str(folder).strip():
            folder = DEFAULT_CACHE_DIR
        return OutputCache(project_dir / str(folder) / "outputs")

    def _place_pages(self, config: MkDocsConfig, planned: list[PlannedPage]) -> dict[str, Path]:
        """Generated pages an earlier build made, placed into the site: their targets by
        path. The others with a fingerprint are kept after this build."""
        if self.outputs is None:
            return {}
        site_dir = Path(config.site_dir)
        fingerprints = self.fingerprints.pages
        wanted = [
            (f"pages/{fingerprints[page.path]}.html", site_dir / page.path / "index.html")
            for page in planned
            if page.path in fingerprints
        ]
        placed = {}
        for (name, target), done in zip(wanted, self.outputs.place(wanted), strict=True):
            if done:
                placed[target.parent.relative_to(site_dir).as_posix() + "/"] = target
            else:
                self.to_keep.append((name, str(target)))
        return placed

    def _place_articles(self, files: Files, config: MkDocsConfig, published: list[File]) -> None:
        """Articles whose page (and search entry) an earlier build made are placed, not
        rendered; the others are kept after this build."""
        assert self.outputs is not None and self.archive is not None
        site_dir = Path(config.site_dir)
        wanted = []
        for file in published:
            article = self.archive.by_path[file.src_uri]
            fingerprint = self.fingerprints.articles.get(article.path)
            if fingerprint is None:
                continue
            name = f"pages/{fingerprint}.html"
            target = site_dir / article.site_path / "index.html"
            indexed = f"indexed/{self.fingerprints.indexed[article.path]}.html"
            if not self.settings.search or self.outputs.has(indexed):
                wanted.append((file, article, name, target))
            else:
                self.to_keep.append((name, str(target)))
        placed = self.outputs.place([(name, target) for _f, _a, name, target in wanted])
        for (file, article, name, target), done in zip(wanted, placed, strict=True):
            if done:
                files.remove(file)
                files.append(BuiltPage(config, file.src_uri, target))
                self._placed(config, article.site_path, article.date.isoformat())
            else:
                self.to_keep.append((name, str(target)))

    def _placed(self, config: MkDocsConfig, path: str, date: str) -> None:
        """A page placed from the cache goes into the sitemap as MkDocs' pages do."""
        if config.site_url:
            self.placed_pages.append(SitemapEntry(config.site_url.rstrip("/") + f"/{path}", date))

    def _search_indexer(
        self, config: MkDocsConfig, order: list[str]
    ) -> SearchIndexer | IndexingCopy:
        """The index, fed in MkDocs' order; with the cache, what it holds of each article."""
        assert self.archive is not None
        fingerprints = self.fingerprints.indexed
        cache = self.outputs if all(path in fingerprints for path in order) else None
        listed = []
        for path in order:
            url = f"/{self.archive.by_path[path].site_path}"
            if cache is None:
                listed.append(Listed(path, url, ""))
            else:
                stored = cache.has(f"indexed/{fingerprints[path]}.html")
                listed.append(Listed(path, url, fingerprints[path], rendered=not stored))
        indexer = SearchIndexer(
            self.index_root or Path(config.site_dir),
            language=self.language,
            plan=plan_shards(self.archive.articles, self.settings.search_shard_size),
            order=listed,
            cache=cache,
        )
        if self.index_root is not None or not self._forks(len(order)):
            return indexer  # under serve, finished in the background (never forked there)
        return IndexingCopy(indexer, cache)

    def _forks(self, amount: int) -> bool:
        """Whether work on ``amount`` pages or files goes to a forked copy of the build, on
        a core MkDocs leaves idle (``forked.py``); small work is not worth a fork."""
        if not self._may_fork():
            return False
        return forked.worth_forking(amount)

    def _may_fork(self) -> bool:
        """Whether this build may hand work to forked copies of itself at all."""
        return self.config.parallel and can_fork() and self.command != "serve"

    def _article_cache(self, project_dir: Path) -> ArticleCache | None:
        folder = self.config.cache_dir
        if folder is False:
            return None
        if folder is True or not str(folder).strip():
            folder = DEFAULT_CACHE_DIR
        return ArticleCache(project_dir / str(folder), self.settings)

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The archive's stylesheet and scripts, and the map's files, as virtual files."""
        icons = self.icons.css() if self.icons is not None else ""
        stylesheet = Renderer.asset("archive.css") + icons
        files.append(File.generated(config, STYLESHEET, content=stylesheet))
        if self.settings.search:
            files.append(File.generated(config, SEARCH_SCRIPT, content=Renderer.asset("search.js")))
            files.append(File.generated(config, STATUS, content=UP_TO_DATE))
        if self.settings.explore:
            self._add_map_files(files, config)
        if _instant_loading(config):
            script = Renderer.asset("instant.js")
            files.append(File.generated(config, INSTANT_SCRIPT, content=script))

    def _add_pages(
        self,
        files: Files,
        config: MkDocsConfig,
        planned_pages: list[PlannedPage],
        taken: dict[str, File],
    ) -> None:
        """Pages as virtual files: MkDocs writes them into the site (never into the docs
        folder) and serves them under ``mkdocs serve``."""
        newest = self.archive.articles[0].date.isoformat() if self.archive.articles else ""
        planned_pages = [
            planned
            for planned in planned_pages
            if not self._is_taken(taken, f"{planned.path}index.html", f"/{planned.path}")
        ]
        with self.timings.phase("reuse"):
            placed = self._place_pages(config, planned_pages)
        with self.timings.phase("plan"):
            for planned in planned_pages:
                target = placed.get(planned.path)
                if target is not None:
                    files.append(BuiltPage(config, planned.source_name, target))
                    self._placed(config, planned.path, newest)
                    continue
                inclusion = (
                    InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
                )
                file = File.generated(config, planned.source_name, content="", inclusion=inclusion)
                if not planned.in_nav:  # the navigation names its own pages
                    GeneratedPage(None, file, config)
                files.append(file)
                self.planned[planned.source_name] = planned

    def _publish_machine_files(self, config: MkDocsConfig, taken: dict[str, File]) -> list[File]:
        """Feeds and data are written into the site as they are made, one at a time, and
        handed to MkDocs as files already in place (returned; it skips copying a file onto
        itself): held as content until MkDocs copies them, they took hundreds of megabytes
        at 50,000 articles. MkDocs has cleaned the site folder by now, so nothing stale is
        kept; it knows them when it checks links, so the Data page can link to
        ``api/articles.json`` under ``--strict``."""
        site_dir = Path(config.site_dir)
        wanted = [
            made
            for made in machine_files(self.archive, self.site, os.environ)
            if not self._is_taken(taken, made.path, f"/{made.path}")
        ]
        reused, names = self._place_feeds(site_dir, wanted)
        to_make = [made for made in wanted if site_dir / made.path not in reused]
        for made in to_make:
            if made.path in names:
                self.to_keep.append((names[made.path], str(site_dir / made.path)))
        self._make_machine_files(site_dir, to_make)
        return [
            InSite.generated(config, made.path, abs_src_path=str(site_dir / made.path))
            for made in wanted
        ]

    def _make_machine_files(self, site_dir: Path, to_make: list[MachineFile]) -> None:
        """Feeds and data are made by a copy of the build on the idle core while the build
        finds related articles and MkDocs reads the pages, before search indexing needs that
        core (``forked.py``)."""

        def make_all() -> dict[str, Any]:
            for made in to_make:
                try:
                    write_into_site(site_dir, made.path, made.make())
                except CouldNotWrite:  # a message of its own
                    raise
                except Exception as exc:
                    raise WorkFailed(made.path, exc) from exc
            return {}

        if self._forks(len(to_make)):
            self.machine_copy = ForkedCopy.start(
                make_all, no_process_starts_or_stops, let_go_in_copy
            )
        else:
            make_all()

    def _finish_machine_files(self) -> None:
        if self.machine_copy is None:
            return
        copy, self.machine_copy = self.machine_copy, None
        with self.timings.phase("workers_wait"):
            report = copy.wait()
        if report.error is not None:
            raise reported(report.error) or PluginError(
                f"news-archive: writing the feeds and data failed: {report.error}"
            )

    def _place_feeds(
        self, site_dir: Path, wanted: list[MachineFile]
    ) -> tuple[set[Path], dict[str, str]]:
        """Feeds whose articles did not change since an earlier build, placed into the site;
        and the cache's name for every feed with a fingerprint."""
        if self.outputs is None or self.archive is None:
            return set(), {}
        fallback = last_change(self.archive, os.environ)
        names = {}
        for made in wanted:
            fingerprint = self.fingerprints.feed(made.feed, fallback) if made.feed else None
            if fingerprint is not None:
                names[made.path] = f"feeds/{fingerprint}.xml"
        entries = [(name, site_dir / path) for path, name in names.items()]
        placed = self.outputs.place(entries)
        return {target for (_n, target), done in zip(entries, placed, strict=True) if done}, names

    def _is_taken(self, taken: dict[str, File], dest_uri: str, published_as: str) -> bool:
        """A hand-written page at an address the archive generates is an error naming both."""
        existing = taken.get(dest_uri)
        if existing is not None:
            log.error(
                f"{self.shown_prefix}{existing.src_uri}: this page would be published at "
                f"{published_as}, where the archive publishes its own page; move or rename it"
            )
        return existing is not None

    def _add_map_files(self, files: Files, config: MkDocsConfig) -> None:
        """The map's script, Leaflet's files and the places as GeoJSON, all from this site."""
        try:
            vendored = leaflet_files()
        except MissingLibrary as exc:
            raise PluginError(f"news-archive: {exc}") from exc
        files.append(File.generated(config, MAP_SCRIPT, content=Renderer.asset("map.js")))
        for vendor_file in vendored:
            files.append(
                File.generated(config, vendor_file.site_path, abs_src_path=str(vendor_file.source))
            )
        places = places_geojson(mapped_places(self.archive))
        files.append(File.generated(config, PLACES_DATA, content=places))

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # Material prints page titles unescaped (in <title>, the header, the navigation of
        # every other page); titles are contributed text, so they are escaped here, once.
        planned = self.planned.get(page.file.src_uri)
        article = self.articles.get(page.file.src_uri)
        if planned is not None:
            page.meta["title"] = str(escape(planned.title))
        elif article is not None:
            page.meta["title"] = str(escape(article.title))
        elif isinstance(page.meta.get("title"), str):
            page.meta["title"] = str(escape(page.meta["title"]))
        framed = article is not None or (planned is not None and not planned.in_nav)
        if framed and self.config.theme_frames and not page.file.inclusion.is_excluded():
            page.meta["template"] = FRAMED_TEMPLATE
        # The sitemap's dates come from the content, not the build machine's clock, so that
        # the same content always gives the same site.
        if article is not None:
            page.update_date = article.date.isoformat()
        elif self.archive is not None and self.archive.articles:
            page.update_date = self.archive.articles[0].date.isoformat()
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.renderer is None:
            return html
        article = self.articles.get(page.file.src_uri)
        if article is not None:
            return self._article_content(article, html, page)
        if page.is_homepage and page.file.src_uri not in self.planned:
            with self.timings.phase("render_pages"):
                return html + self.renderer.home()
        return html

    def _article_content(self, article: Article, html: str, page: Page) -> str:
        """An article's header and text, handed to search here: MkDocs reads (and converts)
        every page before it renders any, so the index is built while MkDocs goes on with the
        rest of the site instead of after the articles' turn to render comes."""
        if not self.settings.trust_article_html:
            with self.timings.phase("sanitize"):
                html = sanitize_html(html)
                prefix_toc(page.toc)  # the body's headings now carry prefixed ids
        with self.timings.phase("render_articles"):
            html = self.renderer.article(article, html)
        if self.indexer is not None:
            with self.timings.phase("search"):
                language = article.language or self.language
                self.indexer.add(article.path, f"/{page.url}", html, language)
        return html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        self.nav_place = NavPlace(nav)
        return nav

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.sitemap = [
            SitemapEntry(page.canonical_url or page.abs_url or "", page.update_date or None)
            for page in (file.page for file in files.documentation_pages())
            if page is not None and not page.is_link and (page.canonical_url or page.abs_url)
        ] + self.placed_pages
        if self.indexer is not None:  # every article has been converted and handed over
            with self.timings.phase("search"):
                self.indexer.flush()
        reach_material(env, config)
        # Whether the header and the 404 page offer the archive's search (theme/partials).
        env.globals["news_archive_search"] = bool(self.settings.search)
        if self.icons is not None:
            env.globals["news_archive_icon"] = self.icons.markup
        if self.config.theme_frames:
            self.frames = ThemeFrames(env)
            framed = jinja2.DictLoader({FRAMED_TEMPLATE: "{{ page.content }}"})
            env.loader = jinja2.ChoiceLoader([framed, env.loader])
        return env

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        """Generated pages, articles' related lists and frames are rendered here, just before
        the theme renders the page, not in ``on_page_content``: MkDocs reads every page before
        it writes any, and every rendered page held at once takes gigabytes at 50,000
        articles. (An article's header is the exception: search needs it early.)"""
        if self.renderer is None:
            return context
        if self.nav_place is not None:
            self.nav_place.light(page)
        planned = self.planned.get(page.file.src_uri)
        if planned is not None:
            with self.timings.phase("render_pages"):
                page.content = self.renderer.page(planned)
        article = self.articles.get(page.file.src_uri)
        if article is not None:
            with self.timings.phase("render_articles"):
                page.content = (page.content or "") + self.renderer.article_footer(article)
        if page.meta.get("template") == FRAMED_TEMPLATE and self.frames is not None:
            with self.timings.phase("theme"):
                page.content = self.frames.render(context, page)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        base_url = (config.site_url or "/").rstrip("/") + "/"
        for path, content in sitemap_files(self.sitemap, base_url):
            write_into_site(Path(config.site_dir), path, content)
        if not (Path(config.docs_dir) / ROBOTS).exists():  # the site's own robots.txt wins
            write_into_site(Path(config.site_dir), ROBOTS, robots_txt(config.site_url or ""))
        self._finish_machine_files()
        if self.indexer is not None:
            self.indexer.last_page_rendered()
        if self.outputs is not None:  # while Pagefind builds the last shards
            with self.timings.phase("keep"):
                for name, target in self.to_keep:
                    self.outputs.keep(name, Path(target))
        indexer, self.indexer = self.indexer, None
        if isinstance(indexer, SearchIndexer) and self.background and self.index_root:
            # Under serve the page is what the writer waits for: the index follows, and the
            # cache's manifest with it (it lists the shards kept).
            with self.timings.phase("search"):
                self.background.finish(indexer, Path(config.site_dir), self._index_done())
            self.timings.count("search_shards_reused", indexer.reused)
        else:
            if indexer is not None:
                with self.timings.phase("search"):
                    indexer.finish()
                _log_index(indexer)
                self.timings.count("search_shards_reused", indexer.reused)
            if self.outputs is not None:
                with self.timings.phase("keep"):
                    self.outputs.save()  # with what the indexer kept, adopted by finish()
        if self.outputs is not None:
            self.timings.count("files_reused", self.outputs.placed)
            self.timings.count("files_dropped", self.outputs.dropped)
        if self.frames is not None:
            self.timings.count("theme_framed", self.frames.framed)
            self.timings.count("theme_rendered", self.frames.rendered)
        log.debug(f"timings: {self.timings.summary()}")
        target = os.environ.get(TIMINGS_ENV)
        if target:
            self.timings.write(Path(target))
        if self.background is not None:  # a preview: no host gets it, its index comes later
            return
        # Last: the search index is written, and the site is what the host will receive.
        size = measure_site(Path(config.site_dir), Layout.of(self.settings))
        log.info(size_line(size, self.host))
        for overrun in overruns(size, self.host):
            log.warning(overrun)

    def _index_done(self) -> Done:
        """What follows an index finished after the build: its line in the log, and the
        cache's manifest (the next build stops this index before it reads the manifest)."""
        outputs = self.outputs

        def done(indexer: SearchIndexer, published: bool, error: BaseException | None) -> None:
            if published:
                _log_index(indexer)
            elif error is not None:  # the site keeps the last complete index
                log.error(f"search: the index could not be updated: {error}")
            if outputs is not None:
                outputs.save(prune=published)

        return done

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_helpers()

    def _stop_helpers(self) -> None:
        """Stop the copies of the build and the search indexer still at work (the build
        failed, or a new one starts under ``mkdocs serve``)."""
        if self.background is not None:
            with self.timings.phase("search_stop"):  # the last build's index, if unfinished
                self.background.stop()
        if self.machine_copy is not None:
            copy, self.machine_copy = self.machine_copy, None
            copy.kill()
        self._abort_search()

    def _abort_search(self) -> None:
        if self.indexer is not None:
            indexer, self.indexer = self.indexer, None
            indexer.abort()

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.nav_place is not None:
            self.nav_place.put_out()
        if self.renderer is None:
            return output
        with self.timings.phase("head"):
            output = insert_into_head(output, self.renderer.head(self._meta_of(page)))
        if page.file.src_uri in self.planned or page.file.src_uri in self.articles:
            # Written next, and read by nothing after: let it go rather than hold them all.
            page.content = None
        return output

    def _meta_of(self, page: Page) -> PageMeta:
        assert self.archive is not None
        article = self.articles.get(page.file.src_uri)
        if article is not None:
            return article_meta(self.archive, self.site, article)
        planned = self.planned.get(page.file.src_uri)
        if planned is not None and planned.template == "term":
            context = planned.context
            return term_meta(
                self.archive,
                self.site,
                context["taxonomy"],
                context["term"],
                context["pager"],
                planned.title,
            )
        return page_meta(
            self.archive,
            self.site,
            path=page.url,
            title=planned.title if planned is not None else str(page.title or ""),
            description=str(page.meta.get("description") or ""),
            offers_feeds=page.is_homepage or (planned is not None and planned.template == "latest"),
        )

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        registries = Path(config.config_file_path).parent / self.settings.registries_dir
        if registries.is_dir():
            server.watch(str(registries))
        return server


def _instant_loading(config: MkDocsConfig) -> bool:
    """Material's instant loading is on: it takes over only the links its sitemap lists,
    which the archive keeps small (core/sitemap.py), so our script hands it the others."""
    return "navigation.instant" in (config.theme.get("features") or ())


def _log_index(indexer: SearchIndexer | IndexingCopy) -> None:
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in indexer.timings.items())
    log.info(f"search: indexed {indexer.pages:,} articles into pagefind/ ({phases})")


def report(problems: list[Problem]) -> None:
    """Errors count under ``--strict``; warnings are shown without failing the build."""
    for problem in sorted(problems):
        if problem.is_error:
            log.error(str(problem))
        else:
            log.info(str(problem))
