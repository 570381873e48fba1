"""The pages the archive renders itself, which MkDocs need not convert from Markdown."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class GeneratedPage(Page):
    """A term, archive or list page: an empty Markdown file, rendered in ``on_page_context``.

    For every page MkDocs makes a new Markdown converter with every extension in mkdocs.yml;
    an archive has tens of thousands of these pages, and their Markdown converts to nothing.
    So nothing is converted, unless another plugin has written some Markdown into the page.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown:
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()
