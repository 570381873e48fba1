"""Page numbers a list of articles no longer has, kept answering for bookmarks and links.

Lists used to hold ``per_page`` articles on every page; later pages now hold more
(``later_per_page``), so a long list has fewer pages. Each page number it had and no longer
has is a small page that sends the reader (and search engines, which it asks not to index
it) to the page now holding the articles that page started with.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import NamedTuple

from ..indexing.archive import Archive
from ..model.urls import relative_url
from ..planning.pagination import FormerPage, former_pages
from ..planning.site_plan import month_name
from .site_identity import Site


class MovedPage(NamedTuple):
    """A former page of a list: what its pointer page is made from."""

    path: str
    """The pointer's file in the site."""
    title: str
    former: FormerPage


def moved_pages(archive: Archive) -> Iterator[MovedPage]:
    """Every former page of every list of articles, in a stable order; nothing when later
    pages hold as many articles as the first."""
    settings = archive.settings
    now, before = settings.list_sizes, settings.former_list_sizes
    if now == before or not settings.former_pages:
        return
    lists: list[tuple[str, str, int]] = [("latest/", "Latest articles", len(archive.articles))]
    for taxonomy in settings.taxonomies:
        for term in archive.terms_in(taxonomy.name):
            lists.append((term.path, term.name, len(archive.articles_of.get(term.key, []))))
    for year, months in archive.by_month.items():
        for month, articles in months.items():
            title = f"Archive: {month_name(month)} {year}"
            lists.append((f"archive/{year}/{month:02d}/", title, len(articles)))
    for base, title, total in lists:
        for former in former_pages(base, total, now, before):
            yield MovedPage(f"{former.path}index.html", title, former)


def moved_page(site: Site, title: str, former: FormerPage) -> str:
    """The pointer page: it sends readers and search engines to the list's new page."""
    target = relative_url(former.path, former.target)
    where = f"{title}, page {former.target_number}" if former.target_number > 1 else title
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(site.language or "en")}">\n'
        '<head><meta charset="utf-8">\n'
        f"<title>{html.escape(title)} (page {former.number}): moved</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{html.escape(target)}">\n'
        f'<meta http-equiv="refresh" content="0; url={html.escape(target)}">\n'
        "</head>\n"
        f"<body><p>Pages of this list now hold more articles: the articles of page {former.number} "
        f'are on <a href="{html.escape(target)}">{html.escape(where)}</a>.</p></body>\n'
        "</html>\n"
    )
