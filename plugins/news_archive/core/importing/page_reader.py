"""What a saved news page says about its article, read with trafilatura.

Trafilatura finds the main text (without navigation, advertisements or comments) and the
metadata news sites publish: Open Graph and ``article:*`` tags, JSON-LD ``NewsArticle``,
microdata, ``<meta name="author">``, canonical links. The few things it leaves out that the
archive uses, the page's language and a publisher named only in microdata, are read here.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin

import trafilatura
from lxml import html

from .markdown import markdown_from_tree
from .original import Original, link_problem

# Only dates the page states in its markup or address: a date found in running text is more
# often that of the events than of the publication, and a missing date is asked for instead.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


class PageError(ValueError):
    """The file is not a web page, or has no text to import."""


def read_page(data: bytes | str, url: str = "") -> Original:
    """The original article of a saved page; ``url`` is where the page was found, if known."""
    tree = trafilatura.load_html(data)
    if tree is None:
        raise PageError("this is not a web page (no HTML could be read)")
    language = _language(tree)
    publisher = _microdata_publisher(tree)
    keywords = _keywords(tree)
    found = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_links=True,
        include_formatting=True,
        include_tables=True,
        date_extraction_params=_DATE_SEARCH,
    )
    if found is None:
        raise PageError("no article text was found in this page")
    title = found.title or ""
    sitename = found.sitename or ""
    if not sitename or sitename.lower() == (found.hostname or "").lower():
        sitename = publisher  # trafilatura falls back on the host name; that is no name
    canonical = _address(url, found.url or "")
    return Original(
        title=title,
        date=found.date or "",
        authors=tuple(name for name in (found.author or "").split("; ") if name),
        publisher=sitename,
        url=canonical,
        text=markdown_from_tree(found.body, drop_heading=title),
        summary=found.description or "",
        language=language,
        keywords=tuple(dict.fromkeys([*(found.tags or ()), *keywords, *(found.categories or ())])),
    )


def _address(page_url: str, canonical: str) -> str:
    """The page's own address, when it states one that can be an article's."""
    if not canonical:
        return ""
    try:
        address = urljoin(page_url, canonical)
    except ValueError:  # a broken base or link, like https://[x/
        return ""
    return "" if link_problem(address) else address


def _language(tree: html.HtmlElement) -> str:
    """``<html lang>``, else ``og:locale``, ``inLanguage`` in JSON-LD, or Content-Language."""
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath("//meta[@property='og:locale']/@content"),
        *(v for v in _json_ld_values(tree, "inLanguage") if isinstance(v, str)),
        *tree.xpath(
            "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
            "='content-language']/@content"
        ),
    ]
    return next((c.strip() for c in candidates if isinstance(c, str) and c.strip()), "")


def _microdata_publisher(tree: html.HtmlElement) -> str:
    names = tree.xpath(
        "//*[@itemprop='publisher']//*[@itemprop='name']/@content"
        " | //*[@itemprop='publisher']//*[@itemprop='name']/text()"
    )
    return next((" ".join(str(n).split()) for n in names if str(n).strip()), "")


def _keywords(tree: html.HtmlElement) -> list[str]:
    """JSON-LD ``keywords``, a list or one comma-separated string (trafilatura skips them)."""
    found: list[str] = []
    for value in _json_ld_values(tree, "keywords"):
        items = value.split(",") if isinstance(value, str) else value
        if isinstance(items, list):
            found += [" ".join(item.split()) for item in items if isinstance(item, str)]
    return [keyword for keyword in found if keyword]


def _json_ld_values(tree: html.HtmlElement, key: str) -> list[object]:
    """The ``key`` of every JSON-LD object of the page, including those in an ``@graph``."""
    values = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                items.extend(item["@graph"])
            elif isinstance(item, dict) and key in item:
                values.append(item[key])
    return values
