"""``mkdocs serve`` and ``properdocs serve``: the archive's pages are served, with the live
reload script, and an edited article is served again as edited (the plugin starts every
rebuild from scratch). Each tool runs as the README says, with ``--livereload``: MkDocs 1.6.1
turns live reload off by default with click 8.3, ProperDocs accepts the flag. Each also runs
with ``--dirty``, where the site is kept between rebuilds (``served_in_place.py``): what it
serves must still be what a cold build makes."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import TOOLS, Project

DEADLINE = 180.0
"""Seconds for the first build and for a rebuild: generous, for a runner that is busy."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Server:
    """The tool's development server on a free loopback port, in a session of its own."""

    def __init__(self, tool: str, root: Path, dirty: bool = False) -> None:
        self.tool, self.dirty = tool, dirty
        self.base = f"http://127.0.0.1:{_free_port()}/"
        address = self.base.removeprefix("http://").rstrip("/")
        self.log = root / "serve.log"
        self.timings = root / "timings.json"
        self.scratch = root / "serve-tmp"  # the server's temporary folder (MkDocs' site)
        self.scratch.mkdir(exist_ok=True)
        command = [sys.executable, "-m", tool, "serve", "--livereload", "-a", address]
        with self.log.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                command + (["--dirty"] if dirty else []),
                cwd=root,
                env={
                    **os.environ,
                    "NO_MKDOCS_2_WARNING": "1",
                    "DISABLE_MKDOCS_2_WARNING": "true",
                    "NEWS_ARCHIVE_TIMINGS": str(self.timings),
                    "TMPDIR": str(self.scratch),
                },
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def page_when(self, path: str, wanted: str) -> str:
        """The page at ``path`` once it holds ``wanted``, polled until the deadline; the
        server's own output if it exits or the deadline passes."""
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            page = _fetch(self.base + path)
            if page is not None and wanted in page:
                return page
            try:  # the pause between two polls, which also notices a server that stopped
                self.process.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"the server stopped:\n{self.output()}")
        self.stop()
        pytest.fail(f"{path} did not show {wanted!r}:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Ctrl-C, as a writer stops it (MkDocs then removes its site, the plugin its
        folders); killed if it does not stop."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def left_behind(self) -> list[str]:
        """What the stopped server left in its temporary folder."""
        return sorted(path.name for path in self.scratch.iterdir())


SERVED = [(tool, False) for tool in TOOLS] + [(tool, True) for tool in TOOLS]


@pytest.fixture(params=SERVED, ids=[f"{tool}{'-dirty' * dirty}" for tool, dirty in SERVED])
def server(request: pytest.FixtureRequest, project: Project) -> Iterator[tuple[Server, Project]]:
    tool, dirty = request.param
    if importlib.util.find_spec(tool) is None:
        if os.environ.get("CI") and tool == os.environ.get("NEWS_ARCHIVE_TOOL", "mkdocs"):
            pytest.fail(f"{tool} is not installed")
        pytest.skip(f"{tool} is not installed (pip install -e '.[{tool}]')")
    project.site_url = None
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    project.article("dam-retaken", "2017-10-02", title="Dam retaken")
    project.write("content/index.md", "# Test archive\n")
    # The registries' folder is watched when it exists as the server starts.
    project.registry("actors", {"sdf": {"name": "SDF"}})
    project.write("mkdocs.yml", project.config_text())
    running = Server(tool, project.root, dirty)
    try:
        yield running, project
    finally:
        running.stop()


def test_the_server_serves_the_archive_and_an_edited_article_as_edited(
    server: tuple[Server, Project],
) -> None:
    running, project = server
    article = "articles/2017/09/convoy-struck/"
    page = BeautifulSoup(running.page_when(article, "Convoy struck"), "html.parser")
    assert page.select_one("h1").get_text(strip=True) == "Convoy struck"
    assert "livereload" in str(page.find_all("script")), "no live reload script"
    term = running.page_when("actors/sdf/", "Convoy struck")
    assert "Dam retaken" not in term

    project.article("convoy-struck", "2017-09-17", title="Convoy struck again", actors=["SDF"])
    running.page_when(article, "Convoy struck again")
    assert "Convoy struck again" in running.page_when("latest/", "Convoy struck again")
    running.stop()  # Ctrl-C: the site and the search index's folders go
    assert running.left_behind() == [], running.output()


