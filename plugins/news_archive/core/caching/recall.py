"""What the last build of this process worked out, for the next one to take where its inputs
have not changed: ``NoRecall`` (work everything out, the default) or ``Recall``.

Under ``mkdocs serve`` the plugin lives across rebuilds, and most edits are to an article's
text: its terms, its date and every other article stay as they were. Then the registries'
terms, every article's related articles and every term's companions come out as last time,
and working them out again was a large share of each rebuild (RESULTS.md). ``Recall`` keeps
them in memory with the inputs they came from, compared in full (not by size or time), and
gives them back only for the same inputs. Nothing is kept on disk: a new process starts
with nothing recalled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ..indexing.archive import Archive
from ..model.article import Article
from ..model.term import Term

Found = TypeVar("Found")
Related = dict[str, tuple[tuple[Article, int], ...]]
Companions = dict[tuple[str, str], dict[str, tuple[tuple[Term, int], ...]]]


class NoRecall:
    """Every build works everything out."""

    def registry(self, path: str, inputs: object, load: Callable[[], Found]) -> Found:
        """The registry at ``path`` read from ``inputs`` (its taxonomy and text)."""
        return load()

    def related(self, archive: Archive, find: Callable[[], Related]) -> Related:
        """Every article's related articles, found by ``find``."""
        return find()

    def companions(
        self, archive: Archive, names: object, find: Callable[[], Companions]
    ) -> Companions:
        """Every term's companions (``names``: the settings that shape them)."""
        return find()


class Recall(NoRecall):
    """The last build's registries, related articles and companions, by what they came from."""

    def __init__(self) -> None:
        self._registries: dict[str, tuple[object, object]] = {}
        self._related: tuple[object, dict[str, tuple[tuple[str, int], ...]]] | None = None
        self._companions: tuple[object, dict] | None = None

    def registry(self, path: str, inputs: object, load: Callable[[], Found]) -> Found:
        kept = self._registries.get(path)
        if kept is None or kept[0] != inputs:
            kept = self._registries[path] = (inputs, load())
        return kept[1]  # type: ignore[return-value]

    def related(self, archive: Archive, find: Callable[[], Related]) -> Related:
        shape = (_settings(archive), _shape(archive))
        if self._related is not None and self._related[0] == shape:
            by_path = archive.by_path
            return {
                path: tuple((by_path[other], score) for other, score in listed)
                for path, listed in self._related[1].items()
            }
        found = find()
        paths = {
            path: tuple((other.path, score) for other, score in listed)
            for path, listed in found.items()
        }
        self._related = (shape, paths)
        return found

    def companions(
        self, archive: Archive, names: object, find: Callable[[], Companions]
    ) -> Companions:
        named = sorted((t.key, t.name) for terms in archive.terms.values() for t in terms.values())
        shape = (names, _shape(archive), named)
        if self._companions is not None and self._companions[0] == shape:
            terms = {t.key: t for terms in archive.terms.values() for t in terms.values()}
            return {
                key: {
                    name: tuple((terms[other], count) for other, count in listed)
                    for name, listed in by_name.items()
                }
                for key, by_name in self._companions[1].items()
            }
        found = find()
        keys = {
            key: {
                name: tuple((other.key, count) for other, count in listed)
                for name, listed in by_name.items()
            }
            for key, by_name in found.items()
        }
        self._companions = (shape, keys)
        return found


def _settings(archive: Archive) -> tuple[object, ...]:
    settings = archive.settings
    weights = tuple((t.name, t.weight) for t in settings.taxonomies)
    return weights, settings.related_count, settings.related_window, settings.related_min_score


def _shape(archive: Archive) -> list[tuple[object, ...]]:
    """Each article (in the archive's order) with its date and terms: all that related
    articles and companions are made of."""
    terms_of = archive.terms_of
    return [
        (
            article.newest_first,
            tuple(
                (name, tuple(term.key for term in listed))
                for name, listed in terms_of.get(article.path, {}).items()
            ),
        )
        for article in archive.articles
    ]
