"""Everything the archive publishes for machines rather than readers, by site path (and
the small pages that forward a list's former page numbers)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial

from ..indexing.archive import Archive
from .feeds import Feed, FeedWriter, last_change, plan_feeds, publishes_feeds
from .moved_pages import moved_page, moved_pages
from .open_data import data_files
from .site_identity import Site


@dataclass(frozen=True)
class MachineFile:
    """A feed or data file: its site path and how to make it, not yet made, so that a
    build can reuse an unchanged feed instead (``feed`` says what it shows)."""

    path: str
    make: Callable[[], str | bytes]
    feed: Feed | None = None
    made_from: Hashable | None = None
    """What the file is made from besides the site, where that says it is unchanged more
    cheaply than making it (a former page's pointer: its list's title and page numbers)."""


def machine_files(
    archive: Archive, site: Site, environ: Mapping[str, str]
) -> Iterator[MachineFile]:
    """Every feed and data file; the same content always gives the same bytes. Linear in the
    articles: each term's feed holds at most ``feed_items``."""
    if publishes_feeds(archive, site):
        writer = FeedWriter(archive, site, last_change(archive, environ))
        for feed in plan_feeds(archive, site):
            yield MachineFile(feed.path, partial(writer.rss, feed), feed)
    for path, make in data_files(archive, site):
        yield MachineFile(path, make)
    for moved in moved_pages(archive):
        make = partial(moved_page, site, moved.title, moved.former)
        yield MachineFile(moved.path, make, made_from=moved)
