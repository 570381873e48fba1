"""Feeding rendered articles to Pagefind while the build goes on.

Each article is sent to Pagefind's indexing process as soon as MkDocs has rendered it, so
indexing overlaps rendering on another core instead of re-reading the whole site after the
build. Articles go to shards of ``shard_size`` (see ``core/search_layout.py``): a full shard
is built and written on a thread while the next one fills, and its Pagefind process ends, so
memory stays bounded by the size of a shard. At most ``max_pending`` pages are in flight per
shard, which bounds the pipe and surfaces an indexing error promptly.
"""

from __future__ import annotations

import base64
import threading
import time
from collections import deque
from pathlib import Path

from ..core.search_layout import shard_folders
from .canonical import canonicalise
from .service import PagefindService

# Pagefind's ready-made interfaces: the archive has its own search page.
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


class _Shard:
    """One Pagefind process and index, for one shard's articles, written into ``folder``."""

    def __init__(self, folder: Path, language: str, max_pending: int) -> None:
        self.folder = folder
        self.pages = 0
        self._pending: deque[int] = deque()
        self._max_pending = max_pending
        self._service = PagefindService()
        try:
            created = self._service.call(
                {"type": "NewIndex", "config": {"force_language": language}}
            )
        except BaseException:
            self._service.close()
            raise
        self._index_id = created["index_id"]

    def add(self, url: str, html: str) -> None:
        self._pending.append(
            self._service.send(
                {
                    "type": "AddFile",
                    "index_id": self._index_id,
                    "url": url,
                    "file_path": None,
                    "file_contents": html,
                }
            )
        )
        self.pages += 1
        while len(self._pending) > self._max_pending:
            self._service.result(self._pending.popleft())

    def write(self) -> float:
        """Build the index, write it into the shard's folder in a stable form; seconds taken.

        The files are taken from Pagefind in memory and written here: Pagefind's own
        ``WriteFiles`` answers before its files are complete.
        """
        started = time.perf_counter()
        try:
            while self._pending:
                self._service.result(self._pending.popleft())
            answer = self._service.call({"type": "GetFiles", "index_id": self._index_id})
        finally:
            self._service.close()
        bundle = {
            item["path"]: base64.b64decode(item["content"])
            for item in answer["files"]
            if not item["path"].startswith(UNUSED)
        }
        for path, content in sorted(canonicalise(bundle).items()):
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return time.perf_counter() - started

    def close(self) -> None:
        self._service.close()


class SearchIndexer:
    """The search index of one build; ``finish`` writes it, ``abort`` drops it."""

    def __init__(
        self, site_dir: Path, language: str, articles: int, shard_size: int, max_pending: int = 64
    ) -> None:
        self.site_dir = site_dir
        self.pages = 0
        self.timings: dict[str, float] = {}
        self._language = language
        self._max_pending = max_pending
        self._shard_size = max(shard_size, 1)
        self._folders = shard_folders(articles, self._shard_size)
        self._shard: _Shard | None = None
        self._created = 0
        self._threads: list[threading.Thread] = []
        self._errors: list[BaseException] = []

    def add(self, url: str, html: str) -> None:
        """Queue one page; ``url`` is its root-relative URL, like ``/articles/2017/09/x/``."""
        if self._shard is None:
            self._shard = self._new_shard()
        self._shard.add(url, html)
        self.pages += 1
        if self._shard.pages >= self._shard_size:
            full, self._shard = self._shard, None
            thread = threading.Thread(target=self._write_in_background, args=(full,))
            thread.start()
            self._threads.append(thread)

    def finish(self) -> None:
        """Write the last shard, wait for the others; every shard folder exists afterwards."""
        started = time.perf_counter()
        try:
            if self._shard is not None or self._created == 0:
                shard = self._shard or self._new_shard()
                self._shard = None
                self._write(shard)
        finally:
            for thread in self._threads:
                thread.join()
        if self._errors:
            raise self._errors[0]
        self.timings["after the last page"] = time.perf_counter() - started

    def abort(self) -> None:
        """Stop without writing the current shard (the build failed)."""
        if self._shard is not None:
            self._shard.close()
            self._shard = None
        for thread in self._threads:
            thread.join()

    def _new_shard(self) -> _Shard:
        """Shards take their folders in order, so the search page can name them in advance."""
        folder = self._folders[min(self._created, len(self._folders) - 1)]
        self._created += 1
        return _Shard(self.site_dir / folder, self._language, self._max_pending)

    def _write(self, shard: _Shard) -> None:
        seconds = shard.write()
        self.timings[f"building {shard.folder.relative_to(self.site_dir)}"] = seconds

    def _write_in_background(self, shard: _Shard) -> None:
        try:
            self._write(shard)
        except BaseException as exc:  # surfaced by finish()
            self._errors.append(exc)
