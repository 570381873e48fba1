"""Related articles: weighted shared terms, found through inverted indexes.

Scoring in the spirit of Hugo's related content: two articles score the sum of the weights of
the taxonomies of the terms they share (an actor in common counts more than a tag). To stay
near-linear at tens of thousands of articles, an article only meets, through each of its terms,
the ``window`` articles nearest in time on either side of it in that term's list: news is
related to news of the same period, and a term carried by half the archive cannot make the
work quadratic.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set

from ..model.article import Article


def related_articles(
    articles: Sequence[Article],
    terms_of: Mapping[str, Sequence[tuple[str, str]]],
    postings: Mapping[tuple[str, str], Sequence[Article]],
    weights: Mapping[str, int],
    count: int,
    window: int,
    min_score: int = 1,
) -> dict[str, tuple[tuple[Article, int], ...]]:
    """For each article path, up to ``count`` (article, score) pairs, best first.

    ``postings`` lists each term's articles newest first; ties in score go to the article
    closest in date, then the newer one, then the path, so the ranking is fully determined.
    """
    if count <= 0:
        return {}
    # Each term's places, worked out for the terms of the given articles alone (when only a
    # few are related again, the archive's other terms are never looked at).
    places: dict[tuple[str, str], dict[str, int]] = {}
    related: dict[str, tuple[tuple[Article, int], ...]] = {}
    for article in articles:
        scores: dict[str, int] = defaultdict(int)
        by_path: dict[str, Article] = {}
        for term_key in terms_of.get(article.path, ()):
            weight = weights.get(term_key[0], 0)
            if weight <= 0:
                continue
            posting = postings[term_key]
            place = places.get(term_key)
            if place is None:
                place = places[term_key] = {a.path: i for i, a in enumerate(posting)}
            here = place[article.path]
            for other in posting[max(0, here - window) : here + window + 1]:
                if other is not article:
                    scores[other.path] += weight
                    by_path[other.path] = other
        if not scores:
            related[article.path] = ()
            continue
        # Only articles scoring at least the count-th best score can make the list: the
        # tie-breaks are worked out for those few, not for hundreds of candidates.
        least = max(min_score, heapq.nlargest(count, scores.values())[-1])
        ordinal = article.date.toordinal()
        ranked = sorted(
            (
                (-score, abs(by_path[path].date.toordinal() - ordinal), by_path[path].newest_first)
                for path, score in scores.items()
                if score >= least
            )
        )[:count]
        related[article.path] = tuple((by_path[key[2][2]], -key[0]) for key in ranked)
    return related


def near_changes(
    before: Mapping[tuple[str, str], Sequence[str]],
    after: Mapping[tuple[str, str], Sequence[str]],
    changed: Set[str],
    terms: Iterable[tuple[str, str]],
    window: int,
) -> set[str]:
    """The articles whose related list may differ once the ``changed`` articles (edited,
    added or removed) are: those ``window`` places or fewer from a changed article in the
    list of one of ``terms`` (every term a changed article had or has), before the change or
    after it. Any other article meets the same articles through each of its terms, nearest
    in the same order, so its list comes out as it was."""
    near: set[str] = set()
    for key in set(terms):
        for postings in (before, after):
            paths = postings.get(key, ())
            for index, path in enumerate(paths):
                if path in changed:
                    near.update(paths[max(0, index - window) : index + window + 1])
    return near
