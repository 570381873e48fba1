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

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..core.indexing.timeline import Bucket, Timeline

WIDTH = 600
HEIGHT = 60
MIN_BAR = 2.0
MAX_BAR_WIDTH = 40.0


class Bar(NamedTuple):
    """One drawn period: its box in chart units, its link, and its words for the tooltip."""

    bucket: Bucket
    words: str
    """``September 2017: 3 articles``."""
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
    """What the template prints: the bars, and the chart's words for every reader."""

    bars: tuple[Bar, ...]
    description: str
    """The text alternative: ``4 articles naming Raqqa, by month from ... to ...; ...``."""
    caption: str
    first: str
    last: str
    width: int = WIDTH
    height: int = HEIGHT


def bar_chart(
    timeline: Timeline, href: Callable[[Bucket], str | None], subject: str
) -> Chart | None:
    """The chart of a timeline, each filled period linking to ``href(bucket)``; None if empty.

    ``subject`` completes the text alternative: ``naming Raqqa``, ``in the archive``.
    """
    peak = timeline.peak
    if peak is None:
        return None
    slot = WIDTH / timeline.periods
    width = min(slot * (0.8 if slot > 3 else 1.0), MAX_BAR_WIDTH)
    span = _number(100 * slot / WIDTH)
    bars = []
    for bucket in timeline.filled:
        # A linear scale: readers compare bar heights as counts.
        height = max(MIN_BAR, HEIGHT * bucket.count / peak.count)
        left = bucket.index * slot
        bars.append(
            Bar(
                bucket,
                f"{bucket.label}: {_articles(bucket.count)}",
                _number(left + (slot - width) / 2),
                _number(HEIGHT - height),
                _number(width),
                _number(height),
                _number(100 * left / WIDTH),
                span,
                href(bucket),
            )
        )
    unit = timeline.resolution
    first, last = timeline.first, timeline.last
    most = f"the most, {peak.count:,}, in {peak.label}"
    return Chart(
        tuple(bars),
        description=(
            f"{_articles(timeline.total)} {subject}, by {unit} from {first.label} to "
            f"{last.label}; {most}"
        ),
        caption=f"Articles per {unit}; {most}",
        first=first.short_label,
        last=last.short_label,
    )


def _articles(count: int) -> str:
    return f"{count:,} article" if count == 1 else f"{count:,} articles"


def _number(value: float) -> str:
    """Two decimals at most, without trailing zeros: small, stable markup."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
