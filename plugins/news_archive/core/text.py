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
