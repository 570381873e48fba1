"""The archive's vocabulary: articles, terms, taxonomies and their registries, the settings
that declare them (with ``page_sizes.py``: how long lists are cut into pages), and the problems
a contributor is told about.

Every other package speaks in these types, and this one imports from none of them. Names and
addresses compare here too (``text.py``: slugs and lookup keys; ``urls.py``: one story, one
address), so that reading, indexing and importing agree on when two spellings or two links are
the same; ``characters.py`` says which characters no page, feed or message may carry.
"""
