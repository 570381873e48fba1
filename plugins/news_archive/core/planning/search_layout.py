"""Where the search index lives: one Pagefind bundle per shard of articles, newest first.

Pagefind keeps a whole index in memory until it writes it (gigabytes for tens of thousands
of articles), and a browser loads a list of every page of each bundle it searches before its
first result. The archive's index is therefore cut by date
into shards of ``search_shard_size`` articles: ``pagefind/`` holds the newest, so a first
search covers recent coverage at a bounded cost, and the older shards
(``pagefind/recent/``, ``pagefind/part-N/``) are merged in when the reader asks for the
whole archive. Each
shard is built and written as soon as it has all its articles, on the core MkDocs leaves
idle, and its memory is released.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.article import Article


@dataclass(frozen=True)
class Shard:
    """One bundle of the index: its folder in the site and the articles it holds."""

    folder: str
    articles: int
    newest: dt.date | None
    oldest: dt.date | None
    name: str = "newest"
    """Its value of the ``shard`` filter every page in it carries: the same as long as the
    shard holds the same articles, whatever is added before it."""


@dataclass(frozen=True)
class ShardPlan:
    """Which shard each article goes to, decided before any page is rendered."""

    shards: tuple[Shard, ...]
    """The newest first."""
    shard_of: dict[str, int]
    """Article path -> position of its shard in ``shards``."""

    @property
    def total(self) -> int:
        return sum(shard.articles for shard in self.shards)


def plan_shards(articles_newest_first: Sequence[Article], shard_size: int) -> ShardPlan:
    """The newest ``shard_size`` articles in ``pagefind/``, which a first search covers; the
    oldest in parts of ``shard_size`` counted from the oldest (``pagefind/part-1/``); and the
    fewer than ``shard_size`` between them in ``pagefind/recent/``.

    A part never changes as the archive grows, so a build with a new article rebuilds the
    newest shard and the recent one, not the whole index; every ``shard_size`` new articles
    the recent shard is full and becomes the next part.
    """
    size = max(shard_size, 1)
    newest, older = articles_newest_first[:size], articles_newest_first[size:]
    parts = len(older) // size
    recent, anchored = older[: len(older) - parts * size], older[len(older) - parts * size :]
    chunks: list[tuple[str, str, Sequence[Article]]] = [("pagefind/", "newest", newest)]
    if recent:
        chunks.append(("pagefind/recent/", "recent", recent))
    for part in range(parts, 0, -1):  # the newest part first, part 1 (the oldest) last
        start = len(anchored) - part * size
        chunks.append((f"pagefind/part-{part}/", f"part-{part}", anchored[start : start + size]))
    shards = []
    shard_of: dict[str, int] = {}
    for number, (folder, name, chunk) in enumerate(chunks):
        dates = [article.date for article in chunk]
        shards.append(
            Shard(folder, len(chunk), max(dates, default=None), min(dates, default=None), name)
        )
        shard_of.update((article.path, number) for article in chunk)
    return ShardPlan(tuple(shards), shard_of)
