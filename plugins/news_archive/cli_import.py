"""``news-archive import`` and ``import-feed``: saved pages and feeds turned into articles.

A thin layer over the core: reading the page or feed (`core.importing.page_reader`,
`core.importing.feed_reader`), mapping it onto the contract (`core.importing.original`), and
writing the file where the contract wants it (`core.authoring.scaffold`, `core.authoring.files`).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from .core.authoring.files import write_new_file
from .core.authoring.scaffold import scaffold
from .core.importing.feed_reader import FeedError, read_feed
from .core.importing.fetch import (
    AllowAddress,
    FetchError,
    FetchTimeout,
    fetch,
    printable,
    public_only,
)
from .core.importing.original import REQUIRED_HINTS, Imported, Original, draft_from, link_problem
from .core.importing.page_reader import PageError, read_page
from .core.model.registry import Registry
from .core.model.taxonomy import ArchiveSettings
from .core.model.urls import normalise_url
from .core.reading.corpus import archived_urls, article_files, load_registries, shown_prefix
from .site import UsageError, config_file_of, open_site, site_language

# The addresses both commands may fetch from: public ones, always. No option widens it: a
# page on an intranet is saved from the browser and imported from the file. The tests
# widen it to their own loopback server.
FETCH_ALLOWED: AllowAddress = public_only


@dataclass
class _Site:
    """What both commands need to know about the archive they import into."""

    settings: ArchiveSettings
    docs_dir: Path
    prefix: str
    registries: dict[str, Registry]
    archived: dict[str, str] = field(default_factory=dict)
    language: str = ""

    @classmethod
    def open(cls, config: str | None) -> _Site:
        settings, project_dir, docs_dir = open_site(config)
        prefix = shown_prefix(project_dir, docs_dir)
        registries, _ = load_registries(project_dir, settings)
        archived = archived_urls(article_files(docs_dir, settings), prefix)
        language = site_language(config_file_of(config))
        return cls(settings, docs_dir, prefix, registries, archived, language)

    def archived_by(self, *urls: str) -> tuple[str, str] | None:
        """The first of ``urls`` that is archived already, and the file that archives it."""
        for url in urls:
            if url and not link_problem(url) and (path := self.archived.get(normalise_url(url))):
                return url, path
        return None


def import_page(args: argparse.Namespace) -> int:
    given = args.url or ""
    if given and not _is_address(given):
        raise UsageError(f"--url must be a web address starting with https://, found '{given}'")
    if given and (problem := link_problem(given)):
        raise UsageError(f"--url {printable(given)} cannot be the original's address: {problem}")
    site = _Site.open(args.config)
    if _is_address(args.page) and (duplicate := site.archived_by(args.page, given)):
        return _refuse(*duplicate)  # before fetching it
    data, fetched_from = _read(args.page, "import", args.timeout)
    try:
        original = read_page(data, given or fetched_from)
    except PageError as exc:
        print(f"news-archive import: {args.page}: {exc}", file=sys.stderr)
        return 1
    if duplicate := site.archived_by(given, original.url, fetched_from):
        return _refuse(*duplicate)
    original = replace(original, url=given or original.url or fetched_from)
    imported = draft_from(original, site.registries, site.settings, site.language)
    path, text, problems = scaffold(imported.draft, site.settings, site.docs_dir, site.prefix)
    shown = f"{site.prefix}{path}"
    try:
        write_new_file(site.docs_dir / path, text)
    except OSError as exc:
        print(f"news-archive import: {shown} could not be written: {exc}", file=sys.stderr)
        return 1
    print(shown)
    for problem in problems:
        print(problem, file=sys.stderr)
    for note in _notes(imported, site, shown):
        print(f"news-archive import: {note}", file=sys.stderr)
    return 1 if problems else 0


def _notes(imported: Imported, site: _Site, shown: str) -> list[str]:
    """What the contributor must do with the new file before proposing it."""
    draft, notes = imported.draft, []
    if imported.missing:
        wanted = "; ".join(f"{key} ({REQUIRED_HINTS[key]})" for key in imported.missing)
        notes.append(f"not found in the page, fill in {shown}: {wanted}")
    if imported.unreadable_date:
        notes.append(f"the page's date '{imported.unreadable_date}' could not be read")
    source = next((t for t in site.settings.taxonomies if t.single), None)
    sources = site.registries.get(source.name) if source else None
    if draft.source and sources is not None and sources.resolve(draft.source) is None:
        notes.append(
            f"the source '{draft.source}' is not registered; check its spelling, or propose it "
            "for the registry (CONTRIBUTING.md, section 5)"
        )
    if imported.not_people:
        names = ", ".join(f"'{name}'" for name in imported.not_people)
        notes.append(
            f"the byline {names} names no person, so it is left out of authors, which "
            "name people (the publisher is the source)"
        )
    if draft.body:
        notes.append(
            "the text is the original's: unless its licence allows copying it, replace it "
            "with a summary in your own words (CONTRIBUTING.md, section 6)"
        )
    return notes


@dataclass
class _FeedReport:
    imported: list[str] = field(default_factory=list)
    summary_only: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"news-archive import-feed: {len(self.imported)} imported, {self.skipped} skipped "
            f"as already archived, {len(self.failed)} failed"
        ]
        if self.summary_only:
            have = "has" if self.summary_only == 1 else "have"
            lines.append(
                f"  {self.summary_only} of those imported {have} only the feed's summary as "
                "their text: add a summary in your own words to each"
            )
        lines += [f"  failed: {label}: {reason}" for label, reason in self.failed]
        return lines


def import_feed(args: argparse.Namespace) -> int:
    site = _Site.open(args.config)
    data, fetched_from = _read(args.feed, "import-feed", args.timeout)
    try:
        feed = read_feed(data, fetched_from)
    except FeedError as exc:
        print(f"news-archive import-feed: {args.feed}: {exc}", file=sys.stderr)
        return 1
    report = _FeedReport()
    # disable=None: a bar on a terminal only, never in a log or a pipe.
    for item in tqdm(feed.items, desc="importing", unit="item", file=sys.stderr, disable=None):
        label = item.url or item.title or "an item without link or title"
        if item.url and (problem := link_problem(item.url)):
            title = f"'{printable(item.title)}'" if item.title else "an item without title"
            report.failed.append((title, f"its link {printable(item.url)} is refused: {problem}"))
            continue
        if site.archived_by(item.url):
            report.skipped += 1
            continue
        try:
            path = _write_item(item, site)
        except _ItemFailed as exc:
            report.failed.append((label, str(exc)))
            continue
        site.archived[normalise_url(item.url)] = path
        report.imported.append(path)
        report.summary_only += item.text_is_summary
        tqdm.write(path, file=sys.stdout)
    for line in report.lines():
        print(line, file=sys.stderr)
    return 1 if report.failed else 0


class _ItemFailed(Exception):
    """One feed item could not be imported; the others go on."""


def _write_item(item: Original, site: _Site) -> str:
    """Write one feed item's article; a feed item is imported only when it is complete.

    Unlike a single page, whose contributor is at hand to fill in a gap, a feed can hold
    hundreds of items: an incomplete one is reported rather than written, and can be
    imported from its page with ``news-archive import``.
    """
    imported = draft_from(item, site.registries, site.settings, site.language)
    if imported.problem:
        raise _ItemFailed(imported.problem)
    path, text, problems = scaffold(imported.draft, site.settings, site.docs_dir, site.prefix)
    if problems:
        raise _ItemFailed(problems[0].message)
    try:
        write_new_file(site.docs_dir / path, text)
    except OSError as exc:
        raise _ItemFailed(f"{site.prefix}{path} could not be written: {exc}") from exc
    return f"{site.prefix}{path}"


def _read(where: str, command: str, timeout: float) -> tuple[bytes, str]:
    """The bytes of a file, or of a web address; and the address they were fetched from."""
    if _is_address(where):
        try:
            return fetch(where, timeout, allow_address=FETCH_ALLOWED)
        except FetchError as exc:
            more_time = (
                " (or give it more time with --timeout)" if isinstance(exc, FetchTimeout) else ""
            )
            raise UsageError(
                f"{exc}; save it from your browser and run news-archive {command} "
                "with the saved file"
                + (f" and --url {where}" if command == "import" else "")
                + more_time
            ) from exc
    try:
        return Path(where).read_bytes(), ""
    except OSError as exc:
        raise UsageError(f"{where}: cannot be read: {exc.strerror}") from exc


def _is_address(where: str) -> bool:
    """Whether ``where`` is meant as a web address rather than a file (even a broken one)."""
    return where.strip().lower().startswith(("http://", "https://"))


def _refuse(url: str, path: str) -> int:
    print(f"news-archive: {url} is already archived by {path}", file=sys.stderr)
    return 1
