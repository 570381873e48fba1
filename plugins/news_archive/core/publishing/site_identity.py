"""The site as machines see it: its name, its public address and what it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

FEED_NAME = "feed.xml"


@dataclass(frozen=True)
class Site:
    """What feeds, data files and page metadata say about the whole site.

    ``url`` is the published root with a trailing slash (``https://owner.github.io/repo/``),
    or empty when ``site_url`` is not set: relative links work anywhere, but feeds and
    metadata for other machines need absolute ones.
    """

    name: str
    url: str = ""
    description: str = ""
    language: str = ""

    def __post_init__(self) -> None:
        if self.url and not self.url.endswith("/"):
            object.__setattr__(self, "url", self.url + "/")

    def absolute(self, site_path: str) -> str | None:
        """The public address of a site path (``actors/islamic-state/``); None without a url."""
        return self.url + site_path if self.url else None

    def feed_path(self, page_path: str = "") -> str:
        """The feed that belongs to a page: ``feed.xml``, ``actors/islamic-state/feed.xml``."""
        return page_path + FEED_NAME


def source_date_epoch(environ: Mapping[str, str]) -> dt.datetime | None:
    """The reproducible-builds standard's fixed clock, when the environment sets one."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), dt.UTC)
