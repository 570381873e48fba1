"""The cache of built files: what it gives back, what it refuses, what it forgets."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from news_archive.core.caching.output_cache import OutputCache


def test_a_small_stored_entry_is_found_by_the_next_build(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache")
    cache.store("indexed/a.html", b"<p>short</p>")
    cache.save()
    again = OutputCache(tmp_path / "cache")
    assert again.read("indexed/a.html") == b"<p>short</p>"
    assert again.read("indexed/missing.html") is None


def test_kept_files_are_placed_where_asked_and_left_out_ones_forgotten(tmp_path: Path) -> None:
    built = tmp_path / "site/a/index.html"
    built.parent.mkdir(parents=True)
    built.write_text("page a")
    other = tmp_path / "site/b.html"
    other.write_text("page b")
    cache = OutputCache(tmp_path / "cache")
    cache.keep("pages/a.html", built)
    cache.keep("pages/b.html", other)
    cache.save()

    second = OutputCache(tmp_path / "cache")
    targets = [tmp_path / "new/x/y/index.html", tmp_path / "new/z.html"]
    assert second.place([("pages/a.html", targets[0]), ("pages/gone.html", targets[1])]) == [
        True,
        False,
    ]
    assert targets[0].read_text() == "page a"
    assert not targets[1].exists()
    second.save()  # b was not used by this build: it is deleted
    assert not (tmp_path / "cache/pages/b.html").exists()
    assert OutputCache(tmp_path / "cache").verify("pages/a.html")


def test_a_site_file_edited_in_place_is_not_given_back(tmp_path: Path) -> None:
    """Entries share their content with the site's files (hard links)."""
    built = tmp_path / "site/index.html"
    built.parent.mkdir()
    built.write_text("as built")
    cache = OutputCache(tmp_path / "cache")
    cache.keep("pages/p.html", built)
    cache.save()
    with built.open("a") as out:
        out.write(" and edited")
    again = OutputCache(tmp_path / "cache")
    assert not again.verify("pages/p.html")
    assert again.place([("pages/p.html", tmp_path / "other.html")]) == [False]


def test_a_damaged_manifest_is_an_empty_cache(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache")
    cache.store("x", b"content")
    cache.save()
    (tmp_path / "cache/manifest.json").write_text("{not json")
    assert OutputCache(tmp_path / "cache").read("x") is None


def same_size_and_time_edit(file: Path, old: bytes, new: bytes) -> None:
    """Rewrite ``file`` where it is, the same length, and give it back its times."""
    assert len(old) == len(new)
    before = os.stat(file)
    with open(file, "r+b") as out:
        out.write(file.read_bytes().replace(old, new))
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))


def edited_cache(tmp_path: Path) -> tuple[OutputCache, Path]:
    """A cache of a page and an indexed entry, both edited keeping their size and time;
    and the site's file of the page."""
    built = tmp_path / "site/index.html"
    built.parent.mkdir()
    built.write_text("<p>as built</p>")
    cache = OutputCache(tmp_path / "cache")
    cache.keep("pages/p.html", built)
    cache.store("indexed/p.html", b"<p>as indexed</p>")
    cache.save()
    same_size_and_time_edit(built, b"built", b"BUILT")  # the site's file is the entry
    same_size_and_time_edit(tmp_path / "cache/indexed/p.html", b"indexed", b"INDEXED")
    return OutputCache(tmp_path / "cache"), built


def test_an_entry_edited_keeping_its_size_and_time_is_dropped_and_made_again(
    tmp_path: Path,
) -> None:
    """Size and time say nothing of content: each entry is checked against the hash of
    what was stored, and one that does not match is dropped, never given back."""
    again, _built = edited_cache(tmp_path)
    target = tmp_path / "new/index.html"
    assert not again.verify("pages/p.html")
    assert again.place([("pages/p.html", target)]) == [False]
    assert not target.exists()
    assert again.read("indexed/p.html") is None
    assert not again.retain("indexed/p.html")
    assert again.dropped == 2

    rebuilt = tmp_path / "rebuilt.html"  # the build renders the page afresh and keeps it
    rebuilt.write_text("<p>as built</p>")
    again.keep("pages/p.html", rebuilt)
    again.store("indexed/p.html", b"<p>as indexed</p>")
    again.save()
    third = OutputCache(tmp_path / "cache")
    assert third.place([("pages/p.html", target)]) == [True]
    assert target.read_text() == "<p>as built</p>"
    assert third.read("indexed/p.html") == b"<p>as indexed</p>"
    assert third.dropped == 0


def test_a_dropped_entry_not_made_again_is_deleted(tmp_path: Path) -> None:
    again, built = edited_cache(tmp_path)
    assert not again.verify("pages/p.html")
    assert again.read("indexed/p.html") is None
    again.save()
    assert sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()) == [
        "manifest.json"
    ]
    assert built.read_text() == "<p>as BUILT</p>"  # the site's own file is left alone


def test_each_entry_is_named_in_the_manifest_with_the_hash_of_its_content(
    tmp_path: Path,
) -> None:
    cache = OutputCache(tmp_path / "cache")
    cache.store("feeds/f.xml", b"<rss/>")
    cache.save()
    manifest = json.loads((tmp_path / "cache/manifest.json").read_text())
    assert manifest["entries"] == {
        "feeds/f.xml": hashlib.blake2b(b"<rss/>", digest_size=16).hexdigest()
    }
