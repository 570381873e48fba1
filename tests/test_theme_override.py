"""The templates of Material the archive overrides are Material's own with our changes: the
header (partials/header.html) line for line, and the blocks of base.html that our base.html
replaces. The next Material release that changes them fails this test instead of losing its
change on our sites, silently."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material

from conftest import REPO

THEME = REPO / "plugins/news_archive/theme"
MATERIAL = Path(material.__file__).parent / "templates"
OURS = THEME / "partials/header.html"
THEIRS = MATERIAL / "partials/header.html"
# Material's blocks of base.html as they were when our base.html was written from them.
ADAPTED_BLOCKS = REPO / "tests/golden/material-base-blocks.html"

# Every line the override adds (+) or drops (-), in order: a note on what it is, the tabs as
# the only navigation where they hold it all, the site's name escaped like every other
# text, and the archive's search box in place of Material's.
EXPECTED = [
    "-  This file was automatically generated - do not edit",
    "+  news-archive: Material for MkDocs' partials/header.html (9.x) with three changes, marked",
    '+  "news-archive:" below; tests/test_theme_override.py checks that nothing else differs.',
    "+{#- news-archive: when the tabs hold the whole navigation (theme/base.html), they show on",
    "+    phones too, and the drawer's button only on a page with a table of contents"
    " (archive.css). -#}",
    '+{% set tabs_hold_nav = "navigation.tabs" in features'
    ' and not (nav.items | selectattr("children") | list) %}',
    "+{% if tabs_hold_nav %}",
    '+  {% set class = class ~ " na-tabs-nav" %}',
    "+{% endif %}",
    '-    <label class="md-header__button md-icon" for="__drawer">',
    '+    <label class="md-header__button md-icon'
    '{{ \' na-drawer-button\' if tabs_hold_nav }}" for="__drawer">',
    "-            {{ config.site_name }}",
    "+            {#- news-archive: the site name escaped, like every other text. -#}",
    "+            {{ config.site_name | e }}",
    "+    {#- news-archive: the archive's own search page replaces Material's search. -#}",
    '+    {% include "partials/news-archive-search.html" %}',
]


def test_the_header_differs_from_the_installed_materials_only_by_our_changes() -> None:
    ours = OURS.read_text(encoding="utf-8").splitlines()
    theirs = THEIRS.read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == EXPECTED, (
        f"{THEIRS} changed: copy it over {OURS} and make our two changes again"
        " (the lines marked news-archive:)"
    )


def blocks(template: str) -> dict[str, str]:
    """The top-level blocks of a Jinja template, by name (Material's are not nested)."""
    found = re.finditer(r"[ ]*\{% block (\w+) %\}.*?\{% endblock %\}", template, re.S)
    return {match.group(1): match.group() for match in found}


def test_our_base_replaces_blocks_of_materials_base_as_we_adapted_them() -> None:
    ours = blocks((THEME / "base.html").read_text(encoding="utf-8"))
    theirs = blocks((MATERIAL / "base.html").read_text(encoding="utf-8"))
    adapted = blocks(ADAPTED_BLOCKS.read_text(encoding="utf-8"))
    assert sorted(ours) == sorted(adapted) == ["config", "site_nav"]
    for name in ours:
        assert theirs.get(name) == adapted[name], (
            f"{MATERIAL / 'base.html'}: Material's block {name} changed: make its change in"
            f" our {THEME / 'base.html'} too, then copy the block into {ADAPTED_BLOCKS}"
        )
