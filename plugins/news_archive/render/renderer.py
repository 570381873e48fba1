"""The Jinja environment and the functions templates use: links, dates, counts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote_plus

import jinja2
import jinja2.ext
import pycountry
from markupsafe import Markup, escape

from ..core.caching.recall import NoRecall
from ..core.indexing.archive import Archive
from ..core.indexing.explore import Exploration
from ..core.indexing.timeline import Bucket
from ..core.model.article import Article
from ..core.model.term import Term
from ..core.model.text import reading_minutes
from ..core.model.urls import is_web_url, relative_url
from ..core.planning.letters import anchor, by_initial
from ..core.planning.pagination import page_path
from ..core.planning.site_plan import PlannedPage, month_name
from ..core.publishing.metadata import PageMeta
from .chart import Chart, bar_chart

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/news-archive/archive.css"
SEARCH_SCRIPT = "assets/news-archive/search.js"
MAP_SCRIPT = "assets/news-archive/map.js"
INSTANT_SCRIPT = "assets/news-archive/instant.js"
THEME_DIR = Path(__file__).parent.parent / "theme"
# An article in a list, in its forms: whole (with its summary), brief (without), a
# one-line row with its source (related articles) and one without it (``list_row``: the
# later pages of long lists, unless ``list_row_sources``). The renderer writes an anchor
# into the first tag, which each form's template must start with.
ITEM_TEMPLATES = {
    "item": "_item.html",
    "brief": "_item.html",
    "row": "_row.html",
    "list_row": "_row.html",
}
ITEM_STARTS = {
    "item": '<li class="na-item">',
    "brief": '<li class="na-item">',
    "row": "<li>",
    "list_row": "<li>",
}


# What only search reads in an article's header and after its text: Pagefind's attributes,
# the hidden filters and the other spellings of the article's terms. Every ``"``, ``<`` and
# ``>`` of the header's text is escaped, so no text matches.
_SEARCH_ONLY = re.compile(
    r'<span hidden data-pagefind-filter="[^"]*">[^<]*</span>\n?'
    r'|\n?<p class="na-aliases"[^>]*>[^<]*</p>'
    r'| data-pagefind-[a-z]+="[^"]*"'
    r"| data-pagefind-(?:body|ignore)(?=>)"
)
_TEXT_START = '<div class="na-article__text" id="na-article-text">\n'


def published_article(indexed: str, body_html: str) -> str:
    """An article as its page shows it, from what ``Renderer.article`` gives search: the same
    without Pagefind's attributes, hidden filters and the hidden other spellings of its terms,
    which only the index reads (it is fed this page's indexed copy, never the published one).
    ``body_html``, the contributor's text, is kept as it is, byte for byte."""
    start = indexed.index(_TEXT_START) + len(_TEXT_START)
    end = start + len(body_html)
    if indexed[start:end] != body_html:
        raise ValueError("the article's text is not where article.html puts it")
    head, tail = indexed[:start], indexed[end:]
    return _SEARCH_ONLY.sub("", head) + body_html + _SEARCH_ONLY.sub("", tail)


class Unindent(jinja2.ext.Extension):
    """Drops the templates' indentation, written for their readers, from every page.

    A line loses its indentation only where the page holds a line break just before it: a
    line break shows as the indentation did (one space between inline elements, nothing
    between blocks). After a tag (``{% ... %}``) whose line break ``trim_blocks`` removes,
    the indentation may be the only space between two words, and stays; so does a macro's
    first line. A line that is a lone tag prints nothing (``lstrip_blocks``, ``trim_blocks``)
    and changes nothing. The templates hold no ``<pre>`` or ``<textarea>``, where
    indentation would show.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        lines = source.split("\n")
        kept = [lines[0]]
        broke = _ends_in_text(lines[0])
        for line in lines[1:]:
            bare = line.strip()
            if bare.startswith(("{%-", "{{-", "{#-")):  # eats the line break before it
                broke = False
            if _LONE_TAG.fullmatch(bare) and "include" not in bare:
                kept.append(line)
                # A macro's (or a block's) first line follows what the caller printed.
                broke = broke and not _OPENS_BODY.match(bare)
                continue
            kept.append(line.lstrip(" \t") if broke else line)
            broke = _ends_in_text(line)
        return "\n".join(kept)


_LONE_TAG = re.compile(r"\{%[^%]*%\}")
_OPENS_BODY = re.compile(r"\{%[-+]?\s*(macro|call|block|filter)\b")


def _ends_in_text(line: str) -> bool:
    """Whether the line's own line break is printed (``trim_blocks`` removes it after a tag)."""
    return not line.rstrip().endswith(("%}", "#}"))


class Companion(NamedTuple):
    """One entry of a "most often named with" list, ready to print."""

    name: str
    href: str
    count: str
    words: str


class Renderer:
    """Renders planned pages and the parts added to articles and the home page."""

    def __init__(
        self, archive: Archive, *, feeds: bool = False, recall: NoRecall | None = None
    ) -> None:
        self.archive = archive
        self.explore = Exploration.of(archive, recall) if archive.settings.explore else None
        self._quotes: dict[str, str] = {}
        self._items: dict[tuple[str, str, str, str], Markup] = {}
        # Searches from a term's page cover the whole archive, not only its newest shard.
        sharded = len(archive.articles) > archive.settings.search_shard_size
        self.whole_archive = "&scope=all" if sharded else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=[Unindent],
        )
        self.env.filters.update(
            long_date=long_date,
            month_name=month_name,
            number=lambda n: f"{n:,}",
            web_url=lambda url: url if is_web_url(url) else None,
            country_name=country_name,
            by_initial=by_initial,
            anchor=anchor,
            reading_minutes=reading_minutes,
        )
        self.env.globals.update(
            archive=archive,
            settings=archive.settings,
            plural=plural,
            feeds=feeds,
            explore=self.explore,
            term_chart=self.term_chart,
            archive_chart=self.archive_chart,
            companion_links=self.companion_links,
            whole_archive=self.whole_archive,
        )

    def render(self, template: str, page_path: str, **context: Any) -> str:
        """Render ``template`` for the page at ``page_path``; links are made relative to it."""
        root = relative_url(page_path, "")

        def item(
            article: Article, heading: str = "h3", anchor: str | None = None, form: str = "item"
        ) -> Markup:
            return self.article_item(article, root, heading, anchor, form)

        return self.env.get_template(f"{template}.html").render(
            url=lambda target: relative_url(page_path, target),
            page_path=page_path,
            item=item,
            **context,
        )

    def article_item(
        self,
        article: Article,
        root: str,
        heading: str,
        anchor: str | None = None,
        form: str = "item",
    ) -> Markup:
        """An article in a list, for pages whose way to the site's root is ``root``, in one of
        ``ITEM_TEMPLATES``' forms; with an ``anchor``, the item carries it as its id (where a
        timeline's period starts).

        An article is listed on every page of its terms, its month and the latest articles,
        mostly at the same few depths: each depth's item is rendered once and kept, and an
        anchor is written into the kept item.
        """
        key = (article.path, root, heading, form)
        html = self._items.get(key)
        if html is None:
            html = self._items[key] = self._render_item(article, root, heading, form)
        if anchor is None:
            return html
        start = ITEM_STARTS[form]
        return Markup(f'{start[:-1]} id="na-{escape(anchor)}">') + html[len(start) :]

    def _render_item(self, article: Article, root: str, heading: str, form: str) -> Markup:
        template = self.env.get_template(ITEM_TEMPLATES[form])
        sources = form == "row" or (form == "list_row" and self.archive.settings.list_row_sources)
        html = template.render(
            article=article,
            root=root,
            heading=heading,
            summary=form == "item",
            source_named=sources,
        )
        if not html.startswith(ITEM_STARTS[form]):  # the anchor goes there
            raise ValueError(f"{ITEM_TEMPLATES[form]} must start with {ITEM_STARTS[form]}")
        return Markup(html)

    def page(self, planned: PlannedPage) -> str:
        return self.render(planned.template, planned.path, **planned.context)

    def article(self, article: Article, body_html: str) -> str:
        """The part of an article's page that search indexes: its header, ``body_html`` (the
        Markdown rendered by MkDocs) and the other spellings of its terms."""
        return self.render("article", article.site_path, article=article, body=Markup(body_html))

    def published_article(self, indexed: str, body_html: str) -> str:
        """``article``'s output as the page shows it: without what only search reads (see
        ``published_article``)."""
        return published_article(indexed, body_html)

    def article_footer(self, article: Article) -> str:
        """What follows the indexed part of an article's page: its related articles."""
        related = self.archive.related.get(article.path, ())
        return self.render("article_footer", article.site_path, article=article, related=related)

    def home(self, page_path: str = "") -> str:
        return self.render("home", page_path)

    def head(self, meta: PageMeta) -> str:
        """Tags for the page's ``<head>``: feed links, Open Graph, Twitter card, JSON-LD."""
        return self.env.get_template("head.html").render(meta=meta)

    def term_chart(self, term: Term, page: str) -> Chart | None:
        """The term's timeline; a bar leads to where its period starts in the term's list."""
        assert self.explore is not None
        sizes = self.archive.settings.list_sizes
        base = relative_url(page, term.path)

        def href(bucket: Bucket) -> str:
            number = sizes.number_of(bucket.first)
            target = base if number == 1 else f"{base}{page_path('', number)}"
            return f"{target}#na-{bucket.key}"

        return bar_chart(self.explore.timeline_of(term), href, f"naming {term.name}")

    def archive_chart(self, page: str) -> Chart | None:
        """The whole archive's timeline; a bar leads to its month's (or year's) archive page."""
        assert self.explore is not None

        def href(bucket: Bucket) -> str:
            period = f"{bucket.year}/{bucket.month:02d}/" if bucket.month else f"{bucket.year}/"
            return relative_url(page, f"archive/{period}")

        return bar_chart(self.explore.archive_timeline, href, "in the archive")

    def companion_links(self, term: Term, page: str) -> list[tuple[str, list[Companion]]]:
        """The term's companions by taxonomy, each linking to the search for both terms.

        Values of one filter are alternatives on the search page; ``match=all`` asks for
        articles that have all of them, for two actors or two places. Without search, a
        companion links to its own page.
        """
        assert self.explore is not None
        settings = self.archive.settings
        root = relative_url(page, "")
        search = f"{root}search/" if settings.search else None
        own = settings.taxonomy(term.taxonomy).filter_name
        mine = f"{own}={self._quoted(term.name)}"
        lists = []
        for name, pairs in self.explore.companions_of(term).items():
            if not pairs:
                continue
            taxonomy = settings.taxonomy(name)
            both = "&match=all" if taxonomy.filter_name == own else ""
            entries = []
            for partner, count in pairs:
                words = f"{count:,} articles naming both" if count > 1 else "1 article naming both"
                if search is None:
                    href = f"{root}{partner.path}"
                else:
                    other = self._quoted(partner.name)
                    pair = f"{mine}&{taxonomy.filter_name}={other}{both}"
                    href = f"{search}?{pair}{self.whole_archive}"
                entries.append(Companion(partner.name, href, f"{count:,}", words))
            lists.append((taxonomy.title, entries))
        return lists

    def _quoted(self, name: str) -> str:
        """A name as a URL query value; a popular name is quoted once, not on every page."""
        quoted = self._quotes.get(name)
        if quoted is None:
            quoted = self._quotes[name] = quote_plus(name)
        return quoted

    @staticmethod
    def asset(name: str) -> str:
        """A file shipped with the plugin (stylesheet, script) to publish as is."""
        return (ASSETS / name).read_text(encoding="utf-8")


def long_date(date: dt.date) -> str:
    """``17 September 2017``: the same on every machine, whatever its locale."""
    return f"{date.day} {month_name(date.month)} {date.year}"


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", code)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"
