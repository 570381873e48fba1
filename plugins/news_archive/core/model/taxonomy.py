"""One mechanism for every way of classifying articles: tags, actors, locations, sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..planning.pagination import PageSizes
from .text import is_slug

RESERVED_URL_SEGMENTS = frozenset(
    {"articles", "archive", "latest", "search", "map", "api", "assets", "feed.xml", "page"}
)

OPENSTREETMAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OPENSTREETMAP_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


@dataclass(frozen=True)
class Taxonomy:
    """A named classification, configured by name in ``mkdocs.yml``.

    ``name`` is the URL segment (``/actors/``) and the registry file's stem; ``field`` is the
    front-matter key that lists an article's terms. A ``single`` taxonomy (the source) takes
    one value instead of a list.
    """

    name: str
    field: str
    title: str
    singular: str
    weight: int = 1
    single: bool = False
    registry: str = ""
    extra_keys: tuple[str, ...] = ()

    @property
    def registry_file(self) -> str:
        return self.registry or f"{self.name}.yml"

    @property
    def filter_name(self) -> str:
        """The search filter and URL parameter for this taxonomy: ``actor``, ``tag``, ..."""
        return self.field if self.single else self.name.removesuffix("s")


# Keys every registry entry may carry, and those only some taxonomies add.
COMMON_REGISTRY_KEYS = ("name", "aliases", "kind", "description", "wikidata")

DEFAULT_TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("tags", "tags", "Tags", "tag", weight=1),
    Taxonomy("actors", "actors", "Actors", "actor", weight=3),
    Taxonomy(
        "locations",
        "locations",
        "Locations",
        "place",
        weight=2,
        extra_keys=("country", "coordinates"),
    ),
    Taxonomy(
        "sources",
        "source",
        "Sources",
        "source",
        weight=0,
        single=True,
        extra_keys=("url", "country"),
    ),
)


class SettingsError(ValueError):
    """A setting in ``mkdocs.yml`` that cannot work; the message says which and why."""


@dataclass(frozen=True)
class ArchiveSettings:
    """Everything the core needs to know about a site, whichever tool reads it."""

    taxonomies: tuple[Taxonomy, ...] = DEFAULT_TAXONOMIES
    articles_dir: str = "articles"
    registries_dir: str = "site_config"
    per_page: int = 25
    """Articles on the first page of a list (a term's, a month's, the latest)."""
    later_per_page: int = 100
    """Articles on each later page of such a list."""
    compact_lists: bool = True
    """Later pages list each article on one line (date, title, source), without summary."""
    index_per_page: int = 200
    related_count: int = 5
    related_window: int = 15
    related_min_score: int = 1
    related_summaries: bool = False
    """Related articles under an article show their summaries, not only title, date, source."""
    compact_related: bool = True
    """Related articles without summaries are one-line rows (date, title, source), as on a
    list's later pages: every article carries them, so they are kept light."""
    home_latest: int = 10
    home_top_terms: int = 10
    feed_items: int = 50
    """Newest articles in the site's feed; 0 publishes no feeds at all."""
    term_feed_items: int = 20
    """Newest articles in each term's feed (never more than ``feed_items``)."""
    term_feed_categories: bool = False
    """Items of a term's feed list their article's terms as categories, as the site's do."""
    strict_terms: tuple[str, ...] = field(default=())
    search: bool = True
    trust_article_html: bool = False
    max_terms_per_field: int = 200
    search_eager_facet_values: int = 100
    search_shard_size: int = 2500
    explore: bool = True
    """The map, a timeline on every term page and the archive, and who appears with whom."""
    companions: int = 8
    """Partners listed per taxonomy on an actor's or a place's page (0: none)."""
    companion_taxonomies: tuple[str, ...] = ("actors", "locations")
    map_tiles: str = OPENSTREETMAP_TILES
    """Tile URL template with ``{z}``, ``{x}`` and ``{y}``; empty for no tiles at all."""
    map_attribution: str = OPENSTREETMAP_ATTRIBUTION
    """HTML credit that the tile server's terms ask for, shown on every map."""

    @property
    def list_sizes(self) -> PageSizes:
        """The page sizes of every list of articles."""
        return PageSizes(self.per_page, self.later_per_page)

    @property
    def former_list_sizes(self) -> PageSizes:
        """The sizes lists had before later pages held more: their page numbers keep answering."""
        return PageSizes.uniform(self.per_page)

    def taxonomy(self, name: str) -> Taxonomy:
        for taxonomy in self.taxonomies:
            if taxonomy.name == name:
                return taxonomy
        raise KeyError(name)


