"""Long lists split into pages: ``<base>``, ``<base>page/2/``, ``<base>page/3/``, ..."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list; page 1 lives at the list's own address."""

    base: str
    number: int
    count: int
    items: Sequence[T]
    total: int
    per_page: int

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
        return (self.number - 1) * self.per_page + 1

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


def paginate(base: str, items: Sequence[T], per_page: int) -> list[Pager[T]]:
    """Every page of ``items``; an empty list still has its one (empty) page."""
    count = max(1, -(-len(items) // per_page))
    return [
        Pager(
            base,
            number,
            count,
            items[(number - 1) * per_page : number * per_page],
            len(items),
            per_page,
        )
        for number in range(1, count + 1)
    ]
