"""``mkdocs serve --dirty``: each rebuild leaves in the site what has not changed.

MkDocs documents ``--dirty`` as "only re-build files that have changed": it keeps the site
folder and skips every page whose output is newer than its source. For the archive that is not
enough (an article's page shows other articles, whose files did not change) and too much (its
unchanged pages are placed again from the cache into a site that already holds them). So under
``serve --dirty`` the plugin, kept across rebuilds (it defines ``on_startup``), remembers what
it left in the site (``core/caching/in_place.py``): an unchanged page stays as it is; every page
MkDocs is to render has its old output removed first, so that MkDocs renders it (its output is
then missing, so MkDocs takes it as modified); and the files of an earlier build that this one
does not make are removed. What is served is then what a clean build makes. Without
``--dirty`` (the default), every rebuild starts from an empty site as MkDocs' does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .build_cache import Cache, NoCache
from .core.caching.in_place import OutputsInPlace, SiteLeft, remove, remove_stale
from .core.caching.output_cache import OutputCache
from .core.indexing.archive import Archive
from .core.model.taxonomy import ArchiveSettings
from .core.publishing.machine_files import MachineFile
from .core.timing import Timings


class LeavesOnlyRendered:
    """Under ``serve --dirty``, whatever the cache: once the articles are placed, the old
    output of each page MkDocs is to render is removed (MkDocs then renders it, and writes a
    new file rather than through a link into the cache), and so are the files earlier builds
    wrote and this one does not."""

    left: SiteLeft

    def place_articles(
        self, files: Files, config: MkDocsConfig, archive: Archive, published: list[File]
    ) -> None:
        super().place_articles(files, config, archive, published)  # type: ignore[misc]
        for file in files.documentation_pages():
            remove(file.abs_dest_path)
        stale = self.left.written_now(file.abs_dest_path for file in files)
        remove_stale(Path(config.site_dir), stale)


class InPlaceCache(LeavesOnlyRendered, Cache):
    """A ``Cache`` whose outputs are left in the site where the last build left them."""

    def __init__(self, folder: Path, settings: ArchiveSettings, left: SiteLeft) -> None:
        self.left = left
        super().__init__(folder, settings, outputs=True)

    def outputs_in(self, folder: Path) -> OutputCache:
        return OutputsInPlace(folder, self.left.take())

    def place_feeds(
        self, archive: Archive, site_dir: Path, wanted: list[MachineFile]
    ) -> list[MachineFile]:
        """As ``Cache``'s; the old file of each feed to make is removed, not written through."""
        to_make = super().place_feeds(archive, site_dir, wanted)
        for made in to_make:
            remove(site_dir / made.path)
        return to_make

    def keep(self, timings: Timings) -> None:
        super().keep(timings)
        assert isinstance(self.outputs, OutputsInPlace)
        self.left.entries = self.outputs.now  # the build is over: what it leaves is known

    def count(self, timings: Timings) -> None:
        super().count(timings)
        assert isinstance(self.outputs, OutputsInPlace)
        timings.count("files_in_place", self.outputs.in_place)


class RenderedCache(LeavesOnlyRendered, Cache):
    """Under ``serve --dirty`` where pages are not reused: every page is rendered."""

    def __init__(self, folder: Path, settings: ArchiveSettings, left: SiteLeft) -> None:
        self.left = left
        super().__init__(folder, settings, outputs=False)


class RenderedNoCache(LeavesOnlyRendered, NoCache):
    """Under ``serve --dirty`` without a cache: every page is rendered."""

    def __init__(self, left: SiteLeft) -> None:
        self.left = left


def cache_for(
    option: str | bool,
    config: MkDocsConfig,
    settings: ArchiveSettings,
    dirty: bool,
    left: SiteLeft | None,
) -> NoCache:
    """``Cache.of``'s cache, or under ``serve --dirty`` (``left`` given) one that leaves
    unchanged files in place (where pages may be reused at all) and removes the others."""
    if left is None:
        return Cache.of(option, config, settings, dirty)
    where = Cache.where(option, config, dirty=False)
    if where is None:
        return RenderedNoCache(left)
    folder, reused = where
    return (InPlaceCache if reused else RenderedCache)(folder, settings, left)


def watch_registries(server: Any, config: MkDocsConfig, settings: ArchiveSettings) -> Any:
    """The registries' folder watched as the content is: an edited description is served."""
    registries = Path(config.config_file_path).parent / settings.registries_dir
    if registries.is_dir():
        server.watch(str(registries))
    return server
