"""The search index under ``mkdocs serve``: made after the build, not waited for.

A writer previewing an edit waits for the page, not for the index: Pagefind builds a shard
for seconds after MkDocs' last page, and MkDocs serves nothing new until its build is over.
So under ``serve`` the build ends without the index, which is then finished on a thread of
its own. It is written into a folder beside the site (``mkdocs serve`` cleans the site before
each build) and moved into the site whole once complete, so that a half-written index is never
served. Until then the site keeps the last complete index, and ``search/index-status.json``
says that it is being updated, which the search page shows. The next rebuild stops an index
still being made: its own covers the same edits and more.

``mkdocs build`` does none of this: the build waits for the index (``plugin.py``).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from ..core.caching.output_cache import write_file
from .indexer import Cancelled, SearchIndexer

INDEX_FOLDER = "pagefind"
"""Every shard of the index is in this folder of the site (``core/planning/search_layout.py``)."""
STATUS = "search/index-status.json"
"""Read by the search page: whether the index it searches is being updated."""
UP_TO_DATE = '{"updating":false}\n'
"""What ``mkdocs build`` publishes, and ``serve`` once the index has caught up."""
UPDATING = '{"updating":true}\n'

Done = Callable[[SearchIndexer, bool, BaseException | None], None]
"""Called once an index finished after the build has ended: whether it was published, and
why not if it failed (``None``: it was stopped for a newer one)."""


class IndexInBackground:
    """The index of each build under ``mkdocs serve``, finished after the build; one at a time.

    ``prepare`` before MkDocs cleans the site, ``finish`` after its last page, ``stop`` when a
    new build starts, ``close`` when the server stops."""

    def __init__(self) -> None:
        self._holding: Path | None = None
        """Our folder beside the site: the index being made (``next``), and the last complete
        one while MkDocs cleans the site (``served``)."""
        self._lock = threading.Lock()
        self._stopped = False
        self._indexer: SearchIndexer | None = None
        self._thread: threading.Thread | None = None
        self.last: SearchIndexer | None = None
        """The index of the last build, finished or not: what a page rendered alone under
        ``serve --dirty`` updates (``served_alone.py``)."""

    def prepare(self, site_dir: Path, *, cleaned: bool = True) -> Path:
        """Before MkDocs cleans the site: the complete index it serves is moved aside, to be
        served again until the new one is ready (left where it is if the site is not
        ``cleaned``). Returns where the new one is written (its shards' folders inside, as in
        the site)."""
        self.stop()
        if self._holding is None:
            # Beside the site, so on its file system: moving an index in is a rename.
            self._holding = Path(
                tempfile.mkdtemp(prefix=f"{site_dir.name}-search-", dir=site_dir.parent)
            )
        served, aside = site_dir / INDEX_FOLDER, self._holding / "served"
        if cleaned and (served / "pagefind-entry.json").is_file():
            _remove(aside)
            shutil.move(served, aside)
        staging = self._holding / "next"
        _remove(staging)
        staging.mkdir()
        return staging

    def finish(
        self,
        indexer: SearchIndexer,
        site_dir: Path,
        done: Done,
    ) -> None:
        """After MkDocs' last page: serve the last complete index, marked as being updated,
        and finish this build's on a thread, which then calls ``done``."""
        assert self._holding is not None, "prepare() comes first"
        aside, served = self._holding / "served", site_dir / INDEX_FOLDER
        if aside.is_dir() and not served.exists():
            shutil.move(aside, served)
        _write_status(site_dir, UPDATING)
        with self._lock:
            self._stopped = False
        self._indexer = self.last = indexer
        self._thread = threading.Thread(
            target=self._complete,
            args=(indexer, site_dir, done),
            name="search-index-in-background",
        )
        self._thread.start()

    @staticmethod
    def mark_updating(site_dir: Path) -> None:
        """The site's index is about to be replaced (pages rendered alone, ``served_alone.py``):
        the search page says so from now on, before ``finish`` follows."""
        _write_status(site_dir, UPDATING)

    def _complete(
        self,
        indexer: SearchIndexer,
        site_dir: Path,
        done: Done,
    ) -> None:
        try:
            indexer.finish()
        except BaseException as exc:  # the site keeps the last complete index
            indexer.keep_unsent()
            stopped = self._stopped or isinstance(exc, Cancelled)
            done(indexer, False, None if stopped else exc)
            return
        with self._lock:  # ``stop`` holds it: no index moves in once a new build starts
            published = not self._stopped
            if published:
                self._publish(site_dir)
        done(indexer, published, None)

    def _publish(self, site_dir: Path) -> None:
        """Swap the new index in for the one served; then say the index is up to date."""
        assert self._holding is not None
        served, old = site_dir / INDEX_FOLDER, self._holding / "old"
        _remove(old)
        if served.exists():
            shutil.move(served, old)
        shutil.move(self._holding / "next" / INDEX_FOLDER, served)
        _write_status(site_dir, UP_TO_DATE)
        _remove(old)

    def stop(self) -> None:
        """Stop the index being made, if any, and wait until its thread has ended."""
        with self._lock:
            self._stopped = True
        if self._indexer is not None:
            self._indexer.cancel()
            self._indexer = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def close(self) -> None:
        """The server stops: so does indexing, and our folder goes."""
        self.stop()
        if self._holding is not None:
            _remove(self._holding)
            self._holding = None


def _write_status(site_dir: Path, status: str) -> None:
    target = site_dir / STATUS
    target.parent.mkdir(parents=True, exist_ok=True)
    write_file(target, status.encode("utf-8"))  # replaced, never written through a link


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(path)
