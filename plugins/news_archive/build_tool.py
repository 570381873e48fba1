"""The build tool running this build: MkDocs, or ProperDocs, its community fork, which answers
every ``mkdocs.*`` import with its own module and logs under ``properdocs``. Code that needs the
tool's name or version asks here rather than naming ``mkdocs``; each answer is read
when asked, since ProperDocs takes over the ``mkdocs`` name only once its command starts."""

from __future__ import annotations

from types import ModuleType


def _tool() -> ModuleType:
    import mkdocs

    return mkdocs


def name() -> str:
    """``mkdocs`` or ``properdocs``: the package behind ``import mkdocs`` in this process, which
    is also its distribution's name on PyPI."""
    return _tool().__name__.partition(".")[0]


def version() -> str:
    return str(_tool().__version__)