def _gone_when(running: Server, path: str) -> None:
    """Poll until ``path`` answers 404 (the deleted page is no longer served)."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(running.base + path, timeout=10):
                pass
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        try:
            running.process.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the server stopped:\n{running.output()}")
    pytest.fail(f"{path} was still served:\n{running.output()}")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def cold_build(running: Server, project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built cold by the server's tool; the copy's folder."""
    cold = tmp_path_factory.mktemp("cold")
    for part in ("content", "site_config"):
        shutil.copytree(project.root / part, cold / part)
    # MkDocs' serve publishes the site at the server's address: the cold build does too.
    project.site_url = running.base
    (cold / "mkdocs.yml").write_text(project.config_text(), encoding="utf-8")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    environment.pop("PAGEFIND_BINARY_PATH", None)  # a test's stand-in for the server's
    subprocess.run(
        [sys.executable, "-m", running.tool, "build", "-q"], cwd=cold, env=environment, check=True
    )
    return cold


LIVE_RELOAD = re.compile(r"<script>\s*var livereload = function.*?</script>", re.S)


def test_what_serve_shows_after_edits_is_what_a_cold_build_makes(
    server: tuple[Server, Project], tmp_path_factory: pytest.TempPathFactory
) -> None:
    running, project = server
    running.page_when("articles/2017/09/convoy-struck/", "Convoy struck")
    # An article's body and front matter edited, one deleted, one added, a registry entry.
    project.article(
        "convoy-struck",
        "2017-09-17",
        title="Convoy struck",
        actors=["SDF", "YPG"],
        body="A line added under serve.\n\nIts second paragraph.",
    )
    running.page_when("articles/2017/09/convoy-struck/", "A line added under serve.")
    # That rebuild is over (its page is served): under --dirty the front-matter pass made
    # only the pages and feeds the edit touched (served_edited.py).
    counts = json.loads(running.timings.read_text(encoding="utf-8"))["counts"]
    assert counts.get("served_edited", 0) == (1 if running.dirty else 0), counts
    running.page_when("actors/ypg/", "Convoy struck")
    # The body alone edited (not its first paragraph, the summary lists show): under --dirty
    # its page alone is rendered (served_alone.py).
    source = project.content / "articles/2017/09/convoy-struck.md"
    original = source.read_text(encoding="utf-8")
    edited = original.replace("Its second paragraph.", "Its second paragraph, edited alone.")
    source.write_text(edited, encoding="utf-8")
    running.page_when("articles/2017/09/convoy-struck/", "edited alone")
    counts = json.loads(running.timings.read_text(encoding="utf-8"))["counts"]
    assert counts.get("served_alone", 0) == (1 if running.dirty else 0), counts
    # Undone, with a page touched in the same rebuild, which then renders the whole site:
    # the article's page is the one its unchanged source makes, not the one left in place.
    source.write_text(original, encoding="utf-8")
    os.utime(project.content / "index.md")
    running.page_when("articles/2017/09/convoy-struck/", "Its second paragraph.</p>")
    # Edited again: that rebuild placed its page from the cache, and it is rendered alone.
    source.write_text(edited, encoding="utf-8")
    running.page_when("articles/2017/09/convoy-struck/", "edited alone")
    counts = json.loads(running.timings.read_text(encoding="utf-8"))["counts"]
    assert counts.get("served_alone", 0) == (1 if running.dirty else 0), counts
    (project.content / "articles/2017/10/dam-retaken.md").unlink()
    _gone_when(running, "articles/2017/10/dam-retaken/")
    project.article("bridge-opened", "2017-11-05", title="Bridge opened", actors=["SDF"])
    running.page_when("articles/2017/11/bridge-opened/", "Bridge opened")
    project.registry("actors", {"sdf": {"name": "SDF", "description": "Syrian Democratic Forces"}})
    running.page_when("actors/sdf/", "Syrian Democratic Forces")
    written = _files(project.content)

    cold = cold_build(running, project, tmp_path_factory)
    pages = sorted(
        path.relative_to(cold / "site").as_posix() for path in (cold / "site").rglob("index.html")
    )
    assert "articles/2017/11/bridge-opened/index.html" in pages
    assert "articles/2017/10/dam-retaken/index.html" not in pages
    for page in pages:
        address = page.removesuffix("index.html")
        served = LIVE_RELOAD.sub("", running.page_when(address, "</html>"))
        built = (cold / "site" / page).read_text(encoding="utf-8")
        assert served == built, f"/{address} differs from a cold build's"
    # Serve wrote nothing into the content: it holds exactly what the test wrote.
    assert _files(project.content) == written
    assert all(name.endswith(".md") for name in written)


