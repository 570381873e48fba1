"""When an article was first archived, from the project's git history.

The core keeps, of two articles sharing a url, the one archived first (``FirstArchived`` in
``core/archive.py``); what "first" means comes from here, so that the core never runs git.
Git is asked only about the files whose urls collide, a ``git log`` and a ``git show`` each:
the archive has tens of thousands of files, and a clash involves a handful.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from .core.archive import FirstArchived
from .core.article import Article


def first_archived_in(docs_dir: Path) -> FirstArchived:
    """Answers for the articles of ``docs_dir``: the time of the commit that added each
    file. A file git does not know (not committed yet, no repository, no git) is left out,
    so the core counts it as newer than any committed one."""

    def ask(articles: Sequence[Article]) -> Mapping[str, float]:
        answers = {article.path: added_at(docs_dir, article.path) for article in articles}
        return {path: when for path, when in answers.items() if when is not None}

    return ask


MOVES_FOLLOWED = 20
"""Renames followed back at most: a file moved more often than this is a curiosity, and
each step costs two git processes."""


def added_at(docs_dir: Path, path: str) -> float | None:
    """The commit time (seconds since the epoch) of the commit that first added ``path``
    (relative to ``docs_dir``); ``None`` where git cannot tell.

    An article moves when its date is corrected (its folder is its month), so a rename is
    followed back to the file it came from. Not with ``git log --follow``: that also takes a
    near copy for the same file, which is just what a duplicate is.
    """
    revision = "HEAD"
    moved_at: float | None = None  # when the file got the name being followed back
    for _ in range(MOVES_FOLLOWED):
        added = _git(docs_dir, "log", "--diff-filter=A", "--format=%H %ct", revision, "--", path)
        if not added:  # not committed; or moved from beyond a shallow clone's history
            return moved_at
        commit, when = added.splitlines()[-1].split()  # the oldest
        renamed = _git(
            docs_dir, "show", "--relative", "-M", "--diff-filter=R", "--name-status",
            "--format=", commit,
        )  # fmt: skip
        sources = [
            fields[1]
            for fields in (line.split("\t") for line in (renamed or "").splitlines())
            if len(fields) == 3 and fields[2] == path
        ]
        if not sources:
            return float(when)
        path, revision, moved_at = sources[0], f"{commit}^", float(when)
    return moved_at


def _git(docs_dir: Path, *args: str) -> str | None:
    """What git prints, or ``None`` if it failed (no repository, no git)."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None
