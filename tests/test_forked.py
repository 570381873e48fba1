"""Work done by forked copies of the build (the feeds and data, the search index): the same
site, byte for byte, as a build that keeps all its work in MkDocs' process; a copy's error
stops the build and leaves no copy behind.

The sites here are small, so every piece of work is made worth a copy (by default, a copy
needs 200 pages or files and an idle core before it is worth its fork).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest
from test_page_reuse import corpus, edit_body, snapshot, warm_then_cold

from conftest import Project
from news_archive import forked
from news_archive.forked import can_fork
from news_archive.search.in_copy import _frame, _frames_end, _unframe
from news_archive.search.service import PagefindError

pytestmark = pytest.mark.skipif(not can_fork(), reason="builds fork only on Linux")


def build(project: Project, parallel: bool, strict: bool = True) -> dict[str, int]:
    """Build with copies making the feeds, data and search index, or without any."""
    project.options = {**project.options, "parallel": parallel}
    shutil.rmtree(project.root / "site", ignore_errors=True)
    project.build(strict=strict)
    return json.loads((project.root / "timings.json").read_text())["counts"]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every piece of work is worth a copy; the amounts of work offered to copies."""
    offered: list[int] = []

    def worth_forking(amount: int) -> bool:
        offered.append(amount)
        return True

    monkeypatch.setattr(forked, "worth_forking", worth_forking)
    return offered


@pytest.fixture
def counted(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("NEWS_ARCHIVE_TIMINGS", str(project.root / "timings.json"))
    # Every page rendered every time: nothing placed from the cache hides a difference.
    project.options = {"cache_dir": False}
    return project


def test_copies_make_the_same_site_as_mkdocs_alone(counted: Project, forks: list[int]) -> None:
    corpus(counted)
    # Text beyond ASCII on its way to the indexing copy, which reads it back line by line.
    counted.article(
        "deir-ez-zor", "2017-10-20", title="قصف دير الزور", body="Strikes\u2028on 🚀 دير الزور."
    )
    build(counted, parallel=False)
    assert forks == []
    expected = snapshot(counted.root / "site")
    build(counted, parallel=True)
    assert len(forks) == 2  # the search index, then the feeds and data
    assert snapshot(counted.root / "site") == expected


def test_a_site_that_sets_nothing_forks_no_copy(counted: Project, forks: list[int]) -> None:
    """Forking is opt-in: the plain path keeps all the work in MkDocs' process."""
    corpus(counted)
    shutil.rmtree(counted.root / "site", ignore_errors=True)
    counted.build()
    assert forks == []


def exploding_theme(project: Project) -> None:
    """A theme override that fails on pages whose front matter says ``explode``."""
    project.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block content %}'
        "{% if page.meta.explode %}{{ page.meta.explode.nothing() }}{% endif %}"
        "{{ super() }}{% endblock %}\n",
    )
    project.mkdocs_extra = {"theme": {"name": "material", "custom_dir": "overrides"}}


def test_an_error_in_mkdocs_stops_the_copies(counted: Project, forks: list[int]) -> None:
    corpus(counted)
    exploding_theme(counted)
    counted.write("content/index.md", "---\nexplode: yes\n---\n# Home\n")  # MkDocs' own
    with pytest.raises(jinja2.exceptions.UndefinedError):
        build(counted, parallel=True)
    assert forks
    assert copies_of_this_process() == [], "a copy is left running, or unreaped"


def copies_of_this_process() -> list[int]:
    """Child processes running this very program (forked copies), zombies included."""
    ours = Path("/proc/self/cmdline").read_bytes()
    children = []
    for task in Path("/proc/self/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return [pid for pid in children if Path(f"/proc/{pid}/cmdline").read_bytes() in (ours, b"")]


def test_copies_keep_and_reuse_what_they_made(counted: Project, forks: list[int]) -> None:
    """Pages, feeds and data made by copies go into the cache, and a warm build with
    copies gives the site a cold one gives."""
    corpus(counted)
    counted.options = {"parallel": True}
    warm, cold = warm_then_cold(counted, edit_body)
    assert forks
    assert cold["reused"] > 0
    assert warm == cold["cold"]


def test_an_indexing_failure_in_its_copy_stops_the_build(
    counted: Project, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    corpus(counted)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # a Pagefind that dies at once
    with pytest.raises(PagefindError, match="search indexing failed"):
        build(counted, parallel=True)
    assert forks
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
    ("platform", "may_fork"), [("linux", True), ("darwin", False), ("win32", False)]
)
def test_builds_fork_only_on_linux(
    monkeypatch: pytest.MonkeyPatch, platform: str, may_fork: bool
) -> None:
    """macOS has ``fork``, but a forked copy of a process with threads may crash there and no
    test runs there: a build forks only on Linux."""
    monkeypatch.setattr("sys.platform", platform)
    assert can_fork() is may_fork


def test_the_retired_render_workers_option_still_builds_with_a_warning_naming_it(
    project: Project,
) -> None:
    """``render_workers`` rendered pages in copies through MkDocs' private API: it is gone,
    and an ``mkdocs.yml`` that still sets it builds, with a warning (so ``--strict`` fails)."""
    corpus(project)
    project.options = {"render_workers": 2}
    project.build(strict=False)
    assert (project.root / "site/index.html").is_file()
    assert any("'render_workers'" in message for message in project.last_messages)
