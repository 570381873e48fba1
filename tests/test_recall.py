"""What a serve rebuild takes from the last one (``core/caching/recall.py``): the registries,
related articles and companions, given back only for the same inputs, as the new build's
objects, and equal to what working them out again gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from news_archive.config import default_settings
from news_archive.core.caching.recall import Recall
from news_archive.core.indexing.archive import Archive, build_archive, index_archive
from news_archive.core.indexing.explore import Exploration
from news_archive.core.model.article import Article
from news_archive.core.model.registry import Registry
from news_archive.core.model.taxonomy import DEFAULT_TAXONOMIES
from news_archive.core.reading.registry_file import load_registry

SETTINGS = replace(default_settings(), related_window=3)
ACTORS = DEFAULT_TAXONOMIES[1]


def _articles(body: str = "", **extra: tuple[str, ...]) -> list[Article]:
    """Ten articles sharing actors and tags; ``extra`` adds terms to the first."""
    made = []
    for day in range(1, 11):
        terms = {
            "sources": ("Wire",),
            "actors": ("SDF", "YPG") if day % 2 else ("SDF", "ISIS"),
            "tags": ("oil",) if day % 3 else ("dam", "oil"),
        }
        if day == 1:
            terms = {name: terms.get(name, ()) + extra.get(name, ()) for name in terms | extra}
        made.append(
            Article(
                path=f"articles/2017/09/a{day:02d}.md",
                title=f"a{day:02d}{body}",
                date=dt.date(2017, 9, day),
                source="Wire",
                url=f"https://x.example/a{day:02d}",
                terms=terms,
            )
        )
    return made


def _related_by_path(archive: Archive) -> dict[str, list[tuple[str, int]]]:
    return {
        path: [(other.path, score) for other, score in listed]
        for path, listed in archive.related.items()
    }


def _recalled(recall: Recall, articles: list[Article]) -> Archive:
    archive = index_archive(SETTINGS, articles, {})
    archive.related = recall.related(archive, lambda: build_archive(SETTINGS, articles, {}).related)
    return archive


def test_related_articles_come_back_for_an_edited_text_as_the_new_builds_articles() -> None:
    recall = Recall()
    _recalled(recall, _articles())
    edited = _articles(body=" (edited)")
    calls = []
    archive = index_archive(SETTINGS, edited, {})
    archive.related = recall.related(archive, lambda: calls.append(1) or {})

    assert calls == [], "the related articles were found again"
    assert _related_by_path(archive) == _related_by_path(build_archive(SETTINGS, edited, {}))
    for listed in archive.related.values():
        assert all(other.title.endswith("(edited)") for other, _score in listed)


def test_related_articles_are_found_again_when_an_article_gains_a_term() -> None:
    recall = Recall()
    _recalled(recall, _articles())
    changed = _articles(actors=("ISIS",), tags=("dam",))

    archive = _recalled(recall, changed)

    fresh = build_archive(SETTINGS, changed, {})
    assert _related_by_path(archive) == _related_by_path(fresh)
    assert _related_by_path(fresh) != _related_by_path(build_archive(SETTINGS, _articles(), {}))


def _companions(archive: Archive) -> dict:
    return {
        key: {name: [(term.key, term.name, n) for term, n in listed] for name, listed in by.items()}
        for key, by in Exploration.of(archive).companions.items()
    }


def test_companions_come_back_with_the_new_builds_terms_and_follow_a_renamed_term() -> None:
    recall = Recall()
    Exploration.of(index_archive(SETTINGS, _articles(), {}), recall)
    registry, _problems = load_registry(ACTORS, "ypg:\n  name: People's Protection Units\n", "r")
    renamed = index_archive(SETTINGS, _articles(), {"actors": registry})

    found = Exploration.of(renamed, recall).companions
    shown = {
        key: {name: [(term.key, term.name, n) for term, n in listed] for name, listed in by.items()}
        for key, by in found.items()
    }

    assert shown == _companions(renamed)
    assert "People's Protection Units" in repr(shown)
    again = index_archive(SETTINGS, _articles(), {"actors": registry})
    terms = {t.key: t for by in again.terms.values() for t in by.values()}
    for by_name in Exploration.of(again, recall).companions.values():
        for listed in by_name.values():
            assert all(term is terms[term.key] for term, _n in listed)


def test_a_registry_is_read_again_only_when_its_text_changed() -> None:
    recall = Recall()
    text = "sdf:\n  name: SDF\n"
    first = recall.registry("r.yml", (ACTORS, text), lambda: load_registry(ACTORS, text, "r"))
    same = recall.registry("r.yml", (ACTORS, text), lambda: (Registry(ACTORS), []))
    edited = text + "  description: Syrian Democratic Forces\n"
    second = recall.registry("r.yml", (ACTORS, edited), lambda: load_registry(ACTORS, edited, "r"))

    assert same is first
    assert second[0].terms["sdf"].description == "Syrian Democratic Forces"
