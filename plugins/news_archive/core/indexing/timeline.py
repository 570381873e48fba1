"""Coverage over time: how many articles fall in each month (or year) of a list's span.

A chart needs the empty periods too, so a timeline runs without gaps from the oldest
article's period to the newest's; it keeps only the filled periods, each with its place in
that run. Months are the natural unit, but a term covered for twenty years would need 240
bars: past ``max_months`` the periods become years, so that a chart has at most
``max(max_months, years spanned)`` bars however many articles there are.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

Resolution = Literal["month", "year"]
MAX_MONTHS = 120
# calendar.month_name formats a date on every look-up; timelines look up thousands.
MONTH_NAMES = tuple(calendar.month_name)


class Bucket(NamedTuple):
    """One period: a month (``month`` 1-12) or a whole year (``month`` 0)."""

    year: int
    month: int
    count: int
    first: int = -1
    """Position of the period's newest article in the (newest-first) list; -1 when empty."""
    index: int = 0
    """Position of the period in its timeline, the oldest period being 0."""

    @property
    def key(self) -> str:
        """``2017-09`` or ``2017``: stable, usable in URLs and element ids."""
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    @property
    def label(self) -> str:
        """``September 2017`` or ``2017``."""
        return f"{MONTH_NAMES[self.month]} {self.year}" if self.month else str(self.year)

    @property
    def short_label(self) -> str:
        """``Sep 2017`` or ``2017``, for axis ends."""
        return f"{MONTH_NAMES[self.month][:3]} {self.year}" if self.month else str(self.year)


@dataclass(frozen=True)
class Timeline:
    """The filled periods of a run from the oldest article's period to the newest's."""

    resolution: Resolution
    start: tuple[int, int]
    """The oldest period as ``(year, month)``, ``month`` 0 for years."""
    periods: int
    """How many periods the run has, empty ones included."""
    filled: tuple[Bucket, ...]
    """The periods that have articles, oldest first."""

    @property
    def buckets(self) -> tuple[Bucket, ...]:
        """Every period of the run, empty ones included, oldest first."""
        by_index = {bucket.index: bucket for bucket in self.filled}
        return tuple(
            by_index.get(index) or Bucket(*self._period(index), 0, -1, index)
            for index in range(self.periods)
        )

    @property
    def first(self) -> Bucket:
        return Bucket(*self._period(0), 0, -1, 0)

    @property
    def last(self) -> Bucket:
        return Bucket(*self._period(self.periods - 1), 0, -1, self.periods - 1)

    @property
    def total(self) -> int:
        return sum(bucket.count for bucket in self.filled)

    @property
    def peak(self) -> Bucket | None:
        """The fullest period (the earliest of equals), or None for an empty timeline."""
        return max(self.filled, key=lambda b: b.count) if self.filled else None

    @cached_property
    def starts(self) -> dict[int, str]:
        """List position of each period's newest article -> the period's key (every page of
        a term's list asks, so it is made once)."""
        return {bucket.first: bucket.key for bucket in self.filled}

    def _period(self, index: int) -> tuple[int, int]:
        year, month = self.start
        if self.resolution == "year":
            return (year + index, 0)
        months = year * 12 + month - 1 + index
        return (months // 12, months % 12 + 1)


def timeline(dates: Sequence[dt.date], max_months: int = MAX_MONTHS) -> Timeline:
    """The timeline of a list of dates sorted newest first, as the archive keeps articles.

    One pass over the dates; the result has no more than ``max(max_months, years)`` periods.
    """
    if not dates:
        return Timeline("month", (0, 1), 0, ())
    months: dict[tuple[int, int], list[int]] = {}
    for position, date in enumerate(dates):
        entry = months.get((date.year, date.month))
        if entry is None:
            months[(date.year, date.month)] = [1, position]
        else:
            entry[0] += 1
    oldest, newest = min(months), max(months)
    span = (newest[0] - oldest[0]) * 12 + newest[1] - oldest[1] + 1
    if span <= max_months:
        filled = tuple(
            Bucket(year, month, count, first, (year - oldest[0]) * 12 + month - oldest[1])
            for (year, month), (count, first) in sorted(months.items())
        )
        return Timeline("month", oldest, span, filled)
    years: dict[int, list[int]] = {}
    for (year, _month), (count, first) in months.items():
        entry = years.setdefault(year, [0, first])
        entry[0] += count
        entry[1] = min(entry[1], first)
    filled = tuple(
        Bucket(year, 0, count, first, year - oldest[0])
        for year, (count, first) in sorted(years.items())
    )
    return Timeline("year", (oldest[0], 0), newest[0] - oldest[0] + 1, filled)
