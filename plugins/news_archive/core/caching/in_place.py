"""The site the last build left, kept between the rebuilds of ``mkdocs serve --dirty``.

A plain rebuild starts from an empty site: every page an earlier build made is placed again
from the cache (hashed, then linked or, from another file system, copied), thousands of files
for one edit. Under ``serve --dirty`` the site folder is kept, and the plugin's instance too,
so it knows what each file of the site was made from: a file whose cache entry (named by its
fingerprint) is the one the last build left there is left as it is, with no hash, link or copy.
Everything else is made as in any build, after the file in the way is removed (it may be a
hard link to a cache entry: writing through it would change the entry). Files the last build
wrote and this one does not (a deleted article's page) are removed, so that the site is the one
a clean build makes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .output_cache import OutputCache


@dataclass
class SiteLeft:
    """What the last finished build left in the site; kept by the plugin across rebuilds."""

    entries: dict[str, str] = field(default_factory=dict)
    """Path of a file in the site -> the cache entry it holds (placed, or kept after it was
    written). Emptied as a build starts and filled as it ends: a build that fails leaves it
    empty, and the next one places every file again."""
    written: set[str] = field(default_factory=set)
    """Every file the builds so far put into the site through MkDocs' files, by path."""

    def take(self) -> dict[str, str]:
        """The entries, for one build; forgotten until that build ends."""
        entries, self.entries = self.entries, {}
        return entries

    def forget(self, paths: Iterable[str]) -> None:
        """Files rewritten since the last build (a page rendered alone under ``serve --dirty``):
        they no longer hold their entry, and the next build places or renders them again."""
        for path in paths:
            self.entries.pop(path, None)

    def written_now(self, paths: Iterable[str]) -> list[str]:
        """This build's files (``paths``) from now on; returns those of earlier builds that
        this one does not write, which the caller removes."""
        now = set(paths)
        stale, self.written = sorted(self.written - now), now
        return stale


class OutputsInPlace(OutputCache):
    """An ``OutputCache`` that leaves in the site what the last build left there (``left``:
    path -> entry name). Under ``serve`` nothing but MkDocs writes into its temporary site
    folder, and it writes only the pages it renders, whose files are removed first (so the
    entry need not be hashed again to trust the file)."""

    def __init__(self, folder: Path, left: dict[str, str]) -> None:
        super().__init__(folder)
        self.left = left
        self.now: dict[str, str] = {}
        """What this build leaves in the site: path -> entry name."""
        self.in_place = 0

    def place(self, entries: Sequence[tuple[str, Path]]) -> list[bool]:
        done = [False] * len(entries)
        rest: list[int] = []
        for at, (name, target) in enumerate(entries):
            if self.left.get(str(target)) == name:
                done[at] = True
                self.now[str(target)] = name
                self.in_place += 1
                if name in self._stored:  # still the cache's: listed in its next manifest
                    self._kept[name] = self._stored[name]
            else:
                remove(target)
                rest.append(at)
        placed = super().place([entries[at] for at in rest])
        for at, result in zip(rest, placed, strict=True):
            done[at] = result
            if result:
                self.now[str(entries[at][1])] = entries[at][0]
        return done

    def keep(self, name: str, built: Path) -> None:
        super().keep(name, built)
        self.now[str(built)] = name  # written by this build for this fingerprint


def remove(path: Path | str) -> None:
    """Remove a file of the site if it is there (not through it: it may be a link)."""
    with contextlib.suppress(FileNotFoundError, IsADirectoryError):
        os.unlink(path)


def remove_stale(site_dir: Path, paths: Iterable[str]) -> None:
    """Remove files of the site an earlier build wrote and this one does not, and the folders
    that leaves empty (a page's own folder): a clean build has neither."""
    for path in paths:
        remove(path)
        folder = Path(path).parent
        while folder != site_dir and site_dir in folder.parents:
            try:
                folder.rmdir()
            except OSError:  # not empty, or already gone with a sibling
                break
            folder = folder.parent
