"""What each page the archive publishes is made of, as a hash: equal hashes, equal pages.

A rebuild after one article changed should not render the thousands of pages that did not
change. A page's fingerprint hashes everything its output is made of: the site's settings,
theme and code (``site_key``, from the adapter), and the data of the articles and terms the
page shows, each article by the hash of its file (what reading it gives depends on nothing
else) and the names and addresses of its terms. It is computed from data, without rendering:
computing all of them costs a fraction of a second at 10,000 articles.

Each kind of page lists what it shows, and errs wide: a term's first page depends on every
article of its term (its timeline and companions come from all of them), a later page on
its own articles and the dates of all (the anchors where the timeline's periods start), a
year's page on every article of the year. A kind of page not listed here gets no
fingerprint and is always rendered; a test builds a site cold and warm after many kinds of
edits and compares them byte for byte, so that a dependency left out here fails it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..indexing.archive import Archive
from ..model.term import Term
from ..planning.site_plan import PlannedPage
from ..publishing.feeds import Feed
from ..reading.corpus import FileHash


def digest(*parts: object) -> str:
    """A short, stable hash of ``parts`` (strings, numbers and tuples of them)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


_TERM_FIELDS = tuple(field.name for field in dataclasses.fields(Term))


def term_data(term: Term) -> tuple[object, ...]:
    """Everything a term shows (``repr`` gives only its key): ``dataclasses.astuple``'s
    tuple (its fields are strings, numbers and tuples of them), without its deep copies,
    which took a noticeable share of every build (RESULTS.md)."""
    return tuple(getattr(term, name) for name in _TERM_FIELDS)


@dataclass
class PageFingerprints:
    """Fingerprints of article pages, their search index entries and generated pages."""

    articles: dict[str, str]
    """Article path -> fingerprint of its page."""
    indexed: dict[str, str]
    """Article path -> fingerprint of what search indexes of it (its page without related)."""
    pages: dict[str, str]
    """Generated page's site path -> fingerprint, for the kinds of page listed here."""
    contents: dict[str, str] = dataclasses.field(default_factory=dict)
    """Article path -> hash of the article as any page shows it (file and terms)."""
    site_key: str = ""

    def feed(self, feed: Feed, fallback: object) -> str | None:
        """A feed's fingerprint: its articles, its title and description; ``fallback`` is
        the date an empty feed carries (the archive's newest article: a feed with articles
        does not show it, and so is not made again for each article newer than all)."""
        if not self.site_key or any(a.path not in self.contents for a in feed.articles):
            return None
        shown = [self.contents[article.path] for article in feed.articles]
        carried = None if feed.articles else fallback
        return digest(
            self.site_key, "feed", feed.path, feed.title, feed.description, carried, shown
        )


def fingerprint_contents(
    archive: Archive, file_hashes: Mapping[str, FileHash], site_key: str, files_key: str
) -> PageFingerprints:
    """Each article's own hash, from its path (its address, which lists link to), its file's
    hash in ``file_hashes`` (by article path), ``site_key`` (the
    settings, theme and code) and ``files_key`` (the site's files: where an article's links
    lead), and what search indexes of it: enough for the feeds and the search index, which
    need no related articles. The pages' fingerprints come from ``fingerprint_pages``."""
    if any(article.path not in file_hashes for article in archive.articles):
        return PageFingerprints({}, {}, {})  # an article of unknown content: no page is known
    terms: dict[Term, str] = {}  # each term's data, hashed once

    def term_hash(term: Term) -> str:
        found = terms.get(term)
        if found is None:
            found = terms[term] = digest(term_data(term))
        return found

    own = {}
    for article in archive.articles:
        read = file_hashes[article.path]
        links = files_key if read.links else ""
        shown = [
            term_hash(term)
            for _taxonomy, listed in sorted(archive.terms_of.get(article.path, {}).items())
            for term in listed
        ]
        own[article.path] = digest(article.path, read.content, links, shown)  # its address too
    indexed = {path: digest(site_key, "indexed", path, key) for path, key in own.items()}
    return PageFingerprints({}, indexed, {}, own, site_key)


def fingerprint_pages(
    archive: Archive, planned: Iterable[PlannedPage], known: PageFingerprints
) -> PageFingerprints:
    """Every page's fingerprint, from the articles' own hashes in ``known`` and, for
    article pages, their related articles (found by now)."""
    own, site_key = known.contents, known.site_key
    if not site_key:
        return known
    articles = {
        article.path: digest(
            site_key,
            "article",
            own[article.path],
            [(other.path, own[other.path]) for other, _ in archive.related.get(article.path, ())],
            [
                (other.path, own[other.path])
                for other in archive.neighbours(article)
                if other is not None
            ],
        )
        for article in archive.articles
    }
    by_term = {
        key: digest(*(own[article.path] for article in listed))
        for key, listed in archive.articles_of.items()
    }
    dates: dict[object, str] = {}

    def dates_of(term: Term) -> str:
        found = dates.get(term.key)
        if found is None:
            listed = archive.articles_of.get(term.key, ())
            found = dates[term.key] = digest([article.date for article in listed])
        return found

    pages = {}
    for page in planned:
        shown = _shown(archive, page, own, by_term, dates_of)
        if shown is not None and not page.in_nav:
            pages[page.path] = digest(site_key, page.template, page.path, page.title, shown)
    return PageFingerprints(articles, known.indexed, pages, own, site_key)


def _shown(
    archive: Archive,
    page: PlannedPage,
    own: dict[str, str],
    by_term: dict[object, str],
    dates_of: Callable[[Term], str],
) -> object | None:
    """What a generated page shows, as hashable data; ``None`` for kinds not listed."""
    context = page.context
    pager = context.get("pager")
    shape = (pager.number, pager.count, pager.total) if pager is not None else None
    if page.template == "latest":
        return shape, [own[article.path] for article in pager.items]
    if page.template == "archive_month":
        steps = archive.month_neighbours(context["year"], context["month"])
        return shape, steps, [own[article.path] for article in pager.items]
    if page.template == "term":
        term = context["term"]
        if pager is None or pager.number == 1:  # its timeline and companions: every article
            return shape, term_data(term), by_term.get(term.key, "")
        # A later page shows its own articles, anchored where the timeline's periods start.
        return shape, term_data(term), dates_of(term), [own[a.path] for a in pager.items]
    if page.template == "archive_year":
        months = context["months"]
        return [(month, [own[a.path] for a in listed]) for month, listed in months.items()]
    if page.template == "taxonomy_index":
        listed = [(term_data(term), archive.count(term)) for term in pager.items]
        return shape, context["letters"], context["unlisted"], listed
    return None
