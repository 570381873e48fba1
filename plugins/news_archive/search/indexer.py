"""Feeding rendered articles to Pagefind while the build goes on.

Each article is sent to Pagefind's indexing process as soon as MkDocs has rendered it, so
indexing overlaps rendering on another core instead of re-reading the whole site after the
build. Articles go to shards by date (see ``core/planning/search_layout.py``); once a shard has all
its articles it is built and written by one builder thread, and its Pagefind process ends.
While MkDocs renders, shards are built one at a time: a build takes a whole core and
several times a page's size in memory per article, so two at once would take MkDocs' core
and double the peak memory, while a shard waiting its turn holds only its pages; a new shard
starts only when no complete one waits, so at most one waits. Once MkDocs has rendered its
last page its core is free, and a second builder takes the next shard waiting (indexing is
behind MkDocs on 2 cores). Pages are handed over by a feeder thread, so
MkDocs never waits for Pagefind to take one; at most ``max_pending`` pages are in flight
per shard, which bounds the pipe and surfaces an indexing error promptly.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import queue
import threading
import time
from collections import deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..core.caching.output_cache import OutputCache, write_file
from ..core.caching.page_fingerprints import digest
from ..core.planning.search_layout import ShardPlan
from ..write_failure import CouldNotWrite
from .canonical import canonicalise
from .service import PagefindService

MIN_WAITING = 256
"""Rendered pages held for the feeder at most, unless a shard is larger (held here, a page
takes less memory than in a Pagefind process waiting to build)."""
FINAL_BUILDERS = 2
"""Shards built at once after MkDocs' last page: one on each core of a 2-core runner."""
# Pagefind's ready-made interfaces: the archive has its own search page.
UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


class Cancelled(RuntimeError):
    """The index was stopped before it was complete, on purpose (``SearchIndexer.cancel``)."""


class _Shard:
    """One Pagefind process and index, for one shard's articles, written into ``folder``."""

    def __init__(self, folder: Path, language: str, max_pending: int, number: int = 0) -> None:
        self.folder = folder
        self.number = number
        self.pages = 0
        self.written: list[str] = []
        """The bundle's files, inside ``folder``, once written."""
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
        folders: set[Path] = set()
        for path, content in sorted(canonicalise(bundle).items()):
            self.written.append(path)
            target = self.folder / path
            try:
                if target.parent not in folders:  # a few folders for thousands of files
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                write_file(target, content)  # never through a link into the cache
            except OSError as exc:  # a full disk: a message, not a traceback
                raise CouldNotWrite(target, exc) from exc
        return time.perf_counter() - started

    def close(self) -> None:
        self._service.close()

    def kill(self) -> None:
        """Stop its process at once (from another thread): ``add`` or ``write`` fails."""
        self._service.kill()


class SearchLayout(NamedTuple):
    """Where each article goes in an index: its shards, and the articles (path, url) in
    MkDocs' order."""

    plan: ShardPlan
    order: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Listed:
    """An article as its shard expects it: in MkDocs' order, with what it is indexed from."""

    path: str
    url: str
    fingerprint: str
    """Hash of its indexed content (``core/caching/page_fingerprints.py``): its cache entry."""
    rendered: bool = True
    """Rendered by MkDocs in this build; otherwise its content comes from the cache."""


