"""Rendering pages on the cores MkDocs leaves idle, in forked copies of the build.

MkDocs renders one page at a time, and an archive has more term and archive pages than
articles: on a runner with two cores, one sits idle while the theme renders tens of thousands
of pages. By the time MkDocs starts rendering (``on_env``) it has read every page and built the
navigation, and what is left - the theme's template, our ``on_page_context`` and
``on_post_page``, writing the file - depends on nothing a previous page changed. So the build
forks, and the copies render pages through MkDocs' own ``_build_page`` (the same bytes as if
MkDocs had rendered them).

The pages are shared out as the build goes, not in fixed shares: how much of a core a copy
gets depends on what else runs there (Pagefind indexing takes most of a core, in bursts), so
a fixed half would leave MkDocs waiting for its copy, or the copy idle. The pages the archive
frames itself (articles, term and archive pages: ``shareable``) are cut into runs of ``RUN``
pages. MkDocs takes runs from the front as it comes to them; copies take runs from the back;
they meet wherever their speeds make them meet. MkDocs still goes through a page a copy took,
but renders it empty (``renders_here`` is false), so it writes nothing; it checks that page's
anchors with every other page's, from what it read.

A copy (``forked.py``) reports back its counters, its warnings (which ``--strict`` counts)
and the error that stopped it; the build waits for all of them before it finishes. Copies
are only made where nothing else could notice: no other plugin or hook (their page events
would run in a copy, and what they collect would be lost), not under ``mkdocs serve``, and
where the system can fork.
"""

from __future__ import annotations

import logging
import mmap
import os
import struct
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import IO, Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from . import build_tool
from .forked import ForkedCopy, WorkFailed, available_cores

try:  # MkDocs' own page rendering; a fork of MkDocs without it renders every page itself
    from mkdocs.commands.build import _build_page
except ImportError:  # pragma: no cover - depends on the installed MkDocs
    _build_page = None

ARCHIVE_PLUGIN = "news-archive"
MIN_PAGES_PER_WORKER = 200
"""Below this, forking costs more than it saves (a fork copies the page tables of a
process of gigabytes)."""


def default_workers(busy_cores: int = 0) -> int:
    """One copy per core left idle by MkDocs and by ``busy_cores`` (search indexing takes
    one), at most three: each copy costs memory (it grows with the archive), and writing
    files soon limits them. Where Pagefind keeps the spare core busy, a copy gains nothing
    and its memory is still taken (benchmarks/RESULTS.md, "Figures that were in
    docstrings")."""
    return max(0, min(available_cores() - 1 - busy_cores, 3))


def workers_blocked_by(config: MkDocsConfig) -> str | None:
    """Why pages cannot be rendered in forked copies of this build (which can fork), or
    ``None``."""
    if _build_page is None:
        return "this MkDocs does not render pages one by one"
    others = sorted(name for name in config.plugins if name != ARCHIVE_PLUGIN)
    if others:
        return f"the plugins {', '.join(others)} may collect pages as they are rendered"
    if config.hooks:
        return "hooks may collect pages as they are rendered"
    return None


