"""What search costs: indexing time and memory during the build, and what a reader waits for
and downloads.

Run: ``python -m benchmarks.search --site SITE_DIR --prefix /`` on a built site (such as
``python -m benchmarks.scale --articles 20000 --workdir DIR``'s ``DIR/corpus-20000/site``,
built for ``/``) for the reader's three figures only (issue 26's targets at 20,000
articles: under 1 s, under 300 ms, under 300 KB): the search page ready (from navigation
to the empty page's counts), the first result after the last keystroke (typing "report", a
key every 100 ms, in the page's own clock), and what the first query transferred (from
navigation to its results and counts, cache empty, on the wire). Served on 127.0.0.1 by a
static server that gzips text as static hosts do; five fresh browser contexts, medians (the
transfer: the first visit's, and the largest); ``--verbose`` lists every request of the
first visit with its start and end. The reader types as soon as the page is ready (before
Pagefind has loaded), or ``--type-after MS`` later; ``--key-delay 0`` types without a pause.

Run: ``python -m benchmarks.search`` (``--articles 20000`` by default; needs Chromium).
Builds the same synthetic archive without and with the search index, ``--repeat`` times each,
alternating, from a cold cache, and prints the medians and the difference. Then it
opens the search page in Chromium and counts what it downloads: the bytes of the files, and
the bytes on the wire when they are served as GitHub Pages serves them (text files gzipped;
Pagefind's index files are compressed already and are sent as they are), and last the
reader's three figures above.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import io
import os
import shutil
import statistics
import tempfile
import threading
from dataclasses import dataclass, field, fields
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.corpus import write_corpus
from benchmarks.first_visit import _gzip, compressible, serving
from benchmarks.measure import Measured, measure_build

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
"""The plugin measured is this checkout's: its folder goes first on ``PYTHONPATH``."""
CONFIG = """site_name: Synthetic archive
site_url: http://127.0.0.1:{port}/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - news-archive:
      search: {search}
"""


def build(root: Path, port: int, search: bool) -> Measured:
    """One cold build: nothing of an earlier one is reused."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    config = CONFIG.format(port=port, search=str(search).lower())
    (root / "mkdocs.yml").write_text(config)
    path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    os.sync()  # the previous build's writeback is not this one's
    return measure_build(root, env)


def median(runs: list[Measured]) -> Measured:
    return Measured(
        *(statistics.median(getattr(run, f.name) for run in runs) for f in fields(Measured))
    )


COMPRESSED_TYPES = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")
"""What GitHub Pages sends gzip-compressed to a browser that accepts it (Pagefind's index
files are compressed already and go as they are)."""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Fetched:
    """What the browser fetched for one search."""

    files: dict[str, int] = field(default_factory=dict)
    """URL -> bytes of the file."""
    compressed: dict[str, int] = field(default_factory=dict)
    """URL -> bytes of the file gzip-compressed."""
    results: int = 0

    def wire(self, url: str) -> int:
        """Bytes on the wire: text files (and pages, at addresses ending in /) compressed."""
        path = urlsplit(url).path
        sent_compressed = path.endswith("/") or path.endswith(COMPRESSED_TYPES)
        return self.compressed[url] if sent_compressed else self.files[url]

    def total(self, pagefind_only: bool, on_wire: bool) -> int:
        return sum(
            self.wire(url) if on_wire else size
            for url, size in self.files.items()
            if "/pagefind/" in url or not pagefind_only
        )


def first_search(site: Path, port: int, query: str) -> Fetched:
    """Open ``/search/?<query>`` in Chromium with an empty cache; count what it fetched."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched = Fetched()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()

            def record(response) -> None:
                # Redirects and aborted requests have no body.
                with contextlib.suppress(Exception):
                    body = response.body()
                    fetched.files[response.url] = len(body)
                    fetched.compressed[response.url] = len(gzip.compress(body, mtime=0))

            page.on("response", record)
            page.goto(f"http://127.0.0.1:{port}/search/?{query}", wait_until="networkidle")
            page.wait_for_selector("[data-results] li")
            page.wait_for_load_state("networkidle")
            fetched.results = page.locator("[data-results] li").count()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return fetched


