"""One mechanism for every way of classifying articles: tags, actors, locations, sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .page_sizes import PageSizes
from .text import is_slug

RESERVED_URL_SEGMENTS = frozenset(
    {"articles", "archive", "latest", "search", "map", "api", "assets", "feed.xml", "page"}
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
    """Everything the core needs to know about a site, whichever tool reads it: the plugin's
    options, declared once, with their defaults and meaning, in ``config.py``
    (``NewsArchiveConfig``), which makes this object from them (``settings_of``)."""

    taxonomies: tuple[Taxonomy, ...]
    articles_dir: str
    registries_dir: str
    per_page: int
    later_per_page: int
    former_pages: bool
    compact_lists: bool
    list_row_sources: bool
    term_summaries: bool
    index_per_page: int
    related_count: int
    related_window: int
    related_min_score: int
    related_summaries: bool
    compact_related: bool
    home_latest: int
    home_top_terms: int
    feed_items: int
    term_feed_items: int
    term_feed_categories: bool
    data_csv: bool
    data_term_names: bool
    strict_terms: tuple[str, ...]
    search: bool
    trust_article_html: bool
    json_ld_terms: bool
    max_terms_per_field: int
    search_eager_facet_values: int
    search_shard_size: int
    search_preload: bool
    explore: bool
    companions: int
    map_tiles: str
    map_attribution: str
    companion_taxonomies: tuple[str, ...] = ("actors", "locations")
    """Not an option: the taxonomies whose terms are listed as named together."""

    def registry_path(self, taxonomy: Taxonomy) -> str:
        """Where ``taxonomy``'s registry is, from the project's folder
        (``site_config/actors.yml``): how messages name it, and what its readers open."""
        return f"{self.registries_dir}/{taxonomy.registry_file}"

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


def taxonomies_from_options(options: Mapping[str, Any] | None) -> tuple[Taxonomy, ...]:
    """The taxonomies the ``taxonomies`` option declares (``None``: the default four)."""
    if options is None:
        return DEFAULT_TAXONOMIES
    if not isinstance(options, Mapping) or not options:
        raise SettingsError("'taxonomies' must map each taxonomy's name to its options")
    taxonomies = tuple(taxonomy_from_options(str(name), value) for name, value in options.items())
    fields = [t.field for t in taxonomies]
    if len(set(fields)) != len(fields):
        raise SettingsError("two taxonomies read the same front-matter field")
    return taxonomies


def strict_taxonomies(
    option: bool | list[str], taxonomies: tuple[Taxonomy, ...]
) -> tuple[str, ...]:
    """The taxonomies the ``strict_terms`` option names (``true``: all of them)."""
    strict = [t.name for t in taxonomies] if option is True else list(option or ())
    unknown = set(strict) - {t.name for t in taxonomies}
    if unknown:
        raise SettingsError(
            f"'strict_terms' names unknown taxonomies: {', '.join(sorted(unknown))}"
        )
    return tuple(strict)
