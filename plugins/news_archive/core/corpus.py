"""Reading a whole project from disk: the registries and every article file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .archive import Archive, build_archive
from .article import Article
from .problems import Problem, error
from .reader import read_article
from .registry import Registry, load_registry
from .taxonomy import ArchiveSettings


def load_registries(
    project_dir: Path, settings: ArchiveSettings
) -> tuple[dict[str, Registry], list[Problem]]:
    """Each taxonomy's registry; a missing file is an empty registry, not an error."""
    registries: dict[str, Registry] = {}
    problems: list[Problem] = []
    for taxonomy in settings.taxonomies:
        relative = f"{settings.registries_dir}/{taxonomy.registry_file}"
        file = project_dir / relative
        text = None
        if file.is_file():
            try:
                text = file.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                problems.append(
                    error(relative, 1, "the registry is not UTF-8 text; save it as UTF-8")
                )
        registry, found = load_registry(taxonomy, text, relative)
        registries[taxonomy.name] = registry
        problems.extend(found)
    return registries, problems


def article_files(docs_dir: Path, settings: ArchiveSettings) -> list[tuple[str, Path]]:
    """``(path relative to docs_dir, file)`` for every Markdown file under the articles folder."""
    root = docs_dir / settings.articles_dir
    if not root.is_dir():
        return []
    found = [(file.relative_to(docs_dir).as_posix(), file) for file in root.rglob("*.md")]
    return sorted(found)


def read_articles(
    files: Iterable[tuple[str, Path]], settings: ArchiveSettings, shown_prefix: str
) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    for relative, file in files:
        shown = f"{shown_prefix}{relative}"
        try:
            raw = file.read_bytes()
        except OSError as exc:
            problems.append(error(shown, 1, f"the file cannot be read: {exc.strerror}"))
            continue
        article, found = read_article(relative, raw, settings, shown_as=shown)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def load_archive(project_dir: Path, docs_dir: Path, settings: ArchiveSettings) -> Archive:
    """The archive of a project on disk, with every problem found on the way."""
    registries, problems = load_registries(project_dir, settings)
    prefix = shown_prefix(project_dir, docs_dir)
    articles, found = read_articles(article_files(docs_dir, settings), settings, prefix)
    archive = build_archive(settings, articles, registries)
    archive.problems = sorted([*problems, *found, *archive.problems])
    return archive


def shown_prefix(project_dir: Path, docs_dir: Path) -> str:
    try:
        return docs_dir.resolve().relative_to(project_dir.resolve()).as_posix() + "/"
    except ValueError:
        return docs_dir.as_posix().rstrip("/") + "/"
