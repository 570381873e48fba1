"""RSS 2.0 feeds: the latest articles of the whole archive and of every term.

The XML is written by feedgen, which escapes every value for XML; this module decides what
goes in. A title or a description is HTML to feed readers (RSS says so of ``description``,
and readers guess at titles), so an article's plain text goes in HTML-escaped: a summary
written as ``<img src=x onerror=...>`` reaches a reader as those characters, never as a tag.
Nothing in a feed comes from the build machine: dates come from the articles, so the same
content always gives the same bytes, and a GUID comes from the article's original address,
which the archive keeps unique, so readers never see an article twice.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from feedgen.entry import FeedEntry
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from ..indexing.archive import Archive
from ..model.article import Article
from ..model.taxonomy import Taxonomy
from ..model.term import Term
from .site_identity import Site, source_date_epoch

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Characters XML 1.0 cannot carry at all; a YAML escape can put them in a title.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Feed:
    """One feed: where it lives, the page it belongs to, and its newest articles."""

    path: str
    page_path: str
    title: str
    description: str
    articles: Sequence[Article]
    categories: bool = True
    """Each item lists its article's terms as ``<category>`` elements."""


def site_feed(archive: Archive, site: Site) -> Feed:
    return Feed(
        site.feed_path(),
        "",
        site.name,
        site.description or f"The latest articles of {site.name}.",
        archive.articles[: archive.settings.feed_items],
    )


def term_feed(archive: Archive, site: Site, taxonomy: Taxonomy, term: Term) -> Feed:
    articles = archive.articles_of.get(term.key, [])
    return Feed(
        site.feed_path(term.path),
        term.path,
        term_feed_title(site, term),
        term.description
        or f"The latest articles of {site.name} filed under the {taxonomy.singular} {term.name}.",
        articles[: term_feed_items(archive)],
        archive.settings.term_feed_categories,
    )


def term_feed_items(archive: Archive) -> int:
    """A term's feed is shorter than the site's: an article is in the feed of each of its
    terms, a dozen or more, so each item there is paid for many times over."""
    return min(archive.settings.feed_items, archive.settings.term_feed_items)


def term_feed_title(site: Site, term: Term) -> str:
    return f"{term.name} ({site.name})"


def publishes_feeds(archive: Archive, site: Site) -> bool:
    """Feeds need absolute links, so a site without a url has none; ``feed_items: 0`` too."""
    return bool(site.url) and archive.settings.feed_items > 0


def plan_feeds(archive: Archive, site: Site) -> Iterator[Feed]:
    """The site's feed (``feed_items`` articles), then one per term page (``term_feed_items``)."""
    if not publishes_feeds(archive, site):
        return
    yield site_feed(archive, site)
    for taxonomy in archive.settings.taxonomies:
        for term in archive.terms_in(taxonomy.name):
            yield term_feed(archive, site, taxonomy, term)


def last_change(archive: Archive, environ: Mapping[str, str]) -> dt.datetime | None:
    """When the archive last changed: its newest article, or ``SOURCE_DATE_EPOCH`` if empty."""
    if archive.articles:
        return archive.articles[0].published_at
    return source_date_epoch(environ)


