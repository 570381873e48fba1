"""The archive's logic, free of MkDocs: reading, resolving, indexing and planning pages.

Nothing in this package imports MkDocs, so the archive can outlive any one site generator;
the plugin and the command-line tool are thin adapters over it.

One package per step of a build, in the order a build takes them: ``model`` (the vocabulary
every other package speaks), ``reading``, ``indexing``, ``planning``, ``publishing``, then
``caching`` (what a rebuild reuses of all of them); ``importing`` and ``authoring`` serve the
command-line tool. ``model`` imports from no other package here (``tests/test_core.py``
checks), so that the vocabulary can be read on its own. ``timing.py``, where a build's time
goes, serves every step.
"""
