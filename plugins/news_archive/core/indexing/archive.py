"""The archive: published articles cross-linked by their resolved terms, built in one pass."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model.article import Article
from ..model.problems import Problem, error, warning
from ..model.registry import Registry
from ..model.taxonomy import ArchiveSettings, Taxonomy
from ..model.term import Term
from ..model.text import LOOSE_DIFFERENCES, is_reserved, slugify
from ..timing import Timings
from .related import related_articles

if TYPE_CHECKING:
    from ..caching.recall import NoRecall

TermKey = tuple[str, str]
FirstArchived = Callable[[Sequence[Article]], Mapping[str, float]]
"""When each of the given articles was first archived, by path (seconds since the epoch; an
article left out was not archived yet, or nobody can tell). Asked only about the articles
whose urls collide, since answering (from git) costs a process a file."""


@dataclass
class Archive:
    """Everything the pages are made from; built once per site build by `build_archive`."""

    settings: ArchiveSettings
    articles: list[Article] = field(default_factory=list)
    terms: dict[str, dict[str, Term]] = field(default_factory=dict)
    articles_of: dict[TermKey, list[Article]] = field(default_factory=dict)
    terms_of: dict[str, dict[str, tuple[Term, ...]]] = field(default_factory=dict)
    by_month: dict[int, dict[int, list[Article]]] = field(default_factory=dict)
    related: dict[str, tuple[tuple[Article, int], ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    by_path: dict[str, Article] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    """Article path -> its place in ``articles`` (newest first), for its neighbours."""

    def terms_in(self, taxonomy: str) -> list[Term]:
        """Every term of a taxonomy, registered or not, in alphabetical order."""
        return sorted(self.terms.get(taxonomy, {}).values())

    def count(self, term: Term) -> int:
        return len(self.articles_of.get(term.key, ()))

    def most_covered(self, taxonomy: str, limit: int) -> list[tuple[Term, int]]:
        ranked = sorted(
            ((term, self.count(term)) for term in self.terms.get(taxonomy, {}).values()),
            key=lambda pair: (-pair[1], pair[0].sort_key),
        )
        return [pair for pair in ranked if pair[1] > 0][:limit]

    def article_terms(self, article: Article, taxonomy: str) -> tuple[Term, ...]:
        return self.terms_of.get(article.path, {}).get(taxonomy, ())

    def aliases_of(self, article: Article) -> list[str]:
        """Every other spelling of the article's terms, in a stable order."""
        return [
            alias
            for terms in self.terms_of.get(article.path, {}).values()
            for term in terms
            for alias in term.aliases
        ]

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """The articles published just before and just after ``article``, so that a reader
        can walk the archive by date from any article."""
        at = self.position[article.path]
        newer = self.articles[at - 1] if at > 0 else None
        older = self.articles[at + 1] if at + 1 < len(self.articles) else None
        return older, newer

    def month_neighbours(
        self, year: int, month: int
    ) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """The months with articles just before and just after ``year``-``month``."""
        months = [(y, m) for y, listed in self.by_month.items() for m in listed]
        at = months.index((year, month))
        later = months[at - 1] if at > 0 else None
        earlier = months[at + 1] if at + 1 < len(months) else None
        return earlier, later

    def source_of(self, article: Article) -> Term | None:
        sources = next((t for t in self.settings.taxonomies if t.single), None)
        if sources is None:
            return None
        terms = self.article_terms(article, sources.name)
        return terms[0] if terms else None


def build_archive(
    settings: ArchiveSettings,
    articles: Iterable[Article],
    registries: Mapping[str, Registry],
    timings: Timings | None = None,
    first_archived: FirstArchived | None = None,
) -> Archive:
    """Resolve every article's terms and index them; problems are collected, never raised."""
    archive = index_archive(settings, articles, registries, timings, first_archived)
    relate_articles(archive, timings)
    return archive


def index_archive(
    settings: ArchiveSettings,
    articles: Iterable[Article],
    registries: Mapping[str, Registry],
    timings: Timings | None = None,
    first_archived: FirstArchived | None = None,
) -> Archive:
    """`build_archive` without related articles, which only article pages show: what needs
    no more (feeds, data, the search index) can start while they are found.

    Of articles sharing a url, the one ``first_archived`` says came first is kept."""
    with (timings or Timings()).phase("resolve_index"):
        archive = _resolve_and_index(settings, articles, registries, first_archived)
    archive.problems.sort()
    return archive


