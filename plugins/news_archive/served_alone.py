"""``mkdocs serve --dirty``: an edit to the text of articles renders their pages alone.

Each rebuild of ``mkdocs serve`` reads and renders the whole archive, for one edited article
too. Yet an article's body reaches nothing but its own page and its search entry, as long as
the ``Article`` read from it is the same (``core/model/article.py``: its front matter, and its
first paragraph where it has no summary). So under ``serve --dirty`` the server's builder is
wrapped: when the only files changed since the last build are published articles that read as
the same ``Article`` as in that build, with no message (the read phase's checks, body limits
included), their pages alone are rendered again, through MkDocs' own page pipeline with the
last build's configuration, files, navigation and theme: the site then holds what a full
build would make. The search index catches up afterwards, in
the background, as after any rebuild under ``serve``. On any doubt (another file changed,
another plugin or a hook, a message, an error) the server's own builder runs, as it does
without ``--dirty``, and as it always does under plain ``serve`` and ``build``.

This is the only module that reaches into MkDocs' internals: the server's ``builder``
attribute (``mkdocs.livereload.LiveReloadServer``) and the private functions
``mkdocs.commands.build._populate_page`` and ``_build_page`` (MkDocs 1.6), and the warnings
logged under MkDocs' logger meanwhile. If they change, or under a tool without them, every
rebuild is a full one (MIGRATING.md).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import build_tool
from .build_report import report_timings
from .core.caching.page_fingerprints import digest
from .core.model.article import Article
from .core.reading.corpus import FileHash, read_articles, shown_prefix
from .core.timing import Timings
from .page_reuse import reuse_blocked_by
from .search import SearchIndexer, SearchLayout
from .served_edited import ReadAgain, pages_written, plan_edit, write_edit
from .site_search import finish_index

if TYPE_CHECKING:
    from .plugin import NewsArchivePlugin

log = get_plugin_logger(__name__)

Built = tuple[MkDocsConfig, Files, jinja2.Environment]
"""The last full build's configuration, files and theme environment (``on_env``)."""
Snapshot = dict[str, tuple[int, int]]
"""Path of a file -> its modification time (ns) and size."""


class _Collected:
    """Stands for the indexer while pages render alone: keeps what search is to index."""

    def __init__(self, pages: list[tuple[str, str, str, str]] | None = None) -> None:
        self.pages: list[tuple[str, str, str, str]] = pages or []

    def add(self, article_path: str, url: str, content: str, language: str) -> None:
        self.pages.append((article_path, url, content, language))

    def flush(self) -> None:
        """Nothing is sent: the index is updated after the pages are served."""


