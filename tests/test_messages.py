"""MESSAGES.md and the validator agree both ways, so the catalogue cannot drift:

- every message the validator's code can produce (each call that makes a problem, read from
  the source) is reproduced by an example, and every reproduced message has its entry;
- every entry of MESSAGES.md is reproduced by an example, with the same severity.

The examples are this file's own (run here) and the exact expectations of the validator's
rule tests (run there), which are real files through `news-archive validate` too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import test_content_files
import test_field_safety
import test_validator_rules

from conftest import REPO, Project
from news_archive.cli import main

CORE = REPO / "plugins/news_archive/core"
ENTRY = re.compile(r"^- \*\*`(?P<template>.+?)`\*\*(?P<rest>.*)$", re.MULTILINE)
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<severity>error|warning): (?P<message>.*)$")

HEAD = "---\ntitle: T\ndate: 2017-09-17\nsource: LW\nurl: https://x.example/1\n"
A = "content/articles/2017/09/a.md"
ACTORS = "islamic-state:\n  name: Islamic State\n  aliases: [Daesh]\n"

# Files, options of `news-archive validate`, and every line it prints (the warning about the
# unregistered source 'LW' aside).
EXAMPLES = [
    pytest.param({A: HEAD + "summary: a\x00b\n---\n"}, [], [
        f"{A}:6: error: the file contains a NUL byte; is it a text file?",
    ], id="nul-byte"),
    pytest.param({A: HEAD + "\tsummary: x\n---\n"}, [], [
        f"{A}:6: error: the front matter is not valid YAML: a tab character is used for "
        "indentation (use spaces)",
    ], id="tab"),
    pytest.param({A: HEAD + "just words\nsummary: s\n---\n"}, [], [
        f"{A}:6: error: the front matter is not valid YAML: a line has no ':' between its key "
        "and its value",
    ], id="no-colon"),
    pytest.param({A: HEAD + "tags: [a, b\n---\n"}, [], [
        f"{A}:6: error: the front matter is not valid YAML: the list opened with '[' on this "
        "line is not closed with ']', or one of its names needs double quotes (names with ',' "
        "':' '[' ']')",
    ], id="open-list"),
    pytest.param({A: HEAD + "summary: 'unterminated\n---\n"}, [], [
        f"{A}:7: error: the front matter is not valid YAML: found unexpected end of stream; "
        "check the quotes, colons and indentation on this line (a value containing ': ' must "
        "be in quotes)",
    ], id="yaml-reason"),
    pytest.param({A: HEAD + "[a]: b\n---\n"}, [], [
        f"{A}:6: error: a key in the front matter must be a plain word",
    ], id="key-not-a-word"),
    pytest.param({A: HEAD.replace("title: T", "title: Story #1 of 3") + "---\n"}, [], [
        f"{A}:2: warning: 'title': the text after '#' is read as a comment and left out; put "
        "the whole value in double quotes to keep it",
    ], id="comment"),
    pytest.param({A: HEAD.replace("title: T", "title: “T”") + "---\n"}, [], [
        f"{A}:2: error: 'title' is in typographic quotes (“T”), which YAML keeps as part of "
        "the value; write it without them: title: T",
    ], id="typographic-value"),
    pytest.param({A: HEAD + "tags: [“Siege”]\n---\n"}, [], [
        f"{A}:6: warning: tags: 'Siege' is not in site_config/tags.yml (it gets a page of its "
        "own at /tags/siege/; add it to the registry to give it a description and aliases)",
        f"{A}:6: warning: tags: '“Siege”' is in typographic quotes, which YAML keeps as part "
        "of the name; it is read as 'Siege': write Siege without the quotes",
    ], id="typographic-term"),
    pytest.param({A: HEAD.replace("2017-09-17", "2017-09-17 noon") + "---\n"}, [], [
        f"{A}:3: error: 'date' must be a date like 2017-09-17 (year-month-day), or a date and "
        "time with its offset like 2017-09-17T14:30:00+03:00; found '2017-09-17 noon'",
    ], id="date-and-bad-time"),
    pytest.param({A: HEAD + "actors: [Daesch]\n---\n", "site_config/actors.yml": ACTORS}, [], [
        f"{A}:6: warning: actors: 'Daesch' is not in site_config/actors.yml; did you mean "
        "'Daesh'? (it gets a page of its own at /actors/daesch/; add it to the registry to give "
        "it a description and aliases)",
    ], id="did-you-mean"),
    pytest.param(
        {A: HEAD + "actors: [Daesch]\n---\n", "site_config/actors.yml": ACTORS},
        ["--strict-terms", "actors"],
        [
            f"{A}:6: error: actors: 'Daesch' is not in site_config/actors.yml; did you mean "
            "'Daesh'? (this site accepts registered actors only: use a registered name or "
            "alias, or add it to the registry)",
        ],
        id="strict-did-you-mean",
    ),
    pytest.param(
        {A: HEAD + "actors: [Zzz]\n---\n", "site_config/actors.yml": ACTORS},
        ["--strict-terms", "actors"],
        [
            f"{A}:6: error: actors: 'Zzz' is not in site_config/actors.yml (this site accepts "
            "registered actors only: use a registered name or alias, or add it to the registry)",
        ],
        id="strict",
    ),
    pytest.param({A: HEAD + "---\n", "content/articles/2017/09/b.md": HEAD + "---\n"}, [], [
        "content/articles/2017/09/b.md:5: error: content/articles/2017/09/a.md has the same "
        "url; an article is archived once, so keep one of the two files (or correct the url "
        "if they are different stories)",
    ], id="duplicate-url"),
    pytest.param({"content/2017/09/lost.md": HEAD + "---\n"}, [], [
        "content/2017/09/lost.md:1: error: this looks like an article but is outside "
        "content/articles/, so it would not be archived; move it to "
        "content/articles/2017/09/lost.md",
    ], id="outside-articles"),
    pytest.param({A: HEAD + "summary: " + "[" * 3000 + "]" * 3000 + "\n---\n"}, [], [
        f"{A}:1: error: the front matter nests lists or mappings too deeply to be read; fields "
        "are plain text or a flat list like [a, b]",
    ], id="too-deep"),
    pytest.param({A: HEAD + "tags: [" + ", ".join(f"t{i}" for i in range(201)) + "]\n---\n"}, [], [
        f"{A}:6: error: 'tags' lists 201 names; an article lists at most 200: keep the ones the "
        "article is really about",
    ], id="too-many-names"),
    pytest.param({A: HEAD + "tags: [con]\n---\n"}, [], [
        f"{A}:6: error: tags: 'con' would need the web address /tags/con/, a name Windows "
        "reserves; register it under a longer key in site_config/tags.yml (e.g. con-tag) with "
        "'con' as its name",
    ], id="reserved-term"),
    pytest.param({"content/articles/2017/09/con.md": HEAD + "---\n"}, [], [
        "content/articles/2017/09/con.md:1: error: the file name 'con.md' is reserved on "
        "Windows; rename it, like con-report.md",
    ], id="reserved-file-name"),
    pytest.param({"site_config/actors.yml": "con:\n  name: Con\n"}, [], [
        "site_config/actors.yml:1: error: 'con' cannot be a key: it is a reserved file name on "
        "Windows, where the site could not be built; use a longer key, like 'con-actor'",
    ], id="reserved-key"),
    pytest.param({"site_config/actors.yml": b"x:\n  name: Caf\xe9\n"}, [], [
        "site_config/actors.yml:1: error: the registry is not UTF-8 text; save it as UTF-8",
    ], id="registry-not-utf8"),
    pytest.param({"site_config/actors.yml": "islamic-state: Islamic State\n"}, [], [
        "site_config/actors.yml:1: error: 'islamic-state' must be followed by indented "
        "'name:' and other fields, found 'Islamic State'",
    ], id="entry-not-indented"),
    pytest.param({"site_config/actors.yml": "x:\n  name: X\n  aliases: IS\n"}, [], [
        "site_config/actors.yml:3: error: 'aliases' must be a list like [IS, ISIL], found 'IS'",
    ], id="aliases-not-a-list"),
    pytest.param({"site_config/actors.yml": "x:\n  name: X\n  aliases: [[a]]\n"}, [], [
        "site_config/actors.yml:3: error: each alias must be a name, found a list",
    ], id="alias-not-a-name"),
    pytest.param({"site_config/actors.yml": "x:\n  name: X\n  wikidata: 2429253\n"}, [], [
        "site_config/actors.yml:3: error: 'wikidata' must be an item id like Q2429253, found "
        "'2429253'",
    ], id="wikidata"),
    pytest.param({A: HEAD + "actors: [Dae-sh]\n---\n", "site_config/actors.yml": ACTORS}, [], [
        f"{A}:6: warning: actors: 'Dae-sh' is filed under 'Islamic State', whose alias "
        "'Daesh' differs from it only in spaces, hyphens, dots, apostrophes or letter case; "
        "write 'Daesh', or add 'Dae-sh' to its aliases in site_config/actors.yml "
        f"(news-archive suggest --write {A} does it)",
    ], id="loose-spelling"),
    pytest.param({"site_config/actors.yml": ACTORS + "da-esh:\n  name: Da'esh\n"}, [], [
        "site_config/actors.yml:4: error: 'Da'esh' of 'da-esh' differs from the alias "
        "'Daesh' of 'islamic-state' (site_config/actors.yml:1) only in spaces, hyphens, dots, "
        "apostrophes or letter case, so an article could not say which of the two it means; "
        "remove one of the spellings, or spell them apart",
    ], id="loose-collision"),
]  # fmt: skip


@pytest.mark.parametrize(("files", "options", "expected"), EXAMPLES)
def test_example(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
    options: list[str],
    expected: list[str],
) -> None:
    assert reproduce(project, capsys, files, options) == expected


def test_a_linked_registry_is_reported(
    project: Project, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "elsewhere.yml").write_text(ACTORS, encoding="utf-8")
    (project.root / "site_config").mkdir(parents=True)
    (project.root / "site_config/actors.yml").symlink_to(tmp_path / "elsewhere.yml")
    assert reproduce(project, capsys, {}, []) == [
        "site_config/actors.yml:1: error: the registry is a symbolic link, so it is not read; "
        "commit the file itself, not a link"
    ]


def reproduce(
    project: Project,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str | bytes],
    options: list[str],
) -> list[str]:
    for path, data in files.items():
        project.write(path, data)
    project.write("mkdocs.yml", project.config_text())
    main(["validate", "--config", str(project.root / "mkdocs.yml"), *options])
    lines = capsys.readouterr().out.splitlines()
    return [line for line in lines if "site_config/sources.yml" not in line]


def reproduced() -> list[tuple[str, str]]:
    """``(severity, message)`` of every line an example or a rule test makes the validator
    print."""
    lines: list[str] = []
    for case in EXAMPLES:
        lines += case.values[2]  # type: ignore[operator]
    lines.append(
        "site_config/actors.yml:1: error: the registry is a symbolic link, so it is not read; "
        "commit the file itself, not a link"
    )
    for cases in (
        test_validator_rules.ARTICLE_CASES,
        test_validator_rules.REGISTRY_CASES,
        test_validator_rules.MORE_CASES,
    ):
        for case in cases:
            lines += case.values[-1]  # type: ignore[operator]
    lines += test_field_safety.ARTICLE_MESSAGES + test_field_safety.REGISTRY_MESSAGES
    lines += test_content_files.EXPECTED_ERRORS
    found = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        found.append((match["severity"], match["message"]))
    return found


def entries() -> list[tuple[str, str, re.Pattern[str]]]:
    """``(template, severity, pattern)`` of each entry of MESSAGES.md: a bold code span
    starting a list item, its severity in the brackets after it."""
    text = (REPO / "MESSAGES.md").read_text(encoding="utf-8")
    found = []
    for match in ENTRY.finditer(text):
        template = match["template"]
        severity = re.search(r"\((error|warning)", match["rest"])
        assert severity, f"MESSAGES.md: say (error) or (warning) after `{template}`"
        parts = re.split(r"(<[^<>]+>)", template)
        pattern = "".join(
            ".+?" if part.startswith("<") and part.endswith(">") else re.escape(part)
            for part in parts
        )
        found.append((template, severity[1], re.compile(pattern)))
    return found


def in_registry_words(message: str) -> str:
    """The format messages are written once for the front matter, and say "the registry" or
    "the entry '<key>'" for a registry (as MESSAGES.md explains)."""
    return re.sub(r"\bthe registry\b|\bthe entry '[^']*'", "the front matter", message)


def entry_of(severity: str, message: str) -> str | None:
    for template, wanted, pattern in entries():
        if wanted == severity and any(
            pattern.fullmatch(m) for m in (message, in_registry_words(message))
        ):
            return template
    return None


def test_the_messages_no_example_makes_are_explained_all_the_same() -> None:
    text = (REPO / "MESSAGES.md").read_text(encoding="utf-8")
    for message in UNREPRODUCIBLE:
        assert f"`{message.split(': ')[0]}" in text


def test_every_message_an_example_reproduces_has_its_entry() -> None:
    missing = [
        f"({severity}) {message}"
        for severity, message in reproduced()
        if entry_of(severity, message) is None
    ]
    assert not missing, "add these to MESSAGES.md:\n" + "\n".join(missing)


def test_every_entry_is_reproduced_by_an_example() -> None:
    messages = reproduced()
    unreproduced = [
        template
        for template, severity, pattern in entries()
        if not any(
            wanted == severity and pattern.fullmatch(in_words)
            for wanted, message in messages
            for in_words in (message, in_registry_words(message))
        )
    ]
    assert not unreproduced, "give an example (EXAMPLES) or remove:\n" + "\n".join(unreproduced)


# Calls whose message is not written at the call (it is passed in, or made by a helper) are
# covered through what their callers write, which the checks above read.
PRODUCERS = {"error": 2, "warning": 2, "fail": -1}


def message_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """``(file:line, pattern)`` of each message written at a call that makes a problem in the
    core: its literal text, anything where a value is put in."""
    found = []
    for file in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in PRODUCERS or len(node.args) < 2:
                continue
            index = PRODUCERS[name]
            if index >= len(node.args):
                continue
            pattern = _pattern(node.args[index])
            if pattern is not None and pattern.strip(".+?*"):
                found.append((f"{file.relative_to(CORE)}:{node.lineno}", re.compile(pattern)))
    return found


def _pattern(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(_pattern(value) or ".*?" for value in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pattern(node.left), _pattern(node.right)
        return None if left is None or right is None else left + right
    return None


# Messages no example can make here, each described in MESSAGES.md's prose instead, with
# why: an example of each stands in for it.
UNREPRODUCIBLE = {
    "the file cannot be read: Permission denied": "the tests may run as root, who reads all",
    "the front matter is not valid YAML": "only when the two YAML readers disagree",
}


def test_every_message_the_code_writes_is_reproduced_by_an_example() -> None:
    messages = [message for _, message in reproduced()]
    unreproduced = [
        where
        for where, pattern in message_patterns()
        if not any(pattern.fullmatch(message) for message in [*messages, *UNREPRODUCIBLE])
    ]
    assert not unreproduced, "give these messages an example (EXAMPLES):\n" + "\n".join(
        unreproduced
    )
