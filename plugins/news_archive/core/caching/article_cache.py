"""Read articles kept between builds, so that an unchanged article costs a hash and a lookup.

Reading checks every field with its line for the messages, which is most of the time a
build spends on articles before rendering. What reading gives, the `Article` and its
problems, depends only on the file's bytes, its path (the file must sit in the folder of its
date), the path messages show, the settings reading uses and the reading code itself; the
key hashes the first three, and the file's name hashes the last two, so a cache written
under other settings or by another version of the code is never found, let alone reused.

The cache is one JSON file (not pickle: a cache restored by CI from a shared store must not
be able to run code) under ``cache_dir``, outside the content folder. Deleting it is always
safe: a missing, unreadable or foreign file is an empty cache, and the next build rebuilds it.

Valid JSON is not a valid record: a title edited inside the file, or a record copied under
another file's key, would be published as if read from the article. Each record therefore
carries a hash of its key (the hash of the source file it was made from) and of its own
payload; a record that does not match is dropped and its article read afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from ..model.article import Article
from ..model.problems import Problem, Severity
from ..model.taxonomy import ArchiveSettings
from .cache_file import load_entries, save_entries

FORMAT = 2
# The modules whose code decides what reading gives: a change to any of them is a new cache.
_READING_MODULES = (
    "model/article.py",
    "model/characters.py",
    "caching/article_cache.py",
    "reading/body_limits.py",
    "caching/cache_file.py",
    "model/problems.py",
    "reading/reader.py",
    "reading/summary.py",
    "model/taxonomy.py",
    "model/text.py",
    "reading/yaml_source.py",
)

Entry = tuple[Article | None, list[Problem]]


def reading_fingerprint(settings: ArchiveSettings) -> str:
    """A short hash of the reading code and of the settings that reading depends on."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in _READING_MODULES:
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    relevant = (settings.taxonomies, settings.articles_dir, settings.max_terms_per_field)
    digest.update(repr(relevant).encode())
    return digest.hexdigest()[:16]


class ArticleCache:
    """Entries by content key; `save` keeps only the entries this build used."""

    def __init__(self, folder: Path, settings: ArchiveSettings) -> None:
        self.folder = folder
        self.file = folder / f"articles-{reading_fingerprint(settings)}.json"
        self._stored: dict[str, Any] = load_entries(self.file, FORMAT)
        self._used: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        self.dropped = 0
        """Records found not to match their hash (each is a miss too)."""

    @staticmethod
    def key(raw: bytes, path: str, shown_as: str) -> str:
        digest = hashlib.blake2b(raw, digest_size=20)
        digest.update(f"\0{path}\0{shown_as}".encode())
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        """The entry read from the file of ``key`` earlier, if its record is whole."""
        stored = self._stored.get(key)
        if stored is not None:
            try:
                entry = _entry_from_json(stored) if _holds(key, stored) else None
            except (KeyError, TypeError, ValueError, AttributeError):
                entry = None
            if entry is not None:
                self.hits += 1
                self._used[key] = stored
                return entry
            self.dropped += 1
        self.misses += 1
        return None

    def put(self, key: str, entry: Entry) -> None:
        record = _entry_to_json(entry)
        record[CHECK] = _check(key, record)
        self._used[key] = record

    def save(self) -> None:
        """Write the entries of this build atomically, and drop caches of other settings."""
        if self.misses == 0 and self._used.keys() == self._stored.keys():
            return  # nothing new to keep, nothing to forget
        try:
            save_entries(self.file, FORMAT, self._used)
            for other in self.folder.glob("articles-*.json"):
                if other != self.file:
                    other.unlink(missing_ok=True)
        except OSError:
            # A cache that cannot be written only makes the next build slower.
            return


CHECK = "check"
"""The record's field holding the hash of its key and of the rest of the record."""


def _check(key: str, payload: dict[str, Any]) -> str:
    """A hash of ``key`` and of ``payload`` (without its ``CHECK``), as canonical JSON."""
    text = json.dumps(
        {name: value for name, value in payload.items() if name != CHECK},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.blake2b(f"{key}\0{text}".encode(), digest_size=16).hexdigest()


def _holds(key: str, record: Any) -> bool:
    """Whether ``record`` is the one stored under ``key``, unchanged since."""
    return isinstance(record, dict) and record.get(CHECK) == _check(key, record)


def _entry_to_json(entry: Entry) -> dict[str, Any]:
    article, problems = entry
    return {
        "article": None if article is None else _article_to_json(article),
        "problems": [[p.path, p.line, p.severity.value, p.message, p.other_path] for p in problems],
    }


def _entry_from_json(data: dict[str, Any]) -> Entry:
    article = data["article"]
    problems = [
        Problem(path, line, Severity(severity), message, other)
        for path, line, severity, message, other in data["problems"]
    ]
    return (None if article is None else _article_from_json(article)), problems


def _article_to_json(article: Article) -> dict[str, Any]:
    return {
        "path": article.path,
        "title": article.title,
        "date": article.date.isoformat(),
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "authors": list(article.authors),
        "summary": article.summary,
        "language": article.language,
        "draft": article.draft,
        "terms": {name: list(names) for name, names in article.terms.items()},
        "lines": dict(article.lines),
        "source_path": article.source_path,
    }


def _article_from_json(data: dict[str, Any]) -> Article:
    published = data["published"]
    return Article(
        path=data["path"],
        title=data["title"],
        date=dt.date.fromisoformat(data["date"]),
        source=data["source"],
        url=data["url"],
        published=dt.datetime.fromisoformat(published) if published else None,
        authors=tuple(data["authors"]),
        summary=data["summary"],
        language=data["language"],
        draft=data["draft"],
        terms={name: tuple(names) for name, names in data["terms"].items()},
        lines=dict(data["lines"]),
        source_path=data["source_path"],
    )