class _Warned(logging.Handler):
    """Counts the warnings logged while pages render alone (a full build shows them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class ServedAlone:
    """The server's builder, rendering pages alone where that makes the same site."""

    def __init__(self, plugin: NewsArchivePlugin, builder: Callable[[], None]) -> None:
        self.plugin, self.builder = plugin, builder
        self.snapshot: Snapshot | None = None
        """The watched files as the last build (or pass) found them; ``None``: none to trust."""
        self.indexing: threading.Thread | None = None

    def __call__(self) -> None:
        if self.indexing is not None:  # the last pass's index is handed to the background
            self.indexing.join()
            self.indexing = None
        try:
            if self._alone():
                return
        except Exception as exc:  # the full build makes the site, whatever was written
            log.debug(f"pages not rendered alone: {exc!r}")
        self.snapshot = None
        found = self.snapshot_now()  # before the build reads: a later edit is seen next time
        self.builder()
        self.snapshot = found

    def _watched(self) -> tuple[Path, Path, Path] | None:
        built = self.plugin.built
        if built is None:
            return None
        config = built[0]
        project = Path(config.config_file_path)
        return Path(config.docs_dir), project.parent / self.plugin.settings.registries_dir, project

    def snapshot_now(self) -> Snapshot | None:
        """The watched files (the content, the registries, ``mkdocs.yml``) as they are."""
        watched = self._watched()
        if watched is None:
            return None
        docs, registries, config_file = watched
        found: Snapshot = {}
        for folder in (docs, registries):
            for path, info in _walk(folder):
                found[path] = (info.st_mtime_ns, info.st_size)
        try:
            info = config_file.stat()
            found[str(config_file)] = (info.st_mtime_ns, info.st_size)
        except OSError:
            pass
        return found

    def _alone(self) -> bool:
        """Render the changed articles' pages alone if that is all that changed; if their
        front matter or a registry changed, or articles came or went, what that changes
        (``served_edited.py``)."""
        plugin = self.plugin
        now = self.snapshot_now()
        found, registries, reason = self._changed_articles(now)
        if reason is None and not found and not registries:
            self.snapshot = now
            log.info("only hidden files changed (an editor's swap file, say): nothing to build")
            return True
        background = plugin.background if plugin.settings.search else None
        if reason is None and background is not None:
            background.stop()  # what it has not taken is kept in the cache
        if reason is None and (
            registries
            or any(
                again is None
                or path not in plugin.articles
                or not _same(again.article, plugin.articles[path])
                for path, again in found.items()
            )
        ):
            return self._edited(found, registries, now)
        uris = list(found)
        if reason is None and plugin.settings.search:
            last = background.last if background is not None else None
            if last is None or not last.cache_holds_all_but(uris):
                reason = "the cache lacks what search indexes of other articles"
        if reason is not None:
            log.debug(f"the whole site is built: {reason}")
            return False
        assert plugin.built is not None
        timings = plugin.timings = Timings()
        collected = _Collected()
        with timings.phase("served_alone"):
            written = self._render(uris, collected)
        if written is None:
            log.debug("the whole site is built: MkDocs warned")
            return False
        self.snapshot = now
        timings.count("served_alone", len(uris))
        report_timings(timings, None)
        seconds = timings.seconds["served_alone"]
        log.info(f"{len(uris)} page(s) rendered alone in {seconds:.2f} seconds: {', '.join(uris)}")
        changed = {
            path: digest("served alone", path, url, language, content)
            for path, url, content, language in collected.pages
        }
        self._index_after(changed, collected)
        return True

    def _edited(
        self, found: dict[str, ReadAgain | None], registries: bool, now: Snapshot | None
    ) -> bool:
        """Front matter edited, articles added or deleted (``None``), ``registries`` edited:
        the archive indexed again, what changed made again."""
        plugin = self.plugin
        timings = plugin.timings = Timings()
        started = time.perf_counter()
        with _last_build_frozen():
            edit = plan_edit(plugin, found, registries)
            if isinstance(edit, str):
                log.debug(f"the whole site is built: {edit}")
                return False
            collected = _Collected()
            pages = write_edit(plugin, edit)
            with timings.phase("render_alone"):
                rendered = self._through_mkdocs(pages, collected)
            pages_written(plugin, edit, pages)
        if not rendered:
            log.debug("the whole site is built: MkDocs warned")
            return False
        self.snapshot = now
        timings.count("served_edited", len(found))
        timings.count("registries_edited", int(registries))
        timings.count("pages_rendered", len(pages))
        timings.count("feeds_data_written", len(edit.machine))
        report_timings(timings, None)
        seconds = time.perf_counter() - started
        log.info(
            f"{len(found)} edited article(s): {len(pages)} page(s) and {len(edit.machine)} "
            f"feed(s) and data file(s) made again in {seconds:.2f} seconds"
        )
        pages_indexed = [page for page in collected.pages if page[0] in edit.indexed]
        self._index_after(edit.indexed, _Collected(pages_indexed), edit.search_layout)
        return True

    def _index_after(
        self, changed: dict[str, str], collected: _Collected, layout: SearchLayout | None = None
    ) -> None:
        """The search index catches up in the background, the search page saying so."""
        plugin = self.plugin
        if not plugin.settings.search:
            return
        background = plugin.background
        assert plugin.built is not None
        assert background is not None and background.last is not None
        site_dir = Path(plugin.built[0].site_dir)
        background.mark_updating(site_dir)  # served with the page
        self.indexing = threading.Thread(
            target=_index,
            args=(plugin, background.last, site_dir, changed, collected.pages, layout),
            name="search-index-after-pages-alone",
            daemon=True,
        )
        self.indexing.start()

    def _changed_articles(
        self, now: Snapshot | None
    ) -> tuple[dict[str, ReadAgain | None], bool, str | None]:
        """The articles changed, added or deleted (``None``) since the last build, read
        again, and whether a registry changed, if nothing else changed (hidden files aside);
        else why not."""
        plugin, last = self.plugin, self.snapshot
        if now is None or last is None or plugin.built is None or plugin.archive is None:
            return {}, False, "no earlier build to start from"
        config = plugin.built[0]
        blocked = reuse_blocked_by(config)
        if blocked is not None or plugin.nav_place is None or plugin.left is None:
            return {}, False, blocked or "no earlier build to start from"
        changed = sorted(p for p in now.keys() | last.keys() if now.get(p) != last.get(p))
        if not changed:
            return {}, False, "no article changed"
        docs = Path(config.docs_dir)
        if config.exclude_docs is None:  # then MkDocs never publishes a hidden file
            changed = [path for path in changed if not _hidden_under(path, docs)]
        project = Path(config.config_file_path).parent
        settings = plugin.settings
        registry_files = {str(project / settings.registry_path(t)) for t in settings.taxonomies}
        registries = any(path in registry_files for path in changed)
        found: dict[str, ReadAgain | None] = {}
        for path in (path for path in changed if path not in registry_files):
            again = self._read_again(Path(path), docs, config)
            if again is None:
                return {}, False, f"{path} is not an article read again without a message"
            found[again[0]] = again[1]
        return found, registries, None

    def _read_again(
        self, path: Path, docs: Path, config: MkDocsConfig
    ) -> tuple[str, ReadAgain | None] | None:
        """The article at ``path`` as read now: one the last build published, or a new
        Markdown file of the articles folder, that reads without a message; ``None`` for a
        published article deleted. ``None`` in place of the pair: anything else."""
        plugin = self.plugin
        try:
            uri = path.relative_to(docs).as_posix()
        except ValueError:
            return None
        try:
            info = path.lstat()
        except FileNotFoundError:
            return (uri, None) if uri in plugin.articles else None
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        if uri not in plugin.articles and not _may_be_new_article(uri, plugin, config):
            return None
        prefix = shown_prefix(Path(config.config_file_path).parent, docs)
        hashes: dict[str, FileHash] = {}
        articles, problems = read_articles([(uri, path)], plugin.settings, prefix, None, hashes)
        if len(articles) != 1 or problems or articles[0].path != uri:
            return None
        return uri, ReadAgain(articles[0], hashes[uri])

    def _render(self, uris: list[str], collected: _Collected) -> list[str] | None:
        """Render each article's page through MkDocs' page pipeline; the files written, or
        ``None`` if MkDocs warned (the full build shows why)."""
        plugin = self.plugin
        assert plugin.built is not None and plugin.left is not None
        config, files, _env = plugin.built
        pages = []
        for uri in uris:
            old = files.get_file_from_path(uri)
            if old is None:
                return None
            file = File(uri, config.docs_dir, config.site_dir, config.use_directory_urls)
            if file.dest_uri != old.dest_uri:
                return None
            file.inclusion = InclusionLevel.NOT_IN_NAV
            pages.append(Page(None, file, config))
        written = [page.file.abs_dest_path for page in pages]
        # These files no longer hold what the cache says: the next full build makes them.
        plugin.left.forget([*written, *(str(Path(path)) for path in written)])
        return written if self._through_mkdocs(pages, collected) else None

    def _through_mkdocs(self, pages: list[Page], collected: _Collected) -> bool:
        """Render ``pages`` through MkDocs' page pipeline; ``False`` if MkDocs warned (the
        full build shows why)."""
        from mkdocs.commands.build import _build_page, _populate_page

        plugin = self.plugin
        assert plugin.built is not None and plugin.nav_place is not None
        config, files, env = plugin.built
        nav = plugin.nav_place.nav
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        warned = _Warned()
        logger = logging.getLogger(build_tool.name())
        logger.addHandler(warned)
        plugin.indexer = collected  # type: ignore[assignment]
        try:
            for page in pages:
                _populate_page(page, config, files, dirty=False)
            for page in pages:
                # Never written through: it may be a hard link to an entry of the cache.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(page.file.abs_dest_path)
                excluded = page.file.inclusion.is_excluded()
                _build_page(page, config, doc_files, nav, env, dirty=False, excluded=excluded)
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        finally:
            plugin.indexer = None
            logger.removeHandler(warned)
        return not warned.count


