"""`validate --changed-from REV`: a pull request is judged on the files it changes, in real
git repositories: the archive's older problems neither fail it nor take its annotations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import Project, git
from news_archive.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

OLD = "content/articles/2017/09/archived.md"
NEW = "content/articles/2017/09/contributed.md"
URL = "https://levantwire.example/2017/09/story/"
OLD_WARNING = (
    f"::warning file={OLD},line=6::tags: 'Unregistered Thing' is not in site_config/tags.yml "
    "(it gets a page of its own at /tags/unregistered-thing/; add it to the registry to give "
    "it a description and aliases)"
)


def commit_all(project: Project, message: str, when: str = "2020-01-01T12:00:00+00:00") -> None:
    git(project, "add", "-A", when=when)
    git(project, "commit", "-q", "-m", message, when=when)


def validate(
    project: Project, capsys: pytest.CaptureFixture[str], *options: str
) -> tuple[int, list[str], str]:
    """Exit status, what is printed on stdout (one line a problem) and on stderr."""
    project.write("mkdocs.yml", project.config_text())
    status = main(["validate", "--config", str(project.root / "mkdocs.yml"), *options])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def archive_with_a_warning(project: Project) -> None:
    """The base branch: one archived article with a warning, committed on branch 'main'."""
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.write("content/index.md", "# Test archive\n")
    project.article("archived", url=URL, tags=["Unregistered Thing"])
    project.write("mkdocs.yml", project.config_text())
    project.write(".gitignore", "site/\n.cache/\n")
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "The archive")


def test_a_clean_article_gets_no_annotation_for_the_archives_older_warnings(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archive_with_a_warning(project)
    git(project, "switch", "-q", "-c", "contribution")
    project.article("contributed")
    commit_all(project, "A new article", when="2020-02-01T12:00:00+00:00")

    assert validate(project, capsys, "--format", "github")[:2] == (0, [OLD_WARNING])
    status, lines, err = validate(project, capsys, "--format", "github", "--changed-from", "main")
    assert (status, lines) == (0, [])
    assert "in the files changed since main: 0 errors, 0 warnings" in err


def test_only_the_errors_of_changed_files_fail_the_check(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archive_with_a_warning(project)
    project.article("broken-before", date="2017-13-01")  # an error already on main
    commit_all(project, "An old mistake")
    git(project, "switch", "-q", "-c", "contribution")
    project.article("contributed", date="2017-09-31")
    commit_all(project, "A new article", when="2020-02-01T12:00:00+00:00")

    status, lines, _ = validate(project, capsys, "--format", "github", "--changed-from", "main")
    assert (status, lines) == (
        1,
        [f"::error file={NEW},line=3::'date' 2017-09-31 is not a day of the calendar"],
    )

    git(project, "switch", "-q", "main")
    project.article("fine")  # not committed yet: a local check counts it as changed
    assert validate(project, capsys, "--changed-from", "main")[:2] == (0, [])


def test_a_duplicate_url_is_reported_on_the_new_file_even_if_its_commit_is_dated_earlier(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """The contributor's branch started before the story was archived on main, and its
    commit carries an earlier date; GitHub checks the merge of the two."""
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.write("content/index.md", "# Test archive\n")
    project.write("mkdocs.yml", project.config_text())
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "An empty archive")
    git(project, "switch", "-q", "-c", "contribution")
    project.article("contributed", url=URL)
    commit_all(project, "The story, contributed", when="2020-02-01T12:00:00+00:00")
    git(project, "switch", "-q", "main")
    project.article("archived", url=URL)
    commit_all(project, "The story, archived", when="2020-03-01T12:00:00+00:00")
    git(project, "switch", "-q", "contribution")
    git(project, "merge", "-q", "--no-edit", "main", when="2020-04-01T12:00:00+00:00")

    status, lines, _ = validate(project, capsys, "--changed-from", "main")
    assert (status, lines) == (
        1,
        [
            f"{NEW}:5: error: {OLD} has the same url; an article is archived once, so keep one "
            "of the two files (or correct the url if they are different stories)"
        ],
    )


def test_the_summary_lists_each_changed_article_with_its_problems_in_plain_words(
    project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive_with_a_warning(project)
    git(project, "switch", "-q", "-c", "contribution")
    project.article("contributed", tags=["Another_Thing"])
    project.article("second", date="2017-09-31")
    git(project, "mv", OLD, "content/articles/2017/09/moved.md")  # changed, not new
    commit_all(project, "Two articles and a move", when="2020-02-01T12:00:00+00:00")
    summary = tmp_path / "summary.md"
    summary.write_text("Written before.\n", encoding="utf-8")

    status, _, _ = validate(project, capsys, "--changed-from", "main", "--summary", str(summary))
    assert status == 1
    assert summary.read_text(encoding="utf-8") == (
        "Written before.\n"
        "## Checks of the files changed since `main`\n"
        "\n"
        "3 files to report on. **1 error to fix** before this can be merged, "
        "and 2 warnings to look at.\n"
        "\n"
        f"### `{NEW}`\n"
        "\n"
        "- **Warning (please check)**, line 6: tags: 'Another\\_Thing' is not in "
        "site\\_config/tags.yml (it gets a page of its own at /tags/another-thing/; add it to "
        "the registry to give it a description and aliases)\n"
        "\n"
        "### `content/articles/2017/09/moved.md`\n"
        "\n"
        "- **Warning (please check)**, line 6: tags: 'Unregistered Thing' is not in "
        "site\\_config/tags.yml (it gets a page of its own at /tags/unregistered-thing/; add it "
        "to the registry to give it a description and aliases)\n"
        "\n"
        "### `content/articles/2017/09/second.md`\n"
        "\n"
        "- **Error (must be fixed)**, line 3: 'date' 2017-09-31 is not a day of the calendar\n"
    )


def test_a_clean_change_says_so_in_the_summary(
    project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive_with_a_warning(project)
    git(project, "switch", "-q", "-c", "contribution")
    project.article("contributed")
    summary = tmp_path / "summary.md"

    assert validate(project, capsys, "--changed-from", "main", "--summary", str(summary))[0] == 0
    assert summary.read_text(encoding="utf-8") == (
        "## Checks of the files changed since `main`\n"
        "\n"
        "1 file to report on. No errors and no warnings: the changed files are ready for "
        "review.\n"
        "\n"
        f"### `{NEW}`\n"
        "\n"
        "No problems found.\n"
    )


def test_an_unknown_base_is_a_plain_message(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    archive_with_a_warning(project)
    status, lines, err = validate(project, capsys, "--changed-from", "origin/main")
    assert (status, lines) == (2, [])
    assert err == (
        "news-archive: --changed-from: 'origin/main' is not a commit this clone knows; fetch "
        "it first (in a GitHub workflow, check out with fetch-depth: 0)\n"
    )
