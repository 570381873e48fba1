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
import io
import os
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
"""What GitHub Pages sends gzip-compressed to a browser that accepts it."""


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the site like GitHub Pages: text files compressed on the way."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def first_query_bytes(site: Path, port: int, query: str) -> tuple[int, int, int, int, int]:
    """For one query: bytes of Pagefind's files and of everything, as files and on the wire,
    and the number of results shown."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
    wire: dict[str, int] = {}
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
                    sizes[response.url] = len(response.body())
                    wire[response.url] = response.request.sizes()["responseBodySize"]

            page.on("response", record)
            page.goto(f"http://127.0.0.1:{port}/search/?q={query}", wait_until="networkidle")
            page.wait_for_selector("[data-results] li")
            page.wait_for_load_state("networkidle")
            results = page.locator("[data-results] li").count()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    pagefind = sum(size for url, size in sizes.items() if "/pagefind/" in url)
    pagefind_wire = sum(size for url, size in wire.items() if "/pagefind/" in url)
    for url in sorted(sizes):
        print(
            f"  {sizes[url] / 1024:7.1f} KB  {wire.get(url, 0) / 1024:7.1f} KB on the wire  {url}"
        )
    return pagefind, sum(sizes.values()), pagefind_wire, sum(wire.values()), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--query", default="report", help="the first query (default: report)")
    parser.add_argument("--workdir", help="build here and keep the site (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(args.workdir or folder)
        root.mkdir(parents=True, exist_ok=True)
        write_corpus(root, args.articles)
        plain = build(root, args.port, search=False)
        searched = build(root, args.port, search=True)
        index = root / "site/pagefind"
        index_bytes = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
        pagefind, everything, pagefind_wire, everything_wire, results = first_query_bytes(
            root / "site", args.port, args.query
        )
    print(f"articles:                      {args.articles:,}")
    print(f"build without search:          {plain[0]:.1f} s, peak {plain[1]:.0f} MB")
    print(
        f"build with search:             {searched[0]:.1f} s, peak {searched[1]:.0f} MB "
        f"(+ Pagefind process peak {searched[2]:.0f} MB)"
    )
    print(f"indexing adds:                 {100 * (searched[0] / plain[0] - 1):.1f} % wall time")
    print(f"search index on disk:          {index_bytes / 2**20:.1f} MB")
    print(
        f"first query ({args.query!r}):  {pagefind / 1024:.0f} KB of Pagefind files, "
        f"{everything / 1024:.0f} KB in all, {results} results shown"
    )
    print(
        f"  on the wire (gzip):          {pagefind_wire / 1024:.0f} KB of Pagefind files, "
        f"{everything_wire / 1024:.0f} KB in all"
    )


if __name__ == "__main__":
    main()
