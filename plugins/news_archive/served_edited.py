"""``mkdocs serve --dirty``: an edit to articles' front matter makes again only what it changes.

A new actor on one article changes its page, the pages of its terms, the lists it is in, the
related lists of articles near it, some feeds, the data files and the search page's counts: a
few dozen files of the 60,000 a 20,000-article site holds. Yet MkDocs' rebuild lists every
file again, the plugin reads every article, and the cache places every page. Here the archive
is indexed again in memory from the articles the last build read (the edited ones read again),
every page's fingerprint is taken as in any build (``core/caching/page_fingerprints.py``), and
what differs from what the last build left in the site (``core/caching/in_place.py``: each
file with the cache entry, named by its fingerprint, that it holds) is made again: pages
through MkDocs' own page pipeline (``served_alone.py``), feeds and data written, the sitemaps
written again; pages with no fingerprint (the navigation's, the hand-written ones, search) are
rendered again as every build renders them. The site then holds what a full build makes from
the same files (tests/test_serve.py compares them).

An article added, deleted or moved to another date is such an edit too: its page is made
or dropped, the lists it is in follow, and with search on, the index is laid out again (its
shards follow the dates) from the cache and the new page. So is an edited registry: read
again, it is what the archive is indexed with (what it says of a term is in the fingerprint
of each page that shows the term). Only what can be decided from data comes here: the caller
runs MkDocs' builder when a message is found, a new file is not plainly an article, the
navigation or what shapes every page (``page_reuse.site_key``) changes, or MkDocs warns.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page

from .core.caching.in_place import remove, remove_stale
from .core.indexing.archive import Archive, index_archive, relate_articles
from .core.indexing.places import mapped_places, places_geojson
from .core.model.article import Article
from .core.planning.search_layout import plan_shards
from .core.planning.site_plan import PlannedPage, plan_pages
from .core.publishing.feeds import last_change, publishes_feeds
from .core.publishing.machine_files import MachineFile, machine_files
from .core.publishing.sitemap import SitemapEntry
from .core.reading.corpus import FileHash, load_registries
from .generated_page import GeneratedPage
from .git_history import first_archived_in
from .reading import ReadArchive, report
from .render import Renderer
from .search import SearchLayout
from .served_in_place import InPlaceCache
from .sitemaps import write_sitemaps
from .virtual_files import PLACES_DATA, InSite
from .write_failure import write_into_site

if TYPE_CHECKING:
    from .plugin import NewsArchivePlugin


@dataclass
class LastBuild:
    """What the last build (or pass) read and planned, for the next edit's pass."""

    read: ReadArchive
    planned: list[PlannedPage]
    names: list[str]
    """The site's files when the fingerprints were taken (their names shape ``files_key``)."""
    machine_paths: list[str]
    """The feeds and data files it published."""


class ReadAgain(NamedTuple):
    """An edited article as read again, and what its file holds."""

    article: Article
    hash: FileHash


@dataclass
class EditedSite:
    """What an edit changes, decided before anything is written."""

    archive: Archive
    renderer: Renderer
    last: LastBuild
    articles: list[Article]
    """The articles whose pages differ from what the site holds."""
    pages: list[PlannedPage]
    """The generated pages to render (new, changed, or with no fingerprint)."""
    gone_pages: list[PlannedPage]
    new_pages: set[str]
    """The paths of generated pages the last build did not plan."""
    machine: list[MachineFile]
    """The feeds and data to write."""
    gone_machine: list[str]
    places: str | None
    """The map's places, when they changed."""
    indexed: dict[str, str]
    """Article path -> fingerprint of what search indexes of it, for those to index again."""
    gone_articles: list[Article]
    """Articles the last build published and this one does not (deleted)."""
    search_layout: SearchLayout | None
    """The search index's new shards and order, when articles came, went or moved."""


