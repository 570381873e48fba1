"""The preview loop: seconds from an edit's write to ``mkdocs serve`` serving it.

Run: ``python -m benchmarks.serve_loop --articles 2000 20000``. For each size the synthetic
corpus (benchmarks/corpus.py) is written into ``--workdir``, built once cold with
``mkdocs build`` (the figure to compare with), then served by ``mkdocs serve --livereload``
on a free loopback port. Once the first build is served, each kind of edit is made to the
newest article (the one on the first page of its lists) and timed from the file's write to
the served page holding the change, by polling the server (MkDocs answers a request only
once the build under way is over, so a poll never sees a half-built site):

- **body**: a line appended to the article's text, looked for on the article;
- **actor**: an actor no registry names added to its front matter, looked for on the article and on
  the actor's page;
- **new**: a new article dated the day after the newest, looked for at its address;
- **delete**: that article deleted, until its address answers 404;
- **registry**: the actor added above registered with a description (``site_config/actors.yml``),
  looked for on the actor's page.

``--no-search`` builds with ``search: false``, to time the loop without Pagefind;
``--dirty`` serves with ``mkdocs serve --dirty`` (the site kept between rebuilds,
``served_in_place.py``), ``--clean`` without it (the default), ``--both`` one after the other
on the same corpus, for a side-by-side figure from one session.

Under ``serve`` the search index follows the page (``search/background.py``): after each edit
the benchmark also times when ``search/index-status.json`` says the index is up to date (a
version without that file indexes within the build: its index is up to date with the page).

It prints each edit's seconds beside the cold build's, MkDocs' own "Documentation built in"
figure for the rebuild, and the plugin's phases of the last rebuild (``NEWS_ARCHIVE_TIMINGS``).
The plugin measured is the one in this checkout (its ``plugins/`` folder goes first on
``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.scale import CACHE, FULL, PLUGINS

POLL = 0.02
"""Seconds between two polls of the server while it still serves the old page."""
DEADLINE = 300.0
"""Seconds an edit may take to show before the benchmark gives up."""
BUILT = re.compile(r"(?:Documentation built|rendered alone|made again) in ([0-9.]+) seconds")
"""MkDocs' figure for a build, or the plugin's for pages rendered alone (``served_alone.py``)."""
ACTOR = "Serveloop Witness"
DESCRIPTION = "Registered while the site is served."
NEW_TITLE = "Serveloop new article"
STATUS = "search/index-status.json"


@dataclass
class Edit:
    """One edit: seconds until each watched page showed it, and MkDocs' build figure."""

    kind: str
    seen: dict[str, float] = field(default_factory=dict)
    indexed: float | None = None
    """Seconds until the search index was up to date too."""
    built: float | None = None
    phases: dict[str, float] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """Status and text of ``url``; 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def environment(timings: Path) -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "NEWS_ARCHIVE_TIMINGS": str(timings),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")])),
    }


def cold_build(root: Path) -> float:
    """``mkdocs build`` with no site and no cache: wall seconds."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / CACHE, ignore_errors=True)
    os.sync()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        env=environment(root / "timings-build.json"),
        check=True,
    )
    return time.perf_counter() - started


def newest_article(root: Path) -> tuple[Path, str]:
    """The newest article's file and its address (the corpus writes one article a date)."""
    newest = max(
        (path for path in (root / "content/articles").rglob("*.md")),
        key=lambda path: (_front(path, "date"), path.name),
    )
    return newest, _address(root, newest)


def _day_after(date: str) -> str:
    """The next day, as a writer adds today's article: newer than every article (its
    month's folder kept: on a month's last day, the same day)."""
    day = dt.date.fromisoformat(date)
    after = day + dt.timedelta(days=1)
    return (after if after.month == day.month else day).isoformat()


