"""The plugin's options, each declared once, with its default and meaning (as MkDocs and
Material declare theirs), and the plain settings the core receives from them.

MkDocs validates these options for a build; the ``news-archive`` commands, which read
``mkdocs.yml`` as YAML, validate them through the same class (``settings_from_options``), so
that a command and a build accept and refuse the same ``mkdocs.yml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .core.model.taxonomy import (
    ArchiveSettings,
    SettingsError,
    strict_taxonomies,
    taxonomies_from_options,
)
from .core.publishing.hosts import DEFAULT_HOST

DEFAULT_CACHE_DIR = ".cache/news-archive"
OPENSTREETMAP_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OPENSTREETMAP_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


class Count(c.Type):
    """A whole number of at least ``minimum`` (``true`` is not one, as YAML would have it)."""

    def __init__(self, default: int, minimum: int = 0) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"expected a whole number, got {value!r}")
        if value < self.minimum:
            raise ValidationError(f"must be >= {self.minimum}, got {value}")
        return value


class Taxonomies(c.Optional):
    """Taxonomies by name, each with its own options (checked by ``core/model/taxonomy.py``)."""

    def __init__(self) -> None:
        super().__init__(c.Type(dict))

    def run_validation(self, value: object) -> Any:
        value = super().run_validation(value)
        try:
            taxonomies_from_options(value)
        except SettingsError as exc:
            raise ValidationError(str(exc)) from exc
        return value


class StrictTerms(c.Type):
    """``true`` for every taxonomy, or a list of taxonomies' names."""

    def __init__(self) -> None:
        super().__init__((bool, list), default=False)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        try:
            strict_taxonomies(config[key_name], taxonomies_from_options(config["taxonomies"]))
        except SettingsError as exc:
            raise ValidationError(str(exc)) from exc


class TileTemplate(c.Type):
    """A tile URL template with ``{z}``, ``{x}`` and ``{y}``, or empty."""

    def __init__(self) -> None:
        super().__init__(str, default=OPENSTREETMAP_TILES)

    def run_validation(self, value: object) -> str:
        tiles = super().run_validation(value)
        if tiles and not all(part in tiles for part in ("{z}", "{x}", "{y}")):
            raise ValidationError(
                f"must be a tile URL template with {{z}}, {{x}} and {{y}}, like "
                f"{OPENSTREETMAP_TILES}, or empty for maps without tiles; got {tiles!r}"
            )
        return tiles


