"""What the last build of this process worked out, for the next one to take where its inputs
have not changed: ``NoRecall`` (work everything out, the default) or ``Recall``.

Under ``mkdocs serve`` the plugin lives across rebuilds, and most edits are to an article's
text: its terms, its date and every other article stay as they were. Then the registries'
terms, every article's related articles and every term's companions come out as last time,
and working them out again was a large share of each rebuild (RESULTS.md). ``Recall`` keeps
them in memory with the inputs they came from, compared in full (not by size or time), and
gives them back only for the same inputs. Related articles are also kept in part: when some
articles' dates or terms change (or articles come or go), only the articles near those in a
term's list are related again (``related.near_changes``). Nothing is kept on disk: a new
process starts with nothing recalled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..indexing.archive import Archive
from ..indexing.related import near_changes
from ..model.article import Article
from ..model.term import Term

Found = TypeVar("Found")
Related = dict[str, tuple[tuple[Article, int], ...]]
FindRelated = Callable[[Sequence[Article] | None], Related]
"""Finds the related articles of the given articles, or of all of them for ``None``."""
Companions = dict[tuple[str, str], dict[str, tuple[tuple[Term, int], ...]]]


class NoRecall:
    """Every build works everything out."""

    def registry(self, path: str, inputs: object, load: Callable[[], Found]) -> Found:
        """The registry at ``path`` read from ``inputs`` (its taxonomy and text)."""
        return load()

    def related(self, archive: Archive, find: FindRelated) -> Related:
        """Every article's related articles, found by ``find``."""
        return find(None)

    def companions(
        self, archive: Archive, names: object, find: Callable[[], Companions]
    ) -> Companions:
        """Every term's companions (``names``: the settings that shape them)."""
        return find()


@dataclass(frozen=True)
class _RelatedKept:
    """The last build's related articles (by path) and what they came from."""

    settings: object
    shapes: dict[str, tuple[object, ...]]
    """Each article's place in time and terms, by path."""
    postings: dict[tuple[str, str], tuple[str, ...]]
    """Each term's articles, newest first, by path."""
    related: dict[str, tuple[tuple[str, int], ...]]


class Recall(NoRecall):
    """The last build's registries, related articles and companions, by what they came from."""

    def __init__(self) -> None:
        self._registries: dict[str, tuple[object, object]] = {}
        self._related: _RelatedKept | None = None
        self._companions: tuple[object, dict] | None = None

    def registry(self, path: str, inputs: object, load: Callable[[], Found]) -> Found:
        kept = self._registries.get(path)
        if kept is None or kept[0] != inputs:
            kept = self._registries[path] = (inputs, load())
        return kept[1]  # type: ignore[return-value]

    def related(self, archive: Archive, find: FindRelated) -> Related:
        settings = _settings(archive)
        shapes = {article.path: _shape_of(archive, article) for article in archive.articles}
        postings = {
            key: tuple(article.path for article in listed)
            for key, listed in archive.articles_of.items()
        }
        kept, by_path = self._related, archive.by_path
        if kept is None or kept.settings != settings:
            found = find(None)
        else:
            changed = {
                path
                for path in shapes.keys() | kept.shapes.keys()
                if shapes.get(path) != kept.shapes.get(path)
            }
            terms = [
                key
                for path in changed
                for shape in (shapes.get(path), kept.shapes.get(path))
                if shape is not None
                for _name, keys in shape[1]  # type: ignore[misc]
                for key in keys
            ]
            window = archive.settings.related_window
            again = near_changes(kept.postings, postings, changed, terms, window)
            again = (again | changed) & shapes.keys()  # an article without terms is in no list
            ordered = [article for article in archive.articles if article.path in again]
            found = find(ordered) if ordered else {}
            for path, listed in kept.related.items():
                if path not in again and path in shapes:
                    found[path] = tuple((by_path[other], score) for other, score in listed)
            # In the archive's order, as ``find(None)`` gives them: pages are made in it.
            found = {a.path: found[a.path] for a in archive.articles if a.path in found}
        paths = {
            path: tuple((other.path, score) for other, score in listed)
            for path, listed in found.items()
        }
        self._related = _RelatedKept(settings, shapes, postings, paths)
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
    return [_shape_of(archive, article) for article in archive.articles]


def _shape_of(archive: Archive, article: Article) -> tuple[object, ...]:
    """An article's place in time and its terms' keys, by taxonomy."""
    return (
        article.newest_first,
        tuple(
            (name, tuple(term.key for term in listed))
            for name, listed in archive.terms_of.get(article.path, {}).items()
        ),
    )