@dataclass
class WorkerReport:
    """What a copy sends back: its counters, its warnings, the error that stopped it."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    error: str | None = None


NICENESS = 10
"""A copy gives way to the build's other processes: MkDocs, and Pagefind, whose last index
ends the build when it finishes last. It renders on what they leave of a core."""
RUN = 8
"""Pages taken at a time: small enough that MkDocs and its copies finish together, large
enough that taking one (a lock, two numbers) costs nothing beside rendering it."""


class Runs:
    """Runs of pages numbered ``0..count-1``, taken from the front by MkDocs and from the
    back by its copies, each run by exactly one process.

    The two numbers live in memory shared with the copies; a POSIX record lock guards
    them: it belongs to a process, not to the file descriptor the copies inherit, and the
    system releases it if its holder dies.
    """

    def __init__(self, count: int) -> None:
        self._numbers = mmap.mmap(-1, 8)  # anonymous and shared: seen by every copy
        struct.pack_into("II", self._numbers, 0, 0, count)
        self._lock_file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - see close

    def take_front(self) -> int | None:
        """The first run nobody has taken (for MkDocs, in its order), or ``None``."""
        with self._locked():
            front, back = struct.unpack_from("II", self._numbers)
            if front >= back:
                return None
            struct.pack_into("I", self._numbers, 0, front + 1)
            return front

    def take_back(self) -> int | None:
        """The last run nobody has taken (for a copy), or ``None``."""
        with self._locked():
            front, back = struct.unpack_from("II", self._numbers)
            if front >= back:
                return None
            struct.pack_into("I", self._numbers, 4, back - 1)
            return back - 1

    def close(self) -> None:
        self._lock_file.close()
        self._numbers.close()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import fcntl  # only where a build forks, which Windows does not

        fcntl.lockf(self._lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.lockf(self._lock_file, fcntl.LOCK_UN)


class RenderWorkers:
    """Forked copies of the build, each rendering the runs of pages it takes; ``finish``
    waits for them."""

    def __init__(self) -> None:
        self._copies: list[ForkedCopy] = []
        self._runs: Runs | None = None
        self._run_of: dict[str, int] = {}
        """Shared pages (by ``src_uri``) -> their run."""
        self._front = 0
        """Runs below this are MkDocs' own (in a copy: every page it is asked about is)."""
        self._in_copy = False
        self._quiet = _QuietSkips()

    @property
    def started(self) -> int:
        return len(self._copies)

    def start(
        self,
        workers: int,
        files: Files,
        config: MkDocsConfig,
        nav: Navigation,
        env: jinja2.Environment,
        shareable: Callable[[File], bool],
        counts: Callable[[], dict[str, int]],
        hold_still: Callable[[], AbstractContextManager[Any]] = nullcontext,
        after_fork: Callable[[], None] = lambda: None,
        least_share: int = MIN_PAGES_PER_WORKER,
        dirty: bool = False,
    ) -> int:
        """Fork ``workers`` copies to share the ``shareable`` pages with MkDocs; how many
        pages are shared.

        ``counts`` gives a copy's counters to report; ``hold_still`` and ``after_fork`` are
        ``ForkedCopy``'s. There are at least ``least_share`` shared pages per process, or
        fewer copies are made.
        """
        # The pages MkDocs is about to render, in its order (``mkdocs build`` renders the
        # included ones; a draft is only rendered by ``mkdocs serve``).
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        shared = [file for file in doc_files if shareable(file)]
        workers = min(workers, len(shared) // max(1, least_share) - 1)
        if workers <= 0:
            return 0
        runs = [shared[start : start + RUN] for start in range(0, len(shared), RUN)]
        self._run_of = {file.src_uri: n for n, run in enumerate(runs) for file in run}
        self._runs = Runs(len(runs))
        logging.getLogger(_build_page.__module__).addFilter(self._quiet)
        for _ in range(workers):

            def render() -> dict[str, Any]:
                self._in_copy = True
                os.nice(NICENESS)
                return _render(self._take_runs(runs), config, doc_files, nav, env, counts, dirty)

            self._copies.append(ForkedCopy.start(render, hold_still, after_fork))
        return len(shared)

    def renders_here(self, file: File) -> bool:
        """Whether this process renders the page (MkDocs renders a page a copy took empty).

        MkDocs asks in its order, so the runs it takes come in order too: reaching a run it
        has not taken, it takes the first free one, which is that run unless the copies
        have taken it (and then every later one).
        """
        run = self._run_of.get(file.src_uri)
        if run is None or self._in_copy or run < self._front:
            return True
        taken = self._runs.take_front() if self._front >= 0 and self._runs else None
        if taken is not None:
            if taken != run:  # a page left unrendered would be worse than a failed build
                raise RuntimeError(f"page '{file.src_uri}' came out of MkDocs' order")
            self._front = run + 1
            return True
        self._front = -1  # the copies took this run and all after it
        self._quiet.skipped.add(file.src_uri)
        return False

    def _take_runs(self, runs: list[list[File]]) -> Iterator[File]:
        assert self._runs is not None
        while (run := self._runs.take_back()) is not None:
            yield from runs[run]

    def finish(self) -> list[WorkerReport]:
        """Wait for every copy; what each reported."""
        reports = []
        for copy in self._copies:
            sent = copy.wait()
            counts, warnings = sent.values.get("counts", {}), sent.values.get("warnings", 0)
            reports.append(WorkerReport(counts, warnings, sent.error))
        self._copies = []
        self._end()
        return reports

    def abort(self) -> None:
        """Stop every copy (the build failed)."""
        for copy in self._copies:
            copy.kill()
        self._copies = []
        self._end()

    def _end(self) -> None:
        if self._runs is not None:
            self._runs.close()
            self._runs = None
            logging.getLogger(_build_page.__module__).removeFilter(self._quiet)
        self._run_of, self._front = {}, 0
        self._quiet.skipped.clear()


class _QuietSkips(logging.Filter):
    """Drops MkDocs' "Page skipped ... empty output" for the pages a copy rendered."""

    PREFIX = "Page skipped: '"

    def __init__(self) -> None:
        super().__init__()
        self.skipped: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith(self.PREFIX):
            return True
        return message[len(self.PREFIX) :].rpartition("'")[0] not in self.skipped


def _render(
    pages: Iterator[File],
    config: MkDocsConfig,
    doc_files: Sequence[File],
    nav: Navigation,
    env: jinja2.Environment,
    counts: Callable[[], dict[str, int]],
    dirty: bool,
) -> dict[str, Any]:
    """A copy's work: the pages it takes, as MkDocs renders them."""
    counter = _warning_counter()
    before = counter()
    rendered = 0
    for file in pages:
        assert file.page is not None and _build_page is not None
        try:
            _build_page(file.page, config, doc_files, nav, env, dirty)
        except Exception as exc:
            raise WorkFailed(f"page '{file.src_uri}'", exc) from exc
        rendered += 1
    return {"counts": {**counts(), "pages": rendered}, "warnings": counter() - before}


def _warning_counter() -> Callable[[], int]:
    """Warnings and errors logged so far in the build tool's logs (``--strict`` counts them)."""
    handlers = [
        handler for handler in build_tool.logger().handlers if hasattr(handler, "get_counts")
    ]

    def total() -> int:
        return sum(count for handler in handlers for _level, count in handler.get_counts())

    return total
