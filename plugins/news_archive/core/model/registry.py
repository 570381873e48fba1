"""Registries: the curated terms of one taxonomy, and how written names resolve to them.

A registry file is read and its entries checked in ``reading/registry_file.py``."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .taxonomy import Taxonomy
from .term import Term
from .text import lookup_key, loose_key, slugify


@dataclass
class Registry:
    """The registered terms of one taxonomy, with a lookup from every spelling to its slug."""

    taxonomy: Taxonomy
    terms: dict[str, Term] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each entry's key in the registry file, by slug."""
    _lookup: dict[str, str] = field(default_factory=dict)
    _loose: dict[str, tuple[str, str]] = field(default_factory=dict)
    _suggestions: dict[str, str | None] = field(default_factory=dict)
    _resolved: dict[str, str] = field(default_factory=dict)
    """The slug each spelling met so far resolves to: an archive writes the same few
    thousand names hundreds of thousands of times, and folding each took most of indexing."""

    def add(self, term: Term, line: int = 1) -> None:
        self._resolved.clear()
        self._suggestions.clear()
        self.terms[term.slug] = term
        self.lines[term.slug] = line
        for spelling in (term.name, term.slug, *term.aliases):
            self._lookup.setdefault(lookup_key(spelling), term.slug)
        for spelling in (term.name, *term.aliases):
            if key := loose_key(spelling):
                self._loose.setdefault(key, (term.slug, spelling))

    def loosely(self, written: str) -> tuple[Term, str] | None:
        """The registered term one of whose names or aliases differs from ``written`` only
        in spaces, hyphens, dots, apostrophes or case, and that spelling."""
        found = self._loose.get(loose_key(written))
        return (self.terms[found[0]], found[1]) if found else None

    def resolve(self, written: str) -> Term | None:
        """The registered term written as its name, an alias or its slug, in any case."""
        try:
            slug = self._resolved[written]
        except KeyError:
            slug = self._lookup.get(lookup_key(written)) or slugify(written)
            self._resolved[written] = slug
        return self.terms.get(slug)

    def files_under(self, written: str) -> Term | None:
        """The registered term an article's ``written`` name is filed under, if any."""
        if (term := self.resolve(written)) is not None:
            return term
        found = self.loosely(written)
        return found[0] if found else None

    def owner_of(self, spelling: str) -> str | None:
        return self._lookup.get(lookup_key(spelling))

    def suggest(self, written: str) -> str | None:
        """The registered name or alias closest to ``written``, when one is close enough."""
        key = lookup_key(written)
        if key not in self._suggestions:
            choices = {}
            for term in self.terms.values():
                for spelling in (term.name, *term.aliases):
                    choices.setdefault(lookup_key(spelling), spelling)
            # QRatio compares whole strings: 'Daesch' is close to 'Daesh', while
            # 'ISIS fighters' is not close to 'IS' (WRatio would match a part of it).
            match = process.extractOne(key, list(choices), scorer=fuzz.QRatio, score_cutoff=80)
            self._suggestions[key] = choices[match[0]] if match else None
        return self._suggestions[key]
