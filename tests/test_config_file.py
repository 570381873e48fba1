"""The commands find the site's configuration file as its build tool does: ``mkdocs.yml``
for MkDocs, ``properdocs.yml`` first for ProperDocs, the community fork of MkDocs 1.x."""

from __future__ import annotations

from pathlib import Path

import pytest

from news_archive.cli import main
from news_archive.site import MKDOCS_NAMES, PROPERDOCS_NAMES, config_names, find_config

SITE = "site_name: Archive\ndocs_dir: {docs}\nplugins:\n  - news-archive\n"


def _site(folder: Path, name: str, docs: str) -> None:
    (folder / name).write_text(SITE.format(docs=docs), encoding="utf-8")
    (folder / docs / "articles").mkdir(parents=True)


@pytest.mark.parametrize("name", ["properdocs.yml", "mkdocs.yml", "mkdocs.yaml"])
def test_validate_finds_the_only_configuration_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    _site(tmp_path, name, "content")
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 0
    assert "checked 0 published articles: 0 errors, 0 warnings" in capsys.readouterr().err


def test_with_both_files_each_tool_reads_its_own(tmp_path: Path) -> None:
    _site(tmp_path, "mkdocs.yml", "docs")
    _site(tmp_path, "properdocs.yml", "content")
    with_mkdocs = find_config(tmp_path, config_names(properdocs_installed=False))
    with_properdocs = find_config(tmp_path, config_names(properdocs_installed=True))
    assert with_mkdocs.name == "mkdocs.yml"
    assert with_properdocs.name == "properdocs.yml"
    assert config_names(properdocs_installed=True)[: len(PROPERDOCS_NAMES)] == PROPERDOCS_NAMES
    assert config_names(properdocs_installed=False)[: len(MKDOCS_NAMES)] == MKDOCS_NAMES


def test_no_configuration_file_is_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    # Both names, in the order of the build tool installed here (ProperDocs' first with it).
    first, second = ("mkdocs", "properdocs")
    if config_names()[0] == PROPERDOCS_NAMES[0]:
        first, second = second, first
    assert err.strip() == (
        f"news-archive: no {first}.yml or {second}.yml in {tmp_path}; "
        "run this in the site's folder or use --config"
    )
