"""Two files with one url: the article archived first stays, the newcomer is left out and
carries the error, whatever their paths; "first" is what git says, else the earlier date."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence

import pytest

from conftest import Project, git
from news_archive.cli import main
from news_archive.config import settings_from_options
from news_archive.core.indexing.archive import index_archive
from news_archive.core.model.article import Article

URL = "https://levantwire.example/2017/09/story/"
OLD = "content/articles/2017/09/zz-archived-story.md"
NEW = "content/articles/2017/09/aa-newcomer.md"  # sorts first by path
ERROR = (
    f"{NEW}:5: error: {OLD} has the same url; an article is archived once, so keep one of the "
    "two files (or correct the url if they are different stories)"
)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def validate(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    project.write("mkdocs.yml", project.config_text())
    status = main(["validate", "--config", str(project.root / "mkdocs.yml")])
    lines = capsys.readouterr().out.splitlines()
    return status, [line.removeprefix(f"{project.root}/") for line in lines]


def published(project: Project) -> set[str]:
    """Which of the two articles a plain build publishes."""
    site = project.build()
    return {
        slug
        for slug in ("zz-archived-story", "aa-newcomer")
        if site.exists(f"articles/2017/09/{slug}/")
    }


def archived_then_newcomer(project: Project) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.article("zz-archived-story", title="The story as archived", url=URL)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The story archived")
    # The same story again, under a name that sorts first, a day later on its source.
    project.article("aa-newcomer", "2017-09-16", title="The same story again", url=URL)


@needs_git
def test_an_uncommitted_newcomer_is_left_out_and_the_archived_article_stays(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archived_then_newcomer(project)
    assert validate(project, capsys) == (1, [ERROR])
    assert published(project) == {"zz-archived-story"}


@needs_git
def test_a_newcomer_committed_later_is_left_out_and_the_archived_article_stays(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archived_then_newcomer(project)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The newcomer", when="2021-06-01T12:00:00+00:00")
    assert validate(project, capsys) == (1, [ERROR])
    assert published(project) == {"zz-archived-story"}


@needs_git
def test_a_moved_article_keeps_the_age_of_its_first_commit(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archived_then_newcomer(project)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The newcomer", when="2021-06-01T12:00:00+00:00")
    moved = "content/articles/2017/09/zz-archived-story-moved.md"
    git(project, "mv", OLD, moved)
    git(project, "commit", "-q", "-m", "Renamed", when="2022-01-01T12:00:00+00:00")
    status, lines = validate(project, capsys)
    assert (status, lines) == (1, [ERROR.replace(OLD, moved)])


@needs_git
def test_two_files_of_one_commit_fall_back_to_the_earlier_date(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """As in a shallow clone, where every file comes in its one commit: git cannot tell."""
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.article("zz-archived-story", "2017-09-15", url=URL)
    project.article("aa-newcomer", "2017-09-16", url=URL)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Both at once")
    assert validate(project, capsys) == (1, [ERROR])


def test_without_history_the_earlier_date_stays_then_the_first_path(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """No repository (an export, a tarball): the earlier publication date is taken as the
    one archived first; on the same date, the first path."""
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.article("zz-archived-story", "2017-09-15", url=URL)
    project.article("aa-newcomer", "2017-09-16", url=URL)
    assert validate(project, capsys) == (1, [ERROR])
    assert published(project) == {"zz-archived-story"}


def article(path: str, url: str, day: int = 17) -> Article:
    return Article(f"articles/2017/09/{path}.md", path, dt.date(2017, 9, day), "Wire", url)


def test_git_is_asked_only_about_the_articles_that_collide() -> None:
    asked: list[list[str]] = []

    def first_archived(articles: Sequence[Article]) -> dict[str, float]:
        asked.append(sorted(a.path for a in articles))
        return {"articles/2017/09/b.md": 1.0, "articles/2017/09/c.md": 2.0}

    articles = [
        article("a", URL),
        article("b", "HTTPS://LevantWire.example/2017/09/story/"),
        article("c", URL + "?utm_source=feed"),
        *(article(f"other-{n}", f"https://x.example/{n}") for n in range(50)),
    ]
    archive = index_archive(settings_from_options({}), articles, {}, None, first_archived)
    assert asked == [[f"articles/2017/09/{p}.md" for p in "abc"]]
    kept = {a.path for a in archive.articles}
    assert "articles/2017/09/b.md" in kept  # committed first
    assert not kept & {"articles/2017/09/a.md", "articles/2017/09/c.md"}
    assert [(p.path, p.other_path) for p in archive.problems] == [
        ("articles/2017/09/a.md", "articles/2017/09/b.md"),
        ("articles/2017/09/c.md", "articles/2017/09/b.md"),
    ]


def test_without_collisions_git_is_never_asked() -> None:
    def first_archived(articles: Sequence[Article]) -> dict[str, float]:
        raise AssertionError("asked about articles with urls of their own")

    articles = [article(f"a{n}", f"https://x.example/{n}") for n in range(5)]
    archive = index_archive(settings_from_options({}), articles, {}, None, first_archived)
    assert len(archive.articles) == 5
