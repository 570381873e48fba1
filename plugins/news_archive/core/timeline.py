"""Coverage over time: how many articles fall in each month (or year) of a list's span.

A chart needs the empty periods too, so buckets run without gaps from the oldest article to
the newest. Months are the natural unit, but a term covered for twenty years would need 240
bars: past ``max_months`` the buckets become years, so that a chart has at most
``max(max_months, years spanned)`` bars however many articles there are.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Resolution = Literal["month", "year"]
MAX_MONTHS = 120


@dataclass(frozen=True)
class Bucket:
    """One bar: a month (``month`` set) or a whole year, and the articles it holds."""

    year: int
    month: int | None
    count: int
    first: int = -1
    """Position of the bucket's newest article in the (newest-first) list; -1 when empty."""

    @property
    def key(self) -> str:
        """``2017-09`` or ``2017``: stable, usable in URLs and element ids."""
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)

    @property
    def label(self) -> str:
        """``September 2017`` or ``2017``."""
        return f"{calendar.month_name[self.month]} {self.year}" if self.month else str(self.year)

    @property
    def short_label(self) -> str:
        """``Sep 2017`` or ``2017``, for axis ends."""
        return f"{calendar.month_abbr[self.month]} {self.year}" if self.month else str(self.year)


@dataclass(frozen=True)
class Timeline:
    """Consecutive buckets from the oldest article's period to the newest's, oldest first."""

    resolution: Resolution
    buckets: tuple[Bucket, ...]

    @property
    def total(self) -> int:
        return sum(bucket.count for bucket in self.buckets)

    @property
    def peak(self) -> Bucket | None:
        """The fullest bucket (the earliest of equals), or None for an empty timeline."""
        filled = [bucket for bucket in self.buckets if bucket.count]
        return max(filled, key=lambda b: b.count) if filled else None

    @property
    def filled(self) -> tuple[Bucket, ...]:
        return tuple(bucket for bucket in self.buckets if bucket.count)

    @property
    def starts(self) -> dict[int, str]:
        """List position of each bucket's newest article -> the bucket's key."""
        return {bucket.first: bucket.key for bucket in self.buckets if bucket.count}


def timeline(dates: Sequence[dt.date], max_months: int = MAX_MONTHS) -> Timeline:
    """The timeline of a list of dates sorted newest first, as the archive keeps articles.

    One pass over the dates; the result has no more than ``max(max_months, years)`` buckets.
    """
    if not dates:
        return Timeline("month", ())
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
        buckets = []
        year, month = oldest
        for _ in range(span):
            count, first = months.get((year, month), (0, -1))
            buckets.append(Bucket(year, month, count, first))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return Timeline("month", tuple(buckets))
    years: dict[int, list[int]] = {}
    for (year, _month), (count, first) in months.items():
        entry = years.setdefault(year, [0, first])
        entry[0] += count
        entry[1] = min(entry[1], first)
    return Timeline(
        "year",
        tuple(
            Bucket(year, None, *years.get(year, (0, -1)))
            for year in range(oldest[0], newest[0] + 1)
        ),
    )
