"""Pages rendered by forked copies of the build: the same site, byte for byte, as MkDocs
rendering every page itself; a copy's error or warning reaches the build.

The sites here are small, so the number of copies is set (by default, a site needs 400
pages before a copy is worth its fork). Which pages a copy renders depends on how fast each
process goes, so the faults below are set off in copies whichever pages they take.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import struct
from pathlib import Path

import jinja2
import pytest
from mkdocs.exceptions import Abort
from test_page_reuse import corpus, edit_body, snapshot, warm_then_cold

from conftest import Project
from news_archive import build_tool
from news_archive.forked import can_fork
from news_archive.render.renderer import Renderer
from news_archive.render_workers import Runs
from news_archive.search.in_copy import _frame, _frames_end, _unframe
from news_archive.search.service import PagefindError

pytestmark = pytest.mark.skipif(not can_fork(), reason="builds fork only on Linux")


def build(project: Project, workers: int, strict: bool = True) -> dict[str, int]:
    """Build with ``workers`` copies rendering pages (and copies making the feeds, data and
    search index); with none, everything is done by MkDocs' own process."""
    project.options = {**project.options, "render_workers": workers, "parallel": workers > 0}
    shutil.rmtree(project.root / "site", ignore_errors=True)
    project.build(strict=strict)
    return json.loads((project.root / "timings.json").read_text())["counts"]


@pytest.fixture
def counted(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("NEWS_ARCHIVE_TIMINGS", str(project.root / "timings.json"))
    # Every page rendered every time: nothing placed from the cache hides a difference.
    project.options = {"cache_dir": False}
    return project


@pytest.mark.parametrize("workers", [1, 3])
def test_copies_render_the_same_site_as_mkdocs_alone(counted: Project, workers: int) -> None:
    corpus(counted)
    # Text beyond ASCII on its way to the indexing copy, which reads it back line by line.
    counted.article(
        "deir-ez-zor", "2017-10-20", title="قصف دير الزور", body="Strikes\u2028on 🚀 دير الزور."
    )
    alone = build(counted, 0)
    expected = snapshot(counted.root / "site")
    shared = build(counted, workers)
    assert snapshot(counted.root / "site") == expected
    assert "pages_rendered_alongside" not in alone
    # The copies took some of the framed pages (articles, term and archive pages), and not
    # the pages the theme renders whole (the home page, pages of the docs folder).
    framed = shared["theme_framed"] + shared["theme_rendered"]
    assert 0 < shared["pages_rendered_alongside"] <= framed
    # What the copies counted comes back to the build (each process checks its own frames
    # against the theme first, so fewer pages are framed).
    assert framed == alone["theme_framed"] + alone["theme_rendered"]
    assert shared["theme_framed"] <= alone["theme_framed"]


def test_each_run_of_pages_is_taken_once() -> None:
    """MkDocs takes runs from the front and a copy from the back, at the same time: each
    run goes to exactly one of them, and together they take every run."""
    count = 5000
    runs = Runs(count)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: its runs, down the pipe
        try:
            while (run := runs.take_back()) is not None:
                os.write(writer, struct.pack("I", run))
        finally:
            os._exit(0)
    os.close(writer)
    front = []
    while (run := runs.take_front()) is not None:
        front.append(run)
    os.waitpid(pid, 0)
    with os.fdopen(reader, "rb") as stream:
        sent = stream.read()
    back = [number for (number,) in struct.iter_unpack("I", sent)]
    runs.close()
    assert front == list(range(len(front)))
    assert back == list(range(count - 1, count - 1 - len(back), -1))
    assert sorted(front + back) == list(range(count))


@pytest.fixture
def in_copies(monkeypatch: pytest.MonkeyPatch):
    """Sets off ``fault`` where a copy renders a term or archive page. In each build, MkDocs'
    own process waits at its first page until a copy has reached one of its own (a byte down
    a pipe they share), so that a copy has taken pages whichever process is faster."""
    build_process = os.getpid()
    original = Renderer.page
    reached, signalled = os.pipe()
    waited: list[tuple[Renderer, bool]] = []  # one renderer a build
    told: list[bool] = []  # in a copy: its own, forked from an empty list

    def setting_off(fault):
        def page(self: Renderer, planned):
            if os.getpid() != build_process:
                if not told:
                    told.append(os.write(signalled, b"!") == 1)
                fault(planned)
            elif not any(renderer is self for renderer, _ in waited):
                # A guard against hanging only: a copy signals as soon as it renders a page.
                ready = bool(select.select([reached], [], [], 60)[0])
                waited.append((self, ready and bool(os.read(reached, 64))))
            return original(self, planned)

        monkeypatch.setattr(Renderer, "page", page)

    yield setting_off
    os.close(reached)
    os.close(signalled)
    assert waited and all(ready for _, ready in waited), "a build had no copy render a page"


def boom(planned) -> None:
    raise RuntimeError(f"boom at {planned.path}")


def exploding_theme(project: Project) -> None:
    """A theme override that fails on pages whose front matter says ``explode``."""
    project.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block content %}'
        "{% if page.meta.explode %}{{ page.meta.explode.nothing() }}{% endif %}"
        "{{ super() }}{% endblock %}\n",
    )
    project.mkdocs_extra = {"theme": {"name": "material", "custom_dir": "overrides"}}


