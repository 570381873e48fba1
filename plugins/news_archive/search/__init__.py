"""Full-text search with Pagefind: an index streamed page by page while MkDocs renders."""

from .indexer import Listed, SearchIndexer

__all__ = ["Listed", "SearchIndexer"]
