"""The archive's layer over Material's templates: its own ``base.html`` extends Material's.

A template cannot extend another of its own name, so Material's templates are also reachable
under ``material/`` (``{% extends "material/base.html" %}``), whatever else overrides them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_theme_dir

from .config import NewsArchiveConfig
from .render.renderer import THEME_DIR
from .theme_icons import FrameIcons

THEME = "material"

TEMPLATE_FEATURES = (
    "navigation.tabs",
    "navigation.top",
    "navigation.footer",
    "navigation.indexes",
    "navigation.sections",
    "navigation.expand",
    "navigation.path",
    "navigation.prune",
    "toc.integrate",
    "content.action.edit",
    "content.action.view",
)
"""Material's features that only its templates read, not its script: left out of the
configuration every page gives the script (``theme/base.html``)."""

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})


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


def script_json(value: Any) -> Markup:
    """JSON for a ``<script>`` of the page, as Jinja's ``tojson`` writes it (sorted, with
    the characters HTML reads escaped) but without spaces after its commas and colons."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_SAFE))


def add_theme_globals(
    env: jinja2.Environment,
    config: MkDocsConfig,
    options: NewsArchiveConfig,
    search: bool,
    icons: FrameIcons | None,
) -> None:
    """What our templates of the theme read (``theme/base.html``, ``theme/partials``):
    Material's credit in the footer, the page's title in the header, whether the header and
    the 404 page offer the archive's search, and the icons."""
    env.globals["news_archive_template_features"] = TEMPLATE_FEATURES
    env.globals["news_archive_json"] = script_json
    credit = options.footer_credit and config.extra.get("generator") is not False
    env.globals["news_archive_credit"] = credit
    env.globals["news_archive_header_title"] = options.header_page_title
    env.globals["news_archive_search"] = search
    if icons is not None:
        env.globals["news_archive_icon"] = icons.markup