def _front(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line == "---":
            break
        if line.startswith(f"{key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def _address(root: Path, path: Path) -> str:
    return path.relative_to(root / "content").with_suffix("").as_posix() + "/"


class Serving:
    """``mkdocs serve`` on a free port, in a session of its own; its output in a file."""

    def __init__(self, root: Path, searched: bool, dirty: bool = False) -> None:
        self.searched = searched
        self.base = f"http://127.0.0.1:{free_port()}/"
        self.log = root / "serve.log"
        self.timings = root / "timings-serve.json"
        address = self.base.removeprefix("http://").rstrip("/")
        with self.log.open("w", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", address]
                + (["--dirty"] if dirty else []),
                cwd=root,
                env=environment(self.timings),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait(self, path: str, holds: str | None = None, status: int = 200) -> float:
        """Seconds until ``path`` answers ``status`` (and holds ``holds``)."""
        started = time.perf_counter()
        while time.perf_counter() - started < DEADLINE:
            code, text = fetch(self.base + path)
            if code == status and (holds is None or holds in text):
                return time.perf_counter() - started
            if self.process.poll() is not None:
                sys.exit(f"mkdocs serve stopped:\n{self.log.read_text()[-3000:]}")
            time.sleep(POLL)
        sys.exit(f"{path} did not change in {DEADLINE:.0f} s:\n{self.log.read_text()[-3000:]}")

    def index_caught_up(self) -> None:
        """Wait until the search index is up to date (no status file: it came with the page)."""
        started = time.perf_counter()
        while time.perf_counter() - started < DEADLINE:
            code, text = fetch(self.base + STATUS)
            if code == 404 or (code == 200 and not json.loads(text)["updating"]):
                return
            if self.process.poll() is not None:
                sys.exit(f"mkdocs serve stopped:\n{self.log.read_text()[-3000:]}")
            time.sleep(POLL)
        sys.exit(f"the index did not catch up in {DEADLINE:.0f} s:\n{self.log.read_text()[-3000:]}")

    def builds(self) -> list[float]:
        return [float(m) for m in BUILT.findall(self.log.read_text(encoding="utf-8"))]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def timed_edit(server: Serving, kind: str, write: object, watch: list[tuple]) -> Edit:
    """Make the edit (``write()``), then time each watched page until it shows it."""
    edit = Edit(kind)
    before = len(server.builds())
    write()  # type: ignore[operator]
    started = time.perf_counter()
    for path, holds, status in watch:
        server.wait(path, holds, status)
        edit.seen[path] = time.perf_counter() - started
    if server.searched:
        server.index_caught_up()
        edit.indexed = time.perf_counter() - started
    # The build that served the change has logged its figure by now (or is about to).
    while len(server.builds()) <= before and server.process.poll() is None:
        time.sleep(POLL)
    edit.built = server.builds()[-1]
    if server.timings.exists():
        edit.phases = json.loads(server.timings.read_text()).get("seconds", {})
    return edit


def measure(
    root: Path, count: int, search: bool = True, dirty: bool = False, fresh: bool = True
) -> tuple[float, float, list[Edit]]:
    """Cold build seconds, first served build seconds, and each edit (on a new corpus unless
    not ``fresh``: then the one left by the last run, its edits undone)."""
    if fresh:
        shutil.rmtree(root, ignore_errors=True)
        write_corpus(root, count)
        (root / "mkdocs.yml").write_text(
            FULL.replace("{search}", str(search).lower()), encoding="utf-8"
        )
    cold = cold_build(root)
    shutil.rmtree(root / CACHE, ignore_errors=True)  # serve starts as a contributor's clone does
    article, address = newest_article(root)
    title = _front(article, "title")
    original = article.read_text(encoding="utf-8")
    registry = root / "site_config/actors.yml"
    registered = registry.read_text(encoding="utf-8")
    server = Serving(root, search, dirty)
    edits = []
    try:
        first = server.wait(address, title)
        text = article.read_text(encoding="utf-8")

        def append_line() -> None:
            article.write_text(text + "\nServeloop appended line.\n", encoding="utf-8")

        edits.append(
            timed_edit(server, "body", append_line, [(address, "Serveloop appended", 200)])
        )
        text = article.read_text(encoding="utf-8")
        actor_slug = ACTOR.lower().replace(" ", "-")

        def add_actor() -> None:
            article.write_text(
                text.replace("\nactors: [", f"\nactors: [{ACTOR}, ", 1), encoding="utf-8"
            )

        edits.append(
            timed_edit(
                server,
                "actor",
                add_actor,
                [(address, ACTOR, 200), (f"actors/{actor_slug}/", title, 200)],
            )
        )
        date = _day_after(_front(article, "date"))
        new = article.parent / "serveloop-new-article.md"
        new_address = _address(root, new)

        def add_article() -> None:
            new.write_text(
                f"---\ntitle: {NEW_TITLE}\ndate: {date}\nsource: Serveloop\n"
                "url: https://serveloop.example/new\n---\n"
                "A new article written while the site is served.\n",
                encoding="utf-8",
            )

        edits.append(timed_edit(server, "new", add_article, [(new_address, NEW_TITLE, 200)]))
        edits.append(timed_edit(server, "delete", new.unlink, [(new_address, None, 404)]))

        def register_actor() -> None:
            registry.write_text(
                f"{registered}{actor_slug}:\n  name: {ACTOR}\n  description: {DESCRIPTION}\n",
                encoding="utf-8",
            )

        edits.append(
            timed_edit(
                server, "registry", register_actor, [(f"actors/{actor_slug}/", DESCRIPTION, 200)]
            )
        )
    finally:
        server.stop()
        article.write_text(original, encoding="utf-8")  # for a next run on the same corpus
        registry.write_text(registered, encoding="utf-8")
    return cold, first, edits


def report(count: int, cold: float, first: float, edits: list[Edit], how: str = "") -> None:
    print(
        f"\n{count:,} articles{how}: cold mkdocs build {cold:.1f} s; "
        f"serve's first build {first:.1f} s"
    )
    for edit in edits:
        seen = ", ".join(f"{path} {seconds:.2f} s" for path, seconds in edit.seen.items())
        print(f"  {edit.kind:8} shown after: {seen}  (MkDocs: built in {edit.built:.2f} s)")
        if edit.indexed is not None:
            print(f"          search index up to date after {edit.indexed:.2f} s")
        top = sorted(edit.phases.items(), key=lambda item: -item[1])[:8]
        print("          phases: " + ", ".join(f"{name} {sec:.2f}" for name, sec in top))


def main() -> None:
    global DEADLINE
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[2000])
    parser.add_argument(
        "--no-search", action="store_true", help="search: false, to see the rest of the loop"
    )
    served = parser.add_mutually_exclusive_group()
    served.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty")
    served.add_argument("--both", action="store_true", help="without, then with --dirty")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/news-archive-serve-loop"))
    parser.add_argument(
        "--deadline", type=float, default=DEADLINE, help="seconds a build or an index may take"
    )
    args = parser.parse_args()
    DEADLINE = args.deadline
    runs = [False, True] if args.both else [args.dirty]
    for count in args.articles:
        for at, dirty in enumerate(runs):
            root, search = args.workdir / str(count), not args.no_search
            cold, first, edits = measure(root, count, search, dirty, fresh=at == 0)
            report(count, cold, first, edits, " (serve --dirty)" if dirty else " (serve)")


if __name__ == "__main__":
    main()
