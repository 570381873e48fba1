"""Feeding rendered articles to Pagefind while the build goes on.

Each article is sent to Pagefind's indexing process as soon as MkDocs has rendered it, so
indexing overlaps rendering on another core instead of re-reading the whole site after the
build. Articles go to shards by date (see ``core/search_layout.py``); a shard is built and
written on a thread once it has all its articles, and its Pagefind process ends, so memory
stays bounded by the size of a shard. At most ``max_pending`` pages are in flight per
shard, which bounds the pipe and surfaces an indexing error promptly.
"""

from __future__ import annotations

import base64
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
    order of their files, which is by month, so at most two shards fill at once; a shard is
    built and written on a thread as soon as it has all its articles.
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
        self._threads: list[threading.Thread] = []
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
            del self._open[number]
            self._done.add(number)
            thread = threading.Thread(target=self._write_in_background, args=(shard,))
            thread.start()
            self._threads.append(thread)

    def finish(self) -> None:
        """Write what is left, wait for the others; every shard folder exists afterwards
        (empty if its articles were not rendered), since the search page names them all."""
        started = time.perf_counter()
        try:
            for number in range(len(self._plan.shards)):
                if number not in self._done:
                    shard = self._open.pop(number, None) or self._new_shard(number)
                    self._done.add(number)
                    self._write(shard)
        finally:
            for thread in self._threads:
                thread.join()
        if self._errors:
            raise self._errors[0]
        self.timings["after the last page"] = time.perf_counter() - started

    def abort(self) -> None:
        """Stop without writing the shards still filling (the build failed)."""
        for shard in self._open.values():
            shard.close()
        self._open.clear()
        for thread in self._threads:
            thread.join()

    def _new_shard(self, number: int) -> _Shard:
        folder = self.site_dir / self._plan.shards[number].folder
        return _Shard(folder, self._language, self._max_pending)

    def _write(self, shard: _Shard) -> None:
        seconds = shard.write()
        self.timings[f"building {shard.folder.relative_to(self.site_dir)}"] = seconds

    def _write_in_background(self, shard: _Shard) -> None:
        try:
            self._write(shard)
        except BaseException as exc:  # surfaced by finish()
            self._errors.append(exc)
