"""The repository itself: its site builds strictly and its sample content shows the features."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import REPO, tool_command
from news_archive.config import default_settings
from news_archive.core.reading.corpus import load_archive, load_registries


def run(*command: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_repository_builds_cleanly_with_strict(tmp_path: Path) -> None:
    content_before = sorted((REPO / "content").rglob("*"))
    result = run(*tool_command("build", "--strict", "-d", str(tmp_path / "site")))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    home = BeautifulSoup((tmp_path / "site/index.html").read_text(), "html.parser")
    tabs = [a.get_text(strip=True) for a in home.select(".md-tabs__list a")]
    assert tabs[1:7] == ["Latest", "Archive", "Tags", "Actors", "Locations", "Sources"]
    assert "Search" in tabs  # lit on the search page, which the header's box also leads to
    search = BeautifulSoup((tmp_path / "site/search/index.html").read_text(), "html.parser")
    lit = search.select(".md-tabs__item--active > a")
    assert [a.get_text(strip=True) for a in lit] == ["Search"]
    assert sorted((REPO / "content").rglob("*")) == content_before, "the build wrote into content/"


def test_the_validator_accepts_the_repository() -> None:
    result = run(sys.executable, "-m", "news_archive.cli", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr


def test_sample_content_shows_aliases_unregistered_terms_and_months() -> None:
    archive = load_archive(REPO, REPO / "content", default_settings())
    assert not [p for p in archive.problems if p.is_error]
    assert len(archive.articles) >= 12
    assert len({(a.date.year, a.date.month) for a in archive.articles}) >= 4
    registries = {
        name: yaml.safe_load((REPO / f"site_config/{name}.yml").read_text())
        for name in ("actors", "locations")
    }
    assert len(registries["actors"]) >= 30
    assert len(registries["locations"]) >= 20

    registries, _ = load_registries(REPO, default_settings())
    written_as: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article in archive.articles:
        for taxonomy in ("actors", "locations"):
            for name in article.terms.get(taxonomy, ()):
                term = registries[taxonomy].resolve(name)
                if term is not None:
                    written_as[(taxonomy, term.slug)].add(name)
    assert {"IS", "ISIS", "ISIL", "Daesh"} <= written_as[("actors", "islamic-state")]
    assert len(written_as[("locations", "deir-ez-zor")]) >= 3
    unregistered = [
        t for terms in archive.terms.values() for t in terms.values() if not t.registered
    ]
    assert unregistered


TAXONOMIES = ("tags", "actors", "locations", "sources")


def test_the_repository_site_answers_every_address_of_the_contract(tmp_path: Path) -> None:
    """Every form of address ../shared/CONTRACT.md publishes, for every article and term of
    the sample: an article at the path of its file, each taxonomy's index, each term's page
    and feed, the archive by year and month, search, the feeds and the data (a term's
    ``page/N/``: tests/test_lists_and_archive.py, whose lists are long enough)."""
    result = run(*tool_command("build", "-d", str(tmp_path / "site")))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"

    def answers(address: str) -> bool:
        path = site / address
        page = not address or address.endswith("/")
        return (path / "index.html").is_file() if page else path.is_file()

    articles = sorted((REPO / "content/articles").rglob("*.md"))
    expected = ["", "search/", "archive/", "feed.xml", "api/articles.json"]
    for file in articles:
        year, month, slug = file.relative_to(REPO / "content/articles").with_suffix("").parts
        expected += [
            f"articles/{year}/{month}/{slug}/",
            f"archive/{year}/",
            f"archive/{year}/{month}/",
        ]
    published = json.loads((site / "api/articles.json").read_text(encoding="utf-8"))["articles"]
    assert len(published) == len(articles)
    for taxonomy in TAXONOMIES:
        expected += [f"{taxonomy}/", f"api/{taxonomy}.json"]
        terms = json.loads((site / f"api/{taxonomy}.json").read_text(encoding="utf-8"))["terms"]
        assert terms, taxonomy
        for term in terms:
            assert term["path"] == f"{taxonomy}/{term['slug']}/"
            expected += [term["path"], term["path"] + "feed.xml"]
    assert [address for address in expected if not answers(address)] == []
