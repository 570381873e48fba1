"""A file the archive writes itself that could not be written, said in one line.

A full disk or a folder without write permission is the builder's to fix, not a bug: the
message names the file, the reason and what to do, with no traceback. It is a
``PluginError``, which MkDocs shows as a message wherever the build raises it (a hook, the
search indexer's threads); a ``WorkFailed``, which a forked copy of the build (``forked.py``)
reports as it is; and it starts with ``PREFIX``, so that the build, which gets a copy's error
as text, can tell it apart (``reported``). ``write_into_site`` writes the files the archive
makes itself (feeds, data, the sitemap) and raises it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from .forked import WorkFailed

PREFIX = "news-archive: could not write "
FIXES = {
    errno.ENOSPC: "free some space on that disk, or build into a folder with room "
    "(site_dir in mkdocs.yml)",
    errno.EDQUOT: "free some of your disk quota, or build into a folder with room "
    "(site_dir in mkdocs.yml)",
    errno.EACCES: "make the folder writable, or build into another one (site_dir in mkdocs.yml)",
    errno.EPERM: "make the folder writable, or build into another one (site_dir in mkdocs.yml)",
    errno.EROFS: "build into a folder on a writable disk (site_dir in mkdocs.yml)",
}


class CouldNotWrite(WorkFailed, PluginError):
    """``news-archive: could not write site/feed.xml: no space left on device; free ...``"""

    def __init__(self, path: Path | str, error: OSError) -> None:
        reason = os.strerror(error.errno).lower() if error.errno else str(error)
        fix = FIXES.get(error.errno or 0, "check that folder, then build again")
        # PluginError's, not WorkFailed's: the message is whole already.
        PluginError.__init__(self, f"{PREFIX}{shown(Path(path))}: {reason}; {fix}")


def reported(message: str) -> PluginError | None:
    """A copy's error (as text) as the build raises it, if it is a ``CouldNotWrite``."""
    return PluginError(message) if message.startswith(PREFIX) else None


def shown(path: Path) -> str:
    """The path as the person building sees it: from the folder they build in, if inside."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def write_into_site(site_dir: Path, path: str, content: str | bytes) -> Path:
    """Write a file the archive makes itself (feeds, data, the sitemap) into the site; a
    full disk or a folder it may not write is a message (``CouldNotWrite``), and no part
    of the file is left behind."""
    target = site_dir / path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    except OSError as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise CouldNotWrite(target, exc) from exc
    return target