def relate_articles(
    archive: Archive, timings: Timings | None = None, recall: NoRecall | None = None
) -> None:
    """Find every article's related articles (the second half of `build_archive`), or take
    them from ``recall`` if it has them for the same articles and terms."""
    with (timings or Timings()).phase("related"):
        if recall is None:
            archive.related = _related(archive)
        else:
            archive.related = recall.related(archive, lambda only: _related(archive, only))


def _resolve_and_index(
    settings: ArchiveSettings,
    articles: Iterable[Article],
    registries: Mapping[str, Registry],
    first_archived: FirstArchived | None,
) -> Archive:
    archive = Archive(settings)
    candidates = sorted((a for a in articles if not a.draft), key=lambda a: a.path)
    candidates = _drop_duplicate_urls(candidates, archive.problems, first_archived)
    resolver = _TermResolver(settings, registries, archive.problems)
    resolved: list[tuple[Article, list[TermKey]]] = []
    for article in candidates:
        keys = resolver.resolve_article(article)
        if keys is not None:
            resolved.append((article, keys))
    archive.terms = resolver.finish()
    resolved.sort(key=lambda pair: pair[0].newest_first)
    _index(archive, resolved)
    return archive


def _related(
    archive: Archive, only: Sequence[Article] | None = None
) -> dict[str, tuple[tuple[Article, int], ...]]:
    """Every article's related articles, or ``only`` those articles' (the others' are
    known: ``core/caching/recall.py``)."""
    settings = archive.settings
    weights = {t.name: t.weight for t in settings.taxonomies}
    chosen = archive.articles if only is None else only
    plain_terms = {
        article.path: [t.key for ts in archive.terms_of.get(article.path, {}).values() for t in ts]
        for article in chosen
    }
    return related_articles(
        chosen,
        plain_terms,
        archive.articles_of,
        weights,
        count=settings.related_count,
        window=settings.related_window,
        min_score=settings.related_min_score,
    )


def _index(archive: Archive, resolved: list[tuple[Article, list[TermKey]]]) -> None:
    """One pass over the articles, newest first, fills every index in that order."""
    articles_of: dict[TermKey, list[Article]] = {
        term.key: [] for terms in archive.terms.values() for term in terms.values()
    }
    by_month: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for article, keys in resolved:
        archive.articles.append(article)
        archive.by_path[article.path] = article
        archive.position[article.path] = len(archive.articles) - 1
        by_month[article.date.year][article.date.month].append(article)
        grouped: dict[str, list[Term]] = defaultdict(list)
        for key in keys:
            articles_of[key].append(article)
            grouped[key[0]].append(archive.terms[key[0]][key[1]])
        archive.terms_of[article.path] = {name: tuple(terms) for name, terms in grouped.items()}
    archive.articles_of = articles_of
    archive.by_month = {
        year: dict(sorted(months.items(), reverse=True))
        for year, months in sorted(by_month.items(), reverse=True)
    }


def _shown_name(spelling: str) -> str:
    """How an unregistered term is named: as written, but a term written as its slug
    ("press-freedom") reads as words ("Press freedom"), as a registered name would."""
    if "-" in spelling and spelling == slugify(spelling):
        return spelling.replace("-", " ").capitalize()
    return spelling


def _drop_duplicate_urls(
    articles: list[Article], problems: list[Problem], first_archived: FirstArchived | None
) -> list[Article]:
    """Keep, of the articles sharing a url, the one archived first: a newcomer must not
    take the place (and the links, and the feed entries) of an article readers know. The
    error goes on the newcomers, which are the files to fix."""
    sharing: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        sharing[article.normal_url].append(article)
    groups = [group for group in sharing.values() if len(group) > 1]
    if not groups:
        return articles
    colliding = [article for group in groups for article in group]
    archived_at = first_archived(colliding) if first_archived is not None else {}

    def oldest_first(article: Article) -> tuple[float, float, str]:
        # Where nobody can tell (no history, the same commit), the earlier date, then path.
        when = archived_at.get(article.path, math.inf)
        return (when, article.published_at.timestamp(), article.path)

    left_out: set[str] = set()
    for group in groups:
        first, *newcomers = sorted(group, key=oldest_first)
        for article in newcomers:
            left_out.add(article.path)
            problems.append(
                error(
                    article.shown_path,
                    article.line_of("url"),
                    f"{first.shown_path} has the same url; an article is archived once, so "
                    "keep one of the two files (or correct the url if they are different "
                    "stories)",
                    other_path=first.shown_path,
                )
            )
    return [article for article in articles if article.path not in left_out]


