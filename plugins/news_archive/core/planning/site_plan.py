"""The pages the archive adds to a site, planned from an `Archive` without rendering them."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..indexing.archive import Archive
from ..indexing.places import mapped_places
from .letters import letter_starts
from .pagination import paginate
from .search_layout import ShardPlan, plan_shards


@dataclass(frozen=True)
class PlannedPage:
    """A generated page: its site path, its plain-text title, and what to render it with."""

    path: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)
    in_nav: bool = False
    """Offered to the navigation (when mkdocs.yml has no ``nav``): the first page of a list."""

    @property
    def source_name(self) -> str:
        """The virtual Markdown file that stands for this page: ``tags/index.md``."""
        return f"{self.path}index.md"


def month_name(month: int) -> str:
    return calendar.month_name[month]


def plan_pages(archive: Archive) -> Iterator[PlannedPage]:
    """Every generated page, in a stable order; each list of articles is paginated."""
    settings = archive.settings
    for pager in paginate(
        "latest/", archive.articles, settings.list_sizes, compact_later=settings.compact_lists
    ):
        yield PlannedPage(
            pager.path,
            _titled("Latest articles", pager.number),
            "latest",
            {"pager": pager},
            in_nav=pager.number == 1,
        )
    for taxonomy in settings.taxonomies:
        terms = archive.terms_in(taxonomy.name)
        # A registered term no article names yet keeps its page, but is not listed as if
        # it had articles.
        listed = [term for term in terms if archive.count(term)]
        pagers = paginate(f"{taxonomy.name}/", listed, settings.index_per_page)
        letters = letter_starts(pagers)
        for pager in pagers:
            yield PlannedPage(
                pager.path,
                _titled(taxonomy.title, pager.number),
                "taxonomy_index",
                {
                    "taxonomy": taxonomy,
                    "pager": pager,
                    "letters": letters,
                    "unlisted": len(terms) - len(listed),
                },
                in_nav=pager.number == 1,
            )
        for term in terms:
            articles = archive.articles_of.get(term.key, [])
            for pager in paginate(
                term.path, articles, settings.list_sizes, compact_later=settings.compact_lists
            ):
                yield PlannedPage(
                    pager.path,
                    _titled(term.name, pager.number),
                    "term",
                    {"taxonomy": taxonomy, "term": term, "pager": pager},
                )
    if settings.search:
        shards = plan_shards(archive.articles, settings.search_shard_size)
        facets = search_facets(archive, shards)
        yield PlannedPage("search/", "Search", "search", {"facets": facets, "shards": shards})
    if settings.explore:
        yield PlannedPage("map/", "Map", "map", {"places": mapped_places(archive)}, in_nav=True)
    yield PlannedPage("archive/", "Archive", "archive", {}, in_nav=True)
    for year, months in archive.by_month.items():
        yield PlannedPage(
            f"archive/{year}/", f"Archive: {year}", "archive_year", {"year": year, "months": months}
        )
        for month, articles in months.items():
            base = f"archive/{year}/{month:02d}/"
            for pager in paginate(
                base, articles, settings.list_sizes, compact_later=settings.compact_lists
            ):
                title = _titled(f"Archive: {month_name(month)} {year}", pager.number)
                yield PlannedPage(
                    pager.path,
                    title,
                    "archive_month",
                    {"year": year, "month": month, "pager": pager},
                )


def _titled(title: str, number: int) -> str:
    return title if number == 1 else f"{title} (page {number})"


def search_facets(archive: Archive, shards: ShardPlan) -> list[dict[str, Any]]:
    """The search page's filters. Each one the page counts from the start (few values) carries
    the counts its empty page shows, so that it shows them before Pagefind has loaded (whose
    ``filters()`` would fetch every filter's table, the large ones too): for a taxonomy, its
    terms' articles in the newest shard, which the first search covers; for years, every
    year's articles, as ticking an older year searches the whole archive."""
    settings = archive.settings
    in_newest = {path for path, shard in shards.shard_of.items() if shard == 0}
    facets: list[dict[str, Any]] = []
    for taxonomy in settings.taxonomies:
        terms = [term for term in archive.terms_in(taxonomy.name) if archive.count(term)]
        facet: dict[str, Any] = {
            "name": taxonomy.filter_name,
            "title": taxonomy.title,
            "index": f"{taxonomy.name}/",
            "values": len(terms),
        }
        if len(terms) <= settings.search_eager_facet_values:
            named: dict[str, set[str]] = {}  # a value counts an article once, as Pagefind does
            for term in terms:
                paths = {a.path for a in archive.articles_of[term.key] if a.path in in_newest}
                named.setdefault(term.name, set()).update(paths)
            facet["counts"] = {name: len(paths) for name, paths in named.items() if paths}
        facets.append(facet)
    years = {
        str(year): sum(len(listed) for listed in months.values())
        for year, months in archive.by_month.items()
    }
    facets.append(
        {
            "name": "year",
            "title": "Years",
            "index": "archive/",
            "values": len(archive.by_month),
            "counts": years,
        }
    )
    return facets
