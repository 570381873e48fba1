"""From what a web page or a feed item says about an article to a draft of that article.

Whatever the format, the original is first described as an `Original`; the mapping onto the
contract (dates, the registered source, the registered actors and places the text names, a
byline that only the text carries) is done once, here, for pages and feeds alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .dates import contract_date
from .mentions import mentioned_terms
from .registry import Registry
from .scaffold import Draft
from .taxonomy import ArchiveSettings
from .text import slugify
from .urls import address_fault, without_tracking

# What to write in each required field; the import command names the ones it left empty.
REQUIRED_HINTS = {
    "title": "the headline",
    "date": "the original's publication date, like 2017-09-17",
    "source": "the publisher's name",
    "url": "the original's web address",
}
COPY_NOTE = (
    "<!-- Imported text: check it against the original. Unless the original's licence allows "
    "copying it, replace it with a summary in your own words (CONTRIBUTING.md, section 6). -->"
)
SUMMARY_ONLY_NOTE = (
    "<!-- Imported from a feed that gives only the original's summary: add a summary in your "
    "own words, or the text if its licence allows (CONTRIBUTING.md, section 6). -->"
)
# The taxonomies whose registered terms are found by their mention in the text.
MENTIONED = ("actors", "locations")

_BYLINE = re.compile(
    r"^(?:by|par|por|von|di|door|av|автор:?|авторы:?|بقلم:?|كتب:?)\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_SEPARATORS = re.compile(r"\s*(?:[,;&]|\s(?:and|et|y|und|и|و)\s)\s*")
_MARKDOWN_ESCAPE = re.compile(r"\\(.)")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_BYLINE_LENGTH = 100


@dataclass(frozen=True)
class Original:
    """What a page or a feed item says about the original article, as it says it.

    Any field may be empty: a page that does not name its publisher leaves ``publisher``
    blank. ``text`` is Markdown; ``text_is_summary`` says it is only the original's summary.
    """

    title: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    url: str = ""
    text: str = ""
    summary: str = ""
    language: str = ""
    keywords: tuple[str, ...] = ()
    text_is_summary: bool = False


@dataclass(frozen=True)
class Imported:
    """A draft, and the required fields it leaves empty because the original did not say."""

    draft: Draft
    missing: tuple[str, ...] = ()
    unreadable_date: str = ""

    @property
    def problem(self) -> str:
        """Why the draft is incomplete, in a few words; empty when it is complete."""
        reasons = []
        if self.unreadable_date:
            reasons.append(f"the date '{self.unreadable_date}' cannot be read")
        missing = [field for field in self.missing if field != "date" or not self.unreadable_date]
        if missing:
            reasons.append("no " + ", no ".join(missing))
        return "; ".join(reasons)


def draft_from(
    original: Original, registries: Mapping[str, Registry], settings: ArchiveSettings
) -> Imported:
    """The draft of the article ``original`` describes, in the contract's terms."""
    text, authors = _take_byline(original.text.strip(), _clean_names(original.authors))
    date = contract_date(original.date) or ""
    url = without_tracking(original.url) if not link_problem(original.url) else ""
    source_taxonomy = next((t for t in settings.taxonomies if t.single), None)
    source_registry = registries.get(source_taxonomy.name) if source_taxonomy else None
    mentioned = f"{original.title}\n\n{original.summary}\n\n{text}"
    terms: dict[str, tuple[str, ...]] = {}
    for taxonomy in settings.taxonomies:
        registry = registries.get(taxonomy.name)
        if taxonomy.single or registry is None:
            continue
        names = [term.name for k in original.keywords if (term := registry.resolve(k))]
        if taxonomy.name in MENTIONED:
            names += [term.name for term in mentioned_terms(mentioned, registry, names)]
        terms[taxonomy.field] = tuple(dict.fromkeys(names))
    note = SUMMARY_ONLY_NOTE if original.text_is_summary else COPY_NOTE
    draft = Draft(
        title=" ".join(original.title.split()),
        date=date,
        source=registered_source(original.publisher, url, source_registry),
        url=url,
        authors=authors,
        summary="" if original.text_is_summary else " ".join(original.summary.split()),
        terms=terms,
        language=_language(original.language),
        body=f"{note}\n\n{text}\n" if text else "",
        slug=_slug_from_address(original.title, url),
    )
    missing = tuple(key for key in REQUIRED_HINTS if not getattr(draft, key))
    unreadable = original.date.strip() if original.date.strip() and not date else ""
    return Imported(draft, missing, unreadable)


