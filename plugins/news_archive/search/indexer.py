"""Feeding rendered articles to Pagefind while the build goes on.

Each article is sent to Pagefind's indexing process as soon as MkDocs has rendered it, so
indexing overlaps rendering on another core instead of re-reading the whole site after the
build. Articles go to shards by date (see ``core/search_layout.py``); once a shard has all
its articles it is built and written by one builder thread, and its Pagefind process ends.
Shards are built one at a time: a build takes a whole core and ~320 KB per article for a
few seconds, so two at once would take MkDocs' core and double the peak memory, while a
shard waiting its turn holds only its pages (~60 KB each). At most ``max_pending`` pages
are in flight per shard, which bounds the pipe and surfaces an indexing error promptly.
"""

from __future__ import annotations

import base64
import queue
import threading
import time
from collections import deque
from pathlib import Path

from ..core.search_layout import ShardPlan
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
    """The search index of one build; ``finish`` writes it, ``abort`` drops it.

    Articles go to the shards ``plan`` gives them (by date). MkDocs renders articles in the
    order of their files, which is by month, so at most two shards fill at once; a complete
    shard joins the builder's queue at once, while MkDocs goes on rendering.
    """

    def __init__(
        self, site_dir: Path, language: str, plan: ShardPlan, max_pending: int = 64
    ) -> None:
        self.site_dir = site_dir
        self.pages = 0
        self.timings: dict[str, float] = {}
        self._language = language
        self._max_pending = max_pending
        self._plan = plan
        self._open: dict[int, _Shard] = {}
        self._done: set[int] = set()
        self._complete: queue.SimpleQueue[_Shard | None] = queue.SimpleQueue()
        self._builder: threading.Thread | None = None
        self._errors: list[BaseException] = []

    def add(self, article_path: str, url: str, content: str, language: str) -> None:
        """Queue one article's page content; ``url`` is root-relative, like
        ``/articles/2017/09/x/``.

        Each page carries its shard's number as a filter (1 for the newest): Pagefind
        orders merged results by score, so a date-ordered search over several shards asks
        each shard in turn, newest first or oldest first.
        """
        number = self._plan.shard_of[article_path]
        shard = self._open.get(number)
        if shard is None:
            if number in self._done:
                raise RuntimeError(f"search: {url} came after its index shard was written")
            shard = self._open[number] = self._new_shard(number)
        marker = f'<div data-pagefind-body><span data-pagefind-filter="shard:{number + 1}">'
        marker += "</span></div>"
        shard.add(url, f'<html lang="{language}"><body>{content}{marker}</body></html>')
        self.pages += 1
        if shard.pages >= self._plan.shards[number].articles:
            self._complete_shard(number)

    def finish(self) -> None:
        """Write what is left, wait for the builder; every shard folder exists afterwards
        (empty if its articles were not rendered), since the search page names them all."""
        started = time.perf_counter()
        for number in range(len(self._plan.shards)):
            if number not in self._done:
                self._complete_shard(number)
        self._stop_builder()
        if self._errors:
            raise self._errors[0]
        self.timings["after the last page"] = time.perf_counter() - started

    def abort(self) -> None:
        """Stop without writing the shards still filling or waiting (the build failed)."""
        for shard in self._open.values():
            shard.close()
        self._open.clear()
        self._errors.append(RuntimeError("search: the build stopped"))
        self._stop_builder()

    def _complete_shard(self, number: int) -> None:
        shard = self._open.pop(number, None) or self._new_shard(number)
        self._done.add(number)
        self._complete.put(shard)
        if self._builder is None:
            self._builder = threading.Thread(target=self._build, name="pagefind-builder")
            self._builder.start()

    def _stop_builder(self) -> None:
        if self._builder is not None:
            self._complete.put(None)
            self._builder.join()
            self._builder = None

    def _new_shard(self, number: int) -> _Shard:
        folder = self.site_dir / self._plan.shards[number].folder
        return _Shard(folder, self._language, self._max_pending)

    def _build(self) -> None:
        """The builder thread: each complete shard in turn; after an error, only closes."""
        while (shard := self._complete.get()) is not None:
            if self._errors:
                shard.close()
                continue
            try:
                seconds = shard.write()
            except BaseException as exc:  # surfaced by finish()
                self._errors.append(exc)
                continue
            self.timings[f"building {shard.folder.relative_to(self.site_dir)}"] = seconds
