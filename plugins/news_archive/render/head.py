"""Placing the tags machines read (feed links, Open Graph, JSON-LD) in a page's ``<head>``.

They are added to the finished HTML, just before ``</head>``, rather than through a block of
the theme's templates: that works with any theme and needs no template override from the
site (Material's ``extrahead`` block is the site's to use, and other themes name theirs
differently). Everything inserted is rendered by an autoescaping template.
"""

from __future__ import annotations

import re

_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
# A description tag as themes write it (MkDocs' own themes print the site's on every page).
_DESCRIPTION = re.compile(r"""<meta\s+name=["']?description["']?\s[^>]*>[ \t]*\n?""", re.I)


def insert_into_head(html: str, fragment: str) -> str:
    """``html`` with ``fragment`` before its first ``</head>``; unchanged if it has none. When
    ``fragment`` has the page's description, the theme's (the site's) goes: a page has one."""
    found = _HEAD_END.search(html)
    if found is None or not fragment:
        return html
    head = html[: found.start()]
    if _DESCRIPTION.search(fragment):
        head = _DESCRIPTION.sub("", head)
    return head + fragment + html[found.start() :]
