"""A name that differs from a registered spelling only in spaces, hyphens, dots, apostrophes
or letter case is filed under that term (issue 28): transliterations vary exactly so. The
registries' own spellings must not collide that way, and ``suggest --write`` teaches the
registry the article's spelling, keeping the file's comments."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import Project
from news_archive.cli import main
from news_archive.core.authoring.registry_edit import RegistryEditError, add_alias

LOCATIONS = """\
# Places of the test archive.
abu-kamal:
  name: Abu Kamal  # the border town
  aliases: [Al-Bukamal, Albu Kamal]
  kind: city
raqqa:
  name: Raqqa
  aliases:
    - Ar-Raqqah
  kind: city
"""
ACTORS = """\
syrian-democratic-forces:
  name: Syrian Democratic Forces
  aliases: [SDF]
"""
STORY = "content/articles/2017/11/story.md"
DIFFER = "differs from it only in spaces, hyphens, dots, apostrophes or letter case"
SUGGEST = f"(news-archive suggest --write {STORY} does it)"
EXPECTED = [
    f"{STORY}:6: warning: actors: 'S.D.F.' is filed under 'Syrian Democratic Forces', whose "
    f"alias 'SDF' {DIFFER}; write 'SDF', or add 'S.D.F.' to its aliases in "
    f"site_config/actors.yml {SUGGEST}",
    f"{STORY}:7: warning: locations: 'Albukamal' is filed under 'Abu Kamal', whose alias "
    f"'Al-Bukamal' {DIFFER}; write 'Al-Bukamal', or add 'Albukamal' to its aliases in "
    f"site_config/locations.yml {SUGGEST}",
    f"{STORY}:7: warning: locations: 'ar raqqah' is filed under 'Raqqa', whose alias "
    f"'Ar-Raqqah' {DIFFER}; write 'Ar-Raqqah', or add 'ar raqqah' to its aliases in "
    f"site_config/locations.yml {SUGGEST}",
]


@pytest.fixture
def site(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    project.options = {"search": False}
    project.write("site_config/locations.yml", LOCATIONS)
    project.write("site_config/actors.yml", ACTORS)
    project.write(
        STORY,
        "---\ntitle: Story\ndate: 2017-11-09\nsource: Levant Wire\n"
        "url: https://levantwire.example/story\nactors: [S.D.F.]\n"
        "locations: [Albukamal, ar raqqah]\n---\nBody.\n",
    )
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    return project


def validate(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    status = main(["validate"])
    lines = capsys.readouterr().out.splitlines()
    return status, [line for line in lines if ": error: " in line or ": warning: " in line]


def loose(lines: list[str]) -> list[str]:
    return [line for line in lines if DIFFER in line]


def test_a_loose_spelling_is_filed_under_the_registered_term_with_a_warning(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = validate(capsys)
    assert status == 0
    assert loose(lines) == EXPECTED

    built = site.build(strict=True)
    assert loose(built.problems()) == EXPECTED
    links = {a["href"] for a in built.content("articles/2017/11/story/").select("a[href]")}
    assert {
        "../../../../actors/syrian-democratic-forces/",
        "../../../../locations/abu-kamal/",
        "../../../../locations/raqqa/",
    } <= links
    for stray in ("locations/albukamal/", "locations/ar-raqqah/", "actors/s-d-f/"):
        assert not built.exists(stray)
    assert built.article_links("locations/abu-kamal/") == ["articles/2017/11/story/"]


def test_suggest_write_adds_the_spellings_to_the_registries_keeping_comments(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["suggest", STORY]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "actors: 'S.D.F.' is filed under 'Syrian Democratic Forces': "
        "an alias to add to site_config/actors.yml",
        "locations: 'Albukamal' is filed under 'Abu Kamal': "
        "an alias to add to site_config/locations.yml",
        "locations: 'ar raqqah' is filed under 'Raqqa': "
        "an alias to add to site_config/locations.yml",
    ]
    article = (site.root / STORY).read_text()
    assert main(["suggest", "--write", STORY]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "added to site_config/actors.yml",
        "added to site_config/locations.yml",
    ]
    assert (site.root / STORY).read_text() == article
    assert (site.root / "site_config/locations.yml").read_text() == LOCATIONS.replace(
        "Albu Kamal]", "Albu Kamal, Albukamal]"
    ).replace("    - Ar-Raqqah\n", "    - Ar-Raqqah\n    - ar raqqah\n")
    assert (site.root / "site_config/actors.yml").read_text() == ACTORS.replace(
        "[SDF]", "[SDF, S.D.F.]"
    )
    status, lines = validate(capsys)
    assert (status, loose(lines)) == (0, [])
    assert main(["suggest", STORY]) == 0
    assert "nothing to add" in capsys.readouterr().out


COLLIDING = """\
deir-ez-zor:
  name: Deir ez-Zor
  kind: city
deir-ez-zor-governorate:
  name: Deir ez-Zor Governorate
  aliases: [Deir Ezzor, Dayr az Zawr Governorate]
"""
COLLISION = (
    "site_config/locations.yml:4: error: 'Deir Ezzor' of 'deir-ez-zor-governorate' differs "
    "from the name 'Deir ez-Zor' of 'deir-ez-zor' (site_config/locations.yml:1) only in "
    "spaces, hyphens, dots, apostrophes or letter case, so an article could not say which of "
    "the two it means; remove one of the spellings, or spell them apart"
)


def test_registry_spellings_that_collide_loosely_are_an_error_naming_both_entries(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site.write("site_config/locations.yml", COLLIDING)
    site.write(
        STORY,
        "---\ntitle: Story\ndate: 2017-11-09\nsource: Levant Wire\n"
        "url: https://levantwire.example/story\nlocations: [Deir Ezzor]\n---\nBody.\n",
    )
    status, lines = validate(capsys)
    assert status == 1
    assert [line for line in lines if ": error: " in line] == [COLLISION]
    with pytest.raises(Abort):
        site.build(strict=True)
    errors = [m.split(": ", 1)[1] for m in site.last_messages if ": error: " in m]
    assert errors == [COLLISION]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a:\n  name: A\n  kind: x\nb:\n  name: B\n",
            "a:\n  name: A\n  aliases: [New one]\n  kind: x\nb:\n  name: B\n",
        ),
        ("a:\n  name: A", "a:\n  name: A\n  aliases: [New one]\n"),
        (
            "a:\n  name: A\n  aliases:\n  kind: x\n",
            "a:\n  name: A\n  aliases: [New one]\n  kind: x\n",
        ),
        (
            "a:\n  name: A\n  aliases: []  # none yet\n",
            "a:\n  name: A\n  aliases: [New one]  # none yet\n",
        ),
        (
            "a:\n  name: A\n  aliases:\n  - Old  # first\n  kind: x\n",
            "a:\n  name: A\n  aliases:\n  - Old  # first\n  - New one\n  kind: x\n",
        ),
        ("a:\r\n  name: A\r\n", "a:\r\n  name: A\r\n  aliases: [New one]\r\n"),
    ],
    ids=["no-aliases", "no-final-newline", "empty", "empty-list", "block-list", "crlf"],
)
def test_add_alias_edits_only_the_entry(text: str, expected: str) -> None:
    assert add_alias(text, "a", "New one") == expected


def test_add_alias_refuses_an_entry_it_cannot_find() -> None:
    with pytest.raises(RegistryEditError):
        add_alias("a:\n  name: A\n", "b", "B")
