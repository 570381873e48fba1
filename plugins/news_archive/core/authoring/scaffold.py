"""A new article's file: valid front matter at the path the contract wants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model.problems import Problem
from ..model.taxonomy import ArchiveSettings
from ..model.text import slugify
from ..reading.reader import read_article
from .yaml_text import flow_list, scalar

BODY_PLACEHOLDER = "<!-- Write or paste the article's text below, in Markdown. -->\n"
# Where an article goes while its date is unknown: the validator asks for the date, then
# for the move to the folder of that date.
UNDATED_FOLDER = "undated"
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})")


@dataclass(frozen=True)
class Draft:
    """What a contributor gave on the command line, or what an import found.

    An empty ``title``, ``date``, ``source`` or ``url`` is written as ``""``, so that the
    validator points at the line to fill in; an empty ``body`` gets a placeholder.
    """

    title: str
    date: str
    source: str
    url: str
    authors: tuple[str, ...] = ()
    summary: str = ""
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    language: str = ""
    body: str = ""
    slug: str = ""  # the file's name when the title makes a poor one
    comments: dict[str, str] = field(default_factory=dict)
    """A line for the contributor to read, written as a YAML comment above a field's line."""


def front_matter(draft: Draft, settings: ArchiveSettings) -> str:
    lines = [
        "---",
        f"title: {scalar(draft.title)}",
        f"date: {draft.date.strip() or scalar('')}",
        f"source: {scalar(draft.source)}",
        f"url: {scalar(draft.url)}",
    ]
    if draft.authors:
        lines.append(f"authors: {flow_list(draft.authors)}")
    if draft.summary:
        lines += _comment(draft, "summary")
        lines.append(f"summary: {scalar(draft.summary)}")
    for taxonomy in settings.taxonomies:
        if not taxonomy.single:
            lines += _comment(draft, taxonomy.field)
            lines.append(f"{taxonomy.field}: {flow_list(draft.terms.get(taxonomy.field, ()))}")
    if draft.language:
        lines.append(f"language: {scalar(draft.language)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _comment(draft: Draft, key: str) -> list[str]:
    """The comment line above ``key``'s line, on one line whatever it was given as."""
    text = " ".join(draft.comments.get(key, "").split())
    return [f"# {text}"] if text else []


def scaffold(
    draft: Draft, settings: ArchiveSettings, docs_dir: Path, shown_prefix: str
) -> tuple[str, str, list[Problem]]:
    """The new file's path (relative to docs_dir), its text, and its errors.

    The text is checked by the same reader as every article, so the caller knows exactly
    what the validator will say: ``new`` writes nothing when there is an error, ``import``
    writes the file anyway so that its contributor can fill in what the original did not say.
    """
    slug = slugify(draft.slug or draft.title, max_length=60) or "article"
    year_month = _YEAR_MONTH.match(draft.date.strip())
    folder = f"{settings.articles_dir}/" + (
        "/".join(year_month.groups()) if year_month else UNDATED_FOLDER
    )
    path = f"{folder}/{slug}.md"
    number = 2
    while (docs_dir / path).exists():
        path = f"{folder}/{slug}-{number}.md"
        number += 1
    body = draft.body.strip("\n")
    text = front_matter(draft, settings) + (f"{body}\n" if body else BODY_PLACEHOLDER)
    _, problems = read_article(path, text.encode(), settings, shown_as=shown_prefix + path)
    return path, text, [p for p in problems if p.is_error]
