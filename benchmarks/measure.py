"""Running one ``mkdocs build`` and measuring it: wall time and peak memory of its processes."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

USS_EVERY = 2.0
"""Seconds between two readings of a forked copy's own memory."""


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_mb: float
    """The largest sum of the build's resident memory, its helper processes' (Pagefind) and
    what its forked copies hold of their own."""
    peak_main_mb: float
    peak_children_mb: float
    cpu_seconds: float
    """User and system time of the build and every process it waited for (Pagefind, the
    copies that render pages): the work done, whatever the number of cores."""


def measure_build(root: Path, env: dict[str, str], interval: float = 0.2) -> Measured:
    """Build the site in ``root`` with ``env``, sampling memory every ``interval`` seconds
    (each sample walks the process tree: the build's peaks last seconds)."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    process = psutil.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = peak_main = peak_children = 0
    copies = _Copies(process)
    while process.poll() is None:
        try:
            main = process.memory_info().rss
            children = sum(copies.memory(child) for child in process.children(recursive=True))
        except psutil.Error:
            continue
        peak = max(peak, main + children)
        peak_main, peak_children = max(peak_main, main), max(peak_children, children)
        time.sleep(interval)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode != 0:
        sys.exit(process.stderr.read().decode()[-3000:])
    return Measured(elapsed, peak / 2**20, peak_main / 2**20, peak_children / 2**20, cpu)


class _Copies:
    """The memory of the build's child processes. A forked copy of the build (it renders
    pages or writes feeds) shares the build's memory until either writes to it: only what
    is its own (USS) is counted, read at most every two seconds: reading it walks every page
    of the copy's memory (20 ms for 1 GB), time taken from the build being measured, whose
    copies grow slowly."""

    def __init__(self, build: psutil.Process) -> None:
        self._command = build.cmdline()
        self._is_copy: dict[int, bool] = {}
        self._last: dict[int, tuple[float, int]] = {}

    def memory(self, child: psutil.Process) -> int:
        if child.pid not in self._is_copy:
            self._is_copy[child.pid] = child.cmdline() == self._command
        if not self._is_copy[child.pid]:
            return child.memory_info().rss
        read_at, value = self._last.get(child.pid, (0.0, 0))
        if time.perf_counter() - read_at >= USS_EVERY:
            value = child.memory_full_info().uss
            self._last[child.pid] = (time.perf_counter(), value)
        return value
