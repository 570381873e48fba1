"""The archive's logic, free of MkDocs: reading, resolving, indexing and planning pages.

Nothing in this package imports MkDocs, so the archive can outlive any one site generator;
the plugin and the command-line tool are thin adapters over it.
"""
