"""The palette's toggles and script in one file of the site, not written into every page.

Material writes the palette's form (a radio button and a toggle for each palette) and the
script that applies the palette a reader chose into the header of every page. Both are the
same on every page of a site, so the archive writes them once, into
``assets/news-archive/palette.js``, and each page's header loads that file where they stood:
the script inserts the form in its own place and applies the reader's palette before the
page shows, as Material's did (a script in the header, run before the rest of the page is
read). Without JavaScript nothing changes for the reader: Material's toggles are hidden
until its script shows them, and only a script can change the palette.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from .theme_layer import THEME

PALETTE_SCRIPT = "assets/news-archive/palette.js"
_SCRIPT = re.compile(r"<script>(.*)</script>", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")


def wanted(config: MkDocsConfig) -> bool:
    """Whether our header (Material's) loads the file: with Material, unless
    ``theme.palette`` is a single palette (a mapping), as Material's header decides."""
    return config.theme.name == THEME and not isinstance(config.theme.get("palette"), Mapping)


def palette_script(env: jinja2.Environment, config: MkDocsConfig) -> str:
    """The file's text: Material's palette form (``partials/palette.html``, when the site has
    palettes to choose from), inserted before the script's own element, then Material's
    palette script (``partials/javascripts/palette.html``)."""
    palette = config.theme.get("palette")
    form = ""
    if palette:
        rendered = env.get_template("partials/palette.html").render(config=config)
        form = _BETWEEN_TAGS.sub("><", rendered.strip())
    rendered = env.get_template("partials/javascripts/palette.html").render(config=config)
    found = _SCRIPT.search(rendered)
    script = found.group(1).strip() if found else ""
    insert = (
        f'document.currentScript.insertAdjacentHTML("beforebegin",{json.dumps(form)});\n'
        if form
        else ""
    )
    return insert + script + "\n"
