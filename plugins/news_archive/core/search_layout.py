"""Where the search index lives: one Pagefind bundle per shard of articles, newest first.

Pagefind keeps a whole index in memory until it writes it (over 5 GB for 20,000 synthetic
articles here), and a browser loads a list of every page of each bundle it searches (about
10 bytes an article) before its first result. The archive's index is therefore cut by date
into shards of ``search_shard_size`` articles: ``pagefind/`` holds the newest, so a first
search covers recent coverage at a bounded cost, and the older shards
(``pagefind/shard-2/``, ...) are merged in when the reader asks for the whole archive. Each
shard is built and written as soon as it has all its articles, on the core MkDocs leaves
idle, and its memory is released.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .article import Article


@dataclass(frozen=True)
class Shard:
    """One bundle of the index: its folder in the site and the articles it holds."""

    folder: str
    articles: int
    newest: dt.date | None
    oldest: dt.date | None


@dataclass(frozen=True)
class ShardPlan:
    """Which shard each article goes to, decided before any page is rendered."""

    shards: tuple[Shard, ...]
    shard_of: dict[str, int]
    """Article path -> position of its shard in ``shards``."""

    @property
    def total(self) -> int:
        return sum(shard.articles for shard in self.shards)


def plan_shards(articles_newest_first: Sequence[Article], shard_size: int) -> ShardPlan:
    """Shards of ``shard_size`` articles from the newest; the oldest shard takes what is
    left, so the first search always covers a full shard when the archive has one."""
    size = max(shard_size, 1)
    chunks = [
        articles_newest_first[start : start + size]
        for start in range(0, len(articles_newest_first), size)
    ] or [[]]
    shards = []
    shard_of: dict[str, int] = {}
    for number, chunk in enumerate(chunks):
        folder = "pagefind/" if number == 0 else f"pagefind/shard-{number + 1}/"
        dates = [article.date for article in chunk]
        shards.append(Shard(folder, len(chunk), max(dates, default=None), min(dates, default=None)))
        shard_of.update((article.path, number) for article in chunk)
    return ShardPlan(tuple(shards), shard_of)
