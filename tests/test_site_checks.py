"""The built site checked by real tools: LinkChecker for links, axe-core for accessibility."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from conftest import REPO, Project, extras_command, serve_under_subpath, tool_command


def test_no_broken_internal_link_in_the_repository_site() -> None:
    """LinkChecker follows every internal link from the home page, offline."""
    linkchecker = extras_command("linkchecker")
    assert linkchecker, "linkchecker is part of the test extras"
    # LinkChecker run as root drops to 'nobody', who must be able to read the site.
    folder = Path(tempfile.mkdtemp(prefix="news-archive-links-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        site = folder / "site"
        build = subprocess.run(
            tool_command("build", "-q", "-d", str(site)),
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert build.returncode == 0, build.stderr
        for path in [site, *site.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        result = subprocess.run(
            [linkchecker, "--no-status", "--no-warnings", str(site / "index.html")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-4000:]
        assert " 0 errors found" in result.stdout
        checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
        assert checked > 500
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sample(project: Project) -> None:
    """The repository's sample archive with its theme settings (both palettes) and navigation."""
    shutil.copytree(REPO / "content", project.root / "content")
    shutil.copytree(REPO / "site_config", project.root / "site_config")
    settings = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    project.mkdocs_extra = {key: settings[key] for key in ("theme", "nav")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_under_subpath(tmp_path_factory, _sample)


MISSING = "no/such/page/"


def not_found(page: Page, address: str) -> None:
    """Answer ``address`` as GitHub Pages does a missing page: the site's ``404.html``, as it
    is, at the address asked for (any depth)."""
    root = address.split("/archive/")[0] + "/archive/"
    body = page.request.get(root + "404.html").body()
    page.route(
        address, lambda route: route.fulfill(status=404, body=body, content_type="text/html")
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        "",
        "articles/2017/09/sdf-opens-offensive-east-of-euphrates/",
        "actors/islamic-state/",
        "locations/",
        "locations/raqqa/",
        "archive/",
        "archive/2017/10/",
        "map/",
        "search/?q=raqqa&location=Raqqa",
        MISSING,
    ],
)
def test_no_accessibility_violation(browser, site: str, path: str, scheme: str) -> None:
    """Both of the sample's palettes (Material picks the one of the reader's system), with the
    map's tiles unreachable as offline."""
    from axe_playwright_python.sync_playwright import Axe

    page: Page = browser.new_page(color_scheme=scheme, reduced_motion="reduce")
    try:
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        if path == MISSING:
            not_found(page, site + path)
        page.goto(site + path, wait_until="networkidle")
        if path.startswith("search/"):
            page.locator("[data-results] li").first.wait_for()
        if path == "map/":
            page.locator("[data-na-map][data-places-shown]").wait_for()
        scheme_shown = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == scheme_shown
        results = Axe().run(page)
        # Any violation, of whatever impact: the minor ones too.
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        assert violations == []
    finally:
        page.close()
