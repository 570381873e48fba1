"""A new article's file: valid front matter at the path the contract wants."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .reader import read_article
from .taxonomy import ArchiveSettings
from .text import slugify
from .yaml_text import flow_list, scalar

BODY_PLACEHOLDER = "<!-- Write or paste the article's text below, in Markdown. -->\n"


@dataclass(frozen=True)
class Draft:
    """What a contributor gave on the command line."""

    title: str
    date: str
    source: str
    url: str
    authors: tuple[str, ...] = ()
    summary: str = ""
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)


def front_matter(draft: Draft, settings: ArchiveSettings) -> str:
    lines = [
        "---",
        f"title: {scalar(draft.title)}",
        f"date: {draft.date.strip()}",
        f"source: {scalar(draft.source)}",
        f"url: {scalar(draft.url)}",
    ]
    if draft.authors:
        lines.append(f"authors: {flow_list(draft.authors)}")
    if draft.summary:
        lines.append(f"summary: {scalar(draft.summary)}")
    for taxonomy in settings.taxonomies:
        if not taxonomy.single:
            lines.append(f"{taxonomy.field}: {flow_list(draft.terms.get(taxonomy.field, ()))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def scaffold(
    draft: Draft, settings: ArchiveSettings, docs_dir: Path, shown_prefix: str
) -> tuple[str, str, list[Problem]]:
    """The new file's path (relative to docs_dir), its text, and any problem with the input.

    The text is checked by the same reader as every article, so a scaffolded article is
    valid by construction or not written at all.
    """
    slug = slugify(draft.title, max_length=60) or "article"
    year, month = draft.date.strip()[:4], draft.date.strip()[5:7]
    folder = f"{settings.articles_dir}/{year}/{month}"
    path = f"{folder}/{slug}.md"
    number = 2
    while (docs_dir / path).exists():
        path = f"{folder}/{slug}-{number}.md"
        number += 1
    text = front_matter(draft, settings) + BODY_PLACEHOLDER
    _, problems = read_article(path, text.encode(), settings, shown_as=shown_prefix + path)
    return path, text, [p for p in problems if p.is_error]
