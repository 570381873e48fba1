"""Contributed HTML made harmless: an allow-list sanitiser for article bodies.

Article bodies are Markdown, and Markdown lets raw HTML through. Whatever a contributor writes
there is rendered, then cleaned by ammonia (through nh3) with an allow-list: formatting, links,
images, tables and figures stay; scripts, styles, event handlers, frames, objects, forms and
any URL that is not http(s), mailto or relative go. Maintainers who trust their contributors
can turn it off (``trust_article_html: true``).

The theme and the archive's scripts find their own elements by ``id`` (Material reads its
settings from ``#__config``), and a browser finds an element by ``id`` or ``name`` before a
later one of the same name: a body that could set either would stand in for them ("DOM
clobbering"). So, as GitHub does, every ``id`` of a body gets ``ID_PREFIX``, same-page links
(``href="#x"``) follow it, and ``name`` is not allowed at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import nh3

ID_PREFIX = "user-content-"
"""Put before every ``id`` of an article's body; nothing the theme or the archive reads
starts with it."""

# ammonia's default allow-list, plus what Markdown extensions and Material put on elements.
_ATTRIBUTES: dict[str, set[str]] = {
    tag: set(attributes) for tag, attributes in nh3.ALLOWED_ATTRIBUTES.items()
}
_ATTRIBUTES["*"] = _ATTRIBUTES.get("*", set()) | {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["img"] = _ATTRIBUTES.get("img", set()) | {"loading"}
_ATTRIBUTES["th"] = _ATTRIBUTES.get("th", set()) | {"scope"}
_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """``html`` with only allow-listed elements, attributes and URL schemes left, and its
    ids moved under ``ID_PREFIX``."""
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        attribute_filter=_namespace_ids,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def prefixed_id(value: str) -> str:
    """``value`` under ``ID_PREFIX`` (once: a link copied from the published page keeps
    working)."""
    return value if value.startswith(ID_PREFIX) else ID_PREFIX + value


def _namespace_ids(tag: str, attribute: str, value: str) -> str | None:
    """Called by ammonia for each allowed attribute while it parses, so it costs no second
    pass over the body."""
    if attribute == "id":
        return prefixed_id(value) if value else None
    if attribute == "headers":  # a table cell names its header cells by id
        return " ".join(prefixed_id(name) for name in value.split())
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        return "#" + prefixed_id(value[1:])
    return value


class TocEntry(Protocol):
    """A table-of-contents entry as MkDocs makes it (``AnchorLink``): an id and children."""

    id: str
    children: list[TocEntry]


def prefix_toc(entries: Iterable[TocEntry]) -> None:
    """The table of contents links to the headings by id; the sanitised body's ids are
    prefixed, so its links are too (MkDocs checks anchors on the ids it converted, so an
    article's links to its own sections still pass ``--strict``)."""
    for entry in entries:
        entry.id = prefixed_id(entry.id)
        prefix_toc(entry.children)
