"""What the project's git history knows: when an article was first archived, and which
files a pull request changes.

The core keeps, of two articles sharing a url, the one archived first (``FirstArchived`` in
``core/indexing/archive.py``); what "first" means comes from here, so that the core never runs
git.
Git is asked only about the files whose urls collide, a ``git log`` and a ``git show`` each:
the archive has tens of thousands of files, and a clash involves a handful.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from .core.indexing.archive import FirstArchived
from .core.model.article import Article
from .core.reading.review import Change


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


class NoBase(Exception):
    """The revision a change is measured from is unknown to git, or there is no git."""


def changes_since(project_dir: Path, revision: str) -> Change:
    """The files changed since the common ancestor of ``revision`` and the work tree, paths
    relative to ``project_dir``: the commits of a pull request (against the merge-base, as
    GitHub's "Files changed" tab shows it, so that what the base branch gained meanwhile is
    not counted) and, run locally, whatever is not committed yet, untracked files too."""
    if shutil.which("git") is None:
        raise NoBase("git is not installed, so the changed files cannot be known")
    base = _git(project_dir, "merge-base", revision, "HEAD")
    if not base:
        known = _git(project_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if known is None:
            raise NoBase(
                f"'{revision}' is not a commit this clone knows; fetch it first "
                "(in a GitHub workflow, check out with fetch-depth: 0)"
            )
        raise NoBase(
            f"'{revision}' and this checkout share no history; fetch the whole history "
            "(git fetch --unshallow, or fetch-depth: 0 in a GitHub workflow)"
        )
    diff = ("diff", "-z", "--name-only", "--relative", "-M")
    changed = _names(project_dir, *diff, "--diff-filter=d", base)
    added = _names(project_dir, *diff, "--diff-filter=A", base)
    untracked = _names(project_dir, "ls-files", "-z", "--others", "--exclude-standard")
    return Change(changed=frozenset(changed | untracked), added=frozenset(added | untracked))


def _names(project_dir: Path, *args: str) -> set[str]:
    """The file names git prints separated by NULs (``-z``: any name, unquoted)."""
    try:
        result = subprocess.run(["git", *args], cwd=project_dir, capture_output=True, check=False)
    except OSError as exc:
        raise NoBase(f"git cannot be run: {exc.strerror}") from exc
    if result.returncode != 0:
        raise NoBase(f"git {args[0]} failed: {result.stderr.decode(errors='replace').strip()}")
    return {name.decode("utf-8", "surrogateescape") for name in result.stdout.split(b"\0") if name}
