"""The search step: the indexer is started once the archive is read, fed each article as
MkDocs converts it, and finished when the site is written (after the build under ``mkdocs
serve``, which serves the last complete index meanwhile)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

from .build_cache import NoCache
from .core.indexing.archive import Archive
from .core.model.taxonomy import ArchiveSettings
from .core.planning.search_layout import plan_shards
from .core.timing import Timings
from .parallel import InProcess
from .search import SearchIndexer
from .search.background import Done, IndexInBackground
from .search.in_copy import IndexingCopy

log = get_plugin_logger(__name__)


def start_indexer(
    config: MkDocsConfig,
    archive: Archive,
    order: list[str],
    settings: ArchiveSettings,
    language: str,
    index_root: Path | None,
    *,
    cache: NoCache,
    parallel: InProcess,
) -> SearchIndexer | IndexingCopy:
    """The index, fed in MkDocs' order (``order``: the articles' source paths); a shard to
    rebuild from the cache is fed at once. ``index_root``: where it is written under
    ``serve``, beside the site, instead of into it."""
    listed, stored = cache.search_entries(archive, order)
    indexer = SearchIndexer(
        index_root or Path(config.site_dir),
        language=language,
        plan=plan_shards(archive.articles, settings.search_shard_size),
        order=listed,
        cache=stored,
    )
    if index_root is None:  # under serve, finished in the background (never forked there)
        indexer = parallel.indexer(indexer, stored, len(order))
    indexer.start()
    return indexer


def finish_index(
    indexer: SearchIndexer | IndexingCopy | None,
    site_dir: Path,
    background: IndexInBackground | None,
    index_root: Path | None,
    cache: NoCache,
    timings: Timings,
) -> None:
    """Finish the index (or, under serve, hand it to the background) and save the cache's
    manifest, which lists the shards kept."""
    if isinstance(indexer, SearchIndexer) and background and index_root:
        # Under serve the page is what the writer waits for: the index follows, and the
        # cache's manifest with it.
        with timings.phase("search"):
            background.finish(indexer, site_dir, _index_done(cache))
        timings.count("search_shards_reused", indexer.reused)
    else:
        if indexer is not None:
            with timings.phase("search"):
                indexer.finish()
            log_index(indexer)
            timings.count("search_shards_reused", indexer.reused)
        cache.save(timings)  # with what the indexer kept, adopted by finish()


def _index_done(cache: NoCache) -> Done:
    """What follows an index finished after the build: its line in the log, and the
    cache's manifest (the next build stops this index before it reads the manifest)."""

    def done(indexer: SearchIndexer, published: bool, error: BaseException | None) -> None:
        if published:
            log_index(indexer)
        elif error is not None:  # the site keeps the last complete index
            log.error(f"search: the index could not be updated: {error}")
        cache.save(prune=published)

    return done


def log_index(indexer: SearchIndexer | IndexingCopy) -> None:
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in indexer.timings.items())
    log.info(f"search: indexed {indexer.pages:,} articles into pagefind/ ({phases})")
