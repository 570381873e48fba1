"""MkDocs ``File`` objects for what the archive adds to the site: its stylesheet and scripts,
the map's files, the generated pages, and files it wrote into the site itself. MkDocs writes
them into the site (never into the docs folder) and serves them under ``mkdocs serve``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import theme_palette as palette
from .core.indexing.archive import Archive
from .core.indexing.places import mapped_places, places_geojson
from .core.model.taxonomy import ArchiveSettings
from .core.planning.site_plan import PlannedPage
from .core.timing import Timings
from .generated_page import GeneratedPage
from .render import Renderer
from .render.leaflet import MissingLibrary, leaflet_files
from .render.renderer import INSTANT_SCRIPT, MAP_SCRIPT, SEARCH_SCRIPT, STYLESHEET
from .search.background import STATUS, UP_TO_DATE
from .site_setup import instant_loading
from .theme_icons import FrameIcons

if TYPE_CHECKING:
    from .build_cache import NoCache

log = get_plugin_logger(__name__)

PLACES_DATA = "api/places.geojson"


class InSite(File):
    """A file the archive wrote into the site itself: MkDocs has nothing to copy (it would
    find the file is its own copy, after two system calls, for every one of thousands)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def add_assets(
    files: Files,
    config: MkDocsConfig,
    archive: Archive,
    settings: ArchiveSettings,
    icons: FrameIcons | None,
) -> None:
    """The archive's stylesheet and scripts, and the map's files, as virtual files."""
    stylesheet = Renderer.asset("archive.css") + (icons.css() if icons is not None else "")
    files.append(File.generated(config, STYLESHEET, content=stylesheet))
    if settings.search:
        files.append(File.generated(config, SEARCH_SCRIPT, content=Renderer.asset("search.js")))
        files.append(File.generated(config, STATUS, content=UP_TO_DATE))
    if settings.explore:
        add_map_files(files, config, archive)
    if instant_loading(config):
        script = Renderer.asset("instant.js")
        files.append(File.generated(config, INSTANT_SCRIPT, content=script))


def add_palette_script(files: Files, config: MkDocsConfig, env: jinja2.Environment) -> None:
    """The palette's toggles' script, when the theme has them: one file of the site that
    the header loads (``theme/partials/header.html``), not a script in every page."""
    if palette.wanted(config):
        script = palette.palette_script(env, config)
        files.append(File.generated(config, palette.PALETTE_SCRIPT, content=script))


def add_map_files(files: Files, config: MkDocsConfig, archive: Archive) -> None:
    """The map's script, Leaflet's files and the places as GeoJSON, all from this site."""
    try:
        vendored = leaflet_files()
    except MissingLibrary as exc:
        raise PluginError(f"news-archive: {exc}") from exc
    files.append(File.generated(config, MAP_SCRIPT, content=Renderer.asset("map.js")))
    for vendor_file in vendored:
        files.append(
            File.generated(config, vendor_file.site_path, abs_src_path=str(vendor_file.source))
        )
    places = places_geojson(mapped_places(archive))
    files.append(File.generated(config, PLACES_DATA, content=places))


def add_pages(
    files: Files,
    config: MkDocsConfig,
    archive: Archive,
    planned: list[PlannedPage],
    taken: Mapping[str, File],
    prefix: str,
    cache: NoCache,
    timings: Timings,
) -> dict[str, PlannedPage]:
    """The generated pages as files (those at an address a hand-written page takes are
    left out); the pages to render, by source name (the cache may place the others)."""
    planned = [
        page
        for page in planned
        if not report_taken(taken, f"{page.path}index.html", f"/{page.path}", prefix)
    ]
    newest = archive.articles[0].date.isoformat() if archive.articles else ""
    with timings.phase("reuse"):
        placed = cache.place_pages(config, planned, newest)
    with timings.phase("plan"):
        for file in page_files(config, planned, placed):
            files.append(file)
    return {page.source_name: page for page in planned if page.path not in placed}


def page_files(
    config: MkDocsConfig, planned_pages: list[PlannedPage], placed: Mapping[str, File]
) -> list[File]:
    """Each generated page as a virtual file, rendered later (``on_page_context``), or
    the file ``placed`` holds for its path."""
    made = []
    for planned in planned_pages:
        file = placed.get(planned.path)
        if file is None:
            inclusion = InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, planned.source_name, content="", inclusion=inclusion)
            if not planned.in_nav:  # the navigation names its own pages
                GeneratedPage(None, file, config)
        made.append(file)
    return made


def report_taken(taken: Mapping[str, File], dest_uri: str, published_as: str, prefix: str) -> bool:
    """Whether a hand-written page has an address the archive generates: an error naming
    both, reported here."""
    existing = taken.get(dest_uri)
    if existing is not None:
        log.error(
            f"{prefix}{existing.src_uri}: this page would be published at "
            f"{published_as}, where the archive publishes its own page; move or rename it"
        )
    return existing is not None