READY = """() => {
  const status = document.querySelector("[data-status]");
  return !!status && status.textContent.includes("Type a word") && performance.now();
}"""
"""The empty page's counts are shown: Pagefind is loaded and the filters are drawn."""
RESULTS_SHOWN = """() => {
  const list = document.querySelector("[data-results]");
  return !!list && list.getAttribute("aria-busy") !== "true" && !!list.querySelector("li")
    && performance.now();
}"""
"""Results of the words in the box are shown (``aria-busy`` says the list is of words since
changed)."""
KEYSTROKES = """() => {
  window.naLastKey = 0;
  document.addEventListener("input", () => { window.naLastKey = performance.now(); }, true);
}"""


@dataclass(frozen=True)
class Transfer:
    path: str
    bytes: int
    """Of the body as the server sends it (text gzipped). Chromium does not report the size
    of a worker's script, so it is read from the site."""
    start: float
    end: float
    """Milliseconds from navigation."""


@dataclass(frozen=True)
class Visit:
    """One reader's first visit to the search page: ready, then a query typed."""

    ready: float
    """Seconds from navigation to the empty page's counts."""
    first_result: float
    """Seconds from the last keystroke to the first result of the words typed."""
    transfers: list[Transfer]

    def kilobytes(self, pagefind_only: bool = False) -> float:
        chosen = [t for t in self.transfers if "pagefind/" in t.path or not pagefind_only]
        return sum(t.bytes for t in chosen) / 1000


def sent_bytes(site: Path, path: str) -> int:
    """What the benchmark's server sends for ``path`` (from the site's root)."""
    file = site / urlsplit(path).path
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return 0
    return len(_gzip(file)) if compressible(file) else file.stat().st_size


def visit_search(
    browser, site: Path, base: str, query: str, key_delay: float, type_after: float = 0
) -> Visit:
    """Open the search page in a fresh context, wait until it is ready (and ``type_after``
    ms more), type ``query``."""
    context = browser.new_context()
    page = context.new_page()
    finished: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(base + "search/", wait_until="commit")
    ready = page.wait_for_function(READY, polling="raf").json_value()
    if type_after:
        page.wait_for_timeout(type_after)
    page.evaluate(KEYSTROKES)
    page.get_by_label("Words to find").press_sequentially(query, delay=key_delay)
    shown = page.wait_for_function(RESULTS_SHOWN, polling="raf").json_value()
    last_key = page.evaluate("window.naLastKey")
    page.wait_for_timeout(1000)  # what the results still fetch (counts, excerpts) is theirs
    origin = page.evaluate("performance.timeOrigin")
    transfers = []
    for request in finished:
        timing = request.timing
        start = timing["startTime"] - origin
        transfers.append(
            Transfer(
                request.url.removeprefix(base),
                sent_bytes(site, request.url.removeprefix(base)),
                start,
                start + max(timing["responseEnd"], 0),
            )
        )
    context.close()
    return Visit(ready / 1000, (shown - last_key) / 1000, sorted(transfers, key=lambda t: t.start))


