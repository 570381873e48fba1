"""Contributed HTML made harmless: an allow-list sanitiser for article bodies.

Article bodies are Markdown, and Markdown lets raw HTML through. Whatever a contributor writes
there is rendered, then cleaned by ammonia (through nh3) with an allow-list: formatting, links,
images, tables and figures stay; scripts, styles, event handlers, frames, objects, forms and
any URL that is not http(s), mailto or relative go. Maintainers who trust their contributors
can turn it off (``trust_article_html: true``).
"""

from __future__ import annotations

import nh3

# ammonia's default allow-list, plus what Markdown extensions and Material put on elements.
_ATTRIBUTES: dict[str, set[str]] = {
    tag: set(attributes) for tag, attributes in nh3.ALLOWED_ATTRIBUTES.items()
}
_ATTRIBUTES["*"] = _ATTRIBUTES.get("*", set()) | {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["img"] = _ATTRIBUTES.get("img", set()) | {"loading"}
_ATTRIBUTES["th"] = _ATTRIBUTES.get("th", set()) | {"scope"}
_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """``html`` with only allow-listed elements, attributes and URL schemes left."""
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