@pytest.mark.parametrize(
    "setup",
    [{"cache_dir": False}, {"hooks": ["hook.py"]}],
    ids=["no-cache", "pages-not-reused"],
)
def test_serve_dirty_leaves_no_deleted_page_whatever_the_cache(
    project: Project, setup: dict[str, object]
) -> None:
    """Without a cache, or where other code may change pages (a hook), ``--dirty`` renders
    every page; what the last build wrote and this one does not make is still removed."""
    project.site_url = None
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    project.article("dam-retaken", "2017-10-02", title="Dam retaken", actors=["SDF"])
    project.write("content/index.md", "# Test archive\n")
    if "cache_dir" in setup:
        project.options = {"cache_dir": setup["cache_dir"]}
    else:
        project.write("hook.py", "def on_page_markdown(markdown, **kwargs):\n    return markdown\n")
        project.mkdocs_extra = dict(setup)
    project.write("mkdocs.yml", project.config_text())
    running = Server("mkdocs", project.root, dirty=True)
    try:
        running.page_when("articles/2017/10/dam-retaken/", "Dam retaken")
        assert "Dam retaken" in running.page_when("actors/sdf/", "Convoy struck")
        (project.content / "articles/2017/10/dam-retaken.md").unlink()
        _gone_when(running, "articles/2017/10/dam-retaken/")
        deadline = time.monotonic() + DEADLINE
        while "Dam retaken" in running.page_when("actors/sdf/", "Convoy struck"):
            assert time.monotonic() < deadline, "the term page still lists the deleted article"
            time.sleep(0.5)  # the pause between two polls: no figure is asserted
    finally:
        running.stop()


