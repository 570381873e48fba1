"""A term: one tag, actor, place or source, registered or met for the first time in an article."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .text import lookup_key, slugify


@dataclass(frozen=True, eq=False)
class Term:
    """A term is identified by its taxonomy and slug; everything else describes it."""

    taxonomy: str
    slug: str
    name: str
    registered: bool = True
    aliases: tuple[str, ...] = ()
    kind: str = ""
    description: str = ""
    wikidata: str = ""
    country: str = ""
    coordinates: tuple[float, float] | None = None
    url: str = ""

    @cached_property
    def key(self) -> tuple[str, str]:
        """Kept once made: indexes, related articles and rebuilds under serve ask it often."""
        return (self.taxonomy, self.slug)

    @property
    def path(self) -> str:
        """The term page's site path, e.g. ``actors/islamic-state/``."""
        return f"{self.taxonomy}/{self.slug}/"

    @cached_property
    def sort_key(self) -> tuple[str, str, str]:
        """Alphabetical by the name's Latin transliteration, so ``Ōsaka`` files under O."""
        return (slugify(self.name) or self.slug, lookup_key(self.name), self.slug)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __lt__(self, other: Term) -> bool:
        return self.sort_key < other.sort_key

    def __repr__(self) -> str:
        return f"Term({self.taxonomy}/{self.slug})"
