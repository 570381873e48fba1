"""Feeding rendered articles to Pagefind while the build goes on.

Each article is sent to Pagefind's indexing process as soon as MkDocs has rendered it, so
indexing overlaps rendering on another core instead of re-reading the whole site after the
build. At most ``max_pending`` pages are in flight, which bounds the memory the pipe and the
queue can take and surfaces an indexing error promptly.
"""

from __future__ import annotations

import base64
import time
from collections import deque
from pathlib import Path

from .canonical import canonicalise
from .service import PagefindService

# Pagefind's ready-made interfaces: the archive has its own search page.
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


class SearchIndexer:
    """One Pagefind index for one build; ``finish`` writes it, ``abort`` drops it."""

    def __init__(self, output_dir: Path, language: str, max_pending: int = 64) -> None:
        self.output_dir = output_dir
        self.pages = 0
        self.timings: dict[str, float] = {}
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
        """Queue one page; ``url`` is its root-relative URL, like ``/articles/2017/09/x/``."""
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

    def finish(self) -> None:
        """Wait for every page, then write the index into ``output_dir``, in a stable form.

        The files are taken from Pagefind in memory and written here: Pagefind's own
        ``WriteFiles`` answers before its files are complete.
        """
        started = time.perf_counter()
        try:
            while self._pending:
                self._service.result(self._pending.popleft())
            drained = time.perf_counter()
            answer = self._service.call({"type": "GetFiles", "index_id": self._index_id})
        finally:
            self._service.close()
        built = time.perf_counter()
        bundle = {
            item["path"]: base64.b64decode(item["content"])
            for item in answer["files"]
            if not item["path"].startswith(UNUSED)
        }
        for path, content in sorted(canonicalise(bundle).items()):
            target = self.output_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        self.timings = {
            "waiting for the last pages": drained - started,
            "building the index": built - drained,
            "normalising and writing": time.perf_counter() - built,
        }

    def abort(self) -> None:
        """Stop the indexer without writing anything (the build failed)."""
        self._service.close()