def reader_figures(
    site: Path,
    prefix: str,
    query: str,
    runs: int,
    verbose: bool,
    key_delay: float = 100,
    type_after: float = 0,
) -> list[Visit]:
    """The search page's three figures for a reader, ``runs`` times, each from an empty cache."""
    from playwright.sync_api import sync_playwright

    visits = []
    with serving(site, prefix) as (_, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for _ in range(runs):
            visits.append(visit_search(browser, site, base, query, key_delay, type_after))
        browser.close()
    first = visits[0]
    if verbose:
        print("  start ms   end ms      KB  request (first visit)")
        for t in first.transfers:
            print(f"  {t.start:8.0f} {t.end:8.0f} {t.bytes / 1000:7.1f}  {t.path}")
    for label, times in (
        ("search page ready", [v.ready for v in visits]),
        (
            f"first result, last key of {query!r}, {key_delay:.0f} ms a key"
            + (f", typed {type_after:.0f} ms after ready" if type_after else ""),
            [v.first_result for v in visits],
        ),
    ):
        shown = ", ".join(f"{time:.2f}" for time in times)
        print(f"{label + ':':<46} median {statistics.median(times):.2f} s ({shown})")
    print(
        f"{'first query transferred:':<46} {first.kilobytes():.1f} KB in {len(first.transfers)} "
        f"requests, of which Pagefind's {first.kilobytes(pagefind_only=True):.1f} KB; "
        f"the largest of the {len(visits)} visits {max(v.kilobytes() for v in visits):.1f} KB"
    )
    return visits


def report(label: str, fetched: Fetched, verbose: bool) -> None:
    if verbose:
        for url in sorted(fetched.files):
            print(
                f"  {fetched.files[url] / 1024:7.1f} KB  {fetched.wire(url) / 1024:7.1f} KB  {url}"
            )
    print(
        f"{label:<30} {fetched.total(True, True) / 1024:.0f} KB of Pagefind files on the wire "
        f"({fetched.total(True, False) / 1024:.0f} KB as files), "
        f"{fetched.total(False, True) / 1024:.0f} KB in all; {fetched.results} results shown"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="measure this built site only, no builds")
    parser.add_argument("--prefix", default="/", help="the path the site was built for")
    parser.add_argument("--runs", type=int, default=5, help="fresh browser contexts (median)")
    parser.add_argument(
        "--key-delay", type=float, default=100, help="ms between keys (default: a quick typist)"
    )
    parser.add_argument(
        "--type-after", type=float, default=0, help="ms from ready to the first key (default 0)"
    )
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--query", default="report", help="the first query (default: report)")
    parser.add_argument("--workdir", help="build here and keep the site (default: a temp dir)")
    parser.add_argument("--verbose", action="store_true", help="list every file fetched")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind (median)")
    args = parser.parse_args()
    if args.site:
        reader_figures(
            args.site,
            args.prefix,
            args.query,
            args.runs,
            args.verbose,
            args.key_delay,
            args.type_after,
        )
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(args.workdir or folder)
        root.mkdir(parents=True, exist_ok=True)
        write_corpus(root, args.articles)
        plains, searches = [], []
        for _ in range(args.repeat):
            plains.append(build(root, args.port, False))
            searches.append(build(root, args.port, True))
        plain, searched = median(plains), median(searches)
        index = root / "site/pagefind"
        index_bytes = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
        recent = first_search(root / "site", args.port, f"q={args.query}")
        whole = first_search(root / "site", args.port, f"q={args.query}&scope=all")
        reader = io.StringIO()
        with contextlib.redirect_stdout(reader):
            reader_figures(
                root / "site",
                "/",
                args.query,
                args.runs,
                args.verbose,
                args.key_delay,
                args.type_after,
            )
    print(f"articles:                      {args.articles:,}")
    print(f"builds:                        medians of {args.repeat}")
    print(
        f"build without search:          {plain.seconds:.1f} s, {plain.cpu_seconds:.1f} s CPU, "
        f"peak {plain.peak_main_mb:.0f} MB"
    )
    print(
        f"build with search:             {searched.seconds:.1f} s, {searched.cpu_seconds:.1f} s "
        f"CPU, peak {searched.peak_main_mb:.0f} MB "
        f"(+ Pagefind processes' peak {searched.peak_children_mb:.0f} MB)"
    )
    walls = ", ".join(
        f"{a.seconds:.1f}/{b.seconds:.1f}" for a, b in zip(plains, searches, strict=True)
    )
    print(f"each pair (without/with), s:   {walls}")
    print(
        f"indexing adds:                 {100 * (searched.seconds / plain.seconds - 1):.1f} % "
        f"wall time, {searched.cpu_seconds - plain.cpu_seconds:.1f} s CPU time"
    )
    print(f"search index on disk:          {index_bytes / 2**20:.1f} MB")
    report(f"first query {args.query!r}:", recent, args.verbose)
    report("the same, whole archive:", whole, args.verbose)
    print(reader.getvalue(), end="")


if __name__ == "__main__":
    main()
