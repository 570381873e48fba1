"""A timeline as a bar chart: the geometry of an inline SVG, decided at build time.

The chart is drawn in a fixed 600 x 60 box that CSS stretches to the column's width, so its
size depends on the number of periods (bounded by the timeline) and never on the number of
articles. Empty periods draw nothing; a period with one article is still visible beside a
peak of thousands. Colours are left to CSS (``currentColor``), so both palettes work.

The links are HTML anchors laid over the bars (``left``/``width`` in percent of the box),
not SVG ``<a>`` elements: Material's instant navigation rewrites every ``[href]`` of a page
it loads by assigning ``element.href``, which an SVG link only has a getter for, and the
navigation then fails. HTML anchors are also what it intercepts for instant loading.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ..core.timeline import Bucket, Timeline

WIDTH = 600
HEIGHT = 60
MIN_BAR = 2.0
MAX_BAR_WIDTH = 40.0


@dataclass(frozen=True)
class Bar:
    """One drawn period: its box in chart units, its link, and its words for the tooltip."""

    bucket: Bucket
    x: str
    y: str
    width: str
    height: str
    left: str
    """The period's slot, in percent of the chart's width, for the link laid over it."""
    span: str
    href: str | None


@dataclass(frozen=True)
class Chart:
    timeline: Timeline
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def unit(self) -> str:
        return "month" if self.timeline.resolution == "month" else "year"

    @property
    def first(self) -> Bucket:
        return self.timeline.buckets[0]

    @property
    def last(self) -> Bucket:
        return self.timeline.buckets[-1]


def bar_chart(timeline: Timeline, href: Callable[[Bucket], str | None]) -> Chart | None:
    """The chart of a timeline, each filled period linking to ``href(bucket)``; None if empty."""
    peak = timeline.peak
    if peak is None:
        return None
    slot = WIDTH / len(timeline.buckets)
    width = min(slot * (0.8 if slot > 3 else 1.0), MAX_BAR_WIDTH)
    bars = []
    for index, bucket in enumerate(timeline.buckets):
        if not bucket.count:
            continue
        # A linear scale: readers compare bar heights as counts.
        height = max(MIN_BAR, HEIGHT * bucket.count / peak.count)
        left = index * slot
        bars.append(
            Bar(
                bucket,
                x=_number(left + (slot - width) / 2),
                y=_number(HEIGHT - height),
                width=_number(width),
                height=_number(height),
                left=_number(100 * left / WIDTH),
                span=_number(100 * slot / WIDTH),
                href=href(bucket),
            )
        )
    return Chart(timeline, tuple(bars))


def _number(value: float) -> str:
    """Two decimals at most, without trailing zeros: small, stable markup."""
    if math.isclose(value, round(value)):
        return str(round(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