def test_an_error_in_a_copy_stops_the_build_and_names_the_page(counted: Project, in_copies) -> None:
    corpus(counted)
    in_copies(boom)
    with pytest.raises(Abort):
        build(counted, 1)
    failure = [m for m in counted.last_messages if "rendering pages alongside MkDocs" in m]
    assert failure, counted.last_messages
    assert "RuntimeError: boom at " in failure[0]
    page = failure[0].split("page '")[1].split("'")[0]
    path = failure[0].split("boom at ")[1]
    assert page == f"{path}index.md"  # the page that failed is named
    assert copies_of_this_process() == []


def test_an_error_in_mkdocs_stops_the_copies(counted: Project) -> None:
    corpus(counted)
    exploding_theme(counted)
    counted.write("content/index.md", "---\nexplode: yes\n---\n# Home\n")  # MkDocs' own
    with pytest.raises(jinja2.exceptions.UndefinedError):
        build(counted, 3)
    assert copies_of_this_process() == [], "a copy is left running, or unreaped"


def copies_of_this_process() -> list[int]:
    """Child processes running this very program (forked copies), zombies included."""
    ours = Path("/proc/self/cmdline").read_bytes()
    children = []
    for task in Path("/proc/self/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return [pid for pid in children if Path(f"/proc/{pid}/cmdline").read_bytes() in (ours, b"")]


def test_a_warning_in_a_copy_fails_a_strict_build(counted: Project, in_copies) -> None:
    corpus(counted)
    warn = build_tool.plugin_logger("news_archive.plugin").warning
    in_copies(lambda planned: warn(f"odd page {planned.path}"))
    build(counted, 1, strict=False)
    with pytest.raises(Abort):
        build(counted, 1, strict=True)
    assert any("came from pages rendered alongside MkDocs" in m for m in counted.last_messages)


def test_a_broken_anchor_in_a_shared_page_fails_a_strict_build(counted: Project) -> None:
    """MkDocs checks the anchors of every page, the ones copies rendered included."""
    corpus(counted)
    counted.mkdocs_extra = {"validation": {"links": {"anchors": "warn"}}}
    counted.article("linking", "2017-10-01", body="See [who we are](../../../about.md#nowhere).")
    with pytest.raises(Abort):
        build(counted, 1, strict=True)
    assert any("does not contain an anchor '#nowhere'" in m for m in counted.last_messages)


def test_copies_keep_and_reuse_what_they_made(counted: Project) -> None:
    """Pages, feeds and data made by copies go into the cache, and a warm build with
    copies gives the site a cold one gives."""
    corpus(counted)
    counted.options = {"render_workers": 2}
    warm, cold = warm_then_cold(counted, edit_body)
    assert cold["reused"] > 0
    assert warm == cold["cold"]


def test_an_indexing_failure_in_its_copy_stops_the_build(
    counted: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(counted)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # a Pagefind that dies at once
    with pytest.raises(PagefindError, match="search indexing failed"):
        build(counted, 1)
    assert copies_of_this_process() == []


def test_pages_cross_the_pipe_to_the_indexing_copy_whole_and_unchanged() -> None:
    """Pages go to the indexing copy in frames, read back from the pipe in pieces of any
    size: only whole frames are taken, and any text comes out as it went in."""
    arabic = "\u062f\u0627\u0639\u0634"
    pages = [
        ("articles/a.md", "/articles/a/", f"<p>Daesh, {arabic} \u2014 \U0001f4f0</p>", "ar"),
        ("articles/b.md", "/articles/b/", "", "en"),
        ("articles/c.md", "/articles/c/", "a lone surrogate: \udc80, a newline\n", "en"),
    ]
    frames = b"".join(_frame(page) for page in pages)
    assert _unframe(frames) == pages
    ends = [0]
    for page in pages:
        ends.append(ends[-1] + len(_frame(page)))
    for cut in range(len(frames) + 1):  # a read of the pipe may end anywhere
        whole = _frames_end(frames[:cut])
        taken = max(n for n, end in enumerate(ends) if end <= cut)
        assert whole == ends[taken]
        assert _unframe(frames[:whole]) == pages[:taken]


@pytest.mark.parametrize(
    ("platform", "forks"), [("linux", True), ("darwin", False), ("win32", False)]
)
def test_builds_fork_only_on_linux(
    monkeypatch: pytest.MonkeyPatch, platform: str, forks: bool
) -> None:
    """macOS has ``fork``, but a forked copy of a process with threads may crash there and no
    test runs there: a build forks only on Linux."""
    monkeypatch.setattr("sys.platform", platform)
    assert can_fork() is forks
