"""The search indexer, run by a forked copy of the build instead of threads beside MkDocs.

Indexing's own work runs in Pagefind's processes, on the core MkDocs leaves idle. But
handing pages to them (encoding each page, reading answers, storing each page in the cache,
writing each shard's files: about half a millisecond a page) is Python, and Python's threads
take turns on one lock: every bit of it held up MkDocs, which made indexing add a quarter to
the build's time. So the indexer (``indexer.py``, threads and all) lives in a copy of the
build (``forked.py``), forked once the archive is read; MkDocs writes each rendered page to it
down a pipe, one frame each (``_frame``), and that is all the indexing MkDocs waits for. The
copy keeps the pages in a file until Pagefind takes them, so MkDocs never waits for Pagefind.

The copy reports how indexing went, and what it kept in the cache, which the build adopts
into its own manifest. If indexing fails, the next page MkDocs writes finds the pipe closed,
and the build stops with the copy's error.
"""

from __future__ import annotations

import contextlib
import os
import queue
import struct
import tempfile
import threading
from typing import Any, BinaryIO, NoReturn

from ..core.caching.output_cache import OutputCache
from ..forked import ForkedCopy
from ..write_failure import reported
from .indexer import SearchIndexer
from .service import (
    PagefindError,
    let_go_in_copy,
    no_process_starts_or_stops,
    pipe_closed,
    pipe_for_copies,
)

PIPE_BUFFER = 1 << 20
"""Bytes of pages gathered before each write into the pipe, or read from it: fewer calls."""
FRAME_HEADER = struct.Struct("<4I")
"""A page's frame starts with the lengths of its four fields, in UTF-8 bytes."""


def _frame(fields: tuple[str, str, str, str]) -> bytes:
    """One page for the pipe: its fields as they are, after their lengths, because JSON
    lines spent time on both ends escaping and unescaping text that needs neither."""
    encoded = [field.encode("utf-8", "surrogatepass") for field in fields]
    return FRAME_HEADER.pack(*map(len, encoded)) + b"".join(encoded)


def _frames_end(buffer: bytes) -> int:
    """Where the whole frames at the start of ``buffer`` end (a frame may be cut short)."""
    start, size = 0, len(buffer)
    while start + FRAME_HEADER.size <= size:
        end = start + FRAME_HEADER.size + sum(FRAME_HEADER.unpack_from(buffer, start))
        if end > size:
            break
        start = end
    return start


def _unframe(frames: bytes) -> list[tuple[str, str, str, str]]:
    """The pages in a run of whole frames."""
    pages = []
    start = 0
    while start < len(frames):
        lengths = FRAME_HEADER.unpack_from(frames, start)
        start += FRAME_HEADER.size
        fields = []
        for length in lengths:
            fields.append(frames[start : start + length].decode("utf-8", "surrogatepass"))
            start += length
        pages.append((fields[0], fields[1], fields[2], fields[3]))
    return pages


def _spool(pages: BinaryIO, indexer: SearchIndexer) -> None:
    """Take every page as MkDocs sends it, into a file, and hand them to the indexer from
    there, as fast as Pagefind takes them (on a thread of the copy). The indexer holds back
    what Pagefind cannot take yet, so that its processes' memory stays bounded; were MkDocs
    to wait for that, a build would take as long as its reading plus all of indexing.

    Pages go as they come out of the pipe, many at a time: each batch wakes the thread that
    hands them over once."""
    waiting: queue.SimpleQueue[tuple[int, int] | None] = queue.SimpleQueue()
    failed: list[BaseException] = []

    with tempfile.TemporaryFile(prefix="news-archive-pages-") as spool:
        fd = spool.fileno()

        def hand_over() -> None:
            try:
                while (entry := waiting.get()) is not None:
                    indexer.add_pages(_unframe(os.pread(fd, entry[1], entry[0])))
            except BaseException as exc:  # raised on the copy's main thread
                failed.append(exc)

        thread = threading.Thread(target=hand_over, name="pages-to-pagefind")
        thread.start()
        try:
            end = 0
            partial = b""
            while not failed and (chunk := pages.read1(PIPE_BUFFER)):
                gathered = partial + chunk
                complete = _frames_end(gathered)
                if not complete:
                    partial = gathered
                    continue
                batch, partial = gathered[:complete], gathered[complete:]
                written = 0
                while written < len(batch):
                    written += os.pwrite(fd, batch[written:], end + written)
                waiting.put((end, len(batch)))
                end += len(batch)
            if partial and not failed:
                raise RuntimeError("search: the last page sent was cut short")
            if not failed:  # the pipe is closed: MkDocs has rendered every page
                indexer.last_page_rendered()
        finally:
            waiting.put(None)
            thread.join()
    if failed:
        raise failed[0]


