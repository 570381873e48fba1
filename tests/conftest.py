"""Fixtures that write small archives into ``tmp_path`` and build them with real MkDocs."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("mkdocs", "properdocs")


def build_tool() -> str:
    """The build tool the suite runs: ``NEWS_ARCHIVE_TOOL=mkdocs`` (the default) or
    ``properdocs``, which CI runs both of."""
    tool = os.environ.get("NEWS_ARCHIVE_TOOL", "") or "mkdocs"
    if tool not in TOOLS:
        raise pytest.UsageError(f"NEWS_ARCHIVE_TOOL={tool!r}: expected one of {', '.join(TOOLS)}")
    return tool


def tool_command(*arguments: str) -> list[str]:
    """The build tool's command line, as ``python -m`` runs it in this environment."""
    return [sys.executable, "-m", build_tool(), *arguments]


def _take_over_mkdocs_imports() -> None:
    """What ProperDocs' command does before it loads a plugin: ``mkdocs.*`` imports answer with
    ``properdocs.*`` and the old ``mkdocs`` logger (Material's plugins log there) feeds its own."""
    if build_tool() != "properdocs":
        return
    import properdocs.replacement  # noqa: F401

    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")


_take_over_mkdocs_imports()

from mkdocs.commands.build import build  # noqa: E402 - after the tool is chosen
from mkdocs.config import load_config  # noqa: E402


def front_matter(**fields: Any) -> str:
    return "---\n" + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) + "---\n"


@dataclass
class Project:
    """A content tree in a temporary folder: articles, registries and ``mkdocs.yml``."""

    root: Path
    options: dict[str, Any] = field(default_factory=dict)
    site_url: str | None = "https://archive.example/"
    """Feeds need a published address; set None to build a site without one."""
    mkdocs_extra: dict[str, Any] = field(default_factory=dict)
    last_records: list[logging.LogRecord] = field(default_factory=list)
    """What the last build logged, kept when it failed too."""
    _count: int = 0

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def article(
        self,
        slug: str,
        date: str = "2017-09-17",
        *,
        title: str | None = None,
        source: str = "Levant Wire",
        url: str | None = None,
        body: str = "Body text of the article.",
        **fields: Any,
    ) -> str:
        """Write a valid article at its contract path; returns its site path."""
        self._count += 1
        year, month = date[:4], date[5:7]
        values = {
            "title": title or slug.replace("-", " ").capitalize(),
            "date": date,
            "source": source,
            "url": url or f"https://levantwire.example/{self._count}/{slug}",
            **fields,
        }
        self.write(
            f"content/articles/{year}/{month}/{slug}.md", front_matter(**values) + body + "\n"
        )
        return f"articles/{year}/{month}/{slug}/"

    def registry(self, taxonomy: str, entries: dict[str, Any]) -> None:
        self.write(
            f"site_config/{taxonomy}.yml",
            yaml.safe_dump(entries, sort_keys=False, allow_unicode=True),
        )

    def config_text(self) -> str:
        config: dict[str, Any] = {
            "site_name": "Test archive",
            "docs_dir": "content",
            "theme": {"name": "material", "features": ["navigation.instant", "navigation.tabs"]},
            "plugins": [{"news-archive": self.options}] if self.options else ["news-archive"],
            **self.mkdocs_extra,
        }
        if self.site_url:
            config["site_url"] = self.site_url
        return yaml.safe_dump(config, sort_keys=False)

    @property
    def last_messages(self) -> list[str]:
        return [record.getMessage() for record in self.last_records]

    def build(self, strict: bool = False) -> BuiltSite:
        if not (self.content / "index.md").exists():
            self.write("content/index.md", "# Test archive\n\nWelcome.\n")
        config_file = self.write("mkdocs.yml", self.config_text())
        site_dir = self.root / "site"
        records: list[logging.LogRecord] = []
        self.last_records = records
        handler = _ListHandler(records)
        logger = logging.getLogger(build_tool())
        logger.addHandler(handler)
        level = logger.level
        logger.setLevel(logging.INFO)
        try:
            config = load_config(
                config_file=str(config_file), site_dir=str(site_dir), strict=strict
            )
            build(config)
        finally:
            logger.removeHandler(handler)
            logger.setLevel(level)
        return BuiltSite(site_dir, records)


