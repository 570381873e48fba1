"""What search costs: indexing time and memory during the build, and the bytes a reader's
browser fetches for a first query.

Run: ``python -m benchmarks.search`` (``--articles 20000`` by default; needs Chromium).
Builds the same synthetic archive twice, without and with the search index, and prints the
difference; then opens the search page in Chromium and counts what it downloads.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.measure import measure_build

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
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    measured = measure_build(root, env, interval=0.2)
    return measured.seconds, measured.peak_main_mb, measured.peak_children_mb


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def first_query_bytes(site: Path, port: int, query: str) -> tuple[int, int, int]:
    """Bytes of Pagefind files, bytes of everything, and result count for one query."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sizes: dict[str, int] = {}
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
    return pagefind, sum(sizes.values()), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root, args.articles)
        plain = build(root, args.port, search=False)
        searched = build(root, args.port, search=True)
        index = root / "site/pagefind"
        index_bytes = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
        pagefind, everything, results = first_query_bytes(root / "site", args.port, "report")
    print(f"articles:                      {args.articles:,}")
    print(f"build without search:          {plain[0]:.1f} s, peak {plain[1]:.0f} MB")
    print(
        f"build with search:             {searched[0]:.1f} s, peak {searched[1]:.0f} MB "
        f"(+ Pagefind process peak {searched[2]:.0f} MB)"
    )
    print(f"indexing adds:                 {100 * (searched[0] / plain[0] - 1):.1f} % wall time")
    print(f"search index on disk:          {index_bytes / 2**20:.1f} MB")
    print(
        f"first query ('report'):        {pagefind / 1024:.0f} KB of Pagefind files, "
        f"{everything / 1024:.0f} KB in all, {results} results shown"
    )


if __name__ == "__main__":
    main()