def plan_edit(
    plugin: NewsArchivePlugin, edited: Mapping[str, ReadAgain | None], registries: bool = False
) -> EditedSite | str:
    """What the edited, added and deleted (``None``) articles, and the ``registries`` read
    again if they changed, change in the site; or why a full build must run."""
    last, cache, left, built = plugin.last, plugin.cache, plugin.left, plugin.built
    if last is None or left is None or built is None or not isinstance(cache, InPlaceCache):
        return "no pages of an earlier build to compare with"
    if not cache.site_key:
        return "the last build took no fingerprints"
    config, files, _env = built
    old = last.read.archive
    articles = _articles_read(last.read.articles, edited)
    settings, timings = plugin.settings, plugin.timings
    docs = Path(config.docs_dir)
    registered, registry_problems = last.read.registries, None
    if registries:
        project = Path(config.config_file_path).parent
        registered, registry_problems = load_registries(project, settings, plugin.recall)
        if any(problem.is_error for problem in registry_problems):
            return "a registry has an error"
    archive = index_archive(settings, articles, registered, timings, first_archived_in(docs))
    if any(problem.is_error for problem in archive.problems):
        return "an error was found"
    published = _published(last.read.published, archive, config)
    if isinstance(published, str):
        return published
    taken = {file.dest_uri for file in files}
    for file in published:
        if file.src_uri not in old.by_path and file.dest_uri in taken:
            return f"/{file.dest_uri} is another file's address"
    hashes = {**last.read.hashes, **{p: again.hash for p, again in edited.items() if again}}
    for path in (path for path, again in edited.items() if again is None):
        hashes.pop(path, None)
    shown = {f"{last.read.prefix}{path}" for path in edited}  # read again without a problem
    if registry_problems is not None:  # the registries' own, read again
        shown |= {settings.registry_path(taxonomy) for taxonomy in settings.taxonomies}
    problems = [problem for problem in last.read.problems if problem.path not in shown]
    read = dataclasses.replace(
        last.read,
        archive=archive,
        articles=articles,
        hashes=hashes,
        problems=[*(registry_problems or []), *problems],
        published=published,
        registries=registered,
    )
    came_or_went = archive.by_path.keys() != old.by_path.keys()
    names = last.names
    if came_or_went:  # the site's files, as a full build would list them now
        names = [n for n in names if n not in old.by_path or n in archive.by_path]
        names += [path for path in archive.by_path if path not in old.by_path]
    renderer = Renderer(archive, feeds=publishes_feeds(archive, plugin.site), recall=plugin.recall)
    with timings.phase("plan"):
        planned = list(plan_pages(archive))
    if _nav(planned) != _nav(last.planned):
        return "the navigation changed"
    site_key = cache.site_key
    with timings.phase("fingerprint"):
        shaping = (settings, plugin.site, plugin.language, renderer)
        cache.fingerprint_contents(config, read, names, planned, *shaping)
    if cache.site_key != site_key:
        return "what shapes every page changed"
    relate_articles(archive, timings, plugin.recall)
    with timings.phase("fingerprint"):
        cache.fingerprint_pages(archive, planned)
    fingerprints, entries = cache.fingerprints, left.entries
    site_dir = Path(config.site_dir)

    site = str(site_dir)

    def held(path: str, name: str) -> bool:
        """Whether the site's ``path`` holds the cache entry ``name`` (with ``os.path``,
        not ``Path`` objects: this runs for every article and page of the site)."""
        return entries.get(os.path.normpath(os.path.join(site, path))) == name

    was_planned = {page.path for page in last.planned}
    now_planned = {page.path for page in planned}
    pages = []
    for page in planned:
        if page.path not in was_planned and f"{page.path}index.html" in taken:
            return f"/{page.path} is a hand-written page's address"
        fingerprint = fingerprints.pages.get(page.path)
        if fingerprint is None or not held(f"{page.path}index.html", f"pages/{fingerprint}.html"):
            pages.append(page)
    changed = [
        article
        for article in archive.articles
        if not held(
            f"{article.site_path}index.html",
            f"pages/{fingerprints.articles.get(article.path)}.html",
        )
    ]
    indexed, layout = {}, None
    if settings.search:
        background = plugin.background
        index = background.last if background is not None else None
        if index is None:
            return "no search index to start from"
        for article in changed:
            if index.indexed_from(article.path) != fingerprints.indexed[article.path]:
                indexed[article.path] = fingerprints.indexed[article.path]
        if not index.cache_holds_all_but(indexed):
            return "the cache lacks what search indexes of other articles"
        if came_or_went or [a.path for a in archive.articles] != [a.path for a in old.articles]:
            layout = SearchLayout(  # the shards follow the articles' dates
                plan_shards(archive.articles, settings.search_shard_size),
                [(f.src_uri, f"/{archive.by_path[f.src_uri].site_path}") for f in published],
            )
    with timings.phase("feeds_data"):
        wanted = list(machine_files(archive, plugin.site, os.environ))
        made_before = {
            made.path: made.made_from
            for made in machine_files(old, plugin.site, os.environ)
            if made.made_from is not None
        }
        fallback = last_change(archive, os.environ)
        machine, published = [], set(last.machine_paths)
        for made in wanted:
            if made.path not in published and made.path in taken:
                return f"/{made.path} is a hand-written file's address"
            if made.made_from is not None and made_before.get(made.path) == made.made_from:
                continue  # made from the same as the site's file
            if made.feed is None:  # data: compared as made
                content = made.make()
                if not _holds(site_dir / made.path, content):
                    machine.append(dataclasses.replace(made, make=partial(_as_made, content)))
                continue
            fingerprint = fingerprints.feed(made.feed, fallback)
            if fingerprint is None or not held(made.path, f"feeds/{fingerprint}.xml"):
                machine.append(made)
        paths = {made.path for made in wanted}
    places = None
    if settings.explore:
        places = places_geojson(mapped_places(archive))
        known = files.get_file_from_path(PLACES_DATA)
        if known is not None and known.content_string == places:
            places = None
    return EditedSite(
        archive,
        renderer,
        LastBuild(read, planned, names, [made.path for made in wanted]),
        changed,
        pages,
        [page for page in last.planned if page.path not in now_planned],
        now_planned - was_planned,
        machine,
        [path for path in last.machine_paths if path not in paths],
        places,
        indexed,
        [article for path, article in old.by_path.items() if path not in archive.by_path],
        layout,
    )


