"""The site a command works on: its settings and folders, read from its ``mkdocs.yml`` (or
``properdocs.yml``, the name ProperDocs, the community fork of MkDocs 1.x, asks for)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import yaml

from .config import settings_from_options
from .core.model.taxonomy import ArchiveSettings, SettingsError


class _ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without running its ``!!python/name`` or ``!ENV`` tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path) -> tuple[ArchiveSettings, Path]:
    """The archive settings and the docs folder, from the ``news-archive`` entry of mkdocs.yml."""
    config: dict[str, Any] = yaml.load(config_file.read_text(encoding="utf-8"), _ConfigLoader) or {}
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if plugin == "news-archive":
            break
        if isinstance(plugin, dict) and "news-archive" in plugin:
            options = plugin["news-archive"] or {}
            break
    if isinstance(config.get("plugins"), dict):
        options = config["plugins"].get("news-archive") or {}
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    return settings_from_options(options), docs_dir


def site_language(config_file: Path) -> str:
    """The language the theme is set to, Material's ``en`` when none is: what an article
    need not repeat in its ``language`` field."""
    config: dict[str, Any] = yaml.load(config_file.read_text(encoding="utf-8"), _ConfigLoader) or {}
    theme = config.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return str(language or "en")


class UsageError(Exception):
    """A problem with the command line or the site's settings: printed, exit status 2."""


CONFIG_HELP = "the site's mkdocs.yml or properdocs.yml (default: the one the build tool reads here)"
MKDOCS_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PROPERDOCS_NAMES = ("properdocs.yml", "properdocs.yaml")


def config_names(properdocs_installed: bool | None = None) -> tuple[str, ...]:
    """The configuration files a build tool reads when it is given none, in its order:
    ProperDocs tries its own names before MkDocs' ones, MkDocs knows only its own. The
    commands follow the tool that is installed, so that they check the site it builds."""
    if properdocs_installed is None:
        properdocs_installed = importlib.util.find_spec("properdocs") is not None
    if properdocs_installed:
        return PROPERDOCS_NAMES + MKDOCS_NAMES
    return MKDOCS_NAMES + PROPERDOCS_NAMES


def find_config(folder: Path, names: tuple[str, ...] | None = None) -> Path:
    """The site's configuration file in ``folder``, as the build tool would find it."""
    names = names or config_names()
    for name in names:
        if (folder / name).is_file():
            return folder / name
    raise UsageError(
        f"no {' or '.join(dict.fromkeys(n.split('.')[0] + '.yml' for n in names))} in "
        f"{folder}; run this in the site's folder or use --config"
    )


def config_file_of(config: str | None) -> Path:
    """The configuration file given, or the one the build tool would read in this folder."""
    config_file = find_config(Path.cwd()) if config is None else Path(config)
    if not config_file.is_file():
        raise UsageError(f"{config_file} not found; run this in the site's folder or use --config")
    return config_file


def open_site(config: str | None) -> tuple[ArchiveSettings, Path, Path]:
    """Settings, project folder and docs folder of the site whose configuration file is
    ``config`` (``None``: the one the build tool would read in this folder)."""
    config_file = config_file_of(config)
    try:
        settings, docs_dir = read_settings(config_file)
    except (SettingsError, yaml.YAMLError) as exc:
        raise UsageError(f"{config_file}: {exc}") from exc
    return settings, config_file.parent, docs_dir
