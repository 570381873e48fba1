"""How many items each page of a long list holds: part of a taxonomy's settings, read by the
planning of its pages (``planning/pagination.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSizes:
    """How many items a list's first page holds, and each page after it.

    The first page is the one readers land on from a link; later pages are for readers who
    page back through years of coverage, and hold more (in a shorter form, where the list is
    compact), so that a long list costs fewer pages, each carrying the whole page frame.
    """

    first: int
    later: int

    @classmethod
    def uniform(cls, size: int) -> PageSizes:
        return cls(size, size)

    def count(self, total: int) -> int:
        """How many pages ``total`` items take; an empty list still has its one page."""
        if total <= self.first:
            return 1
        return 1 + -(-(total - self.first) // self.later)

    def offset_of(self, number: int) -> int:
        """The position (from 0) of page ``number``'s first item in the whole list."""
        return 0 if number == 1 else self.first + (number - 2) * self.later

    def number_of(self, index: int) -> int:
        """The page that holds the item at position ``index`` (from 0)."""
        return 1 if index < self.first else 2 + (index - self.first) // self.later
