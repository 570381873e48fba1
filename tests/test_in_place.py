"""The site kept between ``mkdocs serve --dirty`` rebuilds (``core/caching/in_place.py``): what
the last build left is left, anything else is replaced rather than written through, and what
no build makes any more is removed."""

from __future__ import annotations

from pathlib import Path

from news_archive.core.caching.in_place import OutputsInPlace, SiteLeft, remove_stale
from news_archive.core.caching.output_cache import OutputCache


def _cached(tmp_path: Path, entries: dict[str, str]) -> Path:
    """A cache holding ``entries`` (name -> content), as a build keeps them."""
    cache = OutputCache(tmp_path / "cache")
    for name, content in entries.items():
        built = tmp_path / "built" / name
        built.parent.mkdir(parents=True, exist_ok=True)
        built.write_text(content)
        cache.keep(name, built)
    cache.save()
    return tmp_path / "cache"


def test_a_file_the_last_build_left_stays_and_another_is_replaced(tmp_path: Path) -> None:
    folder = _cached(tmp_path, {"pages/a.html": "page a", "pages/b2.html": "page b, new"})
    site = tmp_path / "site"
    kept, changed = site / "a/index.html", site / "b/index.html"
    for target in (kept, changed):
        target.parent.mkdir(parents=True)
    kept.write_text("page a")
    changed.write_text("page b, old")
    inode = kept.stat().st_ino
    left = {str(kept): "pages/a.html", str(changed): "pages/b1.html"}

    outputs = OutputsInPlace(folder, left)
    placed = outputs.place([("pages/a.html", kept), ("pages/b2.html", changed)])

    assert placed == [True, True]
    assert outputs.in_place == 1
    assert kept.stat().st_ino == inode, "the unchanged page was placed again"
    assert changed.read_text() == "page b, new"
    assert outputs.now == {str(kept): "pages/a.html", str(changed): "pages/b2.html"}
    outputs.save()  # the entry left in place is still the cache's
    assert OutputCache(folder).verify("pages/a.html")


def test_a_file_to_make_again_is_removed_not_written_through(tmp_path: Path) -> None:
    """The old file may be a hard link to a cache entry: a build writing into it would
    change the entry."""
    folder = _cached(tmp_path, {"pages/a.html": "page a"})
    target = tmp_path / "site/a/index.html"
    target.parent.mkdir(parents=True)
    target.write_text("page a, an older fingerprint")
    outputs = OutputsInPlace(folder, {str(target): "pages/old.html"})

    assert outputs.place([("pages/missing.html", target)]) == [False]
    assert not target.exists()
    assert outputs.now == {}


def test_files_no_build_makes_any_more_are_removed_with_their_folders(tmp_path: Path) -> None:
    site = tmp_path / "site"
    page, other = site / "articles/2017/10/gone/index.html", site / "articles/2017/10/kept.html"
    for path in (page, other):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    left = SiteLeft()
    assert left.written_now([str(page), str(other)]) == []

    stale = left.written_now([str(other)])
    remove_stale(site, stale)

    assert stale == [str(page)]
    assert not page.parent.exists()
    assert other.exists()
    assert left.written == {str(other)}


def test_a_build_that_fails_leaves_nothing_to_trust(tmp_path: Path) -> None:
    """The entries are taken as a build starts and given back only as it ends."""
    left = SiteLeft(entries={"/site/a/index.html": "pages/a.html"})
    assert left.take() == {"/site/a/index.html": "pages/a.html"}
    assert left.take() == {}
