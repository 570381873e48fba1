"""Only Markdown articles are published from the articles folder, and no symbolic link is ever
followed: a pull request cannot publish a script, an image with a handler, or a file of the
build machine (issue 23, defects 2 and 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from mkdocs.utils import markdown_extensions

from conftest import Project, front_matter
from news_archive.cli import main
from news_archive.core.reading.content_files import MARKDOWN_SUFFIXES

SECRET = "SECRET-4f1c9a-build-environment"
MONTH = "content/articles/2017/09"

LINK = "is a symbolic link, which is never published; commit the file or folder itself, not a link"
ONLY_MARKDOWN = "only Markdown articles (.md) are published from content/articles/"
CONVERT = "move it out of content/articles/ or convert it into a Markdown article"
EXPECTED_ERRORS = [
    f"{MONTH}/borrowed.md:1: error: 'borrowed.md' {LINK}",
    f"{MONTH}/env.txt:1: error: 'env.txt' {LINK}",
    f"{MONTH}/notes.txt:1: error: {ONLY_MARKDOWN}; found 'notes.txt'; {CONVERT}",
    f"{MONTH}/old-style.markdown:1: error: {ONLY_MARKDOWN}; found 'old-style.markdown'; "
    "rename it to 'old-style.md'",
    f"{MONTH}/photo.svg:1: error: {ONLY_MARKDOWN}; found 'photo.svg'; {CONVERT}",
    f"{MONTH}/shouting.MD:1: error: {ONLY_MARKDOWN}; found 'shouting.MD'; "
    "rename it to 'shouting.md'",
    f"{MONTH}/statement.html:1: error: {ONLY_MARKDOWN}; found 'statement.html'; {CONVERT}",
    f"content/articles/2017/10:1: error: '10' {LINK}",
    f"content/linked:1: error: 'linked' {LINK}",
]


def article_text(title: str, date: str, url: str, body: str) -> str:
    return front_matter(title=title, date=date, source="Levant Wire", url=url) + body + "\n"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files of the build machine, outside the project, each holding the secret."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "environ").write_text(f"GITHUB_TOKEN={SECRET}\n")
    (folder / "article.md").write_text(
        article_text("Borrowed", "2017-09-18", "https://elsewhere.example/1", SECRET)
    )
    (folder / "month").mkdir()
    (folder / "month" / "leak.md").write_text(
        article_text("Leak", "2017-10-02", "https://elsewhere.example/2", SECRET)
    )
    (folder / "month" / "leak.html").write_text(f"<p>{SECRET}</p>\n")
    (folder / "month" / "leak.txt").write_text(f"{SECRET}\n")
    return folder


def hostile_files(project: Project, outside: Path) -> str:
    """One valid article among every kind of file a pull request must not publish."""
    project.options = {"search": False}
    good = project.article("good")
    project.write(f"{MONTH}/statement.html", "<h1>Statement</h1><script>alert(1)</script>\n")
    project.write(
        f"{MONTH}/photo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>\n',
    )
    project.write(f"{MONTH}/notes.txt", "Notes for the reviewer.\n")
    shouting = article_text("Shouting", "2017-09-19", "https://levantwire.example/s", "Text.")
    project.write(f"{MONTH}/shouting.MD", shouting)
    old = article_text("Old style", "2017-09-20", "https://levantwire.example/o", "Text.")
    project.write(f"{MONTH}/old-style.markdown", old)
    (project.root / MONTH / "env.txt").symlink_to(outside / "environ")
    (project.root / MONTH / "borrowed.md").symlink_to(outside / "article.md")
    (project.root / "content/articles/2017/10").symlink_to(outside / "month")
    (project.root / "content/linked").symlink_to(outside / "month")
    project.write("mkdocs.yml", project.config_text())
    return good


def validate(
    project: Project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[str]]:
    monkeypatch.chdir(project.root)
    status = main(["validate"])
    captured = capsys.readouterr()
    return status, [*captured.out.splitlines(), *captured.err.splitlines()]


def site_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_markdown_suffixes_are_the_ones_mkdocs_reads_as_pages() -> None:
    assert set(MARKDOWN_SUFFIXES) == set(markdown_extensions)


def test_the_validator_names_every_file_that_is_not_published(
    project: Project,
    outside: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    hostile_files(project, outside)
    status, lines = validate(project, monkeypatch, capsys)
    assert status == 1
    assert [line for line in lines if ": error: " in line] == EXPECTED_ERRORS
    # Neither the linked article nor the linked folder's article was read.
    assert "news-archive: checked 1 published articles: 9 errors, 1 warning" in lines
    assert not any(SECRET in line for line in lines)


def test_a_strict_build_fails_on_the_same_errors(project: Project, outside: Path) -> None:
    hostile_files(project, outside)
    with pytest.raises(Abort):
        project.build(strict=True)
    errors = [m.split(": ", 1)[1] for m in project.last_messages if ": error: " in m]
    assert errors == EXPECTED_ERRORS


def test_a_plain_build_publishes_the_article_and_none_of_the_files(
    project: Project, outside: Path
) -> None:
    good = hostile_files(project, outside)
    site = project.build()
    assert sorted(p for p in site.problems() if ": error: " in p) == EXPECTED_ERRORS
    assert site.content(good).find("h1").get_text(strip=True) == "Good"
    published = site_files(site.root)
    assert [path for path, data in published.items() if SECRET.encode() in data] == []
    articles = sorted(path for path in published if path.startswith("articles/"))
    assert articles == [f"{good}index.html"]
    assert not any(path.startswith("linked/") for path in published)


def test_hidden_files_stay_unpublished_and_unread(project: Project) -> None:
    """MkDocs never publishes a name starting with a dot; the validator reads none either
    (an editor's swap file, an import's temporary file)."""
    project.options = {"search": False}
    good = project.article("good")
    hidden = article_text("Hidden", "2017-09-18", "https://levantwire.example/h", SECRET)
    project.write(f"{MONTH}/.hidden.md", hidden)
    project.write(f"{MONTH}/.notes.txt", SECRET)
    project.write("content/.private/page.html", SECRET)
    project.write("mkdocs.yml", project.config_text())
    assert main(["validate", "--config", str(project.root / "mkdocs.yml")]) == 0
    site = project.build(strict=True)
    published = site_files(site.root)
    assert [path for path, data in published.items() if SECRET.encode() in data] == []
    assert sorted(p for p in published if p.startswith("articles/")) == [f"{good}index.html"]


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "site_config/actors.yml",
            "site_config/actors.yml:1: error: the registry is a symbolic link, so it is not "
            "read; commit the file itself, not a link",
        ),
        (
            "site_config",
            "site_config/actors.yml:1: error: the registry's folder 'site_config' is a symbolic "
            "link, so the registry is not read; commit the folder itself, not a link",
        ),
    ],
)
def test_a_registry_is_never_read_through_a_link(
    project: Project,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    link: str,
    expected: str,
) -> None:
    outside = tmp_path_factory.mktemp("outside")
    (outside / "actors.yml").write_text(f"secret-actor:\n  name: {SECRET}\n  aliases: [SDF]\n")
    project.options = {"search": False}
    project.article("good", actors=["SDF"])
    if link.endswith(".yml"):
        (project.root / "site_config").mkdir()
    (project.root / link).symlink_to(outside / "actors.yml" if link.endswith(".yml") else outside)
    project.write("mkdocs.yml", project.config_text())

    status, lines = validate(project, monkeypatch, capsys)
    assert status == 1
    assert [line for line in lines if ": error: " in line] == [expected]
    with pytest.raises(Abort):
        project.build(strict=True)
    site = project.build()
    published = site_files(site.root)
    assert [path for path, data in published.items() if SECRET.encode() in data] == []


def test_a_docs_folder_replaced_by_a_link_publishes_nothing_from_it(
    project: Project,
    outside: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A pull request can replace ``content/`` itself with a link to a folder of the machine."""
    project.options = {"search": False}
    (outside / "index.md").write_text(f"# Home\n\n{SECRET}\n")
    project.content.symlink_to(outside)
    project.write("mkdocs.yml", project.config_text())

    status, lines = validate(project, monkeypatch, capsys)
    assert status == 1
    assert [line for line in lines if ": error: " in line] == [
        "content:1: error: the docs folder 'content' is a symbolic link, so nothing in it is "
        "published; commit the folder itself, not a link"
    ]
    with pytest.raises(Abort):
        project.build(strict=True)
    published = site_files(project.build().root)
    assert [path for path, data in published.items() if SECRET.encode() in data] == []
