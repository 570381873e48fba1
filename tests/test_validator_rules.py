"""One test per validator rule: a real file, the exact message, the exact line."""

from __future__ import annotations

import pytest

from conftest import Project
from news_archive.cli import main

# A file's path under content/, its bytes, and every line the validator must print for it
# (warnings about the unregistered source 'LW' aside).
ARTICLE_CASES = [
    pytest.param(
        "articles/2017/09/a.md",
        b"",
        [
            "content/articles/2017/09/a.md:1: error: the file is empty; an article starts with front matter between two '---' lines",
        ],
        id="empty",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\nCaf\xe9\n",
        [
            "content/articles/2017/09/a.md:7: error: the file is not UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8 in your editor",
        ],
        id="not-utf8",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"Just text\n",
        [
            "content/articles/2017/09/a.md:1: error: the file has no front matter; start it with a '---' line, the fields (title, date, source, url), and another '---' line",
        ],
        id="no-front-matter",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"Intro\n---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:2: error: the front matter must start on the first line of the file; move the '---' block from line 2 to the top",
        ],
        id="not-at-top",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n",
        [
            "content/articles/2017/09/a.md:1: error: the front matter is not closed; add a '---' line after the last field",
        ],
        id="not-closed",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\n- a\n- b\n---\n",
        [
            "content/articles/2017/09/a.md:2: error: the front matter must be made of 'key: value' lines, found a list instead",
        ],
        id="not-a-mapping",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: Russia: denies\ndate: 2017-09-17\n---\n",
        [
            "content/articles/2017/09/a.md:2: error: the front matter is not valid YAML: a value contains ': ', or the line is indented when it should not be (put a value containing ': ' in double quotes, like title: \"Russia: no strike\"; start each field at the beginning of its line)",
        ],
        id="broken-yaml",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\ntitle: U\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: 'title' is written twice in the front matter (first on line 2); keep one and merge the values",
        ],
        id="duplicate-key",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\n---\n",
        [
            "content/articles/2017/09/a.md:1: error: 'source' is missing; add a line 'source: ...' with the publisher's name",
            "content/articles/2017/09/a.md:1: error: 'url' is missing; add a line 'url: ...' with the original's web address",
        ],
        id="missing-required",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle:\ndate: 2017-09-17\nsource: ''\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:2: error: 'title' must be a line of text, found nothing",
            "content/articles/2017/09/a.md:4: error: 'source' must be a line of text, found nothing",
        ],
        id="empty-required",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\nactors: ISIS\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: 'actors' must be a list in square brackets, like actors: [ISIS]; found 'ISIS'",
        ],
        id="string-for-list",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\nactors: {a: b}\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: 'actors' must be a list like [a, b], found a set of 'key: value' pairs",
        ],
        id="mapping-for-list",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\ntags: [[a, b]]\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: each entry of 'tags' must be a name, found a list",
        ],
        id="nested-list",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: {a: b}\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:2: error: 'title' must be a line of text, found a set of 'key: value' pairs",
        ],
        id="mapping-for-text",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: last Sunday\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:3: error: 'date' must be a date like 2017-09-17 (year-month-day), found 'last Sunday'",
        ],
        id="not-a-date",
    ),
    pytest.param(
        "articles/2017/02/a.md",
        b"---\ntitle: T\ndate: 2017-02-30\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/02/a.md:3: error: 'date' 2017-02-30 is not a day of the calendar",
        ],
        id="impossible-date",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 17.09.2017\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:3: error: 'date' must be a date like 2017-09-17 (year-month-day), found '17.09.2017'; write it year first: 2017-09-17 for 17 September",
        ],
        id="day-first",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17T10:00:00\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:3: error: 'date' 2017-09-17T10:00:00 has a time but no time zone; add the offset, like 2017-09-17T10:00:00+00:00, or give the date alone",
        ],
        id="time-without-zone",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\nactor: [ISIS]\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: 'actor' is not a field of an article; did you mean 'actors'?",
        ],
        id="unknown-key",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: javascript:alert(1)\n---\n",
        [
            "content/articles/2017/09/a.md:5: error: 'url' must be a web address starting with https:// or http://, found 'javascript:alert(1)'; copy the address from the browser's address bar",
        ],
        id="bad-url",
    ),
    pytest.param(
        "articles/2017/10/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/10/a.md:3: error: an article dated 2017-09-17 belongs in content/articles/2017/09/; move the file to content/articles/2017/09/a.md",
        ],
        id="wrong-folder",
    ),
    pytest.param(
        "articles/2017/09/Some File.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/Some File.md:1: error: the file name 'Some File.md' must be lowercase words joined by '-', like some-file.md",
        ],
        id="bad-name",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\nlanguage: English\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: 'language' must be a language code like en or pt-BR, found 'English'",
        ],
        id="bad-language",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\ndraft: maybe\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: 'draft' must be true or false, found 'maybe'",
        ],
        id="bad-draft",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\na: &a [x, x]\nb: &b [*a, *a]\n---\n",
        [
            "content/articles/2017/09/a.md:3: error: the front matter uses a YAML alias (*a); write the value out in full instead of using '&' anchors and '*' aliases",
        ],
        id="alias-bomb",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\nactors: ['***']\n---\n",
        [
            "content/articles/2017/09/a.md:6: error: actors: '***' has no letters or digits to make a web address from; write the name in letters",
        ],
        id="no-letters",
    ),
]


