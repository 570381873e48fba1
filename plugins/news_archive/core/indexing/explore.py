"""What the timelines and the who-appears-with-whom lists show, for one build.

Computed from an `Archive` after indexing: companions in one pass over the articles, and
each term's timeline on first use (a term's pages share it), so that turning ``explore`` off
costs nothing and turning it on costs one pass over the articles and one over each term's.
The map's places are planned with the pages (`places.mapped_places`).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..model.article import Article
from ..model.term import Term
from .archive import Archive, TermKey
from .cooccurrence import Companions, companions

if TYPE_CHECKING:
    from ..caching.recall import NoRecall
from .timeline import Timeline, timeline


@dataclass
class Exploration:
    archive: Archive
    companions: Companions = field(default_factory=dict)
    _timelines: dict[tuple[str, str], Timeline] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, archive: Archive, recall: NoRecall | None = None) -> Exploration:
        """The companions found, or taken from ``recall`` for the same articles and terms."""
        settings = archive.settings
        names = [t.name for t in settings.taxonomies if t.name in settings.companion_taxonomies]

        def find(articles: Sequence[Article] | None, only: Set[TermKey] | None) -> Companions:
            read = archive.articles if articles is None else articles
            return companions(
                (archive.terms_of.get(article.path, {}) for article in read),
                archive.articles_of,
                names,
                top=settings.companions,
                only=only,
            )

        if recall is None:
            return cls(archive, find(None, None))
        return cls(archive, recall.companions(archive, (names, settings.companions), find))

    def timeline_of(self, term: Term) -> Timeline:
        """The term's articles per month (or year), with where each period starts in its list."""
        found = self._timelines.get(term.key)
        if found is None:
            articles = self.archive.articles_of.get(term.key, ())
            found = self._timelines[term.key] = timeline([a.date for a in articles])
        return found

    @cached_property
    def archive_timeline(self) -> Timeline:
        return timeline([article.date for article in self.archive.articles])

    def companions_of(self, term: Term) -> dict[str, tuple[tuple[Term, int], ...]]:
        return self.companions.get(term.key, {})