def _articles_read(before: list[Article], edited: Mapping[str, ReadAgain | None]) -> list[Article]:
    """Every article read, as a full build reads them now (by path): the edited ones in
    their place, the deleted ones out, the new ones in."""
    now = {article.path: article for article in before}
    for path, again in edited.items():
        if again is None:
            now.pop(path, None)
        else:
            now[path] = again.article
    if now.keys() - {article.path for article in before}:
        return sorted(now.values(), key=lambda article: article.path)
    return list(now.values())


def _published(before: list[File], archive: Archive, config: MkDocsConfig) -> list[File] | str:
    """The published articles' files in MkDocs' order (``file_sort_key``, as its walk
    lists them), or why a full build must run (a new file MkDocs would publish elsewhere)."""
    published = [file for file in before if file.src_uri in archive.by_path]
    known = {file.src_uri for file in published}
    for path in sorted(archive.by_path.keys() - known):
        file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
        file.inclusion = InclusionLevel.NOT_IN_NAV
        if file.dest_uri != f"{archive.by_path[path].site_path}index.html":
            return f"{path}: MkDocs would publish it at /{file.dest_uri}"
        bisect.insort(published, file, key=file_sort_key)
    return published


def _holds(target: Path, content: str | bytes) -> bool:
    """Whether the site's file holds ``content`` already: a data file of terms does not
    change with an article's title."""
    wanted = content if isinstance(content, bytes) else content.encode()
    try:
        return target.stat().st_size == len(wanted) and target.read_bytes() == wanted
    except OSError:
        return False


def _as_made(content: str | bytes) -> str | bytes:
    return content


def _nav(planned: list[PlannedPage]) -> list[tuple[str, str]]:
    return [(page.path, page.title) for page in planned if page.in_nav]


def write_edit(plugin: NewsArchivePlugin, edit: EditedSite) -> list[Page]:
    """Make the site what ``edit`` says, but for the pages: those to render, with their
    files in MkDocs' ``Files`` (the caller renders them, then calls ``pages_written``)."""
    assert plugin.built is not None and plugin.left is not None
    config, files, _env = plugin.built
    site_dir, left, fingerprints = Path(config.site_dir), plugin.left, plugin.cache.fingerprints
    for page in edit.gone_pages:
        _drop(files, page.source_name, site_dir / page.path / "index.html", plugin)
    for article in edit.gone_articles:
        _drop(files, article.path, site_dir / article.site_path / "index.html", plugin)
    for path in edit.gone_machine:
        _drop(files, path, site_dir / path, plugin)
    fallback = last_change(edit.archive, os.environ)
    for made in edit.machine:
        target = site_dir / made.path
        left.forget([str(target)])
        remove(target)  # never written through: it may be a link into the cache
        write_into_site(site_dir, made.path, made.make())
        fingerprint = fingerprints.feed(made.feed, fallback) if made.feed else None
        if fingerprint is not None:
            left.entries[str(target)] = f"feeds/{fingerprint}.xml"
        if files.get_file_from_path(made.path) is None:
            _add(files, InSite.generated(config, made.path, abs_src_path=str(target)), plugin)
    if edit.places is not None:
        old = files.get_file_from_path(PLACES_DATA)
        if old is not None:
            files.remove(old)
        remove(site_dir / PLACES_DATA)
        write_into_site(site_dir, PLACES_DATA, edit.places)
        files.append(File.generated(config, PLACES_DATA, content=edit.places))
    plugin.archive, plugin.renderer = edit.archive, edit.renderer
    plugin.articles = edit.archive.by_path
    plugin.planned = {page.source_name: page for page in edit.last.planned}
    plugin.last = edit.last
    pages = [_article_page(plugin, files, article) for article in edit.articles]
    pages += [
        page
        for page in (_generated_page(plugin, files, p, edit.new_pages) for p in edit.pages)
        if page is not None
    ]
    generated = {page.source_name for page in edit.last.planned}
    pages += [  # hand-written pages (the home page lists the newest articles)
        file.page
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        if file.page is not None
        and file.src_uri not in plugin.articles
        and file.src_uri not in generated
    ]
    for page in pages:
        left.forget([page.file.abs_dest_path])
    report([*edit.last.read.problems, *edit.archive.problems])  # as every build does
    return pages


