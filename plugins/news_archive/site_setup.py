"""The site as the archive sees it, from ``mkdocs.yml``: its name and address, and the
archive's stylesheet, scripts and templates added to the theme's."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from .core.model.taxonomy import ArchiveSettings
from .core.publishing.site_identity import Site
from .core.publishing.sitemap import SITEMAP
from .render.renderer import INSTANT_SCRIPT, MAP_SCRIPT, SEARCH_SCRIPT, STYLESHEET
from .theme_layer import add_theme_layer

log = get_plugin_logger(__name__)


def site_of(config: MkDocsConfig, settings: ArchiveSettings) -> Site:
    """The site's name, address, description and language, checked for what the archive
    needs of them."""
    if not config.use_directory_urls:
        raise PluginError("news-archive: the archive's URLs need 'use_directory_urls: true'")
    site = Site(
        name=config.site_name,
        url=config.site_url or "",
        description=config.site_description or "",
        language=str(config.theme.get("language") or ""),
    )
    if not site.url and settings.feed_items > 0:
        log.warning(
            "the RSS feeds need absolute links, so they are left out: set 'site_url' in "
            "mkdocs.yml to the published address, like https://<owner>.github.io/<repo>/ "
            "(or set 'feed_items: 0' to publish no feeds)"
        )
    return site


def add_to_theme(config: MkDocsConfig, settings: ArchiveSettings) -> None:
    """The archive's stylesheet, scripts and templates; the archive writes the sitemap:
    MkDocs' own has no limit, and the protocol's 50,000 addresses are passed at about 28,000
    articles (``core/publishing/sitemap.py``)."""
    config.theme.static_templates.discard(SITEMAP)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if settings.search and SEARCH_SCRIPT not in config.extra_javascript:
        config.extra_javascript.append(SEARCH_SCRIPT)
    add_theme_layer(config)
    if settings.explore and MAP_SCRIPT not in config.extra_javascript:
        config.extra_javascript.append(MAP_SCRIPT)
    if instant_loading(config) and INSTANT_SCRIPT not in config.extra_javascript:
        config.extra_javascript.append(INSTANT_SCRIPT)


def instant_loading(config: MkDocsConfig) -> bool:
    """Material's instant loading is on: it takes over only the links its sitemap lists,
    which the archive keeps small (``core/publishing/sitemap.py``), so our script hands it the
    others."""
    return "navigation.instant" in (config.theme.get("features") or ())


def page_language(config: MkDocsConfig) -> str:
    """The language of a page that names none: the theme's, without its region."""
    return str(config.theme.get("language") or "en").split("-")[0]
