"""What machines read in a page's head: schema.org JSON-LD, Open Graph and Twitter cards.

Search engines, link previews and citation tools read these instead of the visible page, so
an article says what it is (a ``NewsArticle`` based on an original, by its authors, published
by its source, about its actors and places) and a term page says whose articles it lists.
Every page of an archive carries these, so each says a thing once: an article names its
terms and places (their coordinates are on each place's own page), its summary, cut to what
a result shows, is the ``description`` meta tag (which link previews read where Open Graph
gives none), and a term page counts its articles, whose links
are the page itself (Google reads an ``ItemList`` of pages only for courses, films, recipes
and restaurants).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..indexing.archive import Archive
from ..model.article import Article
from ..model.taxonomy import Taxonomy
from ..model.term import Term
from ..planning.pagination import Pager
from .feeds import feed_links
from .open_data import listed_taxonomies
from .site_identity import Site

SCHEMA = "https://schema.org"
# Which property of a NewsArticle lists a taxonomy's terms; places are its contentLocation.
_ARTICLE_PROPERTY = {"actors": "mentions"}
_DEFAULT_PROPERTY = "about"
_PERSON_KINDS = frozenset({"person"})
_ORGANIZATION_KINDS = frozenset(
    {
        "organisation",
        "organization",
        "armed group",
        "military",
        "state",
        "state body",
        "government",
        "party",
        "company",
        "media",
        "news agency",
        "newspaper",
        "news website",
        "broadcaster",
        "magazine",
    }
)
# JSON text inside <script> must not contain what could end the element or start markup.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


@dataclass(frozen=True)
class PageMeta:
    """The head tags of one page, as plain values; the renderer escapes them."""

    title: str
    site_name: str
    description: str = ""
    type: str = "website"
    feeds: Sequence[tuple[str, str]] = field(default_factory=tuple)
    json_ld: str = ""
    """Script-safe JSON text (see `script_json`), or empty."""


DESCRIPTION_LENGTH = 160
"""Characters of a page's description in its head: about what search engines and link
previews show of it, on every page, so not the whole summary."""


def brief(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """``text`` cut after its last whole word within ``length`` characters, with an
    ellipsis; as it is if it is that short."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if text[length - 1] != " " and " " in cut:  # a word cut short
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.…") + "…"


def script_json(value: Any) -> str:
    """JSON for a ``<script>`` element: ``</script>`` in a title cannot end the element, and
    ``json.loads`` of the text still gives back every character."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def article_meta(archive: Archive, site: Site, article: Article) -> PageMeta:
    return PageMeta(
        title=article.title,
        site_name=site.name,
        description=brief(article.summary),
        type="article",
        json_ld=script_json(news_article(archive, site, article)),
    )


def term_meta(
    archive: Archive, site: Site, taxonomy: Taxonomy, term: Term, pager: Pager[Article], title: str
) -> PageMeta:
    description = term.description or (
        f"Every article of {site.name} filed under the {taxonomy.singular} {term.name}."
    )
    return PageMeta(
        title=title,
        site_name=site.name,
        description=brief(description),
        feeds=feed_links(archive, site, term),
        json_ld=script_json(collection_page(site, taxonomy, term, pager, title, description)),
    )


def page_meta(
    archive: Archive,
    site: Site,
    *,
    path: str,
    title: str,
    description: str = "",
    offers_feeds: bool = False,
) -> PageMeta:
    """Any other page: the home page, lists, hand-written pages."""
    return PageMeta(
        title=title,
        site_name=site.name,
        description=brief(description or site.description),
        feeds=feed_links(archive, site) if offers_feeds else (),
    )


def news_article(archive: Archive, site: Site, article: Article) -> dict[str, Any]:
    """The article as a schema.org ``NewsArticle``: this page is an archived copy of, and
    ``isBasedOn``, the original, which its source published."""
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published_iso,
        "isBasedOn": article.url,
    }
    # No "url" (the page's canonical link gives it) and "inLanguage" only where the
    # article's language is not the page's: bytes on every one of tens of thousands of pages.
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    source = archive.source_of(article)
    if source is not None:
        data["publisher"] = _organization(source)
    if article.language and article.language != site.language:
        data["inLanguage"] = article.language
    for taxonomy in listed_taxonomies(archive) if archive.settings.json_ld_terms else ():
        terms = archive.article_terms(article, taxonomy.name)
        if not terms:
            continue
        if _is_places(taxonomy):
            key = "contentLocation"
        else:
            key = _ARTICLE_PROPERTY.get(taxonomy.name, _DEFAULT_PROPERTY)
        data.setdefault(key, []).extend(thing(taxonomy, term, details=False) for term in terms)
    return data


def collection_page(
    site: Site,
    taxonomy: Taxonomy,
    term: Term,
    pager: Pager[Article],
    title: str,
    description: str,
) -> dict[str, Any]:
    """A term page as a ``CollectionPage`` about the term, with the number of its articles."""
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "CollectionPage",
        "name": title,
        "description": description,
        "about": thing(taxonomy, term),
        "isPartOf": _website(site),
        "mainEntity": {"@type": "ItemList", "numberOfItems": pager.total},
    }
    url = site.absolute(pager.path)
    if url:
        data["url"] = url
    return data


def thing(taxonomy: Taxonomy, term: Term, details: bool = True) -> dict[str, Any]:
    """A term as the most precise schema.org type its registry entry allows; a place's
    coordinates and country only with ``details`` (on its own page)."""
    if taxonomy.single:
        return _organization(term)
    if _is_places(taxonomy):
        data = {"@type": "Place", "name": term.name}
        if details and term.coordinates is not None:
            lat, lon = term.coordinates
            data["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        if details and term.country:
            data["address"] = {"@type": "PostalAddress", "addressCountry": term.country}
    elif term.kind in _PERSON_KINDS:
        data = {"@type": "Person", "name": term.name}
    elif term.kind in _ORGANIZATION_KINDS:
        data = {"@type": "Organization", "name": term.name}
    else:
        data = {"@type": "Thing", "name": term.name}
    return _with_links(data, term)


def _organization(term: Term) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": term.name}
    if term.url:
        data["url"] = term.url
    return _with_links(data, term)


def _with_links(data: dict[str, Any], term: Term) -> dict[str, Any]:
    if term.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{term.wikidata}"
    return data


def _website(site: Site) -> dict[str, Any]:
    data = {"@type": "WebSite", "name": site.name}
    if site.url:
        data["url"] = site.url
    return data


def _is_places(taxonomy: Taxonomy) -> bool:
    return "coordinates" in taxonomy.extra_keys
