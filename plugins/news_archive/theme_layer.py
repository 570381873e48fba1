"""The archive's layer over Material's templates: its own ``base.html`` extends Material's.

A template cannot extend another of its own name, so Material's templates are also reachable
under ``material/`` (``{% extends "material/base.html" %}``), whatever else overrides them.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_theme_dir

from .render.renderer import THEME_DIR

THEME = "material"


def add_theme_layer(config: MkDocsConfig) -> None:
    """Our templates after the site's own overrides (``custom_dir``), before Material's."""
    if config.theme.name != THEME or str(THEME_DIR) in config.theme.dirs:
        return
    position = 1 if config.theme.custom_dir else 0
    config.theme.dirs.insert(position, str(THEME_DIR))


def reach_material(env: jinja2.Environment, config: MkDocsConfig) -> None:
    """Material's own templates under ``material/``, for ours to extend."""
    if config.theme.name != THEME or env.loader is None:
        return
    material = jinja2.FileSystemLoader(Path(get_theme_dir(THEME)))
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({THEME: material})])