def _hidden_under(path: str, docs: Path) -> bool:
    """Whether ``path`` is in the docs folder under a hidden name (``.x.md.swp``, ``.git/``),
    which MkDocs leaves out of the site."""
    try:
        parts = Path(path).relative_to(docs).parts
    except ValueError:
        return False
    return any(part.startswith(".") for part in parts)


def _may_be_new_article(uri: str, plugin: NewsArchivePlugin, config: MkDocsConfig) -> bool:
    """Whether a file the last build did not publish is one a full build would read as an
    article: a Markdown file of the articles folder (the snapshot's walk never enters a
    link; hidden files are left out before), in a site that leaves out no other file by its
    settings."""
    return (
        uri.startswith(f"{plugin.settings.articles_dir}/")
        and uri.endswith(".md")
        and config.exclude_docs is None
        and config.draft_docs is None
    )


def _index(
    plugin: NewsArchivePlugin,
    last: SearchIndexer,
    site_dir: Path,
    changed: dict[str, str],
    pages: list[tuple[str, str, str, str]],
    layout: SearchLayout | None,
) -> None:
    """After the pages are served: the last index again, the articles in ``changed`` (path
    -> fingerprint of what is indexed) fed from ``pages``, laid out as ``layout`` says when
    articles came, went or moved, finished in the background (``search/background.py``)."""
    background = plugin.background
    assert background is not None
    indexer: SearchIndexer | None = None
    try:
        folder = background.prepare(site_dir, cleaned=False)
        indexer = last.successor(folder, changed, layout)
        indexer.start()
        indexer.add_pages(pages)
        indexer.last_page_rendered()
        finish_index(indexer, site_dir, background, indexer.site_dir, plugin.cache, Timings())
    except Exception as exc:  # the site keeps the index it has; the next build makes one
        if indexer is not None:
            indexer.abort()
        log.error(f"search: the index could not be updated: {exc}")


@contextlib.contextmanager
def _last_build_frozen() -> Iterator[None]:
    """The objects alive before a pass (the last build's, by the million in a large
    archive) left out of Python's garbage collection while it runs: each full collection
    walked them all (RESULTS.md). They are handed back after it, so that what they leave as
    garbage is still collected (``gc.freeze``)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _same(article: Article, before: Article) -> bool:
    """Every field equal (``Article`` compares by identity)."""
    return all(getattr(article, f.name) == getattr(before, f.name) for f in fields(Article))


def _walk(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under ``folder`` (links not followed), with its ``lstat``."""
    if not folder.is_dir():
        return
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            path = os.path.join(root, name)
            try:
                yield path, os.lstat(path)
            except OSError:
                continue


def serve_alone(server: Any, plugin: NewsArchivePlugin) -> Any:
    """Under ``serve --dirty``, the server's builder renders body edits alone."""
    if plugin.dirty and plugin.left is not None:
        builder = server.builder = ServedAlone(plugin, server.builder)
        builder.snapshot = builder.snapshot_now()  # the first build is over; the watch starts
    return server
