"""Who appears with whom: the actors and places an actor's or a place's articles name most.

Counting every pair in every article costs memory with the number of distinct pairs, which
grows with the archive. Instead, one pass over the articles counts each term's partners in a
bounded summary (Misra-Gries, below): at most ``per_article`` terms of each taxonomy are
taken from an article (in front-matter order, where contributors put the main ones first),
so an article with ``n`` such terms (``n`` at most ``per_article`` times the taxonomies)
costs at most ``n * (n - 1)`` updates, and each summary keeps at most ``2 * capacity``
partners. The summaries only choose candidates; each candidate's count is then taken
exactly, as the number of articles the two terms share, so that the number shown is the
number of articles a search for both finds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence, Set

from ..model.article import Article
from ..model.term import Term

TermKey = tuple[str, str]
Companions = dict[TermKey, dict[str, tuple[tuple[Term, int], ...]]]


class FrequentItems:
    """A Misra-Gries summary: a counter that never holds more than ``2 * capacity`` items.

    When it overflows, the ``capacity + 1``-th largest count is taken off every count and the
    items left at zero are dropped. Each item's count is then low by at most
    ``n / (capacity + 1)`` after ``n`` additions, so an item added more often than that is
    never lost. The same additions in the same order always leave the same summary.
    """

    __slots__ = ("capacity", "counts")

    def __init__(self, capacity: int) -> None:
        self.capacity = max(1, capacity)
        self.counts: Counter[Hashable] = Counter()

    def add(self, items: Iterable[Hashable]) -> None:
        """Count each of ``items`` once more (Counter.update counts in C, a list at a time)."""
        self.counts.update(items)
        if len(self.counts) > 2 * self.capacity:
            self.shrink()

    def shrink(self) -> None:
        """Take the ``capacity + 1``-th largest count off every count; drop those left at 0."""
        counts = self.counts
        threshold = sorted(counts.values(), reverse=True)[self.capacity]
        self.counts = Counter({key: n - threshold for key, n in counts.items() if n > threshold})


def companions(
    terms_of: Iterable[Mapping[str, Sequence[Term]]],
    articles_of: Mapping[TermKey, Sequence[Article]],
    taxonomies: Sequence[str],
    top: int,
    per_article: int = 6,
    capacity: int = 32,
    only: Set[TermKey] | None = None,
) -> Companions:
    """For each term of ``taxonomies``, its ``top`` partners in each of ``taxonomies``.

    ``terms_of`` gives each article's terms by taxonomy, in a stable order (the archive's);
    ``articles_of`` lists each term's articles, for the exact counts. Partners are ranked by
    the number of articles shared, then alphabetically; a term is never its own partner.
    With ``only``, the partners of those terms alone, from ``terms_of`` of (at least) every
    article that names one of them, in the same order: each term's summary sees the same
    articles in the same order, so its partners come out as in a pass over all articles.
    """
    if top <= 0 or not taxonomies:
        return {}
    summaries: dict[tuple[TermKey, str], FrequentItems] = {}
    found: dict[TermKey, Term] = {}
    for by_taxonomy in terms_of:
        chosen: dict[str, list[TermKey]] = {}
        for name in taxonomies:
            terms = by_taxonomy.get(name, ())[:per_article]
            if terms:
                chosen[name] = [term.key for term in terms]
                for term in terms:
                    found[term.key] = term
        for name, keys in chosen.items():
            for index, key in enumerate(keys):
                if only is not None and key not in only:
                    continue
                for other_name, others in chosen.items():
                    partners = (
                        others[:index] + others[index + 1 :] if other_name == name else others
                    )
                    if not partners:
                        continue
                    summary = summaries.get((key, other_name))
                    if summary is None:
                        summary = summaries[(key, other_name)] = FrequentItems(capacity)
                    summary.add(partners)
    members: dict[TermKey, set[Article]] = {}
    result: Companions = {}
    for (key, partner_taxonomy), summary in summaries.items():
        mine = _members(members, articles_of, key)
        counted = []
        for partner in summary.counts:
            theirs = _members(members, articles_of, partner)
            counted.append((found[partner], len(mine & theirs)))
        counted.sort(key=lambda pair: (-pair[1], pair[0].sort_key))
        result.setdefault(key, {})[partner_taxonomy] = tuple(counted[:top])
    return {
        key: {name: by_name[name] for name in taxonomies if name in by_name}
        for key, by_name in sorted(result.items())
    }


def _members(
    members: dict[TermKey, set[Article]],
    articles_of: Mapping[TermKey, Sequence[Article]],
    key: TermKey,
) -> set[Article]:
    found = members.get(key)
    if found is None:
        found = members[key] = set(articles_of.get(key, ()))
    return found
