"""The package as a wheel: built from the sources pyproject.toml names, installed with its
dependencies into a fresh environment, and used there by a site of its own (its own
``mkdocs.yml``, two articles, no ``site_config/``), built with the tool the suite runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_tool, front_matter

SOURCES = ("pyproject.toml", "README.md", "LICENSE")


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of what pyproject.toml packages, so no build/ lands in the checkout."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "plugins/news_archive", source / "plugins/news_archive", ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", out, source, cwd=source)
    (built,) = out.glob("news_archive-*.whl")
    return built


@pytest.fixture(scope="module")
def environment(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies (and ProperDocs when
    the suite runs under it), from the index pip is configured with."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv, cwd=venv)
    requirement = f"{wheel}[properdocs]" if build_tool() == "properdocs" else str(wheel)
    run(venv / "bin/python", "-m", "pip", "install", "-q", "--no-compile", requirement, cwd=venv)
    return venv


def test_the_wheel_ships_the_licences_templates_and_theme(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    licences = {Path(name).name for name in names if ".dist-info/licenses/" in name}
    assert {"LICENSE", "LICENSE-leaflet.txt", "LICENSE-leaflet.markercluster.txt"} <= licences
    assert "news_archive/render/templates/article.html" in names
    assert "news_archive/theme/partials/header.html" in names
    assert "news_archive/theme/base.html" in names
    assert not [name for name in names if name.startswith("tests/")]


def test_the_wheel_ships_every_module_of_every_sub_package(wheel: Path) -> None:
    """``packages.find`` takes a folder only with its ``__init__.py``: a new sub-package of the
    core without one would be left out of the wheel and fail only on users' machines."""
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "plugins"
    sources = {
        path.relative_to(package).as_posix()
        for path in (package / "news_archive").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert "news_archive/core/model/article.py" in sources
    assert sources - names == set()


def test_a_separate_site_builds_from_the_installed_wheel(environment: Path, tmp_path: Path) -> None:
    site = tmp_path / "my-archive"
    (site / "content/articles/2020/03").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: My archive
            site_url: https://my-archive.example/
            docs_dir: content
            theme:
              name: material
            plugins:
              - news-archive
            """
        ),
        encoding="utf-8",
    )
    (site / "content/index.md").write_text("# My archive\n", encoding="utf-8")
    for slug, day in (("first-story", "02"), ("second-story", "03")):
        fields = front_matter(
            title=slug.replace("-", " ").capitalize(),
            date=f"2020-03-{day}",
            source="Harbour Post",
            url=f"https://harbourpost.example/{slug}",
        )
        (site / f"content/articles/2020/03/{slug}.md").write_text(
            fields + "The story.\n", encoding="utf-8"
        )

    where = run(
        environment / "bin/python",
        "-c",
        "import news_archive; print(news_archive.__file__)",
        cwd=site,
    )
    assert Path(where.stdout.strip()).is_relative_to(environment), "not the wheel's copy"
    run(environment / "bin/python", "-m", build_tool(), "build", "--strict", cwd=site)

    built = site / "site"
    for page in ("articles/2020/03/first-story/", "articles/2020/03/second-story/", "latest/"):
        assert (built / page / "index.html").is_file(), page
    assert (built / "feed.xml").is_file()
    latest = BeautifulSoup((built / "latest/index.html").read_text(encoding="utf-8"), "html.parser")
    titles = [a.get_text(strip=True) for a in latest.select(".na-list .na-item__title a")]
    assert titles == ["Second story", "First story"]
