"""Placing the tags machines read (feed links, Open Graph, JSON-LD) in a page's ``<head>``.

They are added to the finished HTML, just before ``</head>``, rather than through a block of
the theme's templates: that works with any theme and needs no template override from the
site (Material's ``extrahead`` block is the site's to use, and other themes name theirs
differently). Everything inserted is rendered by an autoescaping template.
"""

from __future__ import annotations

import re

_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def insert_into_head(html: str, fragment: str) -> str:
    """``html`` with ``fragment`` before its first ``</head>``; unchanged if it has none."""
    found = _HEAD_END.search(html)
    if found is None or not fragment:
        return html
    return html[: found.start()] + fragment + html[found.start() :]
