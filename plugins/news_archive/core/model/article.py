"""An article as its contributor wrote it: validated front matter, before terms are resolved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from .urls import normalise_url


@dataclass(frozen=True, eq=False)
class Article:
    """One archived news article; ``path`` is relative to the content folder, with ``/``."""

    path: str
    title: str
    date: dt.date
    source: str
    url: str
    published: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    summary: str = ""
    language: str = ""
    draft: bool = False
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict)
    source_path: str = ""
    """The file as contributors know it (``content/articles/...``), for messages."""

    @cached_property
    def normal_url(self) -> str:
        """The url as compared and shown in feeds (``urls.normalise_url``), worked out once:
        every build compares all of them, and under serve most articles are the last build's."""
        return normalise_url(self.url)

    @property
    def site_path(self) -> str:
        """The page's path under the site root: ``articles/2017/09/slug/``."""
        return self.path.removesuffix(".md") + "/"

    @property
    def slug(self) -> str:
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def published_at(self) -> dt.datetime:
        """The moment of publication with its time zone; a date alone counts as midnight UTC,
        because feeds need a full time and a date says nothing about the hour."""
        if self.published is not None:
            return self.published
        return dt.datetime.combine(self.date, dt.time(0, 0), tzinfo=dt.UTC)

    @property
    def published_iso(self) -> str:
        """As precise as the contributor wrote it: ``2017-09-17`` or with time and offset."""
        return self.published.isoformat() if self.published else self.date.isoformat()

    @property
    def newest_first(self) -> tuple[int, float, str]:
        """Sort key: newest date first, then the later time of day, then the path."""
        moment = self.published.timestamp() if self.published else 0.0
        return (-self.date.toordinal(), -moment, self.path)

    @property
    def shown_path(self) -> str:
        return self.source_path or self.path

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)