class _ListHandler(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuiltSite:
    """A built site, read back as parsed HTML."""

    root: Path
    records: list[logging.LogRecord]

    def file(self, site_path: str) -> Path:
        path = self.root / site_path
        return path / "index.html" if site_path.endswith("/") or not site_path else path

    def exists(self, site_path: str) -> bool:
        return self.file(site_path).is_file()

    def html(self, site_path: str) -> BeautifulSoup:
        return BeautifulSoup(self.file(site_path).read_text(encoding="utf-8"), "html.parser")

    def content(self, site_path: str) -> BeautifulSoup:
        """The page's main column, without the theme's navigation."""
        article = self.html(site_path).select_one("article.md-content__inner")
        assert article is not None, f"{site_path} has no content column"
        return article

    def article_links(
        self, site_path: str, selector: str = ".na-list .na-item__title a, .na-list--rows > li > a"
    ) -> list[str]:
        """Site paths of the articles listed on a page, in order."""
        return [resolve(site_path, a["href"]) for a in self.content(site_path).select(selector)]

    def messages(self, level: int = logging.INFO) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def problems(self) -> list[str]:
        return [m.split(": ", 1)[1] for m in self.messages() if m.startswith("news_archive: ")]


def resolve(page_path: str, href: str) -> str:
    """The site path a relative link on ``page_path`` leads to."""
    parts = [p for p in page_path.split("/") if p]
    if not page_path.endswith("/") and parts:
        parts.pop()
    for segment in href.split("#")[0].split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            assert parts, f"{href} on {page_path} climbs above the site root"
            parts.pop()
        else:
            parts.append(segment)
    trailing = "/" if href.split("#")[0].endswith("/") and parts else ""
    return "/".join(parts) + trailing


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    yield Project(tmp_path)


@pytest.fixture
def make_project(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Project]:
    return lambda: Project(tmp_path_factory.mktemp("project"))


def git(project: Project, *args: str, when: str = "2020-01-01T12:00:00+00:00") -> str:
    """Run git in the project, committing as a fixed person at a fixed time; its output."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run(
        ["git", *args], cwd=project.root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def extras_command(name: str) -> str | None:
    """A command of the test extras: beside this Python first, since the README runs the
    suite as ``.venv/bin/python -m pytest``, without the virtual environment on ``PATH``."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


# Browser tests: Debian's Chromium driven by Playwright, sites served on loopback.

# Debian's Chromium by default; CHROMIUM names another Chromium-based browser (CI runners).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _server(folder: Path) -> ThreadingHTTPServer:
    """A quiet HTTP server for ``folder`` on a free loopback port (not started yet)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return ThreadingHTTPServer(("127.0.0.1", 0), handler)


def serve_under_subpath(
    tmp_path_factory: pytest.TempPathFactory, fill: Callable[[Project], None]
) -> Iterator[str]:
    """Build a project for, and serve it from, ``/archive/`` on a loopback server.

    Material's instant loading only takes over links listed in the sitemap, which holds
    absolute URLs from ``site_url``: the site is built for the server's real address.
    """
    root = tmp_path_factory.mktemp("www")
    server = _server(root)
    base = f"http://127.0.0.1:{server.server_address[1]}/archive/"
    project = Project(tmp_path_factory.mktemp("project"))
    project.site_url = base
    fill(project)
    site = project.build(strict=True)
    shutil.copytree(site.root, root / "archive")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium under Playwright; skipped where Chromium is missing, except in CI."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError("browser tests need Chromium: apt-get install -y chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page in Chromium; a script error on it fails the test."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    page.close()
    assert errors == []


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], str]]:
    """Serve a folder over HTTP on the loopback address; tests never use any other network."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    servers: list[ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        server = _server(folder)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
