"""The repository's own theme and navigation, for the synthetic sites the benchmarks build:
what they measure is the page frame a published archive carries, not a copy that drifts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent


def repository_config() -> dict[str, Any]:
    """The repository's ``mkdocs.yml``, as read."""
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def repository_theme() -> dict[str, Any]:
    """``mkdocs.yml``'s theme (features, palettes, overrides), usable from any folder."""
    theme = repository_config()["theme"]
    return dict(theme, custom_dir=str(REPO / theme["custom_dir"]))


def repository_nav() -> list[Any]:
    """``mkdocs.yml``'s navigation, less its hand-written pages (Data, About), which a
    synthetic corpus has not: the home page and the archive's generated lists."""
    return [
        entry
        for entry in repository_config()["nav"]
        if all(str(target).endswith("index.md") for target in entry.values())
    ]