class FeedWriter:
    """Writes feeds as RSS 2.0 for one build.

    An article is carried by the site's feed and by the feed of each of its terms, often a
    dozen; its ``<item>`` is made once, as the XML text it has in any feed, and each feed is
    its channel (made by feedgen, without items) with those texts put in: the same bytes as
    feedgen's whole feed, without parsing each item into each feed's tree, which cost most
    of the time and memory (figures in ``benchmarks/RESULTS.md``).
    """

    def __init__(self, archive: Archive, site: Site, fallback_date: dt.datetime | None) -> None:
        if not site.url:
            raise ValueError("feeds need the site's url for their absolute links")
        self.archive = archive
        self.site = site
        self.fallback_date = fallback_date
        self._items: dict[tuple[str, bool], bytes] = {}
        self._namespaces: dict[str | None, str] | None = None

    def rss(self, feed: Feed) -> bytes:
        """The feed as XML. ``lastBuildDate`` is the newest article's date; an empty feed
        takes ``fallback_date`` (the whole archive's newest article, or
        ``SOURCE_DATE_EPOCH``), else the Unix epoch: never the clock, which would make every
        build different."""
        site = self.site
        generator = FeedGenerator()
        generator.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
        generator.title(html_text(feed.title))
        # feedgen takes the channel's <link> from the last link given: the self link goes first.
        generator.link(href=site.absolute(feed.path), rel="self", type="application/rss+xml")
        generator.link(href=site.absolute(feed.page_path), rel="alternate")
        generator.description(html_text(feed.description))
        if site.language:
            generator.language(site.language)
        newest = feed.articles[0].published_at if feed.articles else None
        generator.lastBuildDate(newest or self.fallback_date or EPOCH)
        channel = generator.rss_str(pretty=True)
        if self._namespaces is None:
            self._namespaces = etree.fromstring(channel).nsmap
        head, tail = channel.rsplit(_CHANNEL_END, 1)  # items go last in the channel
        items = b"".join(self._item_xml(article, feed.categories) for article in feed.articles)
        return b"".join((head, items, _CHANNEL_END, tail))

    def _item_xml(self, article: Article, categories: bool) -> bytes:
        """The article's ``<item>`` as feedgen writes it into a feed (indented, a line each)."""
        key = (article.path, categories)
        xml = self._items.get(key)
        if xml is None:
            root = etree.Element("rss", nsmap=self._namespaces)
            etree.SubElement(root, "channel").append(
                _item(article, self.archive, self.site, categories).rss_entry()
            )
            text = etree.tostring(root, encoding="UTF-8", pretty_print=True)
            start = text.index(_CHANNEL_START) + len(_CHANNEL_START)
            xml = self._items[key] = text[start : text.rindex(_CHANNEL_END)]
        return xml


_CHANNEL_START = b"<channel>\n"
_CHANNEL_END = b"  </channel>\n"


def _item(article: Article, archive: Archive, site: Site, categories: bool) -> FeedEntry:
    item = FeedEntry()
    # As ``load_extension("dc")`` does, without its failed import of a module for entries
    # (a search of every import path, for each of 20,000 items).
    item.register_extension("dc", DcEntryExtension, atom=False, rss=True)
    item.title(html_text(article.title))
    item.link(href=site.absolute(article.site_path))
    item.guid(xml_text(article.normal_url), permalink=False)
    item.pubDate(article.published_at)
    if article.summary:
        item.description(html_text(article.summary))
    for author in article.authors:
        item.dc.dc_creator(xml_text(author))
    if categories:
        # All at once: feedgen rebuilds its list of categories on every call.
        terms = [
            {"term": term.slug, "scheme": taxonomy.name, "label": xml_text(term.name)}
            for taxonomy in archive.settings.taxonomies
            for term in archive.article_terms(article, taxonomy.name)
        ]
        if terms:
            item.category(terms)
    return item


def xml_text(text: str) -> str:
    """``text`` without the few characters XML cannot hold (feedgen escapes the rest)."""
    return _NOT_XML.sub("", text)


def html_text(text: str) -> str:
    """Plain ``text`` as HTML that shows it (``<`` as ``&lt;``, ...), for the elements feed
    readers render as HTML; feedgen then escapes that for XML. Only ``& < >`` change, so a
    title holding none of them reads the same in a reader that shows it as plain text."""
    return html.escape(xml_text(text), quote=False)


def feed_links(archive: Archive, site: Site, term: Term | None = None) -> list[tuple[str, str]]:
    """``(title, absolute url)`` of the feeds a page offers: its term's first, then the site's."""
    if not publishes_feeds(archive, site):
        return []
    links = []
    if term is not None:
        links.append((term_feed_title(site, term), str(site.absolute(site.feed_path(term.path)))))
    links.append((site.name, str(site.absolute(site.feed_path()))))
    return links
