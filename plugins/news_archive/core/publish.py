"""Everything the archive publishes for machines rather than readers, by site path."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .archive import Archive
from .feeds import last_change, plan_feeds, rss
from .site import Site


def machine_files(
    archive: Archive, site: Site, environ: Mapping[str, str]
) -> Iterator[tuple[str, bytes]]:
    """``(site path, bytes)`` of every feed; the same content always gives the same bytes."""
    fallback = last_change(archive, environ)
    for feed in plan_feeds(archive, site):
        yield feed.path, rss(feed, archive, site, fallback)
