"""The feeds and data files: written into the site as they are made, one at a time, and
handed to MkDocs as files already in place (it skips copying a file onto itself). Held as
content until MkDocs copied them, they took hundreds of megabytes at 50,000 articles. MkDocs
has cleaned the site folder by now, so nothing stale is kept; it knows them when it checks
links, so the Data page can link to ``api/articles.json`` under ``--strict``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .build_cache import NoCache
from .core.indexing.archive import Archive
from .core.publishing.machine_files import machine_files
from .core.publishing.site_identity import Site
from .forked import WorkFailed
from .parallel import InProcess
from .virtual_files import InSite, report_taken
from .write_failure import CouldNotWrite, write_into_site


def publish_feeds_and_data(
    config: MkDocsConfig,
    archive: Archive,
    site: Site,
    taken: Mapping[str, File],
    prefix: str,
    cache: NoCache,
    parallel: InProcess,
) -> list[File]:
    """Write the feeds and data (those the cache does not place), or start writing them;
    their files, for MkDocs to know."""
    site_dir = Path(config.site_dir)
    wanted = [
        made
        for made in machine_files(archive, site, os.environ)
        if not report_taken(taken, made.path, f"/{made.path}", prefix)
    ]
    to_make = cache.place_feeds(archive, site_dir, wanted)

    def make_all() -> None:
        for made in to_make:
            try:
                write_into_site(site_dir, made.path, made.make())
            except CouldNotWrite:  # a message of its own
                raise
            except Exception as exc:
                raise WorkFailed(made.path, exc) from exc

    parallel.run("writing the feeds and data", make_all, len(to_make))
    return [
        InSite.generated(config, made.path, abs_src_path=str(site_dir / made.path))
        for made in wanted
    ]