class _TermResolver:
    """Maps written names onto terms; unregistered names become terms of their own."""

    def __init__(
        self, settings: ArchiveSettings, registries: Mapping[str, Registry], problems: list[Problem]
    ) -> None:
        self.settings = settings
        self.registries = {
            t.name: registries.get(t.name) or Registry(t) for t in settings.taxonomies
        }
        self.problems = problems
        self.used: dict[str, dict[str, Term]] = {t.name: {} for t in settings.taxonomies}
        self.spellings: dict[TermKey, Counter[str]] = defaultdict(Counter)

    def resolve_article(self, article: Article) -> list[TermKey] | None:
        """The article's term keys in front-matter order, or None if a term is unusable."""
        keys: list[TermKey] = []
        found: list[Problem] = []
        for taxonomy in self.settings.taxonomies:
            for written in article.terms.get(taxonomy.name, ()):
                key = self._resolve(taxonomy, written, article, found)
                if key is not None and key not in keys:
                    keys.append(key)
        self.problems.extend(found)
        if any(p.is_error for p in found):
            return None
        for key in keys:
            if key[1] not in self.used[key[0]]:
                self.used[key[0]][key[1]] = self.registries[key[0]].terms.get(key[1]) or Term(
                    key[0], key[1], "", registered=False
                )
        return keys

    def _resolve(
        self, taxonomy: Taxonomy, written: str, article: Article, found: list[Problem]
    ) -> TermKey | None:
        registry = self.registries[taxonomy.name]
        term = registry.resolve(written)
        if term is not None:
            return term.key
        line = article.line_of(taxonomy.field)
        if loose := registry.loosely(written):
            # Transliterations vary in just these ways: filed under the registered term,
            # and the registry can learn the spelling (suggest --write).
            term, spelling = loose
            role = "name" if spelling == term.name else "alias"
            found.append(
                warning(
                    article.shown_path,
                    line,
                    f"{taxonomy.field}: '{written}' is filed under '{term.name}', whose {role} "
                    f"'{spelling}' differs from it only in {LOOSE_DIFFERENCES}; write "
                    f"'{spelling}', or add '{written}' to its aliases in "
                    f"{self.settings.registry_path(taxonomy)} "
                    f"(news-archive suggest --write {article.shown_path} does it)",
                )
            )
            return term.key
        slug = slugify(written)
        if not slug:
            found.append(
                error(
                    article.shown_path,
                    line,
                    f"{taxonomy.field}: '{written}' has no letters or digits to make a web "
                    "address from; write the name in letters",
                )
            )
            return None
        if is_reserved(slug):
            found.append(
                error(
                    article.shown_path,
                    line,
                    f"{taxonomy.field}: '{written}' would need the web address "
                    f"/{taxonomy.name}/{slug}/, a name Windows reserves; register it under a "
                    f"longer key in {self.settings.registry_path(taxonomy)} "
                    f"(e.g. {slug}-{taxonomy.singular}) with '{written}' as its name",
                )
            )
            return None
        suggestion = registry.suggest(written)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        registry_path = self.settings.registry_path(taxonomy)
        if taxonomy.name in self.settings.strict_terms:
            found.append(
                error(
                    article.shown_path,
                    line,
                    f"{taxonomy.field}: '{written}' is not in {registry_path}{hint} "
                    f"(this site accepts registered {taxonomy.name} only: use a registered "
                    "name or alias, or add it to the registry)",
                )
            )
        else:
            found.append(
                warning(
                    article.shown_path,
                    line,
                    f"{taxonomy.field}: '{written}' is not in {registry_path}{hint} "
                    f"(it gets a page of its own at /{taxonomy.name}/{slug}/; "
                    "add it to the registry to give it a description and aliases)",
                )
            )
        self.spellings[(taxonomy.name, slug)][written] += 1
        return (taxonomy.name, slug)

    def finish(self) -> dict[str, dict[str, Term]]:
        """Every registered term, and each used unregistered one named by its commonest spelling."""
        terms: dict[str, dict[str, Term]] = {}
        for name, registry in self.registries.items():
            terms[name] = dict(registry.terms)
            for slug, term in self.used[name].items():
                if not term.registered:
                    counts = self.spellings[(name, slug)]
                    spelling = min(counts, key=lambda s: (-counts[s], s))
                    terms[name][slug] = Term(name, slug, _shown_name(spelling), registered=False)
        return terms
