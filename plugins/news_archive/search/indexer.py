"""Feeding rendered articles to Pagefind while the build goes on.

Pagefind's Python API is asynchronous and runs the indexer in a process of its own; MkDocs
renders pages one after another, synchronously. A private event loop on a thread bridges the
two: each article is sent as soon as it is rendered, so indexing overlaps rendering instead of
re-reading the whole site after the build. At most ``max_pending`` pages are in flight, which
bounds the memory the queue can take and surfaces an indexing error promptly.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from pagefind.index import IndexConfig, PagefindIndex

from .canonical import canonicalise

T = TypeVar("T")


class SearchIndexer:
    """One Pagefind index for one build; ``finish`` writes it, ``abort`` drops it."""

    def __init__(self, output_dir: Path, language: str, max_pending: int = 32) -> None:
        self.output_dir = output_dir
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="pagefind-indexer", daemon=True
        )
        self._thread.start()
        self._pending: deque[Future[Any]] = deque()
        self._max_pending = max_pending
        self.pages = 0
        config = IndexConfig(force_language=language, output_path=str(output_dir))
        try:
            self._index: PagefindIndex = self._wait(PagefindIndex(config).__aenter__())
        except BaseException:
            self._stop_loop()
            raise

    def add(self, url: str, html: str) -> None:
        """Queue one page; ``url`` is its root-relative URL, like ``/articles/2017/09/x/``."""
        future = asyncio.run_coroutine_threadsafe(
            self._index.add_html_file(content=html, url=url), self._loop
        )
        self._pending.append(future)
        self.pages += 1
        while len(self._pending) > self._max_pending:
            self._pending.popleft().result()

    def finish(self) -> None:
        """Wait for every page, then write the index into ``output_dir``, in a stable form."""
        try:
            while self._pending:
                self._pending.popleft().result()
            self._wait(self._index.__aexit__(None, None, None))
        finally:
            self._stop_loop()
        canonicalise(self.output_dir)

    def abort(self) -> None:
        """Stop the indexer without writing anything (the build failed)."""
        try:
            for future in self._pending:
                future.cancel()
            error = RuntimeError("build aborted")
            self._wait(self._index.__aexit__(RuntimeError, error, None))
        finally:
            self._stop_loop()

    def _wait(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()
