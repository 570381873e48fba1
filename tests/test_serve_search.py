"""Search under ``mkdocs serve`` is never what the writer waits for: an edit is served while
the index is still being made, the search page says the index is being updated (and does not
break where there is none yet, and searches the last complete one where there is), then the
index finds the edit, and the settled site is what a cold build makes, index and all.

"Still being made" is a state the test holds, not a race it times: Pagefind is run through a
stand-in (``PAGEFIND_BINARY_PATH``) that passes every request to the real binary but holds
each index's build (``GetFiles``) until the test opens a gate."""

from __future__ import annotations

import json
import stat
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_serve import DEADLINE, LIVE_RELOAD, Server, cold_build

from conftest import Project, build_tool

STAND_IN = """#!{python}
import base64, json, os, subprocess, sys, time

real = subprocess.Popen([os.environ["SERVE_TEST_PAGEFIND"], *sys.argv[1:]], stdin=subprocess.PIPE)
unread = b""
while chunk := sys.stdin.buffer.read1(1 << 16):
    *messages, unread = (unread + chunk).split(b",")
    for message in messages:
        request = json.loads(base64.b64decode(message))
        while request["payload"]["type"] == "GetFiles" and not os.path.exists(
            os.environ["SERVE_TEST_GATE"]
        ):
            time.sleep(0.05)  # the gate is polled, not timed
        real.stdin.write(message + b",")
        real.stdin.flush()
real.stdin.close()
sys.exit(real.wait())
"""
NOTE = "The search index is being updated; results may be missing the latest edits."
ARTICLE = "articles/2017/09/convoy-struck/"
NEW_WORD = "quillwort"


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _updating(running: Server) -> bool:
    status, body = _get(running.base + "search/index-status.json")
    assert status == 200
    return bool(json.loads(body)["updating"])


@pytest.fixture
def held(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Server, Project, Path]]:
    """``serve`` with every index held back until the gate (a file) exists."""
    from pagefind.service import get_executable

    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    real = get_executable()
    assert real is not None
    stand_in = tmp_path / "pagefind-held"
    stand_in.write_text(STAND_IN.format(python=sys.executable), encoding="utf-8")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    gate = tmp_path / "gate"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(stand_in))
    monkeypatch.setenv("SERVE_TEST_PAGEFIND", str(real))
    monkeypatch.setenv("SERVE_TEST_GATE", str(gate))
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    project.site_url = None
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    project.article("dam-retaken", "2017-10-02", title="Dam retaken")
    project.write("content/index.md", "# Test archive\n")
    project.registry("actors", {"sdf": {"name": "SDF"}})
    project.write("mkdocs.yml", project.config_text())
    running = Server(build_tool(), project.root)
    try:
        yield running, project, gate
    finally:
        running.stop()


