"""Long lists split into pages: ``<base>``, ``<base>page/2/``, ``<base>page/3/``, ..."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..model.page_sizes import PageSizes

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list; page 1 lives at the list's own address."""

    base: str
    number: int
    count: int
    items: Sequence[T]
    total: int
    sizes: PageSizes
    compact: bool = False
    """Its items are listed in their short form (one line each, no summary)."""

    def path_of(self, number: int) -> str:
        return page_path(self.base, number)

    @property
    def path(self) -> str:
        return self.path_of(self.number)

    @property
    def previous(self) -> str | None:
        return self.path_of(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.path_of(self.number + 1) if self.number < self.count else None

    @property
    def first_rank(self) -> int:
        return self.sizes.offset_of(self.number) + 1

    @property
    def window(self) -> list[int | None]:
        """Page numbers to show: the first, the last and two around this one; None is a gap."""
        wanted = {1, self.count, *range(self.number - 2, self.number + 3)}
        shown: list[int | None] = []
        for number in sorted(n for n in wanted if 1 <= n <= self.count):
            if shown and shown[-1] is not None and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


def page_path(base: str, number: int) -> str:
    """The site path of page ``number`` of the list at ``base``."""
    return base if number == 1 else f"{base}page/{number}/"


def paginate(
    base: str, items: Sequence[T], sizes: int | PageSizes, *, compact_later: bool = False
) -> list[Pager[T]]:
    """Every page of ``items``; an empty list still has its one (empty) page. With
    ``compact_later``, pages after the first list their items in the short form."""
    if isinstance(sizes, int):
        sizes = PageSizes.uniform(sizes)
    count = sizes.count(len(items))
    return [
        Pager(
            base,
            number,
            count,
            items[sizes.offset_of(number) : sizes.offset_of(number + 1)],
            len(items),
            sizes,
            compact_later and number > 1,
        )
        for number in range(1, count + 1)
    ]


@dataclass(frozen=True)
class FormerPage:
    """A page number a list had under other page sizes and no longer has: its address
    answers with a pointer to the page that now holds the items it started with."""

    path: str
    number: int
    target: str
    target_number: int


def former_pages(base: str, total: int, now: PageSizes, before: PageSizes) -> list[FormerPage]:
    """The pages of a ``total``-item list at ``base`` that ``before``'s sizes made and
    ``now``'s do not; each points to the page now holding its first item."""
    kept = now.count(total)
    return [
        FormerPage(
            page_path(base, number),
            number,
            page_path(base, target := now.number_of(before.offset_of(number))),
            target,
        )
        for number in range(kept + 1, before.count(total) + 1)
    ]
