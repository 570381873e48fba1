"""Text normalisation shared by every lookup: slugs and case-insensitive keys."""

from __future__ import annotations

import re
import unicodedata

from slugify import slugify as _slugify

# Invisible characters that make two visually identical names compare unequal.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def lookup_key(text: str) -> str:
    """Fold a written name so that case, Unicode form and spacing never split one term in two."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).casefold()
    return _SPACES.sub(" ", folded).strip()


# What transliterations and abbreviations vary in without naming anything else: spaces,
# hyphens and dashes, dots, apostrophes (typed, typographic, or letter-like).
_LOOSE = dict.fromkeys(map(ord, " -.'`\u2010\u2011\u2012\u2013\u2019\u2018\u02bc\u02bb"), None)


def loose_key(text: str) -> str:
    """``lookup_key`` without spaces, hyphens, dots and apostrophes: ``Albukamal``, ``Albu
    Kamal`` and ``albu-kamal`` share one, as do ``S.D.F.`` and ``SDF``."""
    return lookup_key(text).translate(_LOOSE)


LOOSE_DIFFERENCES = "spaces, hyphens, dots, apostrophes or letter case"
"""How two spellings with one `loose_key` differ, in the messages' words."""


def slugify(text: str, max_length: int = 80) -> str:
    """A lowercase ASCII slug; non-Latin scripts are transliterated (``Дейр`` -> ``deir``)."""
    return _slugify(text.translate(_INVISIBLE), max_length=max_length, word_boundary=True)


def is_slug(text: str) -> bool:
    return bool(SLUG_PATTERN.match(text))


# Names Windows reserves for devices: a folder called "con" cannot be checked out there.
_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{n}" for n in range(1, 10)),
        *(f"lpt{n}" for n in range(1, 10)),
    }
)


def is_reserved(slug: str) -> bool:
    """A slug that cannot be a folder name on every system the site may be built on."""
    return slug in _RESERVED


# Quotes a word processor or a phone puts around a value. YAML reads only ' and " as quotes,
# so “RT” stays a name of four characters, with a term page of its own. A typed ' or " may
# close what a typographic mark opened: both are left in by YAML all the same.
_DOUBLE_OPEN = "\u201c\u201d\u201e\u201f\u00ab\u00bb"  # “ ” „ ‟ « »
_DOUBLE_CLOSE = '\u201c\u201d\u201f\u00bb\u00ab"'
_SINGLE_OPEN = "\u2018\u2019\u201a\u201b\u2039\u203a"  # the single ones and angles
_SINGLE_CLOSE = "\u2018\u2019\u201b\u203a\u2039'"


def typographic_inner(text: str) -> str | None:
    """What ``text`` says inside typographic quotes around all of it (``“RT”`` -> ``RT``);
    None when it is not wrapped in them."""
    text = text.strip()
    if len(text) < 3:
        return None
    first, last = text[0], text[-1]
    wrapped = (first in _DOUBLE_OPEN and last in _DOUBLE_CLOSE) or (
        first in _SINGLE_OPEN and last in _SINGLE_CLOSE
    )
    inner = text[1:-1].strip()
    return inner if wrapped and inner else None


READING_SPEED = 230
"""Words a minute: a common figure for an adult reading news on a screen."""
_TAG = re.compile(r"<[^>]*>")


def reading_minutes(html: str) -> int:
    """Whole minutes an article's text takes to read (at least one), from its HTML: a reader
    deciding whether to start an article wants its length in time, not words."""
    words = len(_TAG.sub(" ", html).split())
    return max(1, round(words / READING_SPEED))


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line and at most ``limit`` characters, for quoting in a message."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
