"""What a serve rebuild takes from the last one (``core/caching/recall.py``): the registries,
related articles and companions, given back only for the same inputs, as the new build's
objects, and equal to what working them out again gives."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence, Set
from dataclasses import replace

from news_archive.config import default_settings
from news_archive.core.caching.recall import FindCompanions, FindRelated, Recall
from news_archive.core.indexing.archive import (
    Archive,
    build_archive,
    index_archive,
    relate_articles,
)
from news_archive.core.indexing.cooccurrence import companions
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
    relate_articles(archive, recall=recall)
    return archive


def test_related_articles_come_back_for_an_edited_text_as_the_new_builds_articles() -> None:
    recall = Recall()
    _recalled(recall, _articles())
    edited = _articles(body=" (edited)")
    calls = []
    archive = index_archive(SETTINGS, edited, {})
    archive.related = recall.related(archive, lambda only: calls.append(only) or {})

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


def test_companions_are_ranked_again_when_a_rename_reorders_a_tie() -> None:
    """SDF's partners YPG and ISIS share as many of its articles, so they rank by name; a
    registry renaming YPG to a name before ISIS (no article changed) moves it first."""
    recall = Recall()
    before = Exploration.of(index_archive(SETTINGS, _articles(), {}), recall).companions
    sdf = ("actors", "sdf")
    assert [term.name for term, _n in before[sdf]["actors"]] == ["ISIS", "YPG"]
    registry, _problems = load_registry(ACTORS, "ypg:\n  name: Armed Protection Units\n", "r")
    renamed = index_archive(SETTINGS, _articles(), {"actors": registry})

    found = Exploration.of(renamed, recall).companions

    assert [term.name for term, _n in found[sdf]["actors"]] == ["Armed Protection Units", "ISIS"]


def test_a_registry_is_read_again_only_when_its_text_changed() -> None:
    recall = Recall()
    text = "sdf:\n  name: SDF\n"
    first = recall.registry("r.yml", (ACTORS, text), lambda: load_registry(ACTORS, text, "r"))
    same = recall.registry("r.yml", (ACTORS, text), lambda: (Registry(ACTORS), []))
    edited = text + "  description: Syrian Democratic Forces\n"
    second = recall.registry("r.yml", (ACTORS, edited), lambda: load_registry(ACTORS, edited, "r"))

    assert same is first
    assert second[0].terms["sdf"].description == "Syrian Democratic Forces"


def _random_article(rng: random.Random, number: int) -> Article:
    """An article of a small world: few actors, places and tags, so lists overlap."""
    return Article(
        path=f"articles/2017/{number % 12 + 1:02d}/r{number:04d}.md",
        title=f"r{number}",
        date=dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(120)),
        source="Wire",
        url=f"https://x.example/r{number}",
        terms={
            "sources": (rng.choice(("Wire", "Daily", "Radio")),),
            "actors": tuple(rng.sample([f"Actor {i}" for i in range(9)], rng.randrange(0, 4))),
            "locations": tuple(rng.sample([f"Town {i}" for i in range(6)], rng.randrange(0, 3))),
            "tags": tuple(rng.sample([f"tag{i}" for i in range(5)], rng.randrange(0, 3))),
        },
    )


def _edit_randomly(rng: random.Random, articles: dict[int, Article], numbers: Iterator[int]) -> int:
    """One to three edits of ``articles``: an article's terms or date changed, an actor no
    article named before added to one (a term that comes, and goes with a later edit), a new
    article (numbered from ``numbers``), an article deleted. Returns how many."""
    edits = rng.randrange(1, 4)
    for _ in range(edits):
        kind = rng.choice(("terms", "date", "newcomer", "new", "deleted"))
        if kind == "new":
            number = next(numbers)
            articles[number] = _random_article(rng, number)
            continue
        number = rng.choice(sorted(articles))
        if kind == "deleted":
            del articles[number]
        elif kind == "newcomer":
            terms = articles[number].terms
            actors = (*terms.get("actors", ()), f"Newcomer {next(numbers)}")
            articles[number] = replace(articles[number], terms={**terms, "actors": actors})
        elif kind == "terms":
            again = _random_article(rng, number)
            articles[number] = replace(articles[number], terms=again.terms)
        else:
            day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(120))
            articles[number] = replace(articles[number], date=day)
    return edits


def test_related_articles_found_again_in_part_are_those_of_a_fresh_build() -> None:
    """Random edits to terms and dates, new and deleted articles, one to three at a time:
    after each, the related lists recalled in part equal a fresh build's, in its order,
    and an edit of one article relates a part of the archive again, not all of it."""
    rng = random.Random(27)
    articles = {n: _random_article(rng, n) for n in range(160)}
    recall, numbers = Recall(), iter(range(160, 10_000))
    _recalled(recall, list(articles.values()))
    for step in range(120):
        edits = _edit_randomly(rng, articles, numbers)
        listed = list(articles.values())
        fresh = build_archive(SETTINGS, listed, {})
        archive = index_archive(SETTINGS, listed, {})
        asked: list[int] = []
        archive.related = recall.related(archive, _finding(fresh, archive, asked))
        assert _related_by_path(archive) == _related_by_path(fresh), f"step {step}"
        assert list(archive.related) == list(fresh.related), f"step {step}: order"
        if edits == 1:
            assert sum(asked) < len(listed) / 2, f"step {step}: {asked} of {len(listed)}"


def _finding(fresh: Archive, archive: Archive, asked: list[int]) -> FindRelated:
    """Finds as ``relate_articles`` does (from a fresh build's lists), counting the articles
    it is asked about."""

    def find(only: Sequence[Article] | None) -> dict:
        chosen = archive.articles if only is None else only
        asked.append(len(chosen))
        return {article.path: fresh.related[article.path] for article in chosen}

    return find


def test_companions_found_again_in_part_are_those_of_a_fresh_build() -> None:
    """Random edits (terms, dates, new and deleted articles, one to three at a time): the
    companions recalled in part equal a fresh pass's, in its order, as the new build's
    terms; an edit of one article counts the partners of its terms alone again."""
    rng = random.Random(26)
    articles = {n: _random_article(rng, n) for n in range(120)}
    recall, numbers = Recall(), iter(range(120, 10_000))
    Exploration.of(index_archive(SETTINGS, list(articles.values()), {}), recall)
    for step in range(80):
        edits = _edit_randomly(rng, articles, numbers)
        archive = index_archive(SETTINGS, list(articles.values()), {})
        asked: list[object] = []
        found = recall.companions(archive, _companion_names(), _asked(archive, asked))
        fresh = Exploration.of(archive).companions
        assert _named(found) == _named(fresh), f"step {step}"
        assert list(found) == list(fresh), f"step {step}: order"
        terms = {t.key: t for by in archive.terms.values() for t in by.values()}
        for by_name in found.values():
            for listed in by_name.values():
                assert all(term is terms[term.key] for term, _n in listed), f"step {step}"
        if edits == 1:
            assert None not in asked, f"step {step}: every term's partners counted again"


def _companion_names() -> tuple[list[str], int]:
    names = [t.name for t in SETTINGS.taxonomies if t.name in SETTINGS.companion_taxonomies]
    return names, SETTINGS.companions


def _asked(archive: Archive, asked: list[object]) -> FindCompanions:
    """Finds as ``Exploration.of`` does, noting which terms it is asked about."""
    names, top = _companion_names()

    def find(chosen: Sequence[Article] | None, only: Set[tuple[str, str]] | None) -> dict:
        asked.append(only)
        read = archive.articles if chosen is None else chosen
        return companions(
            (archive.terms_of.get(article.path, {}) for article in read),
            archive.articles_of,
            names,
            top=top,
            only=only,
        )

    return find


def _named(found: dict) -> dict:
    return {
        key: {name: [(term.key, term.name, n) for term, n in listed] for name, listed in by.items()}
        for key, by in found.items()
    }