class IndexingCopy:
    """``SearchIndexer``'s interface, with the indexer in a forked copy of the build."""

    def __init__(self, indexer: SearchIndexer, cache: OutputCache | None) -> None:
        self.pages = 0
        self.reused = 0
        self.timings: dict[str, float] = {}
        self._indexer = indexer
        self._cache = cache
        self._copy: ForkedCopy | None = None
        self._pipe: Any = None

    def start(self) -> None:
        """Fork the copy that indexes; it places the shards the cache holds, then reads pages."""
        reader, writer = os.pipe()
        placed_before = self._cache.placed if self._cache is not None else 0

        def index() -> dict[str, Any]:
            os.close(writer)  # the copy's own end: the pages end when the build closes its
            indexer = self._indexer
            indexer.start()
            with os.fdopen(reader, "rb", buffering=PIPE_BUFFER) as pages:
                _spool(pages, indexer)
            indexer.finish()
            cache = self._cache
            return {
                "pages": indexer.pages,
                "reused": indexer.reused,
                "timings": indexer.timings,
                "kept": cache.kept_entries() if cache is not None else {},
                "placed": cache.placed - placed_before if cache is not None else 0,
            }

        # A pipe of PIPE_BUFFER bytes (Linux) takes each of MkDocs' writes whole, not 64 KB
        # at a time, each waiting for the copy to read.
        with contextlib.suppress(AttributeError, OSError):
            import fcntl  # only where a build forks, which Windows does not

            fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, PIPE_BUFFER)
        self._copy = ForkedCopy.start(index, no_process_starts_or_stops, let_go_in_copy)
        os.close(reader)
        pipe_for_copies(writer)  # copies forked later let go of it, or it would never end
        self._pipe = os.fdopen(writer, "wb", buffering=PIPE_BUFFER)

    def add(self, article_path: str, url: str, content: str, language: str) -> None:
        """Send one article's page content (see ``SearchIndexer.add``)."""
        frame = _frame((article_path, url, content, language))
        try:
            self._pipe.write(frame)
        except BrokenPipeError:
            self._stopped()

    def flush(self) -> None:
        """Send the pages still gathered for the pipe (up to ``PIPE_BUFFER``): once MkDocs has
        converted every page, so that the last shard is complete and built while MkDocs
        renders the site, not only when the build ends."""
        if self._pipe is None:
            return
        try:
            self._pipe.flush()
        except BrokenPipeError:
            self._stopped()

    def last_page_rendered(self) -> None:
        """Close the pipe: the copy has every page, and its indexer takes MkDocs' core for a
        second builder (see ``SearchIndexer.last_page_rendered``)."""
        with contextlib.suppress(BrokenPipeError):  # the copy stopped: ``finish`` says why
            self._close_pipe()

    def finish(self) -> None:
        """Wait for the copy to write the index; the cache adopts what it kept."""
        self.last_page_rendered()
        values = self._report()
        self.pages, self.reused = values["pages"], values["reused"]
        self.timings = values["timings"]
        if self._cache is not None:
            self._cache.adopt(values["kept"], values["placed"])

    def abort(self) -> None:
        """Stop the copy (the build failed)."""
        with contextlib.suppress(OSError):
            self._close_pipe()
        if self._copy is not None:
            copy, self._copy = self._copy, None
            copy.kill()

    def _stopped(self) -> NoReturn:
        """The copy stopped while pages were being sent: its report says why."""
        with contextlib.suppress(OSError):
            self._close_pipe()
        self._report()
        raise PagefindError("search indexing stopped") from None

    def _close_pipe(self) -> None:
        """Close the pipe (once): the copy sees the last page."""
        if self._pipe is None:
            return
        pipe, self._pipe = self._pipe, None
        pipe_closed(pipe.fileno())
        pipe.close()

    def _report(self) -> dict[str, Any]:
        """What the copy reported once it ended; its error is raised."""
        assert self._copy is not None
        copy, self._copy = self._copy, None
        report = copy.wait()
        if report.error is not None:
            raise reported(report.error) or PagefindError(f"search indexing failed: {report.error}")
        return report.values
