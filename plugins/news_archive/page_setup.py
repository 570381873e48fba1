"""What a page needs before MkDocs converts it: an escaped title, the framed template for
the pages the archive frames itself, and its date in the sitemap."""

from __future__ import annotations

from markupsafe import escape
from mkdocs.structure.pages import Page

from .core.model.article import Article
from .core.planning.site_plan import PlannedPage


def prepare_page(
    page: Page,
    article: Article | None,
    planned: PlannedPage | None,
    newest: str,
    framed_template: str | None,
) -> None:
    """``newest``: the newest article's date; ``framed_template``: the template of framed
    pages, when frames are on."""
    # Material prints page titles unescaped (in <title>, the header, the navigation of
    # every other page); titles are contributed text, so they are escaped here, once.
    if planned is not None:
        page.meta["title"] = str(escape(planned.title))
    elif article is not None:
        page.meta["title"] = str(escape(article.title))
    elif isinstance(page.meta.get("title"), str):
        page.meta["title"] = str(escape(page.meta["title"]))
    framed = article is not None or (planned is not None and not planned.in_nav)
    if framed and framed_template and not page.file.inclusion.is_excluded():
        page.meta["template"] = framed_template
    # The sitemap's dates come from the content, not the build machine's clock, so that the
    # same content always gives the same site.
    if article is not None:
        page.update_date = article.date.isoformat()
    elif newest:
        page.update_date = newest
