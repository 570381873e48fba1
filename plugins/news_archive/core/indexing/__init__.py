"""Indexing read articles: terms resolved and cross-linked, related articles, and what the
explore pages show (who appears with whom, coverage over time, the places on the map).

`build_archive` turns articles and registries into an `Archive`, the one object planning,
publishing and the renderer read from.
"""
