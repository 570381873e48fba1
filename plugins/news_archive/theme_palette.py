"""The palette's toggles and script in one file of the site, not written into every page.

Material writes the palette's form (a radio button and a toggle for each palette) and the
script that applies the palette a reader chose into the header of every page. Both are the
same on every page of a site, so the archive writes them once, into
``assets/news-archive/palette.js``, and each page's header loads that file where they stood:
the script inserts the form in its own place and applies the reader's palette before the
page shows, as Material's did (a script in the header, run before the rest of the page is
read). Without JavaScript nothing changes for the reader: Material's toggles are hidden
until its script shows them, and only a script can change the palette.

The file opens with Material's other script of every page, the one its head holds
(``partials/javascripts/base.html``: the scope of what the site keeps in the reader's storage,
and the functions that read and write it). The header's script is the first thing of the
page that reads them, and it runs before Material's bundle, so the scope is set as early as
it needs to be; it is the site's root, found from the file's own address (two folders up)
rather than from the page's relative ``base_url``: the same address. It stays in the head
where something runs earlier (analytics, the banner's and the version warning's scripts) or
where the site sets the scope itself (``extra.scope``).
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
_ROOT = "news-archive-root"
# The file is published two folders below the site's root.
_FROM_FILE = 'new URL("../..",document.currentScript.src)'


def wanted(config: MkDocsConfig) -> bool:
    """Whether our header (Material's) loads the file: with Material, unless
    ``theme.palette`` is a single palette (a mapping), as Material's header decides."""
    return config.theme.name == THEME and not isinstance(config.theme.get("palette"), Mapping)


def scope_in_file(config: MkDocsConfig) -> bool:
    """Whether Material's storage script opens the palette's file instead of the head: when
    the file is loaded and nothing before the header reads the scope."""
    extra = config.extra
    features = config.theme.get("features") or []
    return wanted(config) and not (
        extra.get("analytics")
        or extra.get("version")
        or extra.get("scope")
        or "announce.dismiss" in features
    )


def scope_script(env: jinja2.Environment, config: MkDocsConfig) -> str:
    """Material's storage script with the scope found from the file's address; empty if
    Material's script no longer reads as this expects."""
    rendered = env.get_template("material/partials/javascripts/base.html").render(
        config=config, base_url=_ROOT
    )
    found = _SCRIPT.search(rendered)
    script = found.group(1).strip() if found else ""
    relative = f'new URL("{_ROOT}",location)'
    if script.count(relative) != 1:
        return ""
    return script.replace(relative, _FROM_FILE) + ";\n"


def holds_scope(script: str) -> bool:
    """Whether the palette's file (``script``) sets Material's scope."""
    return _FROM_FILE in script


def palette_script(env: jinja2.Environment, config: MkDocsConfig) -> str:
    """The file's text: Material's palette form (``partials/palette.html``, when the site has
    palettes to choose from), inserted before the script's own element, then Material's
    palette script (``partials/javascripts/palette.html``); first Material's storage script
    where ``scope_in_file``."""
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
    scope = scope_script(env, config) if scope_in_file(config) else ""
    return scope + insert + script + "\n"
