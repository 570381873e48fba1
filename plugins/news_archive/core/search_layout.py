"""Where the search index lives: one Pagefind bundle per shard of articles.

Pagefind keeps a whole index in memory until it writes it (over 5 GB for 20,000 synthetic
articles here). The archive's index is therefore cut into shards of ``search_shard_size``
articles, each built and written as soon as it is full, on the core MkDocs leaves idle; the
search page merges them in the browser. The number of shards depends only on the number of
articles, so the search page can name them before they exist.
"""

from __future__ import annotations


def shard_folders(articles: int, shard_size: int) -> list[str]:
    """Site paths of the bundles: ``pagefind/``, then ``pagefind/shard-2/``, ..."""
    count = max(1, -(-articles // max(shard_size, 1)))
    return ["pagefind/"] + [f"pagefind/shard-{number}/" for number in range(2, count + 1)]
