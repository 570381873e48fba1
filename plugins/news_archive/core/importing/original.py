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

from ..authoring.mentions import mention_counts, mentioned_terms
from ..authoring.scaffold import Draft
from ..model.registry import Registry
from ..model.taxonomy import ArchiveSettings
from ..model.text import lookup_key, slugify
from ..model.urls import address_fault, without_tracking
from .dates import contract_date

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
SUMMARY_COMMENT = (
    "The publisher's own wording, copied from the page: check it, or write one or two "
    "sentences of your own."
)
# Bylines that name no person: a newsroom, or a news agency (whose name belongs in 'source').
_NO_PERSON = re.compile(r"\b(?:staff|newsroom|editors?|editorial|agencies|wires?)\b", re.I)
_NEWS_AGENCIES = frozenset(
    lookup_key(name)
    for name in (
        "AFP",
        "Agence France-Presse",
        "AP",
        "Associated Press",
        "Reuters",
        "TASS",
        "RIA Novosti",
        "Sputnik",
        "Interfax",
        "Anadolu",
        "Anadolu Agency",
        "SANA",
        "Xinhua",
        "dpa",
        "UPI",
        "EFE",
        "ANSA",
    )
)

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
    not_people: tuple[str, ...] = ()
    """Bylines left out of ``authors``: they name a newsroom or an agency, not a person."""

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
    original: Original,
    registries: Mapping[str, Registry],
    settings: ArchiveSettings,
    site_language: str = "",
) -> Imported:
    """The draft of the article ``original`` describes, in the contract's terms and as
    CONTRIBUTING.md asks for it; what only the contributor can judge is said in comments."""
    text, authors = _take_byline(original.text.strip(), _clean_names(original.authors))
    date = contract_date(original.date) or ""
    url = without_tracking(original.url) if not link_problem(original.url) else ""
    source_taxonomy = next((t for t in settings.taxonomies if t.single), None)
    source_registry = registries.get(source_taxonomy.name) if source_taxonomy else None
    source = registered_source(original.publisher, url, source_registry)
    people = tuple(
        name
        for name in authors
        if not _names_no_person(name, (original.publisher, source), source_registry)
    )
    summary = "" if original.text_is_summary else " ".join(original.summary.split())
    comments = {"summary": SUMMARY_COMMENT} if summary else {}
    terms: dict[str, tuple[str, ...]] = {}
    for taxonomy in settings.taxonomies:
        registry = registries.get(taxonomy.name)
        if taxonomy.single or registry is None:
            continue
        names = [term.name for k in original.keywords if (term := registry.files_under(k))]
        if taxonomy.name in MENTIONED:
            named, passing = _mentions(original, text, registry, names)
            names += named
            if passing:
                comments[taxonomy.field] = (
                    f"Named only once in the text, in passing: {', '.join(passing)}. "
                    f"Keep in {taxonomy.field} only what the article is about."
                )
        terms[taxonomy.field] = tuple(dict.fromkeys(names))
    note = SUMMARY_ONLY_NOTE if original.text_is_summary else COPY_NOTE
    draft = Draft(
        title=" ".join(original.title.split()),
        date=date,
        source=source,
        url=url,
        authors=people,
        summary=summary,
        terms=terms,
        language=_language(original.language, site_language),
        body=f"{note}\n\n{text}\n" if text else "",
        slug=_slug_from_address(original.title, url),
        comments=comments,
    )
    missing = tuple(key for key in REQUIRED_HINTS if not getattr(draft, key))
    unreadable = original.date.strip() if original.date.strip() and not date else ""
    not_people = tuple(name for name in authors if name not in people)
    return Imported(draft, missing, unreadable, not_people)


def _mentions(
    original: Original, text: str, registry: Registry, listed: list[str]
) -> tuple[list[str], list[str]]:
    """The registered terms the article names, in order, and those of them it names in
    passing: once, and neither in the headline, the summary nor the first paragraph
    (Moscow in a story about Deir ez-Zor, for the ministry's statement there)."""
    first_paragraph = text.split("\n\n", 1)[0]
    lead = f"{original.title}\n\n{original.summary}\n\n{first_paragraph}"
    everything = f"{original.title}\n\n{original.summary}\n\n{text}"
    in_lead = {term.slug for term in mentioned_terms(lead, registry, [])}
    counts = mention_counts(everything, registry)
    named = mentioned_terms(everything, registry, listed)
    passing = [t.name for t in named if t.slug not in in_lead and counts[t.slug] == 1]
    return [term.name for term in named], passing


def _names_no_person(name: str, publishers: tuple[str, ...], sources: Registry | None) -> bool:
    """A byline such as "RT Staff", "Reuters" or the publisher's own name: CONTRIBUTING
    asks for people in ``authors``, and the agency goes in ``source``."""
    key = lookup_key(name)
    return bool(
        _NO_PERSON.search(name)
        or key in _NEWS_AGENCIES
        or any(key == lookup_key(publisher) for publisher in publishers if publisher)
        or (sources is not None and sources.files_under(name) is not None)
    )


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
    if publisher and (term := registry.files_under(publisher)):
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


def _language(code: str, site_language: str = "") -> str:
    """A BCP 47 code as the validator wants it: ``fr_FR`` becomes ``fr-FR``; nothing for
    the site's own language (``en-GB`` on an English site), which CONTRIBUTING leaves out."""
    parts = code.strip().replace("_", "-").split("-")
    if not _LANGUAGE.match("-".join(parts)):
        return ""
    if site_language and parts[0].lower() == site_language.split("-")[0].lower():
        return ""
    head, *rest = parts
    return "-".join([head.lower(), *(p.upper() if len(p) == 2 else p for p in rest)])
