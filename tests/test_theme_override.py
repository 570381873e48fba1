"""The one template of Material the archive overrides, partials/header.html, is Material's
own with two changes: the next Material release that changes its header fails this test
instead of losing its change on our sites, silently."""

from __future__ import annotations

import difflib
from pathlib import Path

import material

from conftest import REPO

OURS = REPO / "plugins/news_archive/theme/partials/header.html"
THEIRS = Path(material.__file__).parent / "templates/partials/header.html"

# Every line the override adds (+) or drops (-), in order: a note on what it is, the site's
# name escaped like every other text, and the archive's search box in place of Material's.
EXPECTED = [
    "-  This file was automatically generated - do not edit",
    "+  news-archive: Material for MkDocs' partials/header.html (9.x) with two changes, marked",
    '+  "news-archive:" below; tests/test_theme_override.py checks that nothing else differs.',
    "-            {{ config.site_name }}",
    "+            {#- news-archive: the site name escaped, like every other text. -#}",
    "+            {{ config.site_name | e }}",
    "+    {#- news-archive: the archive's own search page replaces Material's search. -#}",
    '+    {% include "partials/news-archive-search.html" %}',
]


def test_the_header_differs_from_the_installed_materials_only_by_our_two_changes() -> None:
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
