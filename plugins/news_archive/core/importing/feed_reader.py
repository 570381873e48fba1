"""What the items of an RSS or Atom feed say about their articles, read with feedparser."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from html import escape
from typing import Any

import feedparser

from .dates import contract_date
from .markdown import markdown_from_html, plain_text
from .original import Original


class FeedError(ValueError):
    """The data is not an RSS or Atom feed."""


@dataclass(frozen=True)
class Feed:
    title: str
    items: tuple[Original, ...]


def read_feed(data: bytes, address: str = "") -> Feed:
    """Every item of the feed in ``data``, in the feed's order; relative links are taken
    relative to ``address``, where the feed was fetched from.

    ``data`` is always bytes: given a string that looks like an address, feedparser would
    fetch it, and reading a feed must never touch the network behind the caller's back.
    """
    headers = {"content-location": address} if address else None
    parsed = feedparser.parse(data, response_headers=headers)
    channel = parsed.get("feed", {})
    if not parsed.entries and not channel.get("title"):
        reason = parsed.get("bozo_exception")
        raise FeedError(f"this is not an RSS or Atom feed{f' ({reason})' if reason else ''}")
    publisher = " ".join(str(channel.get("title", "")).split())
    language = str(channel.get("language", ""))
    return Feed(publisher, tuple(_item(entry, publisher, language) for entry in parsed.entries))


def _item(entry: Any, publisher: str, language: str) -> Original:
    content = entry.get("content") or []
    summary = str(entry.get("summary", ""))
    full = next((c for c in content if str(c.get("value", "")).strip()), None)
    text = _markdown(full) if full is not None else _markdown(entry.get("summary_detail"))
    return Original(
        title=plain_text(str(entry.get("title", ""))),
        date=_date(entry),
        authors=_authors(entry),
        publisher=publisher,
        url=str(entry.get("link", "")).strip(),
        text=text,
        summary=plain_text(summary) if full is not None and summary != full["value"] else "",
        language=str((full or {}).get("language") or language or ""),
        keywords=tuple(str(tag["term"]) for tag in entry.get("tags") or () if tag.get("term")),
        text_is_summary=full is None and bool(text),
    )


def _markdown(detail: Any) -> str:
    if not detail or not str(detail.get("value", "")).strip():
        return ""
    value = str(detail["value"])
    if detail.get("type") == "text/plain":
        paragraphs = (escape(p.strip()) for p in value.split("\n\n") if p.strip())
        value = "".join(f"<p>{p}</p>" for p in paragraphs)
    return markdown_from_html(value)


def _date(entry: Any) -> str:
    """The date as the feed writes it when we can read it; otherwise feedparser's reading
    of it in UTC (it knows more formats); otherwise as written, to say which date failed."""
    # dict.get: feedparser's own get() maps a missing 'updated' onto 'published' with a
    # deprecation warning.
    written = str(dict.get(entry, "published") or dict.get(entry, "updated") or "")
    if contract_date(written):
        return written
    parsed: time.struct_time | None = dict.get(entry, "published_parsed") or dict.get(
        entry, "updated_parsed"
    )
    if parsed is not None:
        return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return written


def _authors(entry: Any) -> tuple[str, ...]:
    names = [str(author.get("name", "")) for author in entry.get("authors") or ()]
    if not any(names) and entry.get("author"):
        names = [str(entry["author"])]
    return tuple(name for name in names if name.strip() and "@" not in name)
