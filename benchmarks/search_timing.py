"""Search page ready and keystroke to first result, in Chromium, for a built site.

Run: ``python -m benchmarks.search_timing SITE_DIR /news-archive/`` on a site built by
``python -m benchmarks.first_visit --articles 3000 --workdir DIR`` (``DIR/archive-3000/site``,
built for the sub-path ``/news-archive/``). Five fresh browser contexts; "ready" is from
navigation to the empty page's counts, "first result" from typing "report" to the first
result (with the page's 200 ms pause after typing). Served without compression.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

READY = "document.querySelector('[data-status]').textContent.includes('Type a word')"


def serve(site: Path, prefix: str) -> ThreadingHTTPServer:
    """The site on a free loopback port, under ``prefix``."""

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def translate_path(self, path: str) -> str:
            path = path.split("?", 1)[0]
            if path.startswith(prefix):
                path = "/" + path[len(prefix) :]
            return str(site) + path + ("index.html" if path.endswith("/") else "")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("prefix", help="the sub-path the site was built for, like /news-archive/")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = serve(args.site, args.prefix)
    base = f"http://127.0.0.1:{server.server_address[1]}{args.prefix}"
    ready: list[float] = []
    first: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for _ in range(args.runs):
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base + "search/")
            page.wait_for_function(READY)
            ready.append(time.perf_counter() - started)
            started = time.perf_counter()
            page.get_by_label("Words to find").fill("report")
            page.wait_for_selector("[data-results] li")
            first.append(time.perf_counter() - started)
            context.close()
        browser.close()
    server.shutdown()
    for name, times in (("ready", ready), ("first result", first)):
        print(f"{name}: median {statistics.median(times):.2f} s of {[round(x, 2) for x in times]}")


if __name__ == "__main__":
    main()