def validate(
    project: Project, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[str]]:
    project.write("mkdocs.yml", project.config_text())
    status = main(["validate", "--config", str(project.root / "mkdocs.yml"), *args])
    lines = capsys.readouterr().out.splitlines()
    prefix = f"{project.root}/"
    return status, [line.removeprefix(prefix) for line in lines]


@pytest.mark.parametrize(("path", "raw", "expected"), ARTICLE_CASES)
def test_article_rule(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    path: str,
    raw: bytes,
    expected: list[str],
) -> None:
    project.write(f"content/{path}", raw)
    status, lines = validate(project, capsys)
    assert [line for line in lines if "site_config/sources.yml" not in line] == expected
    assert status == 1


def test_a_url_archived_twice_is_an_error_naming_the_other_file(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.article("first", url="https://www.levantwire.example/2017/09/story/")
    project.article("second", url="HTTPS://levantwire.example/2017/09/story?utm_source=feed")
    status, lines = validate(project, capsys)
    assert lines == [
        "content/articles/2017/09/second.md:5: error: content/articles/2017/09/first.md has "
        "the same url; an article is archived once, so keep one of the two files (or correct "
        "the url if they are different stories)"
    ]
    assert status == 1
    # Checking either file shows it, whichever of the two carries the message.
    status, lines = validate(
        project, capsys, str(project.root / "content/articles/2017/09/first.md")
    )
    assert len(lines) == 1 and status == 1


def test_an_unregistered_term_is_a_warning_with_the_nearest_registered_name(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["Daesh"]}})
    project.article("story", actors=["Daesch"])
    status, lines = validate(project, capsys)
    assert lines == [
        "content/articles/2017/09/story.md:6: warning: actors: 'Daesch' is not in "
        "site_config/actors.yml; did you mean 'Daesh'? (it gets a page of its own at "
        "/actors/daesch/; add it to the registry to give it a description and aliases)"
    ]
    assert status == 0
    status, lines = validate(project, capsys, "--strict-terms", "actors")
    assert lines[0].startswith("content/articles/2017/09/story.md:6: error: actors: 'Daesch'")
    assert status == 1


