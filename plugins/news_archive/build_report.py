"""What a build says of itself when it ends: where its time went (at debug level, and as
JSON to the file ``NEWS_ARCHIVE_TIMINGS`` names), and the site's size against the host's
limits (warnings past them, so that ``--strict`` fails)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from .core.model.taxonomy import ArchiveSettings
from .core.publishing.hosts import HostLimits, overruns, size_line
from .core.publishing.site_size import Layout, measure_site
from .core.timing import TIMINGS_ENV, Timings
from .theme_frames import ThemeFrames

log = get_plugin_logger(__name__)


def report_timings(timings: Timings, frames: ThemeFrames | None) -> None:
    if frames is not None:
        timings.count("theme_framed", frames.framed)
        timings.count("theme_rendered", frames.rendered)
    log.debug(f"timings: {timings.summary()}")
    target = os.environ.get(TIMINGS_ENV)
    if target:
        timings.write(Path(target))


def report_size(site_dir: Path, settings: ArchiveSettings, host: HostLimits | None) -> None:
    """The site as the host will receive it (the search index written)."""
    size = measure_site(site_dir, Layout.of(settings))
    log.info(size_line(size, host))
    for overrun in overruns(size, host):
        log.warning(overrun)
