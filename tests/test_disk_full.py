"""A full disk stops the build with one line naming the file, not a traceback, and leaves
no part of a file behind: in the site, in the search index or in the cache.

The disk is a small tmpfs filled to the last block, which needs root; elsewhere these tests
are skipped, saying why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from test_search_layout import archive

from conftest import Project
from news_archive.core.caching.output_cache import OutputCache
from news_archive.core.planning.search_layout import plan_shards
from news_archive.forked import ForkedCopy
from news_archive.search import Listed, SearchIndexer
from news_archive.write_failure import CouldNotWrite, reported

FIX = "free some space on that disk, or build into a folder with room (site_dir in mkdocs.yml)"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a disk with no block left (folders can still be made: they take none)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small disk can only be mounted by root")
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a small disk cannot be mounted here: {mounted.stderr.strip()}")
    try:
        with open(mount / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
            while filler.write(b"x" * 4096):  # until the disk is full
                pass
        folder = mount / "room"
        folder.mkdir()
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_full_disk_stops_the_build_with_one_line_naming_the_file(
    project: Project, full_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The feeds and data are the first files of the site, before MkDocs' own."""
    for n in range(3):
        project.article(f"story-{n}", tags=["airstrikes"])
    project.options = {"cache_dir": False}
    (project.root / "site").symlink_to(full_disk)  # MkDocs builds through the link
    monkeypatch.chdir(project.root)  # where contributors run `mkdocs build`
    with pytest.raises(Abort, match="Aborted with a BuildError"):
        project.build()
    failures = [m for m in project.last_messages if "could not write" in m]
    assert len(failures) == 1, project.last_messages
    found = re.fullmatch(
        rf"news-archive: could not write (site/\S+): no space left on device; {re.escape(FIX)}",
        failures[0],
    )
    assert found, failures[0]
    assert not Path(found[1]).exists(), "a part of the file was left in the site"
    assert files_in(full_disk) == []


def test_a_search_index_that_cannot_be_written_is_one_line_and_no_part_file(
    full_disk: Path,
) -> None:
    articles = archive(2)
    order = [Listed(a.path, f"/{a.site_path}", "") for a in articles]
    indexer = SearchIndexer(full_disk, "en", plan_shards(articles, 10), order)
    indexer.start()
    for listed in order:
        indexer.add(listed.path, listed.url, "<p>Words to index.</p>", "en")
    with pytest.raises(CouldNotWrite) as failed:
        indexer.finish()
    assert re.fullmatch(
        rf"news-archive: could not write {re.escape(str(full_disk))}/pagefind/\S+: "
        rf"no space left on device; {re.escape(FIX)}",
        str(failed.value),
    )
    assert files_in(full_disk) == []


def test_a_cache_entry_that_cannot_be_written_is_not_left_in_part(full_disk: Path) -> None:
    """The cache is optional (a build without room for it is only slower), but no part of
    an entry may stay: a later build would find a file of that name."""
    cache = OutputCache(full_disk / "cache")
    cache.store("indexed/page.html", b"<p>" + b"words " * 10_000 + b"</p>")
    assert not cache.verify("indexed/page.html")
    assert files_in(full_disk) == []
    cache.save()  # the manifest cannot be written either: the old one (none) stays whole
    assert files_in(full_disk) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="this system cannot fork")
def test_a_forked_copy_that_cannot_write_reports_the_same_line() -> None:
    """Feeds, data and the search index may be written by a copy of the build, which
    reports its error as text: the build raises that line as it is."""
    failure = CouldNotWrite(Path("site/feed.xml"), OSError(errno.ENOSPC, "No space left"))

    def work() -> dict[str, object]:
        raise failure

    report = ForkedCopy.start(work).wait()
    assert report.error == str(failure)
    raised = reported(report.error)
    assert isinstance(raised, PluginError) and str(raised) == str(failure)
    assert reported("feed.xml: OSError: something else") is None


def test_a_folder_that_may_not_be_written_says_so() -> None:
    message = str(CouldNotWrite(Path("/srv/site/feed.xml"), PermissionError(errno.EACCES, "")))
    assert message == (
        "news-archive: could not write /srv/site/feed.xml: permission denied; make the folder "
        "writable, or build into another one (site_dir in mkdocs.yml)"
    )