_DEFAULTS_BY_NAME = {t.name: t for t in DEFAULT_TAXONOMIES}


def taxonomy_from_options(name: str, options: Mapping[str, Any] | None) -> Taxonomy:
    """Build a taxonomy from its ``mkdocs.yml`` options, starting from our defaults."""
    if not is_slug(name) or name in RESERVED_URL_SEGMENTS:
        raise SettingsError(
            f"taxonomy name '{name}' must be lowercase letters, digits and hyphens and must not "
            f"be one of {', '.join(sorted(RESERVED_URL_SEGMENTS))}"
        )
    base = _DEFAULTS_BY_NAME.get(name) or Taxonomy(
        name, name, name.replace("-", " ").title(), name.rstrip("s") or name
    )
    options = dict(options or {})
    unknown = set(options) - {"field", "title", "singular", "weight", "single", "registry"}
    if unknown:
        raise SettingsError(f"taxonomy '{name}' has unknown options: {', '.join(sorted(unknown))}")
    values = {key: value for key, value in options.items() if value is not None}
    if "weight" in values and (not isinstance(values["weight"], int) or values["weight"] < 0):
        raise SettingsError(f"taxonomy '{name}': weight must be a whole number >= 0")
    return Taxonomy(
        name=name,
        field=str(values.get("field", base.field)),
        title=str(values.get("title", base.title)),
        singular=str(values.get("singular", base.singular)),
        weight=int(values.get("weight", base.weight)),
        single=bool(values.get("single", base.single)),
        registry=str(values.get("registry", base.registry)),
        extra_keys=base.extra_keys,
    )


def settings_from_options(options: Mapping[str, Any]) -> ArchiveSettings:
    """The archive settings from the plugin's options (a plain mapping, as in ``mkdocs.yml``)."""
    raw_taxonomies = options.get("taxonomies")
    if raw_taxonomies is None:
        taxonomies = DEFAULT_TAXONOMIES
    else:
        if not isinstance(raw_taxonomies, Mapping) or not raw_taxonomies:
            raise SettingsError("'taxonomies' must map each taxonomy's name to its options")
        taxonomies = tuple(
            taxonomy_from_options(str(name), value) for name, value in raw_taxonomies.items()
        )
    fields = [t.field for t in taxonomies]
    if len(set(fields)) != len(fields):
        raise SettingsError("two taxonomies read the same front-matter field")
    defaults = ArchiveSettings()
    values: dict[str, Any] = {}
    for key in (
        "articles_dir",
        "registries_dir",
        "per_page",
        "later_per_page",
        "compact_lists",
        "index_per_page",
        "related_count",
        "related_window",
        "related_min_score",
        "related_summaries",
        "compact_related",
        "home_latest",
        "home_top_terms",
        "search",
        "trust_article_html",
        "max_terms_per_field",
        "feed_items",
        "term_feed_items",
        "term_feed_categories",
        "search_eager_facet_values",
        "search_shard_size",
        "explore",
        "companions",
        "map_tiles",
        "map_attribution",
    ):
        value = options.get(key)
        if value is None:
            continue
        expected = type(getattr(defaults, key))
        if not isinstance(value, expected) or (
            expected is int and (isinstance(value, bool) or value < 0)
        ):
            raise SettingsError(f"'{key}' must be a {expected.__name__}, got {value!r}")
        values[key] = value
    at_least_one = (
        "per_page",
        "later_per_page",
        "index_per_page",
        "search_shard_size",
        "term_feed_items",
    )
    if min(values.get(key, 1) for key in at_least_one) < 1:
        raise SettingsError(
            "'per_page', 'later_per_page', 'index_per_page', 'search_shard_size' and "
            "'term_feed_items' must be >= 1"
        )
    tiles = values.get("map_tiles", "")
    if tiles and not all(part in tiles for part in ("{z}", "{x}", "{y}")):
        raise SettingsError(
            f"'map_tiles' must be a tile URL template with {{z}}, {{x}} and {{y}}, like "
            f"{OPENSTREETMAP_TILES}, or empty for maps without tiles; got {tiles!r}"
        )
    strict = options.get("strict_terms") or ()
    if strict is True:
        strict = tuple(t.name for t in taxonomies)
    unknown = set(strict) - {t.name for t in taxonomies}
    if unknown:
        raise SettingsError(
            f"'strict_terms' names unknown taxonomies: {', '.join(sorted(unknown))}"
        )
    return ArchiveSettings(taxonomies=taxonomies, strict_terms=tuple(strict), **values)
