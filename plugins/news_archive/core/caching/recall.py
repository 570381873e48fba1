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

from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import TypeVar

from ..indexing.archive import Archive, TermKey
from ..indexing.cooccurrence import Companions
from ..indexing.related import near_changes
from ..model.article import Article

Found = TypeVar("Found")
Related = dict[str, tuple[tuple[Article, int], ...]]
FindCompanions = Callable[[Sequence[Article] | None, Set[TermKey] | None], Companions]
"""Finds the companions of the given terms (or all) from the given articles (or all)."""
FindRelated = Callable[[Sequence[Article] | None], Related]
"""Finds the related articles of the given articles, or of all of them for ``None``."""


class NoRecall:
    """Every build works everything out."""

    def registry(self, path: str, inputs: object, load: Callable[[], Found]) -> Found:
        """The registry at ``path`` read from ``inputs`` (its taxonomy and text)."""
        return load()

    def related(self, archive: Archive, find: FindRelated) -> Related:
        """Every article's related articles, found by ``find``."""
        return find(None)

    def companions(self, archive: Archive, names: object, find: FindCompanions) -> Companions:
        """Every term's companions (``names``: the settings that shape them)."""
        return find(None, None)


@dataclass(frozen=True)
class _RelatedKept:
    """The last build's related articles (by path) and what they came from."""

    settings: object
    shapes: dict[str, tuple[object, ...]]
    """Each article's place in time and terms, by path."""
    postings: dict[tuple[str, str], tuple[str, ...]]
    """Each term's articles, newest first, by path."""
    related: dict[str, tuple[tuple[str, int], ...]]


@dataclass(frozen=True)
class _CompanionsKept:
    """The last build's companions (by key) and what they came from."""

    settings: object
    named: dict[TermKey, str]
    """Every term's name by key: partners are ranked by name where counts tie."""
    shapes: dict[str, tuple[object, ...]]
    companions: dict[tuple[str, str], dict[str, tuple[tuple[tuple[str, str], int], ...]]]


class Recall(NoRecall):
    """The last build's registries, related articles and companions, by what they came from."""

    def __init__(self) -> None:
        self._registries: dict[str, tuple[object, object]] = {}
        self._related: _RelatedKept | None = None
        self._companions: _CompanionsKept | None = None
        self._shaped: tuple[Archive, dict[str, tuple[object, ...]]] | None = None

    def _shapes(self, archive: Archive) -> dict[str, tuple[object, ...]]:
        """Each article's date and terms by path, made once per build's archive."""
        if self._shaped is None or self._shaped[0] is not archive:
            shapes = {article.path: _shape_of(archive, article) for article in archive.articles}
            self._shaped = (archive, shapes)
        return self._shaped[1]

    def registry(self, path: str, inputs: object, load: Callable[[], Found]) -> Found:
        kept = self._registries.get(path)
        if kept is None or kept[0] != inputs:
            kept = self._registries[path] = (inputs, load())
        return kept[1]  # type: ignore[return-value]

    def related(self, archive: Archive, find: FindRelated) -> Related:
        settings = _settings(archive)
        shapes = self._shapes(archive)
        postings = {
            key: tuple(article.path for article in listed)
            for key, listed in archive.articles_of.items()
        }
        kept, by_path = self._related, archive.by_path
        if kept is None or kept.settings != settings:
            found = find(None)
        else:
            changed = _changed(shapes, kept.shapes)
            terms = list(_keys_of(changed, shapes, kept.shapes))
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

    def companions(self, archive: Archive, names: object, find: FindCompanions) -> Companions:
        named = {t.key: t.name for terms in archive.terms.values() for t in terms.values()}
        shapes = self._shapes(archive)
        kept = self._companions
        if kept is None or kept.settings != names or not _kept_names(kept.named, named):
            found = find(None, None)
        else:
            changed = _changed(shapes, kept.shapes)
            # Only the terms of a changed article can count it among their articles' names.
            again = set(_keys_of(changed, shapes, kept.shapes))
            naming = {a.path for key in again for a in archive.articles_of.get(key, ())}
            articles = [article for article in archive.articles if article.path in naming]
            found = find(articles, again) if again else {}
            terms = {t.key: t for by in archive.terms.values() for t in by.values()}
            try:
                for key, by_name in kept.companions.items():
                    if key not in again:
                        found[key] = {
                            name: tuple((terms[other], count) for other, count in listed)
                            for name, listed in by_name.items()
                        }
            except KeyError:  # a partner gone: never from an unchanged term's articles
                found = find(None, None)
            found = dict(sorted(found.items()))  # as a pass over all articles orders them
        keys = {
            key: {
                name: tuple((other.key, count) for other, count in listed)
                for name, listed in by_name.items()
            }
            for key, by_name in found.items()
        }
        self._companions = _CompanionsKept(names, named, shapes, keys)
        return found


def _kept_names(before: dict[TermKey, str], now: dict[TermKey, str]) -> bool:
    """Whether no term of the last build has another name now. A term that comes or goes
    (an actor first or last named by an edited article) is a partner only of the terms of
    articles that changed, which are counted again; a renamed one can move in any term's
    ranking, where ties go by name."""
    return all(now.get(key, name) == name for key, name in before.items())


def _changed(
    shapes: dict[str, tuple[object, ...]], before: dict[str, tuple[object, ...]]
) -> set[str]:
    """The articles added, removed, or with another date or other terms."""
    return {path for path in shapes.keys() | before.keys() if shapes.get(path) != before.get(path)}


def _keys_of(paths: set[str], *shapes: dict[str, tuple[object, ...]]) -> Iterator[tuple[str, str]]:
    """Every term key the articles at ``paths`` have in any of ``shapes``."""
    for path in paths:
        for by_path in shapes:
            shape = by_path.get(path)
            if shape is not None:
                for _name, keys in shape[1]:  # type: ignore[misc]
                    yield from keys


def _settings(archive: Archive) -> tuple[object, ...]:
    settings = archive.settings
    weights = tuple((t.name, t.weight) for t in settings.taxonomies)
    return weights, settings.related_count, settings.related_window, settings.related_min_score


def _shape_of(archive: Archive, article: Article) -> tuple[object, ...]:
    """An article's place in time and its terms' keys, by taxonomy."""
    return (
        article.newest_first,
        tuple(
            (name, tuple(term.key for term in listed))
            for name, listed in archive.terms_of.get(article.path, {}).items()
        ),
    )
