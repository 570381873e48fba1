"""news-archive: cross-linked archives of news articles, published with MkDocs."""

__version__ = "0.1.0"
