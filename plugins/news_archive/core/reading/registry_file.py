"""A registry file read into a `Registry`: each entry checked, with the line it is on.

Every entry that can be understood is kept and the rest reported, so that one mistake in a
registry costs its entry, not the build: a key that cannot be an address, an unknown field,
a country, Wikidata id, address or coordinates that cannot be right, and a name or alias
another entry already has (or has but for spaces, hyphens, dots, apostrophes or case).
"""

from __future__ import annotations

import math
import re
from typing import Any

import pycountry
import yaml

from ..model.problems import Problem, error
from ..model.registry import Registry
from ..model.taxonomy import COMMON_REGISTRY_KEYS, Taxonomy
from ..model.term import Term
from ..model.text import LOOSE_DIFFERENCES, is_reserved, is_slug, lookup_key, slugify
from ..model.urls import url_problem
from .yaml_source import (
    Field,
    describe,
    field_character_problem,
    mapping_fields,
    parse_mapping,
    scalar_text,
)

_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


def load_registry(
    taxonomy: Taxonomy, text: str | None, path: str
) -> tuple[Registry, list[Problem]]:
    """Read a registry file; every entry that can be understood is kept, the rest reported."""
    registry = Registry(taxonomy)
    if text is None:
        return registry, []
    fields, problems = parse_mapping(text, path, what="registry")
    if fields is None:
        return registry, problems
    allowed = (*COMMON_REGISTRY_KEYS, *taxonomy.extra_keys)
    for entry in fields:
        term, entry_problems = _read_entry(taxonomy, entry, path, allowed)
        problems.extend(entry_problems)
        if term is not None:
            problems.extend(_check_spellings(registry, term, entry, path))
            registry.add(term, entry.line)
    return registry, problems


def _read_entry(
    taxonomy: Taxonomy, entry: Field, path: str, allowed: tuple[str, ...]
) -> tuple[Term | None, list[Problem]]:
    slug = entry.key
    if not is_slug(slug):
        return None, [
            error(
                path,
                entry.line,
                f"'{slug}' cannot be a key: keys are the terms' web addresses and must be "
                f"lowercase letters, digits and hyphens, like '{slugify(slug) or 'a-name'}'",
            )
        ]
    if is_reserved(slug):
        return None, [
            error(
                path,
                entry.line,
                f"'{slug}' cannot be a key: it is a reserved file name on Windows, where the "
                f"site could not be built; use a longer key, like '{slug}-{taxonomy.singular}'",
            )
        ]
    if not isinstance(entry.node, yaml.MappingNode):
        return None, [
            error(
                path,
                entry.line,
                f"'{slug}' must be followed by indented 'name:' and other fields, "
                f"found {describe(entry.node)}",
            )
        ]
    fields, problems = mapping_fields(entry.node, path, 1, f"entry '{slug}'")
    values: dict[str, Any] = {}
    for item in fields:
        if problem := field_character_problem(item, path):
            problems.append(problem)
            continue
        if item.key not in allowed:
            problems.append(
                error(
                    path,
                    item.line,
                    f"'{item.key}' is not a field of {taxonomy.name} entries; "
                    f"use one of: {', '.join(allowed)}",
                )
            )
            continue
        value, problem = _read_value(taxonomy, item, path)
        if problem:
            problems.append(problem)
        else:
            values[item.key] = value
    if not values.get("name"):
        if not any(p.message.startswith("'name'") for p in problems):
            problems.append(error(path, entry.line, f"'{slug}' needs a 'name:'"))
        return None, problems
    term = Term(taxonomy=taxonomy.name, slug=slug, registered=True, **values)
    return term, problems


def _read_value(taxonomy: Taxonomy, item: Field, path: str) -> tuple[Any, Problem | None]:
    key, node, line = item.key, item.node, item.line
    if key == "aliases":
        if not isinstance(node, yaml.SequenceNode):
            return None, error(
                path, line, f"'aliases' must be a list like [IS, ISIL], found {describe(node)}"
            )
        aliases = []
        for alias_node in node.value:
            alias = scalar_text(alias_node)
            if not alias or not alias.strip():
                return None, error(
                    path, line, f"each alias must be a name, found {describe(alias_node)}"
                )
            aliases.append(alias.strip())
        return tuple(aliases), None
    if key == "coordinates":
        return _read_coordinates(node, path, line)
    text = scalar_text(node)
    if text is None or not text.strip():
        return None, error(path, line, f"'{key}' must be a line of text, found {describe(node)}")
    text = text.strip()
    if key == "country" and pycountry.countries.get(alpha_2=text.upper()) is None:
        return None, error(
            path,
            line,
            f"'country' must be an ISO 3166-1 two-letter code like SY or IQ, found '{text}'",
        )
    if key == "country":
        text = text.upper()
    if key == "wikidata" and not _WIKIDATA.match(text):
        return None, error(
            path, line, f"'wikidata' must be an item id like Q2429253, found '{text}'"
        )
    if key == "url" and (problem := url_problem(text)):
        return None, error(path, line, f"'url' {problem}")
    return text, None


def _read_coordinates(node: yaml.Node, path: str, line: int) -> tuple[Any, Problem | None]:
    expected = "'coordinates' must be [latitude, longitude] in degrees, like [35.33, 40.14]"
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
        return None, error(path, line, f"{expected}, found {describe(node)}")
    numbers = []
    for part in node.value:
        try:
            number = float(scalar_text(part) or "")
        except ValueError:
            return None, error(path, line, f"{expected}, found {describe(part)}")
        if not math.isfinite(number):
            return None, error(path, line, f"{expected}, found {describe(part)}")
        numbers.append(number)
    lat, lon = numbers
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, error(
            path,
            line,
            f"coordinates [{lat}, {lon}] are off the globe: latitude is -90..90 and longitude "
            "-180..180 (are they swapped?)",
        )
    return (lat, lon), None


def _check_spellings(registry: Registry, term: Term, entry: Field, path: str) -> list[Problem]:
    """One spelling must lead to one term: an alias claimed twice is an error, and so are
    two spellings that differ only as a loose spelling may (`Registry.loosely`)."""
    problems = []
    for spelling in (term.name, *term.aliases):
        owner = registry.owner_of(spelling)
        if owner is None or owner == term.slug:
            problems.extend(_check_loose_spelling(registry, term, spelling, entry, path))
        else:
            other = registry.terms[owner]
            key = lookup_key(spelling)
            if lookup_key(other.name) == key:
                role = "the name"
            elif lookup_key(other.slug) == key:
                role = "the key"
            else:
                role = "an alias"
            problems.append(
                error(
                    path,
                    entry.line,
                    f"'{spelling}' of '{term.slug}' is already {role} of '{owner}'; "
                    "a spelling can lead to one term only, remove it from one of them",
                )
            )
    return problems


def _check_loose_spelling(
    registry: Registry, term: Term, spelling: str, entry: Field, path: str
) -> list[Problem]:
    """An article writing either of two such spellings could not say which term it means."""
    found = registry.loosely(spelling)
    if found is None or found[0].slug == term.slug:
        return []
    other, other_spelling = found
    role = "name" if other_spelling == other.name else "alias"
    where = f"{path}:{registry.lines[other.slug]}"
    return [
        error(
            path,
            entry.line,
            f"'{spelling}' of '{term.slug}' differs from the {role} '{other_spelling}' of "
            f"'{other.slug}' ({where}) only in {LOOSE_DIFFERENCES}, so an article could not "
            "say which of the two it means; remove one of the spellings, or spell them apart",
        )
    ]
