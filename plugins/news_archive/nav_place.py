"""Where a page outside the navigation belongs in it, so that the theme marks that tab.

Material highlights the tab whose page (or section) is ``active``; MkDocs makes only the page
being rendered active, and articles, term pages and the archive's months are not in the
navigation. Each such page lights the navigation page whose folder holds it (a term's page
its taxonomy's index, a month its archive), and an article the archive's page.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

ARTICLES = "articles/"
ARCHIVE = "archive/"


class NavPlace:
    """The navigation's pages by the folder they index; lights one tab at a time."""

    def __init__(self, nav: Navigation) -> None:
        self.nav = nav  # for a page rendered alone under ``serve --dirty`` (served_alone.py)
        self.by_folder: dict[str, Page] = {}
        for page in nav.pages:
            folder = page.file.src_uri.rpartition("/")[0]
            if folder and page.file.src_uri.endswith("index.md"):
                self.by_folder.setdefault(folder + "/", page)
        self.in_nav = {page.file.src_uri for page in nav.pages}
        self.lit: Page | None = None

    def light(self, page: Page) -> None:
        """Mark the tab ``page`` belongs to as active, until `put_out`."""
        self.put_out()
        if page.file.src_uri in self.in_nav:
            return  # MkDocs marks it itself
        folder = page.file.src_uri.rpartition("/")[0] + "/"
        if folder.startswith(ARTICLES):
            folder = ARCHIVE
        while folder:
            found = self.by_folder.get(folder)
            if found is not None:
                found.active = True
                self.lit = found
                return
            folder = folder[:-1].rpartition("/")[0] + "/" if "/" in folder[:-1] else ""

    def put_out(self) -> None:
        if self.lit is not None:
            self.lit.active = False
            self.lit = None
