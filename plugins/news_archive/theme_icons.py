"""The frame's icons drawn once by the stylesheet, not written into every page.

Material writes each icon of its frame (the palette toggles, the logo, the menu and "back to
top" buttons, and the archive's search button) into every page as an inline SVG of up to a
kilobyte. The icons the site's settings name are drawn by the archive's stylesheet instead,
as masks painted in the text's colour, and the page carries an empty span with the icon's
class. An icon the stylesheet does not draw (a template of the site's own asking for
another) is written inline, as Material does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig


class FrameIcons:
    """The icons a site's frame shows: their spans for the templates, their stylesheet rules."""

    def __init__(self, config: MkDocsConfig, *, search: bool) -> None:
        self.folders = [Path(folder) / ".icons" for folder in config.theme.dirs]
        named = frame_icon_names(config.theme, search=search)
        self.drawn = {name: svg for name in named if (svg := self._svg(name)) is not None}

    def markup(self, name: str) -> Markup:
        """What a template writes for the icon ``name`` (``material/magnify``)."""
        if name in self.drawn:
            return Markup(f'<span class="na-icon {css_class(name)}"></span>')
        return Markup(self._svg(name) or "")

    def css(self) -> str:
        """The stylesheet's rule for each icon it draws."""
        rules = []
        for name, svg in sorted(self.drawn.items()):
            url = "data:image/svg+xml," + quote(svg, safe=" /=:.,-")
            rules.append(f'.{css_class(name)} {{ --na-icon: url("{url}"); }}\n')
        return "".join(rules)

    def _svg(self, name: str) -> str | None:
        """The icon as Material includes it (the first theme folder that has it)."""
        for folder in self.folders:
            path = folder / f"{name}.svg"
            if path.is_file():
                return path.read_text(encoding="utf-8").removesuffix("\n")
        return None


def css_class(name: str) -> str:
    return "na-icon--" + name.replace("/", "-")


def frame_icon_names(theme: Any, *, search: bool) -> set[str]:
    """The icons Material's frame shows with these theme settings (``theme.icon`` and
    ``theme.palette`` in ``mkdocs.yml``), and the archive's search button."""
    icon = theme.get("icon") or {}
    features = theme.get("features") or []
    names = {icon.get("menu") or "material/menu"}
    if not theme.get("logo"):
        names.add(icon.get("logo") or "material/library")
    if "navigation.top" in features:
        names.add(icon.get("top") or "material/arrow-up")
    if search:
        names.add("material/magnify")
    palette = theme.get("palette") or []
    for option in [palette] if isinstance(palette, dict) else palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and toggle.get("icon"):
            names.add(str(toggle["icon"]))
    return names
