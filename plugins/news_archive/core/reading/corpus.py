"""Reading a whole project from disk: the registries and every article file."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import NamedTuple

import yaml

from ..caching.article_cache import ArticleCache
from ..caching.recall import NoRecall
from ..indexing.archive import Archive, FirstArchived, build_archive
from ..model.article import Article
from ..model.problems import Problem, error
from ..model.registry import Registry
from ..model.taxonomy import ArchiveSettings
from ..model.urls import normalise_url
from .content_files import ContentFiles, content_files, linked_part
from .reader import read_article, split_source
from .registry_file import load_registry
from .yaml_source import FAST_LOADER as _FAST_LOADER


def load_registries(
    project_dir: Path, settings: ArchiveSettings, recall: NoRecall | None = None
) -> tuple[dict[str, Registry], list[Problem]]:
    """Each taxonomy's registry; a missing file is an empty registry, not an error. What
    ``recall`` kept from the same text is taken as it is."""
    recall = recall or NoRecall()
    registries: dict[str, Registry] = {}
    problems: list[Problem] = []
    for taxonomy in settings.taxonomies:
        relative = settings.registry_path(taxonomy)
        file = project_dir / relative
        text = None
        link = linked_part(project_dir, file) if file.is_file() else None
        if link is not None:
            problems.append(error(relative, 1, _linked_registry(link, relative)))
        elif file.is_file():
            try:
                text = file.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(
                    error(relative, 1, "the registry is not UTF-8 text; save it as UTF-8")
                )
        registry, found = recall.registry(
            relative, (taxonomy, text), partial(load_registry, taxonomy, text, relative)
        )
        registries[taxonomy.name] = registry
        problems.extend(found)
    return registries, problems


def _linked_registry(link: str, relative: str) -> str:
    """A registry is contributed text too: read through a link, it could be any file."""
    if link == relative:
        return (
            "the registry is a symbolic link, so it is not read; commit the file itself, not a link"
        )
    return (
        f"the registry's folder '{link}' is a symbolic link, so the registry is not read; "
        "commit the folder itself, not a link"
    )


def _walked(docs_dir: Path, settings: ArchiveSettings) -> ContentFiles:
    """For callers that need the files but not the problems (the project is the folder
    holding the docs folder, as in the contract's layout)."""
    return content_files(docs_dir.parent, docs_dir, settings, "")


def article_files(
    docs_dir: Path, settings: ArchiveSettings, content: ContentFiles | None = None
) -> list[tuple[str, Path]]:
    """``(path relative to docs_dir, file)`` for every article file (``.md``, never a link)."""
    content = _walked(docs_dir, settings) if content is None else content
    return [(path, docs_dir / path) for path in content.articles(settings)]


def other_pages(
    docs_dir: Path, settings: ArchiveSettings, content: ContentFiles | None = None
) -> list[tuple[str, Path]]:
    """Markdown pages of the docs folder outside the articles folder (home, about, ...)."""
    content = _walked(docs_dir, settings) if content is None else content
    return [(path, docs_dir / path) for path in content.pages(settings)]


# Markdown that may point at another file of the site (a link, an image, a reference or raw
# HTML): its page depends on that file's address, not only on its own text.
_LINKISH = re.compile(rb"\]\(|\]:|\]\[|<[a-zA-Z]")


class FileHash(NamedTuple):
    """What tells a changed article file: a hash of its bytes, and whether it links."""

    content: str
    links: bool


def read_articles(
    files: Iterable[tuple[str, Path]],
    settings: ArchiveSettings,
    shown_prefix: str,
    cache: ArticleCache | None = None,
    file_hashes: dict[str, FileHash] | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Every article that can be published, and every problem found; with a ``cache``, an
    article whose file has not changed since the build that cached it is not read again.
    ``file_hashes``, when given, gets the `FileHash` of every file read."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for relative, file in files:
        shown = f"{shown_prefix}{relative}"
        try:
            raw = file.read_bytes()
        except OSError as exc:
            problems.append(error(shown, 1, f"the file cannot be read: {exc.strerror}"))
            continue
        if file_hashes is not None:
            content = hashlib.blake2b(raw, digest_size=16).hexdigest()
            file_hashes[relative] = FileHash(content, _LINKISH.search(raw) is not None)
        if cache is None:
            article, found = read_article(relative, raw, settings, shown_as=shown)
        else:
            key = cache.key(raw, relative, shown)
            entry = cache.get(key)
            if entry is None:
                entry = read_article(relative, raw, settings, shown_as=shown)
                cache.put(key, entry)
            article, found = entry
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def _lenient_front_matter(relative: str, file: Path) -> dict | None:
    """The front matter's values when they can be read at all, without checking them."""
    try:
        front, _, _, problem = split_source(relative, file.read_bytes())
        values = yaml.load(front, Loader=_FAST_LOADER) if problem is None else None
    except (OSError, yaml.YAMLError, RecursionError):
        return None
    return values if isinstance(values, dict) else None


def archived_urls(files: Iterable[tuple[str, Path]], shown_prefix: str) -> dict[str, str]:
    """The file that archives each address, by normalised address.

    Read leniently: an article with an error elsewhere (an imported one still waiting for
    its date) archives its address all the same, so it is never imported twice.
    """
    found: dict[str, str] = {}
    for relative, file in files:
        values = _lenient_front_matter(relative, file)
        url = values.get("url") if values is not None else None
        if isinstance(url, str) and url.strip():
            found.setdefault(normalise_url(url), f"{shown_prefix}{relative}")
    return found


def stray_articles(
    files: Iterable[tuple[str, Path]], settings: ArchiveSettings, shown_prefix: str
) -> dict[str, Problem]:
    """Pages outside the articles folder whose front matter says they are articles, by the
    relative path given: each is left out of the site, with a problem saying where it belongs.

    Published as a plain page, such a file would look archived but be in no list or feed.
    """
    problems = {}
    for relative, file in files:
        values = _lenient_front_matter(relative, file)
        if values is None or not {"date", "url", "source"} <= set(values):
            continue
        date = str(values["date"])[:7]
        folder = (
            f"{settings.articles_dir}/{date[:4]}/{date[5:7]}"
            if len(date) == 7
            else (f"{settings.articles_dir}/<year>/<month>")
        )
        name = relative.rsplit("/", 1)[-1]
        articles = f"{shown_prefix}{settings.articles_dir}/"
        problems[relative] = error(
            f"{shown_prefix}{relative}",
            1,
            f"this looks like an article but is outside {articles}, "
            f"so it would not be archived; move it to {shown_prefix}{folder}/{name}",
        )
    return problems


def load_archive(
    project_dir: Path,
    docs_dir: Path,
    settings: ArchiveSettings,
    first_archived: FirstArchived | None = None,
) -> Archive:
    """The archive of a project on disk, with every problem found on the way; of articles
    sharing a url, the one ``first_archived`` says came first is kept."""
    registries, problems = load_registries(project_dir, settings)
    prefix = shown_prefix(project_dir, docs_dir)
    content = content_files(project_dir, docs_dir, settings, prefix)
    articles, found = read_articles(article_files(docs_dir, settings, content), settings, prefix)
    found += stray_articles(other_pages(docs_dir, settings, content), settings, prefix).values()
    found += content.problems
    archive = build_archive(settings, articles, registries, first_archived=first_archived)
    archive.problems = sorted([*problems, *found, *archive.problems])
    return archive


def shown_prefix(project_dir: Path, docs_dir: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(project_dir.resolve()).as_posix() + "/"
    except ValueError:
        return docs_dir.as_posix().rstrip("/") + "/"
