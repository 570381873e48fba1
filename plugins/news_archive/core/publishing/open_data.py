"""The archive as open data: JSON, GeoJSON and CSV files for scripts and researchers.

Each file is text that depends on the content only: keys sorted, lists in the archive's own
orders (articles newest first, terms alphabetical), UTF-8 without escapes, a final newline.
So two builds of the same content give the same bytes, and a diff of two versions shows
exactly what changed. The Data page (``content/data.md``) documents every field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from ..indexing.archive import Archive
from ..indexing.places import feature_collection
from ..model.article import Article
from ..model.taxonomy import Taxonomy
from ..model.term import Term
from .feeds import publishes_feeds
from .site_identity import Site

API_DIR = "api"
CSV_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def data_files(archive: Archive, site: Site) -> Iterator[tuple[str, Callable[[], str]]]:
    """``(site path, maker of its text)`` of every data file: made one at a time, each
    file is let go once written (the articles' file is tens of megabytes at 50,000)."""
    yield f"{API_DIR}/articles.json", partial(articles_json, archive, site)
    if archive.settings.data_csv:
        yield f"{API_DIR}/articles.csv", partial(articles_csv, archive, site)
    for taxonomy in archive.settings.taxonomies:
        yield f"{API_DIR}/{taxonomy.name}.json", partial(taxonomy_json, archive, site, taxonomy)
        if "coordinates" in taxonomy.extra_keys:
            geojson = partial(taxonomy_geojson, archive, site, taxonomy)
            yield f"{API_DIR}/{taxonomy.name}.geojson", geojson


def dumps(value: dict[str, Any]) -> str:
    """JSON with one record per line: a diff between two builds shows the records that
    changed, and Python's fast encoder writes each line (``indent`` would take its slow
    one, seconds at 10,000 articles). Inside a record no spaces: a script reads the same
    data, and the articles' file is the largest the archive publishes."""
    lines = []
    for key, item in sorted(value.items()):
        name = _compact(key)
        if isinstance(item, list) and item:
            records = ",\n".join(f"    {_compact(record)}" for record in item)
            lines.append(f"  {name}: [\n{records}\n  ]")
        else:
            lines.append(f"  {name}: {_compact(item)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def articles_json(archive: Archive, site: Site) -> str:
    names = archive.settings.data_term_names
    records = [article_record(archive, site, a, names=names) for a in archive.articles]
    return dumps({"articles": records})


def article_record(
    archive: Archive, site: Site, article: Article, *, names: bool = True
) -> dict[str, Any]:
    """An article's metadata as ``articles.json`` lists it. What every record would repeat
    is left out, as the Data page says: its full address (the site's address and ``path``
    make it), a ``published`` time it does not have, authors it does not name; without
    ``names``, its source and terms are their slugs (``api/<taxonomy>.json`` has the rest,
    and a term's name would be repeated in every article that names it)."""
    ref = _ref if names else _slug
    source = archive.source_of(article)
    record: dict[str, Any] = {
        "title": article.title,
        "date": article.date.isoformat(),
        "source": ref(source) if source else None,
        "url": article.url,
        "path": article.site_path,
        "summary": article.summary,
        "language": article.language or site.language or None,
        "terms": {
            taxonomy.name: [ref(t) for t in archive.article_terms(article, taxonomy.name)]
            for taxonomy in listed_taxonomies(archive)
        },
    }
    if article.published:
        record["published"] = article.published.isoformat()
    if article.authors:
        record["authors"] = list(article.authors)
    return record


def listed_taxonomies(archive: Archive) -> list[Taxonomy]:
    """The taxonomies listed per article; the single one (the source) has a field of its own."""
    return [t for t in archive.settings.taxonomies if not t.single]


def taxonomy_json(archive: Archive, site: Site, taxonomy: Taxonomy) -> str:
    return dumps(
        {
            "taxonomy": {
                "name": taxonomy.name,
                "field": taxonomy.field,
                "title": taxonomy.title,
                "singular": taxonomy.singular,
            },
            "terms": [
                term_record(archive, site, taxonomy, term)
                for term in archive.terms_in(taxonomy.name)
            ],
        }
    )


def term_record(archive: Archive, site: Site, taxonomy: Taxonomy, term: Term) -> dict[str, Any]:
    """A term's registry data (the fields its taxonomy has; empty ones null), its count, links."""
    record: dict[str, Any] = {
        "slug": term.slug,
        "name": term.name,
        "registered": term.registered,
        "aliases": list(term.aliases),
        "kind": term.kind or None,
        "description": term.description or None,
        "wikidata": term.wikidata or None,
        "articles": archive.count(term),
        "path": term.path,
        "page_url": site.absolute(term.path),
        "feed_url": site.absolute(site.feed_path(term.path))
        if publishes_feeds(archive, site)
        else None,
    }
    if "country" in taxonomy.extra_keys:
        record["country"] = term.country or None
    if "url" in taxonomy.extra_keys:
        record["url"] = term.url or None
    if "coordinates" in taxonomy.extra_keys:
        record["coordinates"] = (
            {"lat": term.coordinates[0], "lon": term.coordinates[1]} if term.coordinates else None
        )
    return record


def taxonomy_geojson(archive: Archive, site: Site, taxonomy: Taxonomy) -> str:
    """The taxonomy's terms that have coordinates, as GeoJSON (``indexing/places.py``), with
    every registered place, named by an article or not."""
    points = (
        (
            term,
            {
                "slug": term.slug,
                "name": term.name,
                "kind": term.kind or None,
                "country": term.country or None,
                "wikidata": term.wikidata or None,
                "articles": archive.count(term),
                "path": term.path,
                "page_url": site.absolute(term.path),
            },
        )
        for term in archive.terms_in(taxonomy.name)
        if term.coordinates is not None
    )
    return dumps(feature_collection(points, with_ids=True))


def articles_csv(archive: Archive, site: Site) -> str:
    """One row per article, newest first; a column per taxonomy, names joined by ``; ``."""
    taxonomies = listed_taxonomies(archive)
    columns = [
        "title",
        "date",
        "published",
        "source",
        "url",
        "archive_url",
        "authors",
        "summary",
        "language",
        *(t.name for t in taxonomies),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for article in archive.articles:
        record = article_record(archive, site, article)
        row = [
            record["title"],
            record["date"],
            record.get("published", ""),
            record["source"]["name"] if record["source"] else "",
            record["url"],
            site.absolute(article.site_path) or "",
            CSV_SEPARATOR.join(record.get("authors", ())),
            record["summary"],
            record["language"] or "",
            *(CSV_SEPARATOR.join(t["name"] for t in record["terms"][x.name]) for x in taxonomies),
        ]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _cell(text: str) -> str:
    """Contributed text that a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _ref(term: Term) -> dict[str, str]:
    return {"slug": term.slug, "name": term.name}


def _slug(term: Term) -> str:
    return term.slug
