"""The site a command works on: its settings and folders, read from its ``mkdocs.yml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .core.taxonomy import ArchiveSettings, SettingsError, settings_from_options


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


class UsageError(Exception):
    """A problem with the command line or the site's settings: printed, exit status 2."""


def open_site(config: str) -> tuple[ArchiveSettings, Path, Path]:
    """Settings, project folder and docs folder of the site whose mkdocs.yml is ``config``."""
    config_file = Path(config)
    if not config_file.is_file():
        raise UsageError(f"{config_file} not found; run this in the site's folder or use --config")
    try:
        settings, docs_dir = read_settings(config_file)
    except (SettingsError, yaml.YAMLError) as exc:
        raise UsageError(f"{config_file}: {exc}") from exc
    return settings, config_file.parent, docs_dir
