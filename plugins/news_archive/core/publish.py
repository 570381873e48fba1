"""Everything the archive publishes for machines rather than readers, by site path."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .archive import Archive
from .data import data_files
from .feeds import FeedWriter, last_change, plan_feeds, publishes_feeds
from .site import Site


def machine_files(
    archive: Archive, site: Site, environ: Mapping[str, str]
) -> Iterator[tuple[str, str | bytes]]:
    """``(site path, content)`` of every feed and data file; the same content always gives
    the same bytes. Linear in the articles: each term's feed holds at most ``feed_items``."""
    if publishes_feeds(archive, site):
        writer = FeedWriter(archive, site, last_change(archive, environ))
        for feed in plan_feeds(archive, site):
            yield feed.path, writer.rss(feed)
    yield from data_files(archive, site)
