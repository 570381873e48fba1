"""Work done by a forked copy of the build, on a core MkDocs leaves idle.

MkDocs does its work on one core. Work that only reads what the build already holds and
writes its own files into the site (writing the feeds and data files, indexing for search)
can be done by a copy of the build made with ``fork``: the copy starts with
everything the build has, at no cost until either side writes to it (copy-on-write), and
ends without returning into MkDocs. It sends back a small JSON report (its counters, or the
error that stopped it) through a pipe, and the build waits for it before it finishes.

The garbage collector is frozen while copies run, so that neither side walks, and so copies,
every object of the other. Other threads of the build (search indexing) do not exist in a
copy: ``hold_still`` is held across the fork so that none of them is half-way through what
``after_fork`` undoes in the copy (the copy lets go of the pipes to Pagefind's processes).
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

_frozen = 0
"""Copies started and not yet waited for: what they share with the build stays out of the
collector's reach until the last one ends."""


def can_fork() -> bool:
    """Only on Linux: where CI runs the forked builds' tests. macOS has ``fork`` but warns
    that forking a process with threads (the build has Pagefind's) may crash it, and no test
    runs there; elsewhere a build keeps all its work in one process."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


MIN_FORKED_WORK = 200
"""Pages or files below which a copy costs more than it saves (a fork copies the page tables
of a process of gigabytes)."""


def worth_forking(amount: int) -> bool:
    """Whether work on ``amount`` pages or files goes to a copy: there is an idle core to run
    it on, and enough of it."""
    return available_cores() >= 2 and amount >= MIN_FORKED_WORK


def available_cores() -> int:
    """Cores this process may run on (a container's limit, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@dataclass
class CopyReport:
    """What a copy sent back: what its work returned, or why it stopped."""

    values: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class ForkedCopy:
    """One copy of the build doing ``work``; ``wait`` for its report, ``kill`` to stop it."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid = pid
        self._reader = reader

    @classmethod
    def start(
        cls,
        work: Callable[[], dict[str, Any]],
        hold_still: Callable[[], AbstractContextManager[Any]] = nullcontext,
        after_fork: Callable[[], None] = lambda: None,
    ) -> ForkedCopy:
        """Fork; the copy runs ``after_fork`` then ``work``, whose JSON-able result (or
        error, as ``what failed: message``) is its report."""
        global _frozen
        gc.freeze()  # everything the copy starts with, including what came since the last
        _frozen += 1
        reader, writer = os.pipe()
        with hold_still(), _quiet_fork_warning():
            pid = os.fork()
        if pid == 0:
            os.close(reader)
            _run_copy(writer, work, after_fork)
        os.close(writer)
        return cls(pid, reader)

    def wait(self) -> CopyReport:
        """The copy's report, once it has ended (a copy that died says so)."""
        with os.fdopen(self._reader, "rb") as stream:
            sent = stream.read()
        _pid, status = os.waitpid(self.pid, 0)
        _thaw()
        try:
            report = CopyReport(**json.loads(sent))
        except (ValueError, TypeError):
            report = CopyReport(error="it stopped without a report")
        code = os.waitstatus_to_exitcode(status)
        if code != 0 and report.error is None:
            report.error = f"it stopped with code {code}"
        return report

    def kill(self) -> None:
        """Stop the copy (the build failed) and reap it."""
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
        os.close(self._reader)
        _thaw()


class WorkFailed(Exception):
    """Raised by a copy's work to report what failed (``where``) along with the error."""

    def __init__(self, where: str, error: BaseException) -> None:
        super().__init__(f"{where}: {type(error).__name__}: {error}")


def _run_copy(
    writer: int, work: Callable[[], dict[str, Any]], after_fork: Callable[[], None]
) -> None:
    """The copy's whole life: it ends here, whatever happens, without returning."""
    report = CopyReport()
    code = 1
    try:
        after_fork()
        report.values = work()
        code = 0
    except WorkFailed as exc:
        report.error = str(exc)
    except BaseException as exc:  # reported to the build, which stops with it
        report.error = f"{type(exc).__name__}: {exc}"
    finally:
        try:
            sent = json.dumps(report.__dict__).encode()
            while sent:
                sent = sent[os.write(writer, sent) :]
            os.close(writer)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _thaw() -> None:
    global _frozen
    _frozen -= 1
    if _frozen == 0:
        gc.unfreeze()


@contextmanager
def _quiet_fork_warning() -> Iterator[None]:
    """Python 3.12+ warns on every fork of a process with threads: it may deadlock a copy
    that takes a lock another thread held. The copy takes none of those (``hold_still``)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks")
        yield
