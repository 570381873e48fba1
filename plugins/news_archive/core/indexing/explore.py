"""What the timelines and the who-appears-with-whom lists show, for one build.

Computed from an `Archive` after indexing: companions in one pass over the articles, and
each term's timeline on first use (a term's pages share it), so that turning ``explore`` off
costs nothing and turning it on costs one pass over the articles and one over each term's.
The map's places are planned with the pages (`places.mapped_places`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model.term import Term
from .archive import Archive
from .cooccurrence import Companions, companions
from .timeline import Timeline, timeline


@dataclass
class Exploration:
    archive: Archive
    companions: Companions = field(default_factory=dict)
    _timelines: dict[tuple[str, str], Timeline] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, archive: Archive) -> Exploration:
        settings = archive.settings
        names = [t.name for t in settings.taxonomies if t.name in settings.companion_taxonomies]
        found = companions(
            (archive.terms_of.get(article.path, {}) for article in archive.articles),
            archive.articles_of,
            names,
            top=settings.companions,
        )
        return cls(archive, found)

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