REGISTRY_CASES = [
    pytest.param(
        "actors",
        "islamic-state:\n  name: Islamic State\n  alias: [IS]\n",
        [
            "site_config/actors.yml:3: error: 'alias' is not a field of actors entries; use one "
            "of: name, aliases, kind, description, wikidata"
        ],
        id="unknown-key",
    ),
    pytest.param(
        "actors",
        "Islamic_State:\n  name: Islamic State\n",
        [
            "site_config/actors.yml:1: error: 'Islamic_State' cannot be a key: keys are the "
            "terms' web addresses and must be lowercase letters, digits and hyphens, like "
            "'islamic-state'"
        ],
        id="key-not-a-slug",
    ),
    pytest.param(
        "actors",
        "islamic-state:\n  name: Islamic State\n  aliases: [IS]\n"
        "iraqi-security:\n  name: Iraqi Security\n  aliases: [IS]\n",
        [
            "site_config/actors.yml:4: error: 'IS' of 'iraqi-security' is already an alias of "
            "'islamic-state'; a spelling can lead to one term only, remove it from one of them"
        ],
        id="alias-claimed-twice",
    ),
    pytest.param(
        "actors",
        "islamic-state:\n  name: Islamic State\n"
        "daesh:\n  name: Daesh group\n  aliases: [Islamic State]\n",
        [
            "site_config/actors.yml:3: error: 'Islamic State' of 'daesh' is already the name of "
            "'islamic-state'; a spelling can lead to one term only, remove it from one of them"
        ],
        id="alias-is-another-name",
    ),
    pytest.param(
        "locations",
        "raqqa:\n  name: Raqqa\n  coordinates: [135.9, 39.0]\n",
        [
            "site_config/locations.yml:3: error: coordinates [135.9, 39.0] are off the globe: "
            "latitude is -90..90 and longitude -180..180 (are they swapped?)"
        ],
        id="coordinates-out-of-range",
    ),
    pytest.param(
        "locations",
        "raqqa:\n  name: Raqqa\n  coordinates: [north, 39]\n",
        [
            "site_config/locations.yml:3: error: 'coordinates' must be [latitude, longitude] in "
            "degrees, like [35.33, 40.14], found 'north'"
        ],
        id="coordinates-not-numbers",
    ),
    pytest.param(
        "locations",
        "raqqa:\n  name: Raqqa\n  country: SYR\n",
        [
            "site_config/locations.yml:3: error: 'country' must be an ISO 3166-1 two-letter "
            "code like SY or IQ, found 'SYR'"
        ],
        id="country-not-iso",
    ),
    pytest.param(
        "locations",
        "raqqa:\n  name: Raqqa\n  country: XX\n",
        [
            "site_config/locations.yml:3: error: 'country' must be an ISO 3166-1 two-letter "
            "code like SY or IQ, found 'XX'"
        ],
        id="country-unassigned",
    ),
    pytest.param(
        "actors",
        "islamic-state:\n  aliases: [IS]\n",
        ["site_config/actors.yml:1: error: 'islamic-state' needs a 'name:'"],
        id="missing-name",
    ),
    pytest.param(
        "actors",
        "islamic-state:\n  name: Islamic State\nislamic-state:\n  name: IS\n",
        [
            "site_config/actors.yml:3: error: 'islamic-state' is written twice in the registry "
            "(first on line 1); keep one and merge the values"
        ],
        id="duplicate-key",
    ),
    pytest.param(
        "sources",
        "levant-wire:\n  name: Levant Wire\n  url: levantwire.example\n",
        [
            "site_config/sources.yml:3: error: 'url' must be a web address starting with https:// or http://, found 'levantwire.example'; copy the address from the browser's address bar"
        ],
        id="source-url",
    ),
]


@pytest.mark.parametrize(("taxonomy", "text", "expected"), REGISTRY_CASES)
def test_registry_rule(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    taxonomy: str,
    text: str,
    expected: list[str],
) -> None:
    project.write(f"site_config/{taxonomy}.yml", text)
    status, lines = validate(project, capsys)
    assert lines == expected
    assert status == 1


