"""``news-archive import`` writes what CONTRIBUTING.md asks for, and marks in the file what
only the contributor can judge (issue 28): no ``language`` in the site's own language, no
newsroom as an author, the registered source, and comments on the publisher's summary and on
what the text names only in passing."""

from __future__ import annotations

import pytest

from conftest import REPO, Project
from news_archive.cli import main
from news_archive.config import default_settings
from news_archive.core.importing.original import Original, draft_from
from news_archive.core.reading.registry_file import load_registry

PAGE = str(REPO / "tests/fixtures/pages/staff-byline.html")
PATH = "content/articles/2017/09/russia-denies-pentagon-claim-that-it-struck-us-backed-sdf-ez.md"
SOURCES = {"rt": {"name": "RT", "aliases": ["Russia Today"], "url": "https://www.rt.example/"}}
ACTORS = {
    "russian-defence-ministry": {"name": "Russian Defence Ministry"},
    "syrian-democratic-forces": {"name": "Syrian Democratic Forces", "aliases": ["SDF"]},
    "islamic-state": {"name": "Islamic State"},
    "us-led-coalition": {"name": "US-led coalition"},
    "pentagon": {"name": "Pentagon"},
}
LOCATIONS = {
    "deir-ez-zor": {"name": "Deir ez-Zor"},
    "euphrates": {"name": "Euphrates"},
    "moscow": {"name": "Moscow"},
    "washington": {"name": "Washington"},
}
FRONT_MATTER = """\
---
title: Russia denies Pentagon claim that it struck US-backed SDF near Deir ez-Zor
date: 2017-09-17
source: RT
url: https://www.rt.example/news/403851-russia-denies-sdf-strike/
# The publisher's own wording, copied from the page: check it, or write one or two sentences of your own.
summary: Russian jets struck only Islamic State targets near Deir ez-Zor, the Russian Defence Ministry said, rejecting a Pentagon statement.
tags: []
# Named only once in the text, in passing: US-led coalition. Keep in actors only what the article is about.
actors: [Pentagon, Syrian Democratic Forces, Islamic State, Russian Defence Ministry, US-led coalition]
# Named only once in the text, in passing: Euphrates, Moscow, Washington. Keep in locations only what the article is about.
locations: [Deir ez-Zor, Euphrates, Moscow, Washington]
---
"""  # noqa: E501 (the file's own lines, as written)


@pytest.fixture
def site(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    project.registry("sources", SOURCES)
    project.registry("actors", ACTORS)
    project.registry("locations", LOCATIONS)
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    return project


def test_an_imported_page_follows_contributing_and_marks_what_to_check(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """The page's publisher is "RT International", its byline "RT Staff", its language the
    site's; it names the Euphrates, Moscow and Washington once each, after its first
    paragraph."""
    assert main(["import", PAGE]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [PATH]
    assert err.splitlines()[0] == (
        "news-archive import: the byline 'RT Staff' names no person, so it is left out of "
        "authors, which name people (the publisher is the source)"
    )
    text = (site.root / PATH).read_text(encoding="utf-8")
    assert text.startswith(FRONT_MATTER)
    assert main(["validate", PATH]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().err
    built = site.build(strict=True)
    page = built.content(
        "articles/2017/09/russia-denies-pentagon-claim-that-it-struck-us-backed-sdf-ez/"
    )
    assert "The publisher's own wording" not in page.get_text()


def test_the_language_is_written_when_it_is_not_the_sites(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site.mkdocs_extra = {"theme": {"name": "material", "language": "fr"}}
    site.write("mkdocs.yml", site.config_text())
    assert main(["import", PAGE]) == 0
    capsys.readouterr()
    text = (site.root / PATH).read_text(encoding="utf-8")
    assert "\nlanguage: en\n---\n" in text


SETTINGS = default_settings()


@pytest.mark.parametrize(
    ("authors", "kept"),
    [
        (("RT Staff",), ()),
        (("Reuters staff", "Jane Doe"), ("Jane Doe",)),
        (("AFP",), ()),
        (("Associated Press", "John Smith"), ("John Smith",)),
        (("Newsroom",), ()),
        (("RT International",), ()),  # the page's publisher
        (("Russia Today",), ()),  # a registered source
        (("Jane Doe", "Editorial Board"), ("Jane Doe",)),
        (("Staffan Lind",), ("Staffan Lind",)),  # a person whose name starts like "staff"
    ],
)
def test_bylines_that_name_no_person_are_left_out(
    authors: tuple[str, ...], kept: tuple[str, ...]
) -> None:
    sources, _ = load_registry(
        SETTINGS.taxonomies[-1],
        "rt:\n  name: RT\n  aliases: [Russia Today]\n",
        "site_config/sources.yml",
    )
    assert SETTINGS.taxonomies[-1].single
    original = Original(title="T", publisher="RT International", authors=authors)
    imported = draft_from(original, {"sources": sources}, SETTINGS, "en")
    assert imported.draft.authors == kept
    assert imported.not_people == tuple(a for a in authors if a not in kept)


@pytest.mark.parametrize(
    ("page", "site", "written"),
    [("en-GB", "en", ""), ("en", "en-US", ""), ("fr_FR", "en", "fr-FR"), ("en", "fr", "en")],
)
def test_the_sites_own_language_is_left_out(page: str, site: str, written: str) -> None:
    original = Original(title="T", language=page)
    assert draft_from(original, {}, SETTINGS, site).draft.language == written
