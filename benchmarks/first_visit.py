"""What a reader's first visit costs: every request of one page view in Chromium, cache empty.

Run: ``python -m benchmarks.first_visit`` (default sizes 1000 and 5000 articles; ``--articles
1000 50000`` for the issue's check; needs Chromium at /usr/bin/chromium, or ``CHROMIUM``).
For each size the synthetic corpus (benchmarks/corpus.py) is built with this checkout's
plugin and the repository's theme settings (``mkdocs.yml``), for a site published under a
sub-path as on GitHub Pages, and served on 127.0.0.1 by a small server that compresses text
with gzip when the browser asks, as static hosts do. The home page, the newest article, the
most used actor's page and the search page are each opened in a fresh browser context (empty
cache) and left until the network is idle. ``--built 50000=DIR`` visits a site that
``benchmarks.scale --workdir`` left built in ``DIR`` (its ``corpus-50000`` folder) instead of
building that size again (with scale's settings: the repository's navigation; built for another
address, which does not matter: its links are relative).

Printed per page: requests, bytes transferred (encoded bodies: what went over the wire), the
largest request, and every answer that was 4xx or 5xx; then, across sizes, every request
other than the page itself whose size differs between them, which is a cost that grows with
the archive.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import mimetypes
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from benchmarks.corpus import write_corpus
from benchmarks.site_settings import repository_config, repository_theme

REPO = Path(__file__).resolve().parent.parent
PLUGINS = REPO / "plugins"
SUBPATH = "/news-archive/"
BUDGET_KB = 150
"""What a first visit to any page may transfer (issue 24), in kilobytes of 1,000 bytes."""
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml")
_HASH = re.compile(r"[0-9a-f]{7,}")
_TEXT_SUFFIXES = {".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".webmanifest", ".map"}


def compressible(path: Path) -> bool:
    """Text is compressed by static hosts; images, fonts and Pagefind's own gzip files are not."""
    kind = mimetypes.guess_type(path.name)[0] or ""
    return path.suffix in _TEXT_SUFFIXES or kind.startswith(_TEXT_TYPES)


