"""Files an earlier build wrote, kept by fingerprint, to place into the next build's site.

A page whose fingerprint (``page_fingerprints.py``) is unchanged is the same file as last
time: it is linked into the new site instead of rendered. Entries are hard links to the
files the build wrote, so keeping them costs no copy and no disk space while the site
exists; where the cache and the site are on different file systems (``mkdocs serve`` builds
in a temporary folder) they are copies.

An entry's name says what it was made from, not what it holds, so the manifest records the
hash of each entry's content, and an entry is hashed again before its first use in a build:
one whose bytes no longer hash to what was stored is dropped, never placed or read, and the
build makes the file afresh. Size and time would not do: a hard link shares its content with
the site's file, so a tool rewriting a built page in place rewrites the entry, and such a
tool (or a cache restored from a tampered store) can give a file back its size and time.
Deleting the folder is always safe: a missing or unreadable manifest is an empty cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .cache_file import load_entries, save_entries

FORMAT = 2
PLACING_THREADS = 4


class OutputCache:
    """Entries by name (a fingerprint, possibly with a sub-path), under ``folder``, each
    with the hash of its content."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._manifest = folder / "manifest.json"
        stored = load_entries(self._manifest, FORMAT)
        self._stored: dict[str, str] = {
            name: hashed for name, hashed in stored.items() if isinstance(hashed, str)
        }
        self._kept: dict[str, str] = {}
        self._checked: dict[str, bool] = {}
        """Entries hashed in this build, and whether they held what was stored: once each."""
        self._folders: set[Path] = set()
        self.placed = 0
        self._dropped: set[str] = set()

    def verify(self, name: str) -> bool:
        """Whether ``name`` is stored and still holds what was stored. The entry is hashed on
        its first use in a build (the answer is kept), and one that does not hold what was
        stored is dropped: it is never placed or read, and the build makes it again."""
        checked = self._checked.get(name)
        if checked is None:
            checked = self._checked[name] = self._check(name)
        return checked

    def _check(self, name: str) -> bool:
        recorded = self._stored.get(name)
        if recorded is None:
            return False
        try:
            with open(self.folder / name, "rb") as entry:
                matches = hashlib.file_digest(entry, _new_hash).hexdigest() == recorded
        except OSError:
            return False
        if not matches:
            self._drop(name)
        return matches

    def _drop(self, name: str) -> None:
        """Forget an entry that does not hold what was stored: the build makes it again.
        Counted, not warned about: the site comes out right all the same."""
        self._stored.pop(name, None)
        self._checked[name] = False
        self._dropped.add(name)

    @property
    def dropped(self) -> int:
        """Entries found this build not to hold what was stored."""
        return len(self._dropped)

    def retain(self, name: str) -> bool:
        """Keep the entry ``name`` for the next build, if it is stored and unchanged."""
        if self.verify(name):
            self._kept[name] = self._stored[name]
            return True
        return False

    def place(self, entries: Sequence[tuple[str, Path]]) -> list[bool]:
        """Put each entry ``(name, target)`` at its target; false where it cannot or the
        entry does not hold what was stored (and nothing is written there). Several at a
        time: each is a hash and a few system calls, which threads make at once (hashing
        lets go of the interpreter's lock)."""
        share = PLACING_THREADS
        placed = [False] * len(entries)

        def place_share(first: int) -> list[bool]:
            return [self._place(entry) for entry in entries[first::share]]

        with ThreadPoolExecutor(share) as pool:  # a share of the entries for each thread
            for first, results in enumerate(pool.map(place_share, range(share))):
                placed[first::share] = results
        for (name, _target), done in zip(entries, placed, strict=True):
            if done:
                self._kept[name] = self._stored[name]
                self.placed += 1
        return placed

    def _place(self, entry: tuple[str, Path]) -> bool:
        name, target = entry
        if not self.verify(name):
            return False
        try:
            _make_folder(target.parent)
            try:
                _link_or_copy(self.folder / name, target)
            except FileExistsError:  # a file of an earlier build left in the site: replaced
                target.unlink()
                _link_or_copy(self.folder / name, target)
        except OSError:
            return False
        return True

    def keep(self, name: str, built: Path) -> None:
        """Store the file the build wrote at ``built`` as the entry ``name``, with the hash
        of what it holds (read once)."""
        if name in self._kept or self.retain(name):
            return
        entry = self.folder / name
        try:
            self._folder_of(entry)
            try:
                _link_or_copy(built, entry)
            except FileExistsError:  # an entry the manifest lost, or one dropped: replaced
                entry.unlink()
                _link_or_copy(built, entry)
            with open(entry, "rb") as kept:
                hashed = hashlib.file_digest(kept, _new_hash).hexdigest()
        except OSError:
            return
        self._kept[name] = hashed
        self._checked[name] = True

    def store(self, name: str, content: bytes) -> None:
        """Store ``content`` as the entry ``name`` (for what the site does not hold as is).

        A search build stores 20,000 of these (``write_file``)."""
        if name in self._kept or self.retain(name):
            return
        entry = self.folder / name
        try:
            self._folder_of(entry)
            write_file(entry, content)
        except OSError:
            return
        self._kept[name] = _new_hash(content).hexdigest()
        self._checked[name] = True

    def _folder_of(self, entry: Path) -> None:
        """Make the entry's folder, once a build (there are a handful, for many entries)."""
        if entry.parent not in self._folders:
            entry.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(entry.parent)

    def read(self, name: str) -> bytes | None:
        """The entry ``name``, kept for this build too; ``None`` if it is not stored or no
        longer holds what was stored (the bytes given are the bytes hashed)."""
        recorded = self._stored.get(name)
        if recorded is None or self._checked.get(name) is False:
            return None
        try:
            content = (self.folder / name).read_bytes()
        except OSError:
            return None
        if _new_hash(content).hexdigest() != recorded:
            self._drop(name)
            return None
        self._checked[name] = True
        self._kept[name] = recorded
        return content

    def kept_entries(self) -> dict[str, str]:
        """The entries this build keeps so far (for a copy of the build to report)."""
        return dict(self._kept)

    def adopt(self, kept: dict[str, str], placed: int) -> None:
        """Entries a copy of the build kept or placed in this cache's folder, as if this
        build had (the copy started with this cache's manifest)."""
        self._kept.update(kept)
        self.placed += placed

    def save(self, prune: bool = True) -> None:
        """Write the manifest of the entries this build placed or kept, and delete the rest
        (the dropped ones too, unless made afresh). Without ``prune``, the entries an earlier
        build stored are listed too, and nothing is deleted: for a build whose search index
        was stopped before it had taken (and kept) every article."""
        entries = self._kept if prune else {**self._stored, **self._kept}
        if prune:
            for name in (self._stored.keys() | self._dropped) - self._kept.keys():
                with contextlib.suppress(OSError):
                    (self.folder / name).unlink()
        with contextlib.suppress(OSError):  # a cache not written: the next build is slower
            save_entries(self._manifest, FORMAT, dict(sorted(entries.items())))
        self._stored = dict(entries)


def _new_hash(content: bytes = b"") -> hashlib.blake2b:
    """The hash of an entry's content (``page_fingerprints.digest`` uses the same)."""
    return hashlib.blake2b(content, digest_size=16)


def write_file(path: Path, content: bytes) -> None:
    """Write ``content`` as a new file at ``path``. A file already there is replaced, never
    written through: it may be a hard link between the site and the cache. With the
    system's own calls, cheaper than Python's file objects: a search build writes tens of
    thousands of small files."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, flags, 0o644)
    try:
        written = 0
        while written < len(content):
            written += os.write(fd, content[written:])
    except OSError:  # a full disk: no part of a file is left to be taken for the whole
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    finally:
        os.close(fd)


def _make_folder(folder: Path) -> None:
    """A page's own folder, most often the only one missing: one system call, not several."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)
