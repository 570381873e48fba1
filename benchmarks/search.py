"""What search costs: indexing time and memory during the build, and the bytes a reader's
browser fetches for a first query.

Run: ``python -m benchmarks.search`` (``--articles 20000`` by default; needs Chromium).
Builds the same synthetic archive twice, without and with the search index, and prints the
difference; then opens the search page in Chromium and counts what it downloads: the bytes
of the files, and the bytes on the wire when they are served as GitHub Pages serves them (text
files gzip-compressed; Pagefind's index files are compressed already and are sent as they are).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import os
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.corpus import write_corpus
from benchmarks.measure import measure_build

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


def build(root: Path, port: int, search: bool) -> tuple[float, float, float]:
    """Wall seconds, peak MB of mkdocs, peak MB of its helper processes (Pagefind)."""
    (root / "mkdocs.yml").write_text(CONFIG.format(port=port, search=str(search).lower()))
    path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    measured = measure_build(root, env, interval=0.2)
    return measured.seconds, measured.peak_main_mb, measured.peak_children_mb


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
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--query", default="report", help="the first query (default: report)")
    parser.add_argument("--workdir", help="build here and keep the site (default: a temp dir)")
    parser.add_argument("--verbose", action="store_true", help="list every file fetched")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(args.workdir or folder)
        root.mkdir(parents=True, exist_ok=True)
        write_corpus(root, args.articles)
        plain = build(root, args.port, search=False)
        searched = build(root, args.port, search=True)
        index = root / "site/pagefind"
        index_bytes = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
        recent = first_search(root / "site", args.port, f"q={args.query}")
        whole = first_search(root / "site", args.port, f"q={args.query}&scope=all")
    print(f"articles:                      {args.articles:,}")
    print(f"build without search:          {plain[0]:.1f} s, peak {plain[1]:.0f} MB")
    print(
        f"build with search:             {searched[0]:.1f} s, peak {searched[1]:.0f} MB "
        f"(+ Pagefind process peak {searched[2]:.0f} MB)"
    )
    print(f"indexing adds:                 {100 * (searched[0] / plain[0] - 1):.1f} % wall time")
    print(f"search index on disk:          {index_bytes / 2**20:.1f} MB")
    report(f"first query {args.query!r}:", recent, args.verbose)
    report("the same, whole archive:", whole, args.verbose)


if __name__ == "__main__":
    main()
