"""The MkDocs plugin: maps MkDocs' build hooks onto the archive's phases, and nothing more.

Read and index (``on_files``) -> add the generated pages, feeds and data as virtual files ->
render each page's archive parts (``on_page_content``, ``on_page_context``) -> add
machine-readable tags to each page's head (``on_post_page``) -> finish the search index and
the sitemaps (``on_post_build``). Per-build state is rebuilt in ``on_config`` so that
``mkdocs serve`` starts every rebuild from scratch. What earlier builds made is reused through
``self.cache`` (``build_cache.py``; ``served_in_place.py`` under ``serve --dirty``, where an
edit to articles' text alone renders their pages alone: ``served_alone.py``, and one to their
front matter what it touches: ``served_edited.py``), and side work runs through
``self.parallel`` (``parallel.py``: ``InProcess`` or ``Forks``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .build_cache import NoCache
from .build_report import report_size, report_timings
from .config import NewsArchiveConfig, default_settings, settings_of
from .core.caching.in_place import SiteLeft
from .core.caching.recall import NoRecall, Recall
from .core.indexing.archive import Archive, relate_articles
from .core.model.article import Article
from .core.planning.site_plan import PlannedPage, plan_pages
from .core.publishing.feeds import publishes_feeds
from .core.publishing.hosts import HostError, HostLimits, host_limits
from .core.publishing.sanitize import prefix_toc, sanitize_html
from .core.publishing.site_identity import Site
from .core.publishing.sitemap import SitemapEntry
from .core.timing import Timings
from .feeds_and_data import publish_feeds_and_data
from .forked import can_fork
from .nav_place import NavPlace
from .page_head import meta_of
from .page_setup import prepare_page
from .parallel import Forks, InProcess
from .reading import leave_out_unpublishable, read_archive
from .render import Renderer
from .render.head import insert_into_head
from .search import SearchIndexer
from .search.background import IndexInBackground
from .search.in_copy import IndexingCopy
from .served_alone import Built, serve_alone
from .served_edited import LastBuild
from .served_in_place import cache_for, watch_registries
from .site_search import finish_index, start_indexer
from .site_setup import add_to_theme, page_language, site_of
from .sitemaps import sitemap_entries, write_sitemaps
from .theme_frames import ThemeFrames
from .theme_icons import FrameIcons
from .theme_layer import add_theme_globals, reach_material
from .virtual_files import add_assets, add_pages, add_palette_script

log = get_plugin_logger(__name__)

FRAMED_TEMPLATE = "news-archive/framed.html"
"""Prints a page rendered by ``ThemeFrames`` in ``on_page_context`` as it is."""


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    """Cross-links news articles into term, archive and latest pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command, self.dirty = "build", False
        self.background: IndexInBackground | None = None  # serve: search/background.py
        self.left: SiteLeft | None = None  # serve --dirty: what the last build left in the site
        self.recall = NoRecall()  # serve: what the last build worked out (core/caching/recall.py)
        self.settings, self.site, self.language = default_settings(), Site(""), "en"
        self.host: HostLimits | None = None
        self.cache, self.parallel, self.timings = NoCache(), InProcess(), Timings()
        self.archive: Archive | None = None
        self.renderer: Renderer | None = None
        self.planned: dict[str, PlannedPage] = {}
        self.articles: dict[str, Article] = {}
        self.indexer: SearchIndexer | IndexingCopy | None = None
        self.index_root: Path | None = None  # under serve: this build's index, beside the site
        self.icons: FrameIcons | None = None
        self.frames: ThemeFrames | None = None
        self.nav_place: NavPlace | None = None
        self.sitemap: list[SitemapEntry] = []
        self.built: Built | None = None  # the last build's, for pages rendered alone
        self.last: LastBuild | None = None  # and what it read and planned (served_edited.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also keeps this instance alive across ``mkdocs serve`` rebuilds."""
        self.command, self.dirty = command, dirty
        self.left = SiteLeft() if command == "serve" and dirty else None
        if command == "serve":  # the index after the build, and what the last one worked out
            self.background, self.recall = IndexInBackground(), Recall()

    def on_shutdown(self) -> None:
        if self.background is not None:
            self.background.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = settings_of(self.config)
        try:
            self.host = host_limits(self.config.host)
        except HostError as exc:
            raise PluginError(f"news-archive: {exc}") from exc
        self.site = site_of(config, self.settings)
        self.archive, self.renderer, self.planned, self.articles = None, None, {}, {}
        self.timings, self.frames, self.sitemap = Timings(), None, []
        self.built, self.last = None, None  # what serve --dirty starts the next edit from
        self._stop()  # what the last build under serve left running
        self.cache = cache_for(self.config.cache_dir, config, self.settings, self.dirty, self.left)
        forks = self.config.parallel and can_fork() and self.command != "serve"
        self.parallel = Forks() if forks else InProcess()
        add_to_theme(config, self.settings)
        self.icons = FrameIcons(config, search=self.settings.search)
        self.language = page_language(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.index_root = None
        if self.background is not None and self.settings.search:
            # Before MkDocs cleans the site: the index it serves is kept aside.
            self.index_root = self.background.prepare(Path(config.site_dir))

    @event_priority(100)  # first of all plugins: no other plugin nor the theme reads them
    def _leave_out_unpublishable(self, files: Files, *, config: MkDocsConfig) -> Files:
        leave_out_unpublishable(files, config, self.settings)
        return files

    def _on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Read and index, then add the archive's files. The search index, feeds and data
        need no related articles: they start (with ``Forks``, on the idle core) before."""
        read = read_archive(files, config, self.settings, self.cache, self.timings, self.recall)
        archive = self.archive = read.archive
        self.articles = archive.by_path
        feeds = publishes_feeds(archive, self.site)
        self.renderer = Renderer(archive, feeds=feeds, recall=self.recall)
        with self.timings.phase("plan"):
            planned = list(plan_pages(archive))
        with self.timings.phase("fingerprint"):
            shaping = (self.settings, self.site, self.language, self.renderer)
            names = [file.src_uri for file in files]
            self.cache.fingerprint_contents(config, read, names, planned, *shaping)
        add_assets(files, config, archive, self.settings, self.icons)
        taken = {file.dest_uri: file for file in files}
        order = [file.src_uri for file in read.published]
        if self.settings.search:
            with self.timings.phase("search"):
                self.indexer = start_indexer(
                    config, archive, order, self.settings, self.language, self.index_root,
                    cache=self.cache, parallel=self.parallel,
                )  # fmt: skip
        with self.timings.phase("feeds_data"):
            feeds_and_data = publish_feeds_and_data(
                config, archive, self.site, taken, read.prefix, self.cache, self.parallel
            )
        relate_articles(archive, self.timings, self.recall)
        with self.timings.phase("fingerprint"):
            self.cache.fingerprint_pages(archive, planned)
        self.planned = add_pages(
            files, config, archive, planned, taken, read.prefix, self.cache, self.timings
        )
        for file in feeds_and_data:
            files.append(file)
        with self.timings.phase("reuse"):
            self.cache.place_articles(files, config, archive, read.published)
        if self.left is not None:  # serve --dirty: what the next edit starts from
            self.last = LastBuild(read, planned, names, [file.src_uri for file in feeds_and_data])
        return files

    on_files = CombinedEvent(_leave_out_unpublishable, _on_files)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        uri, archive = page.file.src_uri, self.archive
        newest = archive.articles[0].date.isoformat() if archive and archive.articles else ""
        framed = FRAMED_TEMPLATE if self.config.theme_frames else None
        prepare_page(page, self.articles.get(uri), self.planned.get(uri), newest, framed)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """An article's header and text, handed to search here: MkDocs reads (and converts)
        every page before it renders any, so the index is built while MkDocs goes on with the
        rest of the site instead of after the articles' turn to render comes."""
        if self.renderer is None:
            return html
        article = self.articles.get(page.file.src_uri)
        if article is None:
            if page.is_homepage and page.file.src_uri not in self.planned:
                with self.timings.phase("render_pages"):
                    return html + self.renderer.home()
            return html
        if not self.settings.trust_article_html:
            with self.timings.phase("sanitize"):
                html = sanitize_html(html)
                prefix_toc(page.toc)  # the body's headings now carry prefixed ids
        with self.timings.phase("render_articles"):
            indexed = self.renderer.article(article, html)  # with what only search reads
            published = self.renderer.published_article(indexed, html)
        if self.indexer is not None:
            with self.timings.phase("search"):
                language = article.language or self.language
                self.indexer.add(article.path, f"/{page.url}", indexed, language)
        return published

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_place = NavPlace(nav)
        return nav

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.sitemap = sitemap_entries(files, self.cache.placed_pages)
        self.built = (config, files, env) if self.left is not None else None
        if self.indexer is not None:  # every article has been converted and handed over
            with self.timings.phase("search"):
                self.indexer.flush()
        reach_material(env, config)
        add_theme_globals(env, config, self.config, bool(self.settings.search), self.icons)
        # Material's storage script in the palette's file, not the head (theme_palette.py).
        env.globals["news_archive_scope_in_file"] = add_palette_script(files, config, env)
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

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.nav_place is not None:
            self.nav_place.put_out()
        if self.renderer is None or self.archive is None:
            return output
        uri = page.file.src_uri
        meta = meta_of(page, self.archive, self.site, self.articles.get(uri), self.planned.get(uri))
        with self.timings.phase("head"):
            output = insert_into_head(output, self.renderer.head(meta))
        if uri in self.planned or uri in self.articles:
            # Written next, and read by nothing after: let it go rather than hold them all.
            page.content = None
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        write_sitemaps(config, self.sitemap)
        self.parallel.finish(self.timings)
        if self.indexer is not None:
            self.indexer.last_page_rendered()
        self.cache.keep(self.timings)  # while Pagefind builds the last shards
        # Held until handed over: if finishing fails, on_build_error stops its threads.
        finish_index(
            self.indexer, Path(config.site_dir), self.background, self.index_root,
            self.cache, self.timings,
        )  # fmt: skip
        self.indexer = None
        self.cache.count(self.timings)
        report_timings(self.timings, self.frames)
        if self.background is None:  # not a preview, whose index comes later
            report_size(Path(config.site_dir), self.settings, self.host)

    def on_build_error(self, *, error: Exception) -> None:
        self._stop()

    def _stop(self) -> None:
        """Stop the copies and the indexer at work (a build failed, or one starts under serve)."""
        self.parallel.stop()
        if self.background is not None:
            with self.timings.phase("search_stop"):  # the last build's index, if unfinished
                self.background.stop()
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.abort()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        return serve_alone(watch_registries(server, config, self.settings), self)