class NewsArchiveConfig(base.Config):
    """Options under ``plugins: - news-archive:``."""

    taxonomies = Taxonomies()
    """Taxonomies by name, each with ``field``, ``title``, ``singular``, ``weight``, ``single``
    and ``registry``; default: tags, actors, locations and sources."""
    articles_dir = c.Type(str, default="articles")
    """Folder of the articles inside ``docs_dir``."""
    registries_dir = c.Type(str, default="site_config")
    """Folder of the registries, relative to ``mkdocs.yml``."""
    per_page = Count(25, minimum=1)
    """Articles on the first page of a term's, a month's and the latest list."""
    later_per_page = Count(500, minimum=1)
    """Articles on each later page of those lists."""
    former_pages = c.Type(bool, default=True)
    """The page numbers lists had when every page held ``per_page`` articles stay as small
    pages that point to where those articles are now (false: they answer 404; a large
    archive has tens of thousands, each a page and a folder, which hosts that count
    folders among their files, as GitLab Pages does, feel; figures in RESULTS.md)."""
    compact_lists = c.Type(bool, default=True)
    """Later pages list an article on one line (its date and title), without its summary."""
    list_row_sources = c.Type(bool, default=False)
    """A list's one-line rows name each article's source too (false: date and title; a
    large archive has a row for every term of every article, and the source is on the
    article's page and in the list's first page)."""
    term_summaries = c.Type(bool, default=False)
    """A term's page shows each article's summary under its title (false: title, date and
    source; the summaries are on the articles' pages, in the feeds and in search, and a
    large archive would repeat each one on the first page of a dozen terms)."""
    index_per_page = Count(200, minimum=1)
    """Terms per page on a taxonomy's index."""
    related_count = Count(5)
    """Related articles shown under an article (0 turns them off)."""
    related_window = Count(15)
    """How many articles on either side in time each shared term may relate."""
    related_min_score = Count(1)
    """The least weighted score that makes an article related."""
    related_summaries = c.Type(bool, default=False)
    """Related articles show their summaries too (false: title, date, source)."""
    compact_related = c.Type(bool, default=True)
    """Related articles without summaries are listed one line each, as on a list's later
    pages: every article carries them, so they are kept light (false: each with its title as
    a heading, its date and source below)."""
    home_latest = Count(10)
    """Latest articles listed on the home page."""
    home_top_terms = Count(10)
    """Most covered terms per taxonomy on the home page."""
    feed_items = Count(50)
    """Newest articles in ``/feed.xml`` (0: no feeds at all)."""
    term_feed_items = Count(10, minimum=1)
    """Newest articles in each term's feed (never more than ``feed_items``; a term's page
    offers its feed whenever the site has feeds, so 0 would offer an empty one). A feed
    reader polls a feed more often than a term gets ten new articles, and the archive has
    a feed for every term."""
    term_feed_categories = c.Type(bool, default=False)
    """Items of a term's feed list their article's terms as categories (false: only
    ``/feed.xml``'s do; an article has a dozen terms or more, each a line in every feed)."""
    data_csv = c.Type(bool, default=False)
    """Publish ``/api/articles.csv`` besides ``/api/articles.json``: the same records, one
    row per article, for spreadsheets (false: the JSON only; a spreadsheet or a script can
    make the table from it, and at 50,000 articles the CSV is tens of megabytes)."""
    data_term_names = c.Type(bool, default=False)
    """``/api/articles.json`` names an article's source and terms by slug and name (false: by
    slug; ``/api/<taxonomy>.json`` gives each slug's name, page and registry data, and the
    names would fill a third of the file, repeated in every article)."""
    strict_terms = StrictTerms()
    """Taxonomies (or ``true`` for all) whose unregistered terms are errors, not warnings."""
    max_terms_per_field = Count(200)
    """Terms an article may list in one field; past it the article is refused (a bound on
    what one file can make the build do)."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index and the ``/search/`` page."""
    search_preload = c.Type(bool, default=False)
    """The search page loads Pagefind (its worker, the index's metadata and WebAssembly)
    as it opens and warms it up, for the quickest first search (true), or once the reader
    reaches for the form (false: a first visit costs what any page's does, and a query
    typed at once also waits for Pagefind to load)."""
    search_shard_size = Count(2500, minimum=1)
    """Articles per search-index shard: bounds the indexer's memory, and the first search
    covers the newest shard, the whole archive when the reader asks."""
    search_eager_facet_values = Count(100)
    """Facets with more values than this load their counts when asked."""
    trust_article_html = c.Type(bool, default=False)
    """Publish raw HTML in article bodies as written instead of sanitising it."""
    json_ld_terms = c.Type(bool, default=False)
    """An article's JSON-LD lists its terms as ``about``, ``mentions`` and ``contentLocation``
    (false: the page's links and ``/api/articles.json`` carry them, and every article page
    would repeat them as machine-only bytes)."""
    explore = c.Type(bool, default=True)
    """The ``/map/`` page, place maps, timelines and who appears with whom."""
    companions = Count(8)
    """Actors and places listed as most often named with an actor or a place (0: none)."""
    map_tiles = TileTemplate()
    """Map tile URL template with ``{z}``, ``{x}``, ``{y}``; empty: markers on a plain
    background."""
    map_attribution = c.Type(str, default=OPENSTREETMAP_ATTRIBUTION)
    """The credit the tile server asks for, as HTML, shown on every map."""
    cache_dir = c.Type((str, bool), default=DEFAULT_CACHE_DIR)
    """Where unchanged articles are kept between builds, relative to ``mkdocs.yml``; safe to
    delete; ``false`` turns the cache off."""
    theme_frames = c.Type(bool, default=True)
    """Render articles and generated pages outside the navigation by filling a frame the theme
    rendered once (the same page without the theme's indentation); turn off if your template
    overrides print more of a page than its title, address and content."""
    header_page_title = c.Type(bool, default=False)
    """The header shows the page's title in place of the site's name once the page's
    heading scrolls away, as Material does (false: the site's name stays, and no page
    carries its title a second time)."""
    footer_credit = c.Type(bool, default=False)
    """The "Made with Material for MkDocs" line at the foot of every page, and the bar that
    holds it where the site has no ``copyright`` or social links (false: neither is on any
    page; Material's ``extra.generator: false`` still turns it off)."""
    parallel = c.Type(bool, default=False)
    """``true`` has forked copies of the build make the feeds and data and the search index on
    a core MkDocs leaves idle (Linux only, never under ``mkdocs serve``); off by default, so
    that the plain path keeps all the work in MkDocs' process: measured side by side, the
    copies have not bought the 10% of a build a process of its own must
    (``benchmarks/RESULTS.md``)."""
    render_workers = c.Deprecated(
        message="The option '{}' has no effect any more (MkDocs renders every page itself); "
        "remove it",
        option_type=c.Type(int),
    )
    """Kept so that older ``mkdocs.yml`` files still build: a warning names it."""
    host = c.Type((str, dict), default=DEFAULT_HOST)
    """Where the site is published: each build states its size and warns past the host's
    limits (so ``--strict`` fails): ``github-pages``, ``gitlab-pages``, ``cloudflare-pages``,
    ``netlify``, ``none``, or ``{name, max_bytes, max_files, max_file_bytes}`` for another."""

    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """MkDocs' own, except that an option this plugin does not know is an error (a
        mistyped option would otherwise leave its default in place, and the site unlike
        what its ``mkdocs.yml`` says), naming the option and the one it is likely to be."""
        failed, warnings = super().validate()
        known = option_names()
        unknown = sorted(set(self.keys()) - known)
        for key in unknown:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            failed.append((key, ValidationError(f"not an option of news-archive{hint}")))
        return failed, [(key, message) for key, message in warnings if key not in unknown]


