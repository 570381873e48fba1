"""An article's names that are filed under a registered term by a loose spelling, and
teaching the registry those spellings (``news-archive suggest --write``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.registry import Registry
from ..model.taxonomy import ArchiveSettings, Taxonomy
from ..model.term import Term
from ..reading.registry_file import load_registry
from .registry_edit import RegistryEditError, add_alias


@dataclass(frozen=True)
class LooseSpelling:
    """``written`` in the article is filed under ``term`` (see `Registry.loosely`)."""

    taxonomy: Taxonomy
    written: str
    term: Term


def loose_spellings(
    values: Mapping[str, Any], settings: ArchiveSettings, registries: Mapping[str, Registry]
) -> list[LooseSpelling]:
    """The front matter's loose spellings, in the order of the taxonomies and the lists."""
    found: list[LooseSpelling] = []
    for taxonomy in settings.taxonomies:
        registry = registries.get(taxonomy.name)
        listed = values.get(taxonomy.field)
        names = [listed] if isinstance(listed, str) else listed
        if registry is None or not isinstance(names, list):
            continue
        for name in names:
            written = " ".join(str(name).split())
            loose = registry.loosely(written) if registry.resolve(written) is None else None
            spelling = LooseSpelling(taxonomy, written, loose[0]) if loose else None
            if spelling is not None and spelling not in found:
                found.append(spelling)
    return found


def add_spellings(
    project_dir: Path, settings: ArchiveSettings, spellings: list[LooseSpelling]
) -> list[str]:
    """Add each spelling to its term's aliases, registry file by registry file; the files
    written, as the project shows them. Raises `RegistryEditError` before writing a file
    whose edit would not read back as intended."""
    written: list[str] = []
    for taxonomy in settings.taxonomies:
        mine = [s for s in spellings if s.taxonomy.name == taxonomy.name]
        if not mine:
            continue
        relative = settings.registry_path(taxonomy)
        file = project_dir / relative
        original = file.read_bytes().decode("utf-8-sig")
        text = original
        for spelling in mine:
            text = add_alias(text, spelling.term.slug, spelling.written)
        registry, problems = load_registry(taxonomy, text, relative)
        before = {p.message for p in load_registry(taxonomy, original, relative)[1]}
        if any(registry.resolve(s.written) != s.term for s in mine) or any(
            p.is_error and p.message not in before for p in problems
        ):
            names = ", ".join(f"'{s.written}'" for s in mine)
            raise RegistryEditError(
                f"{relative} would not read as intended with {names} added; add the aliases by hand"
            )
        file.write_text(text, encoding="utf-8", newline="")
        written.append(relative)
    return written
