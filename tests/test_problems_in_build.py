"""A broken article is reported by the build and by the validator alike, and never crashes."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import Project
from news_archive.cli import main

BROKEN = "---\ntitle: Broken\ndate: 17/09/2017\nsource: LW\nurl: https://x.example/b\n---\nBody\n"
EXPECTED = (
    "content/articles/2017/09/broken.md:3: error: 'date' must be a date like 2017-09-17 "
    "(year-month-day), found '17/09/2017'; write it year first: 2017-09-17 for 17 September"
)


def test_a_plain_build_reports_and_leaves_the_bad_article_out(project: Project) -> None:
    good = project.article("good", actors=["SDF"])
    project.write(
        "content/articles/2017/09/broken.md",
        BROKEN.replace("source: LW", "source: LW\nactors: [SDF]"),
    )
    site = project.build()
    assert EXPECTED in site.problems()
    assert site.article_links("actors/sdf/") == [good]
    assert site.article_links("latest/") == [good]
    assert site.article_links("archive/2017/09/") == [good]
    assert not site.exists("articles/2017/09/broken/")  # published once it is fixed


def test_a_strict_build_fails_on_the_same_error(project: Project) -> None:
    project.article("good")
    project.write("content/articles/2017/09/broken.md", BROKEN)
    with pytest.raises(Abort):
        project.build(strict=True)


def test_the_validator_prints_the_same_message_and_exits_1(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project.article("good")
    project.write("content/articles/2017/09/broken.md", BROKEN)
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)

    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert EXPECTED in out

    assert main(["validate", "--format", "github", "content/articles/2017/09/broken.md"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "::error file=content/articles/2017/09/broken.md,line=3::" + EXPECTED.split(": error: ")[1]
    ]


def test_strict_terms_turn_unregistered_terms_into_errors(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project.article("good", actors=["Nobody Registered"])
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    assert main(["validate"]) == 0
    assert main(["validate", "--strict-terms", "actors"]) == 1
    assert ": error: actors: 'Nobody Registered' is not in" in capsys.readouterr().out
