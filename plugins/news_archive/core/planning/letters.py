"""An A-Z index over pages: the letter each term is filed under, and where each letter starts.

A taxonomy's index is split into pages of ``index_per_page`` terms; at thousands of terms a
reader looking for "Raqqa" needs to know which page R is on, from any page.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.term import Term
from .pagination import Pager

OTHER = "#"
"""Where terms that start with a digit or a symbol are filed (first, as they sort)."""


def initial(term: Term) -> str:
    """The letter a term is filed under: its first transliterated letter, upper case."""
    first = term.sort_key[0][:1].upper()
    return first if first.isalpha() else OTHER


def by_initial(terms: Sequence[Term]) -> list[tuple[str, list[Term]]]:
    """Terms grouped under their letters, in the order of the letters."""
    groups: dict[str, list[Term]] = {}
    for term in terms:
        groups.setdefault(initial(term), []).append(term)
    return sorted(groups.items(), key=lambda group: (group[0] != OTHER, group[0]))


def anchor(letter: str) -> str:
    """The id of a letter's heading on a page."""
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


def letter_starts(pagers: Sequence[Pager[Term]]) -> list[tuple[str, str]]:
    """Each letter with the page where its terms start, in the order of the letters."""
    starts: dict[str, str] = {}
    for pager in pagers:
        for letter, _ in by_initial(pager.items):
            starts.setdefault(letter, pager.path)
    return sorted(starts.items(), key=lambda start: (start[0] != OTHER, start[0]))