def option_names() -> set[str]:
    """Every option ``NewsArchiveConfig`` declares."""
    return {
        name
        for name, value in vars(NewsArchiveConfig).items()
        if isinstance(value, c.BaseConfigOption)
    }


def settings_of(config: NewsArchiveConfig) -> ArchiveSettings:
    """The core's settings from the validated options: each option the core reads is a
    field of ``ArchiveSettings`` of the same name."""
    taxonomies = taxonomies_from_options(config.taxonomies)
    read = {field.name for field in fields(ArchiveSettings) if field.name in option_names()}
    values = {name: config[name] for name in read - {"taxonomies", "strict_terms"}}
    return ArchiveSettings(
        taxonomies=taxonomies,
        strict_terms=strict_taxonomies(config.strict_terms, taxonomies),
        **values,
    )


def settings_from_options(options: Mapping[str, Any]) -> ArchiveSettings:
    """The core's settings from the plugin's options as ``mkdocs.yml`` writes them, checked
    as a build checks them: the first error raises ``SettingsError`` naming its option."""
    options = {key: value for key, value in options.items() if key != "enabled"}
    config = NewsArchiveConfig()
    config.load_dict(options)
    failed, _warnings = config.validate()
    if failed:
        key, error = failed[0]
        raise SettingsError(f"option '{key}': {error}")
    return settings_of(config)


def default_settings() -> ArchiveSettings:
    """The settings of a site that sets no option."""
    return settings_from_options({})
