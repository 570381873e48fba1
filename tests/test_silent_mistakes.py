"""Mistakes that used to pass with green checks (issue 28): typographic quotes around a value,
and an article written outside the articles folder. The validator and a strict build report
each the same way, and a plain build publishes nothing wrong because of it."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import Project
from news_archive.cli import main

MONTH = "content/articles/2017/09"
CURLY = f"{MONTH}/curly.md"


def validate(project: Project, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    project.write("mkdocs.yml", project.config_text())
    status = main(["validate", "--config", str(project.root / "mkdocs.yml")])
    lines = capsys.readouterr().out.splitlines()
    prefix = f"{project.root}/"
    return status, [line.removeprefix(prefix) for line in lines if ": " in line]


def reported(messages: list[str]) -> list[str]:
    """The build's problems, without its other notes (the site's size)."""
    return [m for m in messages if ": error: " in m or ": warning: " in m]


def registered(project: Project) -> None:
    project.options = {"search": False}
    project.registry("sources", {"rt": {"name": "RT", "aliases": ["Russia Today"]}})
    project.registry(
        "actors",
        {"us-department-of-defense": {"name": "US Department of Defense", "aliases": ["Pentagon"]}},
    )


def test_a_name_in_typographic_quotes_is_read_without_them_with_a_warning(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    registered(project)
    project.write(
        CURLY,
        "---\ntitle: Curly\ndate: 2017-09-17\nsource: “RT”\nurl: https://x.example/c\n"
        "actors:\n  - “Pentagon”\n  - ‘Pentagon’\n---\nBody.\n",
    )
    quoted = "is in typographic quotes, which YAML keeps as part of the name; it is read as"
    expected = [
        f"{CURLY}:4: warning: source: '“RT”' {quoted} 'RT': write RT without the quotes",
        f"{CURLY}:7: warning: actors: '“Pentagon”' {quoted} 'Pentagon': "
        "write Pentagon without the quotes",
        f"{CURLY}:8: warning: actors: '‘Pentagon’' {quoted} 'Pentagon': "
        "write Pentagon without the quotes",
    ]
    status, lines = validate(project, capsys)
    assert lines == expected
    assert status == 0

    site = project.build(strict=True)
    assert reported(site.problems()) == expected
    links = [a["href"] for a in site.content("articles/2017/09/curly/").select("a[href]")]
    assert "../../../../sources/rt/" in links
    assert "../../../../actors/us-department-of-defense/" in links
    # No page for a term named with the marks.
    assert not site.exists("actors/pentagon/")
    assert sorted(p.name for p in (site.root / "actors").iterdir() if p.is_dir()) == [
        "us-department-of-defense"
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "date: “2017-09-17”",
            "'date' is in typographic quotes (“2017-09-17”), which YAML keeps as part of the "
            "value; write it without them: date: 2017-09-17",
        ),
        (
            "title: ‘Curly’",
            "'title' is in typographic quotes (‘Curly’), which YAML keeps as part of the "
            "value; write it without them: title: Curly",
        ),
    ],
    ids=["date", "title"],
)
def test_a_one_line_value_in_typographic_quotes_is_an_error(
    project: Project, capsys: pytest.CaptureFixture[str], line: str, expected: str
) -> None:
    registered(project)
    good = project.article("good", source="RT")
    fields = {"title": "title: Curly", "date": "date: 2017-09-17"}
    fields[line.split(":", 1)[0]] = line
    project.write(
        CURLY,
        f"---\n{fields['title']}\n{fields['date']}\nsource: RT\nurl: https://x.example/c\n"
        "---\nBody.\n",
    )
    number = 2 if line.startswith("title") else 3
    status, lines = validate(project, capsys)
    assert lines == [f"{CURLY}:{number}: error: {expected}"]
    assert status == 1

    with pytest.raises(Abort):
        project.build(strict=True)
    assert [m.split(": ", 1)[1] for m in project.last_messages if ": error: " in m] == [
        f"{CURLY}:{number}: error: {expected}"
    ]
    site = project.build()
    assert site.exists(good)
    assert not site.exists("articles/2017/09/curly/")


def test_quotes_written_inside_yaml_quotes_are_kept(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    """A headline that is a quotation is written in YAML's own quotes: nothing to report."""
    registered(project)
    project.write(
        CURLY,
        "---\ntitle: '“We did not strike”'\ndate: 2017-09-17\nsource: RT\n"
        "url: https://x.example/c\n---\nBody.\n",
    )
    assert validate(project, capsys) == (0, [])
    site = project.build(strict=True)
    assert site.content("articles/2017/09/curly/").find("h1").get_text() == "“We did not strike”"


STRAY = (
    "content/lost.md:1: error: this looks like an article but is outside content/articles/, "
    "so it would not be archived; move it to content/articles/2017/09/lost.md"
)


def test_an_article_outside_the_articles_folder_is_not_published_as_a_page(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    registered(project)
    good = project.article("good", source="RT")
    project.write(
        "content/lost.md",
        "---\ntitle: Lost\ndate: 2017-09-17\nsource: RT\nurl: https://x.example/l\n---\nBody\n",
    )
    project.write("content/about.md", "---\ntitle: About\n---\nNot an article.\n")
    status, lines = validate(project, capsys)
    assert lines == [STRAY]
    assert status == 1

    with pytest.raises(Abort):
        project.build(strict=True)
    assert [m.split(": ", 1)[1] for m in project.last_messages if ": error: " in m] == [STRAY]
    site = project.build()
    assert reported(site.problems()) == [STRAY]
    assert site.exists(good)
    assert site.exists("about/")
    assert not site.exists("lost/")