def _bytes(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bytes(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _counts(running: Server) -> dict[str, int]:
    return dict(json.loads(running.timings.read_text(encoding="utf-8"))["counts"])


def test_front_matter_edits_under_serve_dirty_make_only_what_a_cold_build_makes(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Under ``--dirty`` an edit to front matter makes again only what it changes
    (``served_edited.py``): after terms added (a registered one with no article yet, an
    unregistered one), taken away, a title changed, an article added, one deleted and one
    renamed, and a registry edited (an alias merging two terms), every file served (pages,
    feeds, data, sitemaps) is the one a cold build makes, and each edit was such a pass."""
    project.site_url = None
    project.article("convoy-struck", "2017-09-17", title="Convoy struck", actors=["SDF"])
    project.article("dam-retaken", "2017-10-02", title="Dam retaken", actors=["SDF"])
    project.article("bridge-opened", "2017-11-05", title="Bridge opened", tags=["Bridges"])
    project.write("content/index.md", "# Test archive\n")
    project.registry("actors", {"sdf": {"name": "SDF"}, "ypg": {"name": "YPG"}})
    project.write("mkdocs.yml", project.config_text())
    running = Server("mkdocs", project.root, dirty=True)
    try:
        running.page_when("articles/2017/11/bridge-opened/", "Bridge opened")
        assert "Convoy struck" not in (_fetch(running.base + "actors/ypg/") or "")

        def passed(change: Callable[[], object], articles: int = 1, registries: int = 0) -> None:
            """``change`` made, and the rebuild it starts over: it was such a pass, of
            ``articles`` changed, added or deleted, and ``registries`` read again."""
            before = running.timings.stat().st_mtime_ns
            change()
            deadline = time.monotonic() + DEADLINE
            while running.timings.stat().st_mtime_ns == before:
                assert time.monotonic() < deadline, running.output()
                time.sleep(0.2)  # the pause between two polls: no figure is asserted
            counts = _counts(running)
            assert counts.get("served_edited") == articles, running.output()
            assert counts.get("registries_edited", 0) == registries, running.output()

        def edit(slug: str, date: str, title: str, **fields: object) -> None:
            passed(lambda: project.article(slug, date, title=title, **fields))

        edit("convoy-struck", "2017-09-17", "Convoy struck again", actors=["SDF", "YPG"])
        assert "Convoy struck again" in running.page_when("actors/ypg/", "Convoy struck")
        edit("dam-retaken", "2017-10-02", "Dam retaken", actors=["SDF", "Serveloop Witness"])
        running.page_when("actors/serveloop-witness/", "Dam retaken")
        edit("convoy-struck", "2017-09-17", "Convoy struck again", actors=["SDF"])
        assert "Convoy struck" not in running.page_when("actors/ypg/", "</html>")
        edit("dam-retaken", "2017-10-02", "Dam retaken", actors=["SDF"])
        _gone_when(running, "actors/serveloop-witness/")
        # An editor's swap file beside the article it edits: MkDocs never publishes it, so
        # the pass goes on as if it were not there, and its removal alone builds nothing.
        swap = project.content / "articles/2017/11/.bridge-opened.md.swp"
        swap.write_bytes(b"b0VIM 9.1")
        edit("bridge-opened", "2017-11-05", "Bridge opened", tags=["Bridges", "Rivers"])
        running.page_when("tags/rivers/", "Bridge opened")
        swap.unlink()
        deadline = time.monotonic() + DEADLINE
        while "only hidden files changed" not in running.output():
            assert time.monotonic() < deadline, running.output()
            time.sleep(0.2)  # the pause between two polls: no figure is asserted
        # An article added between two others (new neighbours, a new actor), then one
        # deleted (a term left with no article): each is such a pass too.
        edit("ferry-sunk", "2017-10-20", "Ferry sunk", actors=["SDF", "Ferry Witness"])
        running.page_when("articles/2017/10/ferry-sunk/", "Ferry sunk")
        assert "Ferry sunk" in running.page_when("actors/sdf/", "Ferry sunk")
        passed((project.content / "articles/2017/09/convoy-struck.md").unlink)
        _gone_when(running, "articles/2017/09/convoy-struck/")
        bridge = project.content / "articles/2017/11/bridge-opened.md"
        passed(lambda: bridge.rename(bridge.with_name("bridge-reopened.md")), articles=2)
        running.page_when("articles/2017/11/bridge-reopened/", "Bridge opened")
        _gone_when(running, "articles/2017/11/bridge-opened/")
        # An article's date moved within its month (its place in every list it is in).
        edit("ferry-sunk", "2017-10-01", "Ferry sunk", actors=["SDF", "Ferry Witness"])
        assert "2017-10-01" in running.page_when("articles/2017/10/ferry-sunk/", "Ferry sunk")
        # A registry edited: a description, and an alias that merges a term into another.
        registered = {
            "sdf": {"name": "SDF", "description": "Syrian Democratic Forces"},
            "ypg": {"name": "YPG", "aliases": ["Ferry Witness"]},
        }
        passed(lambda: project.registry("actors", registered), articles=0, registries=1)
        assert "Ferry sunk" in running.page_when("actors/ypg/", "Ferry sunk")
        running.page_when("actors/sdf/", "Syrian Democratic Forces")
        _gone_when(running, "actors/ferry-witness/")
        written = _files(project.content)

        built = _files(cold_build(running, project, tmp_path_factory) / "site")
        assert "actors/ypg/feed.xml" in built
        assert "actors/serveloop-witness/index.html" not in built
        assert "articles/2017/10/ferry-sunk/index.html" in built
        assert "articles/2017/09/convoy-struck/index.html" not in built
        assert "articles/2017/11/bridge-reopened/index.html" in built
        assert "actors/ferry-witness/index.html" not in built
        differ = []
        for path, content in built.items():
            if path.startswith("search/"):  # the index catches up later: test_serve_search
                continue
            served = _bytes(running.base + path)
            if path.endswith(".html") and served is not None:
                served = LIVE_RELOAD.sub("", served.decode("utf-8")).encode("utf-8")
            if served != content:
                differ.append(path)
        assert differ == [], f"served unlike a cold build: {differ}"
        assert _bytes(running.base + "actors/serveloop-witness/feed.xml") is None
        assert _bytes(running.base + "articles/2017/09/convoy-struck/") is None
        assert _files(project.content) == written
    finally:
        running.stop()