def pages_written(plugin: NewsArchivePlugin, edit: EditedSite, pages: list[Page]) -> None:
    """After the pages are rendered: what each holds, for the next pass or build, and the
    sitemaps with their entries."""
    assert plugin.built is not None and plugin.left is not None
    config = plugin.built[0]
    fingerprints, entries = plugin.cache.fingerprints, plugin.left.entries
    site_dir = Path(config.site_dir)
    for article in edit.articles:
        entries[str(site_dir / article.site_path / "index.html")] = (
            f"pages/{fingerprints.articles[article.path]}.html"
        )
    for planned in edit.pages:
        fingerprint = fingerprints.pages.get(planned.path)
        if fingerprint is not None:
            entries[str(site_dir / planned.path / "index.html")] = f"pages/{fingerprint}.html"
    sitemap = {entry.url: entry for entry in plugin.sitemap}
    base = (config.site_url or "").rstrip("/")
    for gone in [
        *(page.path for page in edit.gone_pages),
        *(a.site_path for a in edit.gone_articles),
    ]:
        sitemap.pop(f"{base}/{gone}", None)
    for page in pages:
        url = page.canonical_url or page.abs_url
        if url:
            sitemap[url] = SitemapEntry(url, page.update_date or None)
    plugin.sitemap = list(sitemap.values())
    write_sitemaps(config, plugin.sitemap)


def _drop(files: Files, name: str, target: Path, plugin: NewsArchivePlugin) -> None:
    """A file the site no longer has."""
    assert plugin.built is not None and plugin.left is not None
    known = files.get_file_from_path(name)
    if known is not None:
        files.remove(known)
        plugin.left.written.discard(known.abs_dest_path)
    plugin.left.forget([str(target)])
    remove_stale(Path(plugin.built[0].site_dir), [str(target)])


def _add(files: Files, file: File, plugin: NewsArchivePlugin) -> None:
    """A file the site did not have: a later full build removes it if it goes."""
    assert plugin.left is not None
    files.append(file)
    plugin.left.written.add(file.abs_dest_path)


def _article_page(plugin: NewsArchivePlugin, files: Files, article: Article) -> Page:
    """A new page for the article, its file in place of the last build's (a placed file,
    or a page already rendered)."""
    assert plugin.built is not None
    config = plugin.built[0]
    old = files.get_file_from_path(article.path)
    file = File(article.path, config.docs_dir, config.site_dir, config.use_directory_urls)
    file.inclusion = InclusionLevel.NOT_IN_NAV
    if old is not None:
        if old.dest_uri != file.dest_uri:
            raise ValueError(f"{article.path} has moved")
        files.remove(old)
    files.append(file)
    return Page(None, file, config)


def _generated_page(
    plugin: NewsArchivePlugin, files: Files, planned: PlannedPage, new: set[str]
) -> Page | None:
    """The page standing for ``planned``: the navigation's own, the last build's, or a new
    one; ``None`` for a page a hand-written one displaces (a full build reported it)."""
    assert plugin.built is not None
    config = plugin.built[0]
    old = files.get_file_from_path(planned.source_name)
    if old is not None and old.page is not None and old.is_documentation_page():
        return old.page
    if old is None and planned.path not in new:
        return None
    file = File.generated(
        config, planned.source_name, content="", inclusion=InclusionLevel.NOT_IN_NAV
    )
    if old is not None:
        files.remove(old)
        files.append(file)
    else:
        _add(files, file, plugin)
    return GeneratedPage(None, file, config)
