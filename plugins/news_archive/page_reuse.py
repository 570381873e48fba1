"""Reusing the pages of an earlier build: what MkDocs needs to know of them, and when not to.

A page placed from the cache (``core/caching/output_cache.py``) is handed to MkDocs as a file
already in the site: MkDocs neither renders nor copies it, and a link to it from a hand-written
page still resolves to its address. Whether a page is unchanged is decided from data
(``core/caching/page_fingerprints.py``), with ``site_key`` standing for everything outside the
archive that shapes a page: the configuration, the theme and its overrides, the
hand-written pages (the navigation), the versions of the code that renders it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import InclusionLevel

from . import build_tool
from .core.caching.page_fingerprints import digest
from .virtual_files import InSite

PACKAGE = Path(__file__).parent
# Plugins known to leave the pages of other plugins alone, and to need none of them: only
# the archive's own. With any other plugin or hook, a page may depend on what the archive
# cannot see (a git history, another plugin's state), or a plugin may read every page in its
# ``on_page_*`` hooks, which a page placed from the cache never passes through: MkDocs'
# search (``search``, ``material/search``) would index none of them, Material's tags, blog,
# social cards, meta and privacy plugins would miss or leave unchanged what they read or
# rewrite. With any of them, pages are rendered every time.
NEUTRAL_PLUGINS = frozenset({"news-archive"})
_VERSIONED = ("mkdocs-material", "markdown", "pymdown-extensions", "pagefind", "jinja2")
"""Besides the build tool itself (MkDocs or ProperDocs, see build_tool.py)."""
_code_hash: str | None = None


class BuiltPage(InSite):
    """A page placed into the site from the cache: a file MkDocs leaves where it is."""

    def __init__(self, config: MkDocsConfig, src_uri: str, target: Path) -> None:
        dest_uri = target.relative_to(config.site_dir).as_posix()
        super().__init__(
            src_uri,
            src_dir=None,
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            dest_uri=dest_uri,
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        self.abs_src_path = str(target)
        self.generated_by = "news-archive"

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return True


def reuse_blocked_by(config: MkDocsConfig) -> str | None:
    """Why pages cannot be reused in this site, or ``None`` if they can."""
    others = sorted(name for name in config.plugins if name not in NEUTRAL_PLUGINS)
    if others:
        listed = ", ".join(others)
        return f"the plugins {listed} may read or change pages in ways the archive cannot see"
    if config.hooks:
        return "hooks may change pages in ways the archive cannot see"
    return None


def site_key(config: MkDocsConfig, pages: Iterable[Path], *extra: object) -> str:
    """A hash of what shapes every page besides the archive's data: the configuration, the
    theme and its overrides, the hand-written ``pages`` (whose titles are in the navigation
    of every page), the code. (What the registries say of a term is in the fingerprint of
    each page that shows the term.)"""
    hashed = hashlib.blake2b(digest_size=16)
    hashed.update(code_hash().encode())
    for name in (build_tool.name(), *_VERSIONED):
        try:
            hashed.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            hashed.update(f"{name} -\n".encode())
    settings = {key: value for key, value in config.items() if key not in ("plugins", "hooks")}
    settings["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    try:
        described = json.dumps(settings, sort_keys=True, default=_plain)
    except (TypeError, ValueError):  # keys that cannot be sorted: a key never seen again
        described = repr(settings)
    hashed.update(described.encode())
    folders = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    for file in [*_files_in(folders), *sorted(pages)]:
        hashed.update(f"{file}\n".encode())
        try:
            hashed.update(file.read_bytes())
        except OSError:
            hashed.update(b"unreadable")
    hashed.update(repr(extra).encode())
    return hashed.hexdigest()


def code_hash() -> str:
    """A hash of this package's files: new code renders new pages."""
    global _code_hash
    if _code_hash is None:
        hashed = hashlib.blake2b(digest_size=16)
        for file in sorted(PACKAGE.rglob("*")):
            if file.is_file() and file.suffix in (".py", ".html", ".css", ".js", ".json"):
                hashed.update(file.relative_to(PACKAGE).as_posix().encode())
                hashed.update(file.read_bytes())
        _code_hash = hashed.hexdigest()
    return _code_hash


def files_key(paths: Iterable[str]) -> str:
    """A hash of the site's file names: where an article's relative links can lead."""
    return digest(sorted(paths))


def _files_in(folders: Iterable[Path]) -> list[Path]:
    found = [file for folder in folders if folder.is_dir() for file in folder.rglob("*")]
    return sorted(file for file in found if file.is_file())


def _plain(value: object) -> object:
    """JSON for the configuration's objects: mappings and sets as data, others as text."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(map(str, value))
    if hasattr(value, "items") and callable(value.items):
        return dict(value.items())
    if callable(value):  # a function named in the configuration (a custom fence)
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    return str(value)
