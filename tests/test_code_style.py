"""The code stays ruff-clean: lint and format are part of the test suite."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import REPO, extras_command


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff(command: list[str]) -> None:
    ruff = extras_command("ruff")
    assert ruff, "ruff is part of the test extras: pip install -e '.[test]'"
    result = subprocess.run([ruff, *command], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_module_the_code_names_exists() -> None:
    """A docstring or comment that points a reader at ``core/reading/reader.py`` (or at a bare
    ``forked.py``) points at a file that exists: the paths named survive a move of the code."""
    files = [
        p.relative_to(REPO)
        for top in ("plugins", "benchmarks", "tests")
        for p in (REPO / top).rglob("*.py")
    ]
    # Every way a file may be named: its whole path, or its last parts ("caching/cache_file.py").
    known = {"/".join(f.parts[i:]) for f in files for i in range(len(f.parts))}
    missing = []
    for file in files:
        if file.parts[0] == "tests":  # tests name the files their sites are given
            continue
        text = (REPO / file).read_text(encoding="utf-8")
        for line, content in enumerate(text.splitlines(), 1):
            for named in re.findall(r"(?<![\w./-])((?:\w+/)*\w+\.py)\b", content):
                if named not in known:
                    missing.append(f"{file.as_posix()}:{line}: {named}")
    assert len(files) > 100
    assert missing == []
