"""The sitemap: every published page's address and date, for search engines.

The sitemaps protocol (https://www.sitemaps.org/protocol.html) caps one sitemap at 50,000
addresses and 50 MB. An archive passes the first cap at about 28,000 articles, because term
and archive pages come with them, and search engines reject a sitemap over it. Up to the cap
the site keeps the single ``sitemap.xml`` MkDocs writes (Material's instant loading reads its
addresses); past it, ``sitemap.xml`` becomes an index of numbered sitemaps under
``sitemaps/``, so the address search engines were given keeps working. Material's instant
loading then finds no page in it and follows links as ordinary page loads, which is also what
a reader wants rather than downloading the addresses of the whole site first.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
PART_DIR = "sitemaps"
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
    """``(site path, bytes)`` of the sitemap (and its parts), plus ``sitemap.xml.gz``; the
    same entries give the same bytes, in any order. ``base_url`` ends with ``/``."""
    ordered = sorted(set(entries))
    if len(ordered) <= limit:
        files = [(SITEMAP, _urlset(ordered))]
    else:
        parts = {
            f"{PART_DIR}/sitemap-{number}.xml": ordered[start : start + limit]
            for number, start in enumerate(range(0, len(ordered), limit), start=1)
        }
        index = [SitemapEntry(base_url + name, _newest(part)) for name, part in parts.items()]
        files = [(SITEMAP, _index(index))]
        files += [(name, _urlset(part)) for name, part in parts.items()]
    # Compressed with no file name and no time in its header, so that builds stay identical.
    files.append((f"{SITEMAP}.gz", gzip.compress(files[0][1], mtime=0)))
    return files


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
