"""The sitemaps: a small one Material's instant loading reads, a full one for search engines.

Material's instant loading downloads ``sitemap.xml`` on every reader's first visit and loads
in place only the pages it lists, by exact address: listing the archive there would make
every reader download the addresses of the whole site (megabytes at tens of thousands of
articles) before any click. So ``sitemap.xml`` lists only the home page, the same few bytes
at any size, and the archive's own script (``render/assets/instant.js``) hands every other
link to a page of the site to Material's instant loading.

Search engines get every page in ``sitemap-all.xml``, announced in ``robots.txt``. The
sitemaps protocol (https://www.sitemaps.org/protocol.html) caps one sitemap at 50,000
addresses and 50 MB, passed at about 28,000 articles because term and archive pages come
with them; past the cap ``sitemap-all.xml`` becomes an index of numbered parts. Every file
sits in the site's root folder, since a sitemap may only list addresses under its own
folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
"""Read by Material's instant loading on every first visit: the home page only."""
FULL_SITEMAP = "sitemap-all.xml"
"""Every page, for search engines (an index of ``sitemap-all-N.xml`` past ``URL_LIMIT``)."""
ROBOTS = "robots.txt"
URL_LIMIT = 50_000
"""Addresses per sitemap, the protocol's limit."""
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, order=True)
class SitemapEntry:
    """A page's address (absolute with a ``site_url``, from the root without) and the date
    of its content (``YYYY-MM-DD``), if it has one."""

    url: str
    lastmod: str | None = None


def sitemap_files(
    entries: Iterable[SitemapEntry], base_url: str, limit: int = URL_LIMIT
) -> list[tuple[str, bytes]]:
    """``(site path, bytes)`` of the readers' sitemap and the search engines' sitemap (and
    its parts); the same entries give the same bytes, in any order. ``base_url`` ends with
    ``/``."""
    ordered = sorted(set(entries))
    files = [(SITEMAP, _urlset([SitemapEntry(base_url)]))]
    if len(ordered) <= limit:
        return [*files, (FULL_SITEMAP, _urlset(ordered))]
    stem = FULL_SITEMAP.removesuffix(".xml")
    parts = {
        f"{stem}-{number}.xml": ordered[start : start + limit]
        for number, start in enumerate(range(0, len(ordered), limit), start=1)
    }
    index = [SitemapEntry(base_url + name, _newest(part)) for name, part in parts.items()]
    files.append((FULL_SITEMAP, _index(index)))
    return files + [(name, _urlset(part)) for name, part in parts.items()]


def robots_txt(site_url: str) -> bytes:
    """Crawling allowed everywhere, and where the full sitemap is: its address must be
    absolute, so a site without a ``site_url`` gets none. Search engines read ``robots.txt``
    only at a host's root; under a sub-path (a GitHub Pages project site) the full sitemap's
    address is given to them directly instead."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/{FULL_SITEMAP}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _newest(entries: Sequence[SitemapEntry]) -> str | None:
    return max((entry.lastmod for entry in entries if entry.lastmod), default=None)


def _urlset(entries: Sequence[SitemapEntry]) -> bytes:
    return _document("urlset", "url", entries)


def _index(entries: Sequence[SitemapEntry]) -> bytes:
    return _document("sitemapindex", "sitemap", entries)


def _document(root: str, element: str, entries: Sequence[SitemapEntry]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="{_NAMESPACE}">']
    for entry in entries:
        lastmod = f"<lastmod>{escape(entry.lastmod)}</lastmod>" if entry.lastmod else ""
        lines.append(f"<{element}><loc>{escape(entry.url)}</loc>{lastmod}</{element}>")
    lines.append(f"</{root}>\n")
    return "\n".join(lines).encode("utf-8")
