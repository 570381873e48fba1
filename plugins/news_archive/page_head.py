"""What goes into each page's head (``core/publishing/metadata.py``): an article's, a term
page's, or any other page's description, canonical address, feeds and structured data."""

from __future__ import annotations

from mkdocs.structure.pages import Page

from .core.indexing.archive import Archive
from .core.model.article import Article
from .core.planning.site_plan import PlannedPage
from .core.publishing.metadata import PageMeta, article_meta, page_meta, term_meta
from .core.publishing.site_identity import Site


def meta_of(
    page: Page,
    archive: Archive,
    site: Site,
    article: Article | None,
    planned: PlannedPage | None,
) -> PageMeta:
    """The head's metadata of ``page``: ``article`` or ``planned`` when it is one."""
    if article is not None:
        return article_meta(archive, site, article)
    if planned is not None and planned.template == "term":
        context = planned.context
        return term_meta(
            archive, site, context["taxonomy"], context["term"], context["pager"], planned.title
        )
    return page_meta(
        archive,
        site,
        path=page.url,
        title=planned.title if planned is not None else str(page.title or ""),
        description=str(page.meta.get("description") or ""),
        offers_feeds=page.is_homepage or (planned is not None and planned.template == "latest"),
    )
