"""Writing contributors' files for them, in their own layout: a new article's file, names added
to front matter, aliases added to a registry.

Used by ``news-archive new``, ``suggest --write`` and ``import``: files are edited as text, not
dumped again as YAML, so that a pull request shows only the lines that changed.
"""