def link_problem(url: str) -> str:
    """Why ``url`` cannot be an article's address, in a few words; empty when it can.

    A feed or a page may carry any string as a link: a port out of range, a broken IPv6
    host, characters no text may hold. Such a link is refused here, with its reason, so
    that nothing further on (the duplicate check, the validator, the feed writer) meets it.
    """
    url = url.strip()
    if bad := next((c for c in url if not c.isprintable() or c.isspace()), None):
        return f"it holds a space or an invisible character (U+{ord(bad):04X})"
    fault = address_fault(url)
    if fault == "unreadable":
        return "it is not a web address that can be read"
    if fault == "port" or (fault is None and urlsplit(url).port == 0):
        return f"its port '{_port(urlsplit(url).netloc)}' is not a number from 1 to 65535"
    if fault is not None:
        return "it is not a web address starting with https:// or http://"
    return ""


def _port(netloc: str) -> str:
    return netloc.rpartition("@")[2].rpartition("]")[2].rpartition(":")[2]


def registered_source(publisher: str, url: str, registry: Registry | None) -> str:
    """The registered name of the publisher when its name or its site is registered.

    A page may call its publisher by an alias (``The Euphrates Herald``) or not name it at
    all; the address of the article then tells, when a registered source has that site.
    Otherwise the name is kept as the original gives it, and the validator asks about it.
    """
    publisher = " ".join(publisher.split())
    if registry is None:
        return publisher
    if publisher and (term := registry.resolve(publisher)):
        return term.name
    host = _host(url)
    for term in registry.terms.values():
        site = _host(term.url)
        if host and site and (host == site or host.endswith(f".{site}")):
            return term.name
    return publisher


def _slug_from_address(title: str, url: str) -> str:
    """The last words of the address, for a title in another script than Latin.

    Transliterated Arabic makes unreadable file names (``qwt-swry-ldymqrty``), while news
    sites usually give such an article a readable Latin address (``.../raqqa-liberated``).
    """
    letters = [c for c in title if c.isalpha()]
    latin = sum(unicodedata.name(c, "").startswith("LATIN") for c in letters)
    if not letters or latin * 2 >= len(letters):
        return ""
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    words = slugify(last).split("-")
    return "-".join(words) if len(words) >= 2 and any(w.isalpha() for w in words) else ""


def _host(url: str) -> str:
    return (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")


def _take_byline(text: str, authors: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The text without a byline paragraph at its top, and the authors.

    Many sites print the byline ("By Jane Doe and John Smith") only in the text. When the
    page named no author, they are read from it; when it did, a short first paragraph that
    only repeats them ("Jane Doe, 4 July 2017") is left out as well.
    """
    first, _, rest = text.partition("\n\n")
    plain = _MARKDOWN_ESCAPE.sub(r"\1", first).strip()
    if not plain or len(plain) > _BYLINE_LENGTH or "\n" in plain:
        return text, authors
    if authors:
        if all(name.casefold() in plain.casefold() for name in authors):
            return rest.strip(), authors
        return text, authors
    byline = _BYLINE.match(plain)
    if byline is None:
        return text, authors
    names = _clean_names(_NAME_SEPARATORS.split(byline.group("names")))
    if not names or not all(_looks_like_a_name(name) for name in names):
        return text, authors
    return rest.strip(), names


def _looks_like_a_name(name: str) -> bool:
    return 1 <= len(name.split()) <= 5 and not name[0].islower()


def _clean_names(names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    cleaned = (" ".join(name.split()).strip(" .,;") for name in names)
    return tuple(dict.fromkeys(name for name in cleaned if name))


def _language(code: str) -> str:
    """A BCP 47 code as the validator wants it: ``fr_FR`` becomes ``fr-FR``."""
    parts = code.strip().replace("_", "-").split("-")
    if not _LANGUAGE.match("-".join(parts)):
        return ""
    head, *rest = parts
    return "-".join([head.lower(), *(p.upper() if len(p) == 2 else p for p in rest)])
