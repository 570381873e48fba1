"""Full-text search with Pagefind: an index streamed page by page while MkDocs renders."""

from .indexer import Listed, SearchIndexer, SearchLayout

__all__ = ["Listed", "SearchIndexer", "SearchLayout"]
