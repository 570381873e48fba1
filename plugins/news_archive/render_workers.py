"""Rendering pages on the cores MkDocs leaves idle, in forked copies of the build.

MkDocs renders one page at a time, and an archive has more term and archive pages than
articles: on a runner with two cores, one sits idle while the theme renders tens of thousands
of pages. By the time MkDocs starts rendering (``on_env``) it has read every page and built the
navigation, and what is left - the theme's template, our ``on_page_context`` and
``on_post_page``, writing the file - depends on nothing a previous page changed. So the build
forks: each copy renders every n-th page through MkDocs' own ``_build_page`` (the same
bytes as if MkDocs had rendered it), while MkDocs skips those pages and renders the rest.

A copy (``forked.py``) reports back its counters, its warnings (which ``--strict`` counts)
and the error that stopped it; the build waits for all of them before it finishes. Copies
are only made where nothing else could notice: no other plugin or hook (their page events
would run in a copy, and what they collect would be lost), not under ``mkdocs serve``, and
where the system can fork.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

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
    one), at most three: each copy costs memory, and writing files soon limits them."""
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


class RenderWorkers:
    """Forked copies of the build, each rendering a share of the pages; ``finish`` waits."""

    def __init__(self) -> None:
        self._copies: list[ForkedCopy] = []

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
        counts: Callable[[], dict[str, int]],
        hold_still: Callable[[], AbstractContextManager[Any]] = nullcontext,
        after_fork: Callable[[], None] = lambda: None,
        least_share: int = MIN_PAGES_PER_WORKER,
        dirty: bool = False,
    ) -> int:
        """Fork ``workers`` copies; MkDocs then skips the pages they render. Page ``i`` goes
        to copy ``i % (workers + 1)``; copy 0 is this process. Returns the pages handed out.

        ``counts`` gives a copy's counters to report; ``hold_still`` and ``after_fork`` are
        ``ForkedCopy``'s. Each process gets at least ``least_share`` pages, or fewer copies
        are made.
        """
        # The pages MkDocs is about to render, in its order (``mkdocs build`` renders the
        # included ones; a draft is only rendered by ``mkdocs serve``).
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        workers = min(workers, len(doc_files) // max(1, least_share) - 1)
        if workers <= 0:
            return 0
        shares = [list(doc_files[n :: workers + 1]) for n in range(workers + 1)]
        for share in shares[1:]:

            def render(share: list[File] = share) -> dict[str, Any]:
                return _render(share, files, doc_files, config, nav, env, counts, dirty)

            self._copies.append(ForkedCopy.start(render, hold_still, after_fork))
            for file in share:
                file.inclusion = InclusionLevel.EXCLUDED  # rendered by the copy: MkDocs skips it
        return sum(len(share) for share in shares[1:])

    def finish(self) -> list[WorkerReport]:
        """Wait for every copy; what each reported."""
        reports = []
        for copy in self._copies:
            sent = copy.wait()
            counts, warnings = sent.values.get("counts", {}), sent.values.get("warnings", 0)
            reports.append(WorkerReport(counts, warnings, sent.error))
        self._copies = []
        return reports

    def abort(self) -> None:
        """Stop every copy (the build failed)."""
        for copy in self._copies:
            copy.kill()
        self._copies = []


def _render(
    share: list[File],
    files: Files,
    doc_files: Sequence[File],
    config: MkDocsConfig,
    nav: Navigation,
    env: jinja2.Environment,
    counts: Callable[[], dict[str, int]],
    dirty: bool,
) -> dict[str, Any]:
    """A copy's work: its pages, as MkDocs renders them, then their links' anchors."""
    counter = _warning_counter()
    before = counter()
    for file in share:
        assert file.page is not None and _build_page is not None
        try:
            _build_page(file.page, config, doc_files, nav, env, dirty)
        except Exception as exc:
            raise WorkFailed(f"page '{file.src_uri}'", exc) from exc
    for file in share:
        assert file.page is not None
        file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    return {"counts": counts(), "warnings": counter() - before}


def _warning_counter() -> Callable[[], int]:
    """Warnings and errors logged so far in MkDocs' logs (``--strict`` counts them)."""
    handlers = [
        handler
        for handler in logging.getLogger("mkdocs").handlers
        if hasattr(handler, "get_counts")
    ]

    def total() -> int:
        return sum(count for handler in handlers for _level, count in handler.get_counts())

    return total
