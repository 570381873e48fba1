"""MIGRATING.md's list of the modules that depend on MkDocs is the list the code has."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "plugins/news_archive"
ROW = re.compile(r"^\| `(?P<module>[\w/]+\.py)` \| (?P<lines>\d+) \|", re.MULTILINE)


def imports_mkdocs(path: Path) -> bool:
    """Any ``import mkdocs...`` or ``from mkdocs... import``, at any depth of the module."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
            return True
    return False


def test_the_note_lists_exactly_the_modules_that_import_mkdocs() -> None:
    note = (REPO / "MIGRATING.md").read_text(encoding="utf-8")
    section = note.split("## What is MkDocs-specific", 1)[1].split("\n## ", 1)[0]
    listed = {row["module"]: int(row["lines"]) for row in ROW.finditer(section)}
    importing = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if imports_mkdocs(path)
    }
    assert set(listed) == importing, "update the table in MIGRATING.md"
    for module, lines in listed.items():
        actual = len((PACKAGE / module).read_text(encoding="utf-8").splitlines())
        assert abs(actual - lines) <= max(20, actual // 5), (
            f"MIGRATING.md: {module} has {actual} lines, the note says {lines}"
        )


def test_the_readme_links_the_note() -> None:
    assert "(MIGRATING.md)" in (REPO / "README.md").read_text(encoding="utf-8")