def test_an_edit_is_served_before_its_index_which_follows_and_settles_as_a_cold_build(
    held: tuple[Server, Project, Path], page: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    running, project, gate = held
    running.page_when(ARTICLE, "Convoy struck")
    # The first index is held: the site has none yet, and says that it is being updated.
    assert _updating(running)
    assert _get(running.base + "pagefind/pagefind-entry.json")[0] == 404
    page.goto(running.base + f"search/?q={NEW_WORD}")
    expect(page.locator("[data-index-note]")).to_be_visible()
    expect(page.locator("[data-index-note]")).to_have_text(NOTE)
    expect(page.locator("[data-index-note]")).to_have_attribute("role", "status")
    expect(page.locator("[data-status]")).to_have_text("Results show once the index is written.")

    project.article(
        "convoy-struck",
        "2017-09-17",
        title="Convoy struck",
        actors=["SDF"],
        body=f"A {NEW_WORD} grew by the road.",
    )
    # Served while the index cannot be complete: the build did not wait for it.
    running.page_when(ARTICLE, NEW_WORD)
    assert _updating(running)

    gate.touch()
    # The search page finds the edit once the index is written, without a reload.
    expect(page.locator("[data-index-note]")).to_be_hidden(timeout=DEADLINE * 1000)
    expect(page.locator("[data-results] .na-item__title a")).to_have_text(
        ["Convoy struck"], timeout=DEADLINE * 1000
    )
    assert not _updating(running)
    _served_as_cold_build(running, project, tmp_path_factory)

    # The next index held again: the last complete one is served meanwhile, with the note.
    gate.unlink()
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    running.page_when(ARTICLE, "Body text of the article.")
    assert _updating(running)
    assert _get(running.base + "pagefind/pagefind-entry.json")[0] == 200
    # In a page of its own: the search page open since reloads itself on the rebuild (live
    # reload), which would abort a navigation of its own begun at that moment.
    fresh = page.context.browser.new_page()
    fresh.goto(running.base + f"search/?q={NEW_WORD}")
    expect(fresh.locator("[data-index-note]")).to_be_visible()
    expect(fresh.locator("[data-results] .na-item__title a")).to_have_text(["Convoy struck"])
    fresh.close()


def _served_as_cold_build(
    running: Server, project: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every file of a cold build of the project, index and all, is served as it is."""
    cold = cold_build(running, project, tmp_path_factory)
    built = sorted(path for path in (cold / "site").rglob("*") if path.is_file())
    assert any(path.parent.name == "fragment" for path in built), "the cold build has no index"
    for path in built:
        address = path.relative_to(cold / "site").as_posix()
        status, served = _get(running.base + address)
        assert status == 200, f"/{address} is not served"
        if address.endswith(".html"):
            served = LIVE_RELOAD.sub("", served.decode("utf-8")).encode("utf-8")
        assert served == path.read_bytes(), f"/{address} differs from a cold build's"


def _serve_dirty(project: Project) -> Server:
    """``serve --dirty`` on the project's articles, with a home page and SDF registered."""
    project.write("content/index.md", "# Test archive\n")
    project.registry("actors", {"sdf": {"name": "SDF"}})
    project.write("mkdocs.yml", project.config_text())
    return Server(build_tool(), project.root, dirty=True)


def _found_after_the_pass(
    running: Server, page: Page, kind: str, query: str, titles: list[str], whole: bool = False
) -> None:
    """The last rebuild was the pass ``kind`` (``served_alone``, ``served_edited``); a new
    page then finds ``titles`` for ``query`` (in the ``whole`` archive, not only its newest
    shard), and says the index is up to date."""
    counts = json.loads(running.timings.read_text(encoding="utf-8"))["counts"]
    assert counts.get(kind) == 1, counts
    fresh = page.context.browser.new_page()
    fresh.goto(running.base + f"search/?q={query}" + ("&scope=all" if whole else ""))
    expect(fresh.locator("[data-results] .na-item__title a")).to_have_text(
        titles, timeout=DEADLINE * 1000
    )
    expect(fresh.locator("[data-index-note]")).to_be_hidden(timeout=DEADLINE * 1000)
    fresh.close()


def test_under_dirty_pages_made_again_alone_are_then_found_by_search(
    project: Project, page: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``serve --dirty`` renders an article whose text alone changed by itself
    (``served_alone.py``), and what an edit to its front matter touches
    (``served_edited.py``); the index catches up after each, and settles as a cold build's."""
    project.site_url = None
    body = "Body text of the article.\n\nA second paragraph."
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", body=body)
    project.article("dam-retaken", "2017-10-02", title="Dam retaken")
    running = _serve_dirty(project)
    try:
        running.page_when(ARTICLE, "A second paragraph.")
        page.goto(running.base + "search/?q=paragraph")
        expect(page.locator("[data-results] .na-item__title a")).to_have_text(
            ["Convoy struck"], timeout=DEADLINE * 1000
        )
        source = project.content / "articles/2017/09/convoy-struck.md"
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("A second", f"A {NEW_WORD}"), encoding="utf-8")
        running.page_when(ARTICLE, NEW_WORD)
        _found_after_the_pass(running, page, "served_alone", NEW_WORD, ["Convoy struck"])
        _served_as_cold_build(running, project, tmp_path_factory)
        # Its front matter edited (an actor, a headline): the pages, feeds and data that edit
        # touches are made again (served_edited.py), and the index follows them as well.
        project.article(
            "convoy-struck",
            "2017-09-17",
            title="Convoy struck at the ford",
            actors=["SDF"],
            body=body.replace("A second", f"A {NEW_WORD}"),
        )
        running.page_when("actors/sdf/", "Convoy struck at the ford")
        _found_after_the_pass(running, page, "served_edited", "ford", ["Convoy struck at the ford"])
        _served_as_cold_build(running, project, tmp_path_factory)
    finally:
        running.stop()


def test_under_dirty_articles_added_and_deleted_are_then_found_by_search_as_built(
    project: Project, page: Page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``serve --dirty`` adds a new article, moves its date and drops a deleted one without
    a full build (``served_edited.py``), though the index's shards shift with them (two
    articles a shard here): the index catches up, and settles as a cold build's."""
    project.site_url = None
    project.options = {"search_shard_size": 2}
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    project.article("dam-retaken", "2017-10-02", title="Dam retaken", actors=["SDF"])
    project.article("bridge-opened", "2017-11-05", title="Bridge opened")
    running = _serve_dirty(project)
    try:
        running.page_when("articles/2017/11/bridge-opened/", "Bridge opened")
        body = f"A ferry sank near the {NEW_WORD} crossing."
        project.article("ferry-sunk", "2017-10-20", title="Ferry sunk", actors=["SDF"], body=body)
        running.page_when("articles/2017/10/ferry-sunk/", NEW_WORD)
        _found_after_the_pass(running, page, "served_edited", NEW_WORD, ["Ferry sunk"])
        _served_as_cold_build(running, project, tmp_path_factory)
        # Its date moved before Dam retaken's: the two change shards, Ferry sunk to the older.
        project.article("ferry-sunk", "2017-10-01", title="Ferry sunk", actors=["SDF"], body=body)
        running.page_when("articles/2017/10/ferry-sunk/", "2017-10-01")
        _found_after_the_pass(running, page, "served_edited", NEW_WORD, ["Ferry sunk"], whole=True)
        _served_as_cold_build(running, project, tmp_path_factory)
        (project.content / "articles/2017/10/dam-retaken.md").unlink()
        running.page_when("actors/sdf/", "Ferry sunk")
        deadline = time.monotonic() + DEADLINE
        while "Dam retaken" in running.page_when("actors/sdf/", "Ferry sunk"):
            assert time.monotonic() < deadline, "the term page still lists the deleted article"
            time.sleep(0.2)  # the pause between two polls: no figure is asserted
        counts = json.loads(running.timings.read_text(encoding="utf-8"))["counts"]
        assert counts.get("served_edited") == 1, counts
        fresh = page.context.browser.new_page()
        fresh.goto(running.base + "search/")
        expect(fresh.locator("[data-index-note]")).to_be_hidden(timeout=DEADLINE * 1000)
        fresh.close()
        _served_as_cold_build(running, project, tmp_path_factory)
        assert _get(running.base + "articles/2017/10/dam-retaken/")[0] == 404
    finally:
        running.stop()


def test_mkdocs_build_publishes_its_index_up_to_date(project: Project) -> None:
    project.article("convoy-struck", "2017-09-17", title="Convoy struck")
    site = project.build()
    assert json.loads((site.root / "search/index-status.json").read_text()) == {"updating": False}
    assert (site.root / "pagefind/pagefind-entry.json").is_file()
    form = site.html("search/").select_one("form[data-na-search]")
    assert form["data-index-status"] == "index-status.json"
    note = site.html("search/").select_one("[data-index-note]")
    assert note.has_attr("hidden") and note.get_text(strip=True) == NOTE
