"""The site needs none of the import commands' packages (the ``import`` extra): without
them the build and every other command work, and the import commands say what to install."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from news_archive.cli_import_commands import EXTRA_MODULES

REPO = Path(__file__).resolve().parent.parent

# Runs the command with the extra's packages unimportable, as on `pip install -e .`.
WITHOUT_EXTRA = f"""
import sys
for name in {sorted(EXTRA_MODULES)!r}:
    sys.modules[name] = None
from news_archive.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_help_and_validate_work_without_the_import_extra() -> None:
    shown = _run("--help")
    assert shown.returncode == 0, shown.stderr
    assert "import-feed" in shown.stdout
    checked = _run("validate")
    assert checked.returncode == 0, checked.stderr
    assert "published articles: 0 errors" in checked.stderr


@pytest.mark.parametrize("command", ["import", "import-feed"])
def test_the_import_commands_say_what_to_install(command: str, tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text("<html><title>x</title></html>", encoding="utf-8")
    ran = _run(command, str(saved))
    assert ran.returncode == 2
    assert "Traceback" not in ran.stderr
    assert ran.stderr.startswith(
        f"news-archive: 'news-archive {command}' needs the import extra, which is not installed ("
    )
    assert "pip install 'news-archive[import]'" in ran.stderr


def test_the_extra_lists_what_the_commands_need() -> None:
    """The extra in pyproject.toml and the modules the message guards stay the same set."""
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["import"]
    distributions = {requirement.split(">")[0].split("[")[0].lower() for requirement in extra}
    assert distributions >= EXTRA_MODULES