def test_an_article_outside_the_articles_folder_is_pointed_to_its_place(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write(
        "content/2017/09/lost.md",
        "---\ntitle: Lost\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/l\n---\nBody\n",
    )
    project.write("content/about.md", "---\ntitle: About\n---\nNot an article.\n")
    status, lines = validate(project, capsys)
    assert lines == [
        "content/2017/09/lost.md:1: error: this looks like an article but is outside "
        "content/articles/, so it would not be archived; move it to "
        "content/articles/2017/09/lost.md"
    ]
    assert status == 1


MORE_CASES = [
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 09/17/2017\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:3: error: 'date' must be a date like 2017-09-17 (year-month-day), found '09/17/2017'; write it year first: 2017-09-17 for 17 September"
        ],
        id="month-first",
    ),
    pytest.param(
        "articles/2017/06/a.md",
        b"---\ntitle: T\ndate: 05/06/2017\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/06/a.md:3: error: 'date' must be a date like 2017-09-17 (year-month-day), found '05/06/2017'; write it year first: 2017-06-05 for 5 June or 2017-05-06 for 6 May"
        ],
        id="ambiguous-day-month",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\x01\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n",
        [
            "content/articles/2017/09/a.md:2: error: the front matter contains an invisible control character (#x0001) that YAML does not allow; retype this line"
        ],
        id="control-character",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"Text first.\n\n---\n\nMore text.\n",
        [
            "content/articles/2017/09/a.md:1: error: the file has no front matter; start it with a '---' line, the fields (title, date, source, url), and another '---' line"
        ],
        id="horizontal-rule-is-not-front-matter",
    ),
    pytest.param(
        "articles/2017/09/a.md",
        b"---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\ntags:\n  - airstrikes\n   - siege\n---\n",
        [
            "content/articles/2017/09/a.md:7: error: an entry of 'tags' runs over two lines ('airstrikes - siege'); start each '- ' entry on its own line, lined up with the others"
        ],
        id="list-entry-over-two-lines",
    ),
]


@pytest.mark.parametrize(("path", "raw", "expected"), MORE_CASES)
def test_more_article_rules(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    path: str,
    raw: bytes,
    expected: list[str],
) -> None:
    test_article_rule(project, capsys, path, raw, expected)


def test_a_comment_that_cuts_a_value_is_a_warning(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire", "aliases": ["LW"]}})
    project.write(
        "content/articles/2017/09/a.md",
        "---\ntitle: Raqqa #1 target\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n",
    )
    status, lines = validate(project, capsys)
    assert lines == [
        "content/articles/2017/09/a.md:2: warning: 'title': the text after '#' is read as a comment and left out; put the whole value in double quotes to keep it"
    ]
    assert status == 0


def test_an_alias_equal_to_another_terms_key_names_the_key(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.write(
        "site_config/actors.yml",
        "sdf:\n  name: Syrian Democratic Forces\nkurdish-forces:\n  name: Kurdish forces\n  aliases: [SDF]\n",
    )
    status, lines = validate(project, capsys)
    assert lines == [
        "site_config/actors.yml:3: error: 'SDF' of 'kurdish-forces' is already the key of 'sdf'; a spelling can lead to one term only, remove it from one of them"
    ]
    assert status == 1


def test_strict_terms_say_the_site_accepts_registered_terms_only(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire"}})
    project.options = {"strict_terms": ["actors"]}
    project.article("story", actors=["Nobody"])
    status, lines = validate(project, capsys)
    assert lines == [
        "content/articles/2017/09/story.md:6: error: actors: 'Nobody' is not in site_config/actors.yml (this site accepts registered actors only: use a registered name or alias, or add it to the registry)"
    ]
    assert status == 1


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("31/02/2017", "no day of the calendar reads like that; check the date"),
        ("0/5/2017", "no day of the calendar reads like that; check the date"),
        ("06/06/2017", "write it year first: 2017-06-06 for 6 June"),
    ],
)
def test_date_hints_only_offer_real_days(written: str, hint: str) -> None:
    from news_archive.config import default_settings
    from news_archive.core.reading.reader import read_article

    text = f"---\ntitle: T\ndate: {written}\nsource: S\nurl: https://x.example/\n---\n"
    _, problems = read_article("articles/2017/06/a.md", text.encode(), default_settings())
    assert [p.message.split("; ", 1)[1] for p in problems] == [hint]


def test_escaped_control_characters_are_errors(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire", "aliases": ["LW"]}})
    project.write(
        "content/articles/2017/09/a.md",
        '---\ntitle: "Raqqa\\x01"\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n---\n',
    )
    status, lines = validate(project, capsys)
    assert lines == [
        "content/articles/2017/09/a.md:2: error: 'title' contains an invisible control character (U+0001); retype the value without it"
    ]
    assert status == 1
