"""Which files of the docs folder may be published: no symbolic links, and from the articles
folder only Markdown articles.

MkDocs copies every file of the docs folder it does not read as a page into the site as it is,
and follows symbolic links while it looks for them: an ``.html`` or ``.svg`` file in a pull
request would run script on the archive's address, and a link to ``/proc/self/environ`` would
publish the build's environment. So the folder is walked here without following any link, and
only what that walk finds may be published; the validator and the plugin use the same walk,
so they report the same errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..model.problems import Problem, error
from ..model.taxonomy import ArchiveSettings

MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The endings MkDocs reads as a page (``mkdocs.utils.markdown_extensions``, in lowercase
only: ``x.MD`` is copied as it is). An article must end in ``.md``; the others are pages
elsewhere in the docs folder."""


@dataclass(frozen=True)
class ContentFiles:
    """The files of the docs folder that may be published, and why others may not."""

    publishable: frozenset[str]
    """Paths relative to the docs folder, like ``articles/2017/09/x.md``."""
    problems: tuple[Problem, ...]

    def articles(self, settings: ArchiveSettings) -> list[str]:
        """The article files, sorted: every ``.md`` file of the articles folder."""
        folder = f"{settings.articles_dir}/"
        return sorted(p for p in self.publishable if p.startswith(folder) and p.endswith(".md"))

    def pages(self, settings: ArchiveSettings) -> list[str]:
        """The other pages MkDocs reads (home, about, ...), sorted."""
        folder = f"{settings.articles_dir}/"
        return sorted(
            p
            for p in self.publishable
            if not p.startswith(folder) and p.endswith(MARKDOWN_SUFFIXES)
        )


def content_files(
    project_dir: Path, docs_dir: Path, settings: ArchiveSettings, shown_prefix: str
) -> ContentFiles:
    """Walk the docs folder once, never into a link, skipping hidden names as MkDocs does.

    Every link is refused, even one that stays inside the folder: one rule, plain to a
    contributor, with no target to resolve and compare (links to links, ``..`` in a target)
    and so no case to get wrong.
    """
    link = linked_part(project_dir, docs_dir)
    if link is not None:
        message = (
            f"the docs folder '{link}' is a symbolic link, so nothing in it is published; "
            "commit the folder itself, not a link"
        )
        return ContentFiles(frozenset(), (error(link, 1, message),))
    files, links = _walk(docs_dir)
    problems = [
        error(
            f"{shown_prefix}{path}",
            1,
            f"'{path.rsplit('/', 1)[-1]}' is a symbolic link, which is never published; "
            "commit the file or folder itself, not a link",
        )
        for path in links
    ]
    articles = f"{settings.articles_dir}/"
    refused = set()
    for path in files:
        if path.startswith(articles) and not path.endswith(".md"):
            refused.add(path)
            problems.append(_not_an_article(path, f"{shown_prefix}{articles}", shown_prefix))
    problems.sort(key=lambda problem: problem.path)
    return ContentFiles(frozenset(files) - refused, tuple(problems))


def _not_an_article(path: str, shown_articles: str, shown_prefix: str) -> Problem:
    name = path.rsplit("/", 1)[-1]
    wrong = f"only Markdown articles (.md) are published from {shown_articles}; found '{name}'"
    suffix = next((s for s in MARKDOWN_SUFFIXES if name.lower().endswith(s)), None)
    if suffix is not None and len(name) > len(suffix):
        fix = f"rename it to '{name[: -len(suffix)]}.md'"
    else:
        fix = f"move it out of {shown_articles} or convert it into a Markdown article"
    return error(f"{shown_prefix}{path}", 1, f"{wrong}; {fix}")


def _walk(docs_dir: Path) -> tuple[list[str], list[str]]:
    """The files and the links under ``docs_dir``, as relative paths with ``/``.

    Hidden names (``.git``, ``.x.md.swp``, an import's temporary file) are skipped: MkDocs
    never publishes them. A folder that cannot be listed is skipped, as MkDocs skips it.
    """
    files: list[str] = []
    links: list[str] = []
    folders = [("", str(docs_dir))]
    while folders:
        relative, folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                found = [e for e in entries if not e.name.startswith(".")]
        except OSError:
            continue
        for entry in found:
            path = f"{relative}{entry.name}"
            if entry.is_symlink():
                links.append(path)
            elif entry.is_dir(follow_symlinks=False):
                folders.append((f"{path}/", entry.path))
            else:
                files.append(path)
    return files, links


def linked_part(root: Path, path: Path) -> str | None:
    """The first part of ``path`` below ``root`` that is a symbolic link, relative to
    ``root``; None when there is none, or when ``path`` is not below ``root``.

    For the folders and files the settings name (the docs folder, the registries): a pull
    request could replace them with a link as easily as an article. What lies outside the
    project is the maintainers' choice, made in ``mkdocs.yml``.
    """
    try:
        parts = Path(os.path.relpath(path, root)).parts
    except ValueError:  # another drive, on Windows
        return None
    if not parts or parts[0] in ("..", "."):
        return None
    current = root
    for index, part in enumerate(parts):
        current = current / part
        if current.is_symlink():
            return "/".join(parts[: index + 1])
    return None