class SearchIndexer:
    """The search index of one build; ``finish`` writes it, ``abort`` drops it.

    Articles go to the shards ``plan`` gives them (by date). MkDocs renders articles in the
    order of their files, which is by month, so at most two shards fill at once; a complete
    shard joins the builder's queue at once, while MkDocs goes on rendering.

    With a ``cache``, a shard whose articles are all indexed from the same content as in an
    earlier build is that build's bundle, placed without Pagefind; and the content of each
    article is kept, so that a shard with one changed article is rebuilt from the cache
    and that one article. Pagefind numbers pages in the order it gets them, so each shard is
    fed in ``order`` (MkDocs' order), whichever of the two an article comes from.
    """

    def __init__(
        self,
        site_dir: Path,
        language: str,
        plan: ShardPlan,
        order: Sequence[Listed],
        cache: OutputCache | None = None,
        max_pending: int = 64,
    ) -> None:
        self.site_dir = site_dir
        self.pages = 0
        self.timings: dict[str, float] = {}
        self._language = language
        self._max_pending = max_pending
        self._plan = plan
        self._cache = cache
        self._expected: dict[int, list[Listed]] = {n: [] for n in range(len(plan.shards))}
        for listed in order:
            self._expected[plan.shard_of[listed.path]].append(listed)
        self._from_cache = {listed.path for listed in order if not listed.rendered}
        self._listed = {listed.path: listed for listed in order}
        self._fed: dict[int, int] = dict.fromkeys(self._expected, 0)
        self._waiting: dict[str, str] = {}
        # Up to a shard's pages: MkDocs goes on while the feeder waits for the builder.
        self._max_waiting = max([MIN_WAITING, *(shard.articles for shard in plan.shards)])
        self._keys = {
            number: digest(
                language, plan.shards[number], [(i.path, i.url, i.fingerprint) for i in listed]
            )
            for number, listed in self._expected.items()
        }
        self._open: dict[int, _Shard] = {}
        self._writing: set[_Shard] = set()
        """Shards a builder is writing (``cancel`` stops their processes)."""
        self._done: set[int] = set()
        self._reused: set[int] = set()
        self._complete: queue.SimpleQueue[_Shard | None] = queue.SimpleQueue()
        self._builders: list[threading.Thread] = []
        self._errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._room = threading.Condition(self._lock)
        self._built = threading.Condition(self._lock)
        self._queued = 0
        """Complete shards the builder has not taken yet."""
        self._feeder: threading.Thread | None = None
        self._resumed: queue.SimpleQueue[int | None] = queue.SimpleQueue()

    def successor(
        self, site_dir: Path, changed: Mapping[str, str], layout: SearchLayout | None = None
    ) -> SearchIndexer:
        """This index again, written into ``site_dir``: the articles in ``changed`` (path ->
        fingerprint of their new content) fed anew, every other one taken from the cache
        (for pages rendered alone under ``serve --dirty``, ``served_alone.py``). Where
        articles came, went or moved, ``layout`` gives the new shards and order; a shard whose
        articles are the same is still placed from the cache."""
        plan, paths = self._plan, [(i.path, i.url) for i in self._listed.values()]
        if layout is not None:
            plan, paths = layout.plan, list(layout.order)
        order = []
        for path, url in paths:
            if path in changed:
                order.append(Listed(path, url, changed[path]))
                continue
            listed = self._listed.get(path)
            if listed is None or listed.url != url:
                raise ValueError(f"{path}: nothing indexed to take it from")
            order.append(dataclasses.replace(listed, rendered=False))
        cache = self._cache
        return SearchIndexer(site_dir, self._language, plan, order, cache, self._max_pending)

    def indexed_from(self, path: str) -> str | None:
        """The fingerprint of what the article at ``path`` is indexed from, if it is."""
        listed = self._listed.get(path)
        return listed.fingerprint if listed is not None else None

    def cache_holds_all_but(self, changed: Collection[str]) -> bool:
        """Whether the cache holds what every article but those in ``changed`` is indexed
        from (``successor`` takes them from it)."""
        cache = self._cache
        return cache is not None and all(
            cache.verify(f"indexed/{listed.fingerprint}.html")
            for listed in self._listed.values()
            if listed.path not in changed
        )

    @property
    def reused(self) -> int:
        """Shards placed from the cache."""
        return len(self._reused)

    def start(self) -> None:
        """Place the shards the cache holds. The others are fed by a thread of their own:
        first what the cache holds of them, then each page as MkDocs renders it, while
        MkDocs goes on (it waited for Pagefind to take each page, a tenth of the build)."""
        waiting = []
        for number in self._expected:
            if self._place(number):
                self._done.add(number)
                self._reused.add(number)
            elif any(not listed.rendered for listed in self._expected[number]):
                waiting.append(number)
        self._feeder = threading.Thread(
            target=self._feed_all, args=(waiting,), name="pagefind-feeder"
        )
        self._feeder.start()

    def _feed_all(self, numbers: list[int]) -> None:
        """The feeder thread: the shards the cache holds pages of, then each shard a page
        rendered by MkDocs lets go on, until ``finish``."""
        try:
            for number in numbers:
                self._feed(number)
            while (number := self._resumed.get()) is not None:
                self._feed(number)
        except BaseException as exc:  # surfaced by the next add() or by finish()
            with self._lock:
                self._errors.append(exc)
                self._room.notify_all()

    def add(self, article_path: str, url: str, content: str, language: str) -> None:
        """Queue one article's page content; ``url`` is root-relative, like
        ``/articles/2017/09/x/``.

        Each page carries its shard's name as a filter (``newest``, ``part-1``): Pagefind
        orders merged results by score, so a date-ordered search over several shards asks
        each shard in turn, newest first or oldest first.
        """
        self.add_pages([(article_path, url, content, language)])

    def add_pages(self, pages: Sequence[tuple[str, str, str, str]]) -> None:
        """``add`` for several pages at once: the feeder is woken once for each of their
        shards, not for each page."""
        resumed: list[int] = []
        for article_path, url, content, language in pages:
            number = self._plan.shard_of[article_path]
            if number in self._reused or article_path in self._from_cache:
                continue  # placed from the cache, or indexed from it
            html = f'<html lang="{language}"><body>{content}'
            if self._errors:  # the feeder or the builder failed: the build stops now
                raise self._errors[0]
            if number in self._done:
                raise RuntimeError(f"search: {url} came after its index shard was written")
            with self._room:
                # Bounded, so that MkDocs does not run far ahead of Pagefind with pages in
                # hand; a page that never comes cannot hold the build for more than a moment.
                if len(self._waiting) >= self._max_waiting:
                    if resumed:  # what is waiting may be what the feeder needs to go on
                        self._resume(resumed)
                    self._room.wait_for(
                        lambda: len(self._waiting) < self._max_waiting or bool(self._errors),
                        timeout=5,
                    )
                self._waiting[article_path] = html
            if number not in resumed:
                resumed.append(number)
        self._resume(resumed)

    def _resume(self, numbers: list[int]) -> None:
        """Let the feeder go on with these shards (on its own thread: MkDocs goes on), and
        empty ``numbers``: each is resumed once for the pages gathered so far."""
        for number in numbers:
            self._resumed.put(number)
        numbers.clear()

    def flush(self) -> None:
        """Nothing to send: each page was queued as it came (``IndexingCopy`` gathers them)."""

    def _feed(self, number: int) -> None:
        """Send the shard's articles in order, as far as their content is at hand (on the
        feeder's thread only: the main thread only leaves its pages in ``_waiting``)."""
        expected = self._expected[number]
        if number in self._done:
            return
        while (position := self._fed[number]) < len(expected):
            listed = expected[position]
            with self._lock:
                html = self._waiting.pop(listed.path, None)
                self._room.notify_all()
            if html is None and listed.rendered:
                return  # MkDocs has not rendered it yet: its add() resumes this shard
            if html is None:
                html = self._stored_page(listed)
            elif self._cache is not None:
                self._cache.store(f"indexed/{listed.fingerprint}.html", html.encode())
            self._send(number, listed.url, html)
            self._fed[number] = position + 1
        self._complete_shard(number)

    def _stored_page(self, listed: Listed) -> str:
        stored = self._cache.read(f"indexed/{listed.fingerprint}.html") if self._cache else None
        if stored is None:
            raise RuntimeError(f"search: the cache lost what {listed.url} is indexed from")
        return stored.decode()

    def _send(self, number: int, url: str, html: str) -> None:
        with self._lock:
            if self._errors:
                raise RuntimeError("search: the build stopped")
            shard = self._open.get(number)
            if shard is None:
                # A new shard's process waits until no complete shard waits for the builder:
                # each one waiting holds all its pages in memory.
                self._built.wait_for(lambda: not self._queued or bool(self._errors))
                if self._errors:
                    raise RuntimeError("search: the build stopped")
                shard = self._open[number] = self._new_shard(number)
            self.pages += 1
        # The shard's name is added here, not kept in the cache: an article moves from the
        # newest shard to an older one as the archive grows.
        name = self._plan.shards[number].name
        marker = f'<div data-pagefind-body><span data-pagefind-filter="shard:{name}">'
        shard.add(url, f"{html}{marker}</span></div></body></html>")

    def _place(self, number: int) -> bool:
        """Put the shard's bundle from the cache into the site, if it holds it whole."""
        if self._cache is None or not self._expected[number]:
            return False
        listing = self._cache.read(f"search/{self._keys[number]}.json")
        if listing is None:
            return False
        try:
            names = json.loads(listing)
        except ValueError:
            return False
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return False
        stored = [f"search/{self._keys[number]}/{name}" for name in names]
        if not all(self._cache.verify(name) for name in stored):
            return False
        folder = self.site_dir / self._plan.shards[number].folder
        targets = [folder / name for name in names]
        placed = self._cache.place(list(zip(stored, targets, strict=True)))
        if not all(placed):  # an entry went missing: the shard is built again, from nothing
            for target, done in zip(targets, placed, strict=True):
                if done:
                    target.unlink()
            return False
        for listed in self._expected[number]:  # for when the shard changes
            self._cache.retain(f"indexed/{listed.fingerprint}.html")
        return True

    def last_page_rendered(self) -> None:
        """MkDocs has rendered every page: its core is free for another builder."""
        with self._lock:
            while len(self._builders) < FINAL_BUILDERS:
                self._add_builder()

    def finish(self) -> None:
        """Write what is left, wait for the builders; every shard folder exists afterwards
        (empty if its articles were not rendered), since the search page names them all."""
        started = time.perf_counter()
        self.last_page_rendered()
        self._stop_feeder()
        for number in range(len(self._plan.shards)):
            if number not in self._done and not self._errors:
                self._complete_shard(number)
        self._stop_builders()
        if self._errors:
            with self._lock:
                filling, self._open = list(self._open.values()), {}
            for shard in filling:
                shard.close()
            raise self._errors[0]
        self.timings["after the last page"] = time.perf_counter() - started

    def _keep(self, shard: _Shard) -> None:
        """Keep a shard built from all its articles, under the key of what they were."""
        assert self._cache is not None
        number = shard.number
        if not self._expected[number] or self._fed[number] != len(self._expected[number]):
            return
        key = self._keys[number]
        names = shard.written
        for name in names:
            self._cache.keep(f"search/{key}/{name}", shard.folder / name)
        self._cache.store(f"search/{key}.json", json.dumps(names).encode())

    def abort(self) -> None:
        """Stop without writing the shards still filling or waiting (the build failed)."""
        with self._lock:
            self._errors.append(RuntimeError("search: the build stopped"))
            self._built.notify_all()
            self._room.notify_all()
            filling, self._open = list(self._open.values()), {}
        for shard in filling:
            shard.close()  # a feeder writing to one stops with an error
        self._stop_feeder()
        self._stop_builders()

    def cancel(self) -> None:
        """Stop from another thread, at once, while ``finish`` runs (the index is no longer
        wanted: a rebuild under ``mkdocs serve`` makes a newer one). Every Pagefind process
        is stopped, so no thread waits for one, and ``finish`` raises ``Cancelled``."""
        with self._lock:
            self._errors.append(Cancelled("search: a newer index is being made"))
            self._built.notify_all()
            self._room.notify_all()
            running = [*self._open.values(), *self._writing]
        for shard in running:
            shard.kill()

    def keep_unsent(self) -> None:
        """Keep in the cache the pages MkDocs rendered that Pagefind never took (after
        ``finish`` raised): the next build then places those articles instead of rendering
        them again, as it would had this index been finished."""
        if self._cache is None:
            return
        with self._lock:
            waiting, self._waiting = self._waiting, {}
        for path, html in waiting.items():
            self._cache.store(f"indexed/{self._listed[path].fingerprint}.html", html.encode())

    def _stop_feeder(self) -> None:
        if self._feeder is not None:
            self._resumed.put(None)
            self._feeder.join()
            self._feeder = None

    def _complete_shard(self, number: int) -> None:
        """Queue the shard for writing, once (both threads may find it complete)."""
        with self._lock:
            if number in self._done:
                return
            shard = self._open.pop(number, None) or self._new_shard(number)
            self._done.add(number)
            self._queued += 1
            self._complete.put(shard)
            if not self._builders:
                self._add_builder()

    def _add_builder(self) -> None:
        """Start one more builder thread (with the lock held)."""
        thread = threading.Thread(target=self._build, name="pagefind-builder")
        self._builders.append(thread)
        thread.start()

    def _stop_builders(self) -> None:
        for _ in self._builders:
            self._complete.put(None)
        for thread in self._builders:
            thread.join()
        self._builders = []

    def _new_shard(self, number: int) -> _Shard:
        folder = self.site_dir / self._plan.shards[number].folder
        return _Shard(folder, self._language, self._max_pending, number)

    def _build(self) -> None:
        """A builder thread: each complete shard it takes in turn; after an error, only
        closes."""
        while (shard := self._complete.get()) is not None:
            with self._lock:
                self._queued -= 1
                self._built.notify_all()
                stopped = bool(self._errors)
                if not stopped:
                    self._writing.add(shard)
            if stopped:
                shard.close()
                continue
            try:
                seconds = shard.write()
                if self._cache is not None:  # here, beside the other builder, not at the end
                    self._keep(shard)
            except BaseException as exc:  # surfaced by finish()
                self._errors.append(exc)
                continue
            finally:
                with self._lock:
                    self._writing.discard(shard)
            self.timings[f"building {shard.folder.relative_to(self.site_dir)}"] = seconds
