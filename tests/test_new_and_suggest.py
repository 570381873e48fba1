"""``news-archive new`` scaffolds valid articles; ``suggest`` finds terms the text names."""

from __future__ import annotations

import pytest

from conftest import Project
from news_archive.cli import main
from news_archive.config import default_settings
from news_archive.core.reading.reader import read_article

ACTORS = {
    "islamic-state": {"name": "Islamic State", "aliases": ["IS", "ISIS", "Daesh"]},
    "syrian-democratic-forces": {"name": "Syrian Democratic Forces", "aliases": ["SDF"]},
    "russian-defence-ministry": {
        "name": "Russian Defence Ministry",
        "aliases": ["Russian Defense Ministry"],
    },
}
LOCATIONS = {
    "deir-ez-zor": {"name": "Deir ez-Zor", "aliases": ["Deir al-Zour"]},
    "euphrates": {"name": "Euphrates"},
    "mayadin": {"name": "Mayadin"},
}


@pytest.fixture
def site(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    project.registry("actors", ACTORS)
    project.registry("locations", LOCATIONS)
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    return project


def test_new_writes_a_valid_article_at_its_contract_path(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "new",
            "--title",
            "Coalition: IS convoy hit near Al-Qaim",
            "--date",
            "2017-11-02",
            "--source",
            "Levant Wire",
            "--url",
            "https://levantwire.example/convoy",
            "--actors",
            "ISIS",
            "US-led coalition",
            "--authors",
            "Jane Doe",
        ]
    )
    path = "content/articles/2017/11/coalition-is-convoy-hit-near-al-qaim.md"
    assert status == 0
    assert capsys.readouterr().out.strip() == path
    raw = (site.root / path).read_bytes()
    article, problems = read_article(path.removeprefix("content/"), raw, default_settings())
    assert [p for p in problems if p.is_error] == []
    assert article.title == "Coalition: IS convoy hit near Al-Qaim"
    assert article.terms["actors"] == ("ISIS", "US-led coalition")
    assert article.authors == ("Jane Doe",)
    assert main(["validate"]) == 0


def test_new_refuses_a_url_already_archived_and_names_the_article(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("first", url="https://levantwire.example/2017/09/story")
    status = main(
        [
            "new",
            "--title",
            "Again",
            "--date",
            "2017-09-18",
            "--source",
            "LW",
            "--url",
            "HTTP://www.levantwire.example/2017/09/story/?utm_medium=rss",
        ]
    )
    assert status == 1
    assert capsys.readouterr().err.strip() == (
        "news-archive: HTTP://www.levantwire.example/2017/09/story/?utm_medium=rss is already "
        "archived by content/articles/2017/09/first.md"
    )
    assert not (site.root / "content/articles/2017/09/again.md").exists()


def test_new_explains_a_bad_date_and_writes_nothing(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "new",
            "--title",
            "T",
            "--date",
            "17/09/2017",
            "--source",
            "LW",
            "--url",
            "https://x.example/t",
        ]
    )
    assert status == 1
    assert capsys.readouterr().err.strip() == (
        "news-archive new: error: 'date' must be a date like 2017-09-17 (year-month-day), "
        "found '17/09/2017'; write it year first: 2017-09-17 for 17 September"
    )
    assert not (site.root / "content/articles").exists()


def test_new_never_overwrites_an_article_with_the_same_title(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--date", "2017-09-18", "--source", "LW", "--title", "Same headline"]
    assert main(["new", *common, "--url", "https://x.example/1"]) == 0
    assert main(["new", *common, "--url", "https://x.example/2"]) == 0
    assert capsys.readouterr().out.split() == [
        "content/articles/2017/09/same-headline.md",
        "content/articles/2017/09/same-headline-2.md",
    ]


BODY = """
The Syrian Democratic Forces said IS fighters had left Mayadin, while the Russian Defense
Ministry reported strikes near Deir al-Zour. This is what officials said; it is unclear
whether Daesh holds the Mayadin-Abu Kamal road. The Euphratesian plain is not a place.
"""


def test_suggest_lists_registered_terms_the_text_names_but_the_front_matter_lacks(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("story", actors=["SDF"], locations=[], body=BODY)
    path = "content/articles/2017/09/story.md"
    assert main(["suggest", path]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "actors: Islamic State, Russian Defence Ministry",
        "locations: Mayadin, Deir ez-Zor",
    ]
    before = (site.root / path).read_text()
    assert main(["suggest", "--write", path]) == 0
    after = (site.root / path).read_text()
    assert "actors:\n- SDF\n- Islamic State\n- Russian Defence Ministry\n" in after
    assert "locations: [Mayadin, Deir ez-Zor]\n" in after
    assert after.endswith(before.split("---\n", 2)[2])  # the body is untouched
    capsys.readouterr()
    assert main(["suggest", path]) == 0
    assert "nothing to add" in capsys.readouterr().out
    assert main(["validate", path]) == 0