class _Handler(BaseHTTPRequestHandler):
    """Files of ``site`` under ``prefix``; ``folder/`` answers with its ``index.html``."""

    site: Path
    prefix: str = SUBPATH
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        file = self._file(path)
        if file is None:
            self._answer(404, "text/plain", b"not found")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = file.read_bytes()
        gzipped = compressible(file) and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = _gzip(file)
        self._answer(200, kind, body, {"Content-Encoding": "gzip"} if gzipped else {})

    def _file(self, path: str) -> Path | None:
        if not path.startswith(self.prefix) or "/../" in path:
            return None
        file = self.site / path[len(self.prefix) :]
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None

    def _answer(self, status: int, kind: str, body: bytes, headers: dict[str, str] = {}) -> None:  # noqa: B006
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.lru_cache(maxsize=4096)
def _gzip(file: Path) -> bytes:
    return gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serving(site: Path, prefix: str = SUBPATH) -> Iterator[tuple[ThreadingHTTPServer, str]]:
    """A server bound to a free port on 127.0.0.1 for ``site`` (which may not exist yet),
    published under ``prefix``, and the site's address; it answers from the start of the block."""
    handler = type("Handler", (_Handler,), {"site": site, "prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def site_config(site_url: str) -> str:
    """The repository's theme (features, palette, overrides) with the plugin's defaults."""
    config = {
        "site_name": "Synthetic archive",
        "site_url": site_url,
        "docs_dir": "content",
        "theme": repository_theme(),
        "plugins": ["news-archive"],
        "markdown_extensions": repository_config().get("markdown_extensions", []),
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def build(root: Path, count: int, site_url: str) -> Path:
    write_corpus(root, count)
    (root / "mkdocs.yml").write_text(site_config(site_url), encoding="utf-8")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")])),
    }
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, env=env, check=True)
    return root / "site"


@dataclass(frozen=True)
class Request:
    path: str
    """The address from the site's root, without the query."""
    status: int
    bytes: int


def pages(root: Path) -> dict[str, str]:
    """Site paths of the pages visited: the same kinds of page at every size."""
    newest = max((root / "site/articles").glob("*/*/*/index.html"), key=_article_order)
    actors = yaml.safe_load((root / "site_config/actors.yml").read_text(encoding="utf-8"))
    most_used = next(iter(actors))  # the corpus's first actor is its most used
    return {
        "home": "",
        "article": newest.parent.relative_to(root / "site").as_posix() + "/",
        "term": f"actors/{most_used}/",
        "search": "search/",
    }


def _article_order(index: Path) -> tuple[str, str, str]:
    year, month, slug = index.parts[-4:-1]
    return year, month, slug


def visit(browser: Any, address: str) -> list[Request]:
    """Every request of a first visit to ``address`` in a fresh context (empty cache)."""
    context = browser.new_context()
    page = context.new_page()
    done: list[Any] = []
    page.on("requestfinished", lambda request: done.append(request))
    page.on("requestfailed", lambda request: done.append(request))
    page.goto(address, wait_until="networkidle")
    requests = []
    base = urlsplit(address)
    for request in done:
        response = request.response()
        url = urlsplit(request.url)
        path = url.path.removeprefix(SUBPATH) if url.netloc == base.netloc else request.url
        size = request.sizes()["responseBodySize"] if response is not None else 0
        requests.append(Request(path or "/", response.status if response else 0, size))
    context.close()
    return sorted(requests, key=lambda r: (r.path, r.bytes))


def measure(
    counts: list[int], workdir: Path, built: dict[int, Path] | None = None
) -> dict[int, dict[str, list[Request]]]:
    """Each size's visits; a size in ``built`` is the corpus already built there (its
    ``site/`` and ``site_config/``, as ``benchmarks.scale --workdir`` leaves them), served
    as it is: its links are relative, so the address it was built for does not matter."""
    from playwright.sync_api import sync_playwright

    built = built or {}
    results: dict[int, dict[str, list[Request]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        for count in counts:
            root = built.get(count) or workdir / f"archive-{count}"
            with serving(root / "site") as (_, base):
                if count not in built:
                    build(root, count, base)
                results[count] = {
                    kind: visit(browser, base + path) for kind, path in pages(root).items()
                }
        browser.close()
    return results


def report(results: dict[int, dict[str, list[Request]]]) -> None:
    print(f"{'articles':>8}  {'page':<8} {'requests':>8} {'KB':>8}  largest request")
    for count, visits in results.items():
        for kind, requests in visits.items():
            largest = max(requests, key=lambda r: r.bytes)
            total = sum(r.bytes for r in requests) / 1000
            over = f"  over the {BUDGET_KB} KB budget" if total > BUDGET_KB else ""
            print(
                f"{count:>8}  {kind:<8} {len(requests):>8} {total:>8.1f}  "
                f"{largest.path} ({largest.bytes / 1000:.1f} KB){over}"
            )
            for request in requests:
                if request.status >= 400 or request.status == 0:
                    print(f"{'':>10}{request.status or 'failed'}: {request.path}")
    counts = list(results)
    print("\nrequests other than the page itself whose size differs between sizes:")
    differing = 0
    for kind in results[counts[0]]:
        sizes: dict[str, set[int]] = {}
        for count in counts:
            for path, found in _by_name(results[count][kind]).items():
                sizes.setdefault(path, {})[count] = found
        for path, by_count in sorted(sizes.items()):
            if _is_visited_page(path, kind) or (
                len(by_count) == len(counts) and len(set(by_count.values())) == 1
            ):
                continue
            differing += 1
            shown = ", ".join(f"{c}: {by_count.get(c, 'absent')}" for c in counts)
            print(f"  {kind}: {path} ({shown})")
    if not differing:
        print("  none")


def _is_visited_page(path: str, kind: str) -> bool:
    """The page itself: its document, whose list and links differ with the archive."""
    return {
        "home": path == "/",
        "search": path == "search/",
        "term": path.startswith("actors/") and path.endswith("/"),
        "article": path.startswith("articles/") and path.endswith("/"),
    }[kind]


def _by_name(requests: list[Request]) -> dict[str, str]:
    """Requests by address with content hashes left out (``#``), so that a fingerprinted
    file is compared with its counterpart; sizes of one address joined with ``+``."""
    found: dict[str, list[int]] = {}
    for request in requests:
        found.setdefault(_HASH.sub("#", request.path), []).append(request.bytes)
    return {path: _sizes(sorted(sizes)) for path, sizes in found.items()}


def _sizes(sizes: list[int]) -> str:
    if len(sizes) <= 3:
        return "+".join(map(str, sizes))
    return f"{len(sizes)} requests, {sum(sizes)} bytes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--workdir", type=Path, help="keep the built sites here")
    parser.add_argument(
        "--built",
        nargs="+",
        default=[],
        metavar="COUNT=ROOT",
        help="visit the site already built in ROOT/site for COUNT articles instead of building"
        " it (a corpus of benchmarks.scale --workdir: ROOT is its corpus-COUNT folder)",
    )
    args = parser.parse_args()
    built = {int(count): Path(root) for count, root in (item.split("=", 1) for item in args.built)}
    counts = sorted(set(args.articles) | set(built)) if built else args.articles
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        report(measure(counts, args.workdir, built))
    else:
        with tempfile.TemporaryDirectory() as folder:
            report(measure(counts, Path(folder), built))


if __name__ == "__main__":
    main()
