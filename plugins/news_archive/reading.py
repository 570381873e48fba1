"""Reading the archive from MkDocs' files: which files may be published, the articles and
registries read and indexed, and the problems found reported as MkDocs messages."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .build_cache import NoCache
from .core.caching.recall import NoRecall
from .core.indexing.archive import Archive, index_archive
from .core.model.article import Article
from .core.model.problems import Problem
from .core.model.registry import Registry
from .core.model.taxonomy import ArchiveSettings
from .core.reading.content_files import content_files
from .core.reading.corpus import (
    FileHash,
    load_registries,
    read_articles,
    shown_prefix,
    stray_articles,
)
from .core.timing import Timings
from .git_history import first_archived_in

log = get_plugin_logger(__name__)


@dataclass
class ReadArchive:
    """The archive, and the MkDocs files it was read from."""

    archive: Archive
    prefix: str
    """How messages name a file of the docs folder (``content/``, say)."""
    published: list[File]
    """The published articles' files, in MkDocs' order."""
    other_pages: list[Path]
    """The hand-written pages' sources."""
    hashes: dict[str, FileHash] = field(default_factory=dict)
    """What each article's file held, by path (for the cache's fingerprints)."""
    articles: list[Article] = field(default_factory=list)
    """Every article read, in order (the archive leaves out some: a url archived twice)."""
    registries: dict[str, Registry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """What reading the files found (the archive's own problems are ``archive.problems``)."""


def leave_out_unpublishable(files: Files, config: MkDocsConfig, settings: ArchiveSettings) -> None:
    """Files reached through a symbolic link, and anything but Markdown articles in the
    articles folder, never reach the site (``core/reading/content_files.py`` says why)."""
    project_dir, docs_dir = Path(config.config_file_path).parent, config.docs_dir
    prefix = shown_prefix(project_dir, Path(docs_dir))
    content = content_files(project_dir, Path(docs_dir), settings, prefix)
    report(list(content.problems))
    for file in [
        file
        for file in files
        if not file.inclusion.is_excluded()
        and not file.generated_by
        and file.abs_src_path == os.path.normpath(os.path.join(docs_dir, file.src_uri))
        and file.src_uri not in content.publishable
    ]:
        files.remove(file)


def read_archive(
    files: Files,
    config: MkDocsConfig,
    settings: ArchiveSettings,
    cache: NoCache,
    timings: Timings,
    recall: NoRecall | None = None,
) -> ReadArchive:
    """Read and index every article: the files of articles that are not published (drafts,
    faulty articles until fixed, articles outside the articles folder) leave ``files``."""
    project_dir = Path(config.config_file_path).parent
    article_files = {
        file.src_uri: file
        for file in files.documentation_pages()
        if file.src_uri.startswith(f"{settings.articles_dir}/") and file.abs_src_path
    }
    for file in article_files.values():
        file.inclusion = InclusionLevel.NOT_IN_NAV
    with timings.phase("read"):
        registries, problems = load_registries(project_dir, settings, recall)
        prefix = shown_prefix(project_dir, Path(config.docs_dir))
        hashes: dict[str, FileHash] = {}
        articles, found = read_articles(
            ((uri, Path(file.abs_src_path)) for uri, file in sorted(article_files.items())),
            settings,
            prefix,
            cache.articles,
            hashes,
        )
        cache.read(timings)
        others = {
            file.src_uri: file
            for file in files.documentation_pages()
            if file.src_uri not in article_files and file.abs_src_path
        }
        strays = stray_articles(
            ((uri, Path(file.abs_src_path)) for uri, file in others.items()),
            settings,
            prefix,
        )
        found += strays.values()
    for uri in strays:  # left out, as a faulty article is
        files.remove(others[uri])
    archive = index_archive(
        settings, articles, registries, timings, first_archived_in(Path(config.docs_dir))
    )
    report([*problems, *found, *archive.problems])
    # Only what the archive accepted is published: drafts never, faulty articles not until
    # fixed (the report above says why).
    for path, file in article_files.items():
        if path not in archive.by_path:
            files.remove(file)
    return ReadArchive(
        archive,
        prefix,
        [file for uri, file in article_files.items() if uri in archive.by_path],
        [Path(file.abs_src_path) for file in others.values()],
        hashes,
        articles,
        registries,
        [*problems, *found],
    )


def report(problems: list[Problem]) -> None:
    """Errors count under ``--strict``; warnings are shown without failing the build."""
    for problem in sorted(problems):
        if problem.is_error:
            log.error(str(problem))
        else:
            log.info(str(problem))
