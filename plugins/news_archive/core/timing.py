"""Where a build's time goes: wall seconds per phase, and counters such as cache hits.

At 50,000 articles a slow step hides easily behind MkDocs' own work, so the plugin times each
of its phases with a clock read before and after (cheap enough to stay on in every build).
Phases that run once per page, like rendering, add up across pages. The plugin logs the
totals at debug level, and writes them as JSON to the file that ``NEWS_ARCHIVE_TIMINGS``
names, which is how ``python -m benchmarks.scale`` reads them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMINGS_ENV = "NEWS_ARCHIVE_TIMINGS"
"""Environment variable naming a file to write one build's timings to, as JSON."""


class Timings:
    """Seconds spent in each named phase, and named counts, for one build."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.counts: dict[str, int] = {}

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time the block; a phase entered many times (once per page) accumulates."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def count(self, name: str, amount: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + amount

    def as_dict(self) -> dict[str, dict[str, float] | dict[str, int]]:
        return {"seconds": dict(self.seconds), "counts": dict(self.counts)}

    def summary(self) -> str:
        """One line for the debug log: ``read 1.20 s, plan 0.31 s, ... (cache_hits 9,999)``."""
        phases = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items())
        counts = ", ".join(f"{name} {value:,}" for name, value in self.counts.items())
        return f"{phases} ({counts})" if counts else phases

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), indent=2, sort_keys=True), encoding="utf-8")
