"""Where the build's side work runs, behind one object: ``InProcess`` (in MkDocs' own
process, in order) or ``Forks`` (forked copies of the build on the core MkDocs leaves idle).

Two pieces of work need nothing MkDocs does after the archive is read: writing the feeds and
data files, and indexing the articles for search. ``InProcess`` does the first at once and
indexes in the build's own process, so the plain path reads as a build without copies;
``Forks`` hands each to a copy when there is enough of it (``forked.py``, and
``search/in_copy.py`` for the indexer's copy). Copies are made only with ``parallel: true``
(off by default), only on Linux, and never under ``mkdocs serve``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

from . import forked
from .core.caching.output_cache import OutputCache
from .core.timing import Timings
from .forked import ForkedCopy
from .search import SearchIndexer
from .search.in_copy import IndexingCopy
from .search.service import let_go_in_copy, no_process_starts_or_stops
from .write_failure import reported


class InProcess:
    """All the work in MkDocs' own process."""

    def indexer(
        self, indexer: SearchIndexer, cache: OutputCache | None, amount: int
    ) -> SearchIndexer | IndexingCopy:
        """The indexer MkDocs hands each article to."""
        return indexer

    def run(self, what: str, work: Callable[[], Any], amount: int) -> None:
        """Do ``work`` (on ``amount`` files); ``what`` names it in an error."""
        work()

    def finish(self, timings: Timings) -> None:
        """Wait for the work handed out; its error stops the build."""

    def stop(self) -> None:
        """The build failed, or a new one starts: stop the work handed out."""


class Forks(InProcess):
    """Work on enough files goes to a forked copy of the build, on an idle core."""

    def __init__(self) -> None:
        self.copies: list[tuple[str, ForkedCopy]] = []

    def indexer(
        self, indexer: SearchIndexer, cache: OutputCache | None, amount: int
    ) -> SearchIndexer | IndexingCopy:
        if not forked.worth_forking(amount):
            return indexer
        return IndexingCopy(indexer, cache)

    def run(self, what: str, work: Callable[[], Any], amount: int) -> None:
        if not forked.worth_forking(amount):
            work()
            return

        def reported_work() -> dict[str, Any]:
            work()
            return {}

        copy = ForkedCopy.start(reported_work, no_process_starts_or_stops, let_go_in_copy)
        self.copies.append((what, copy))

    def finish(self, timings: Timings) -> None:
        while self.copies:  # the copies not waited for yet are stopped if one failed
            what, copy = self.copies.pop(0)
            with timings.phase("workers_wait"):
                report = copy.wait()
            if report.error is not None:
                raise reported(report.error) or PluginError(
                    f"news-archive: {what} failed: {report.error}"
                )

    def stop(self) -> None:
        copies, self.copies = self.copies, []
        for _what, copy in copies:
            copy.kill()
