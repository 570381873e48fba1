"""The cache of built files: what it gives back, what it refuses, what it forgets."""

from __future__ import annotations

from pathlib import Path

from news_archive.core.output_cache import OutputCache


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
    assert OutputCache(tmp_path / "cache").has("pages/a.html")


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
    assert not again.has("pages/p.html")
    assert again.place([("pages/p.html", tmp_path / "other.html")]) == [False]


def test_a_damaged_manifest_is_an_empty_cache(tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache")
    cache.store("x", b"content")
    cache.save()
    (tmp_path / "cache/manifest.json").write_text("{not json")
    assert OutputCache(tmp_path / "cache").read("x") is None
