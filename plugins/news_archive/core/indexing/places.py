"""The places on the map: every term with coordinates that at least one article names.

The map shows coverage, so a registered place no article names yet is left off it (it keeps
its own page). Its data goes to readers' browsers as GeoJSON (RFC 7946), as do the open data's
``<taxonomy>.geojson`` files (``publishing/open_data.py``); both are written by
`feature_collection`, whose points are ``[longitude, latitude]`` - the reverse of the
registries' ``[lat, lon]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..model.term import Term
from .archive import Archive


def mapped_places(archive: Archive) -> list[tuple[Term, int]]:
    """Each covered term with coordinates and its article count, in alphabetical order."""
    found = [
        (term, archive.count(term))
        for taxonomy in archive.settings.taxonomies
        for term in archive.terms_in(taxonomy.name)
        if term.coordinates is not None
    ]
    return [(term, count) for term, count in found if count > 0]


def places_geojson(places: Sequence[tuple[Term, int]]) -> str:
    """The map's FeatureCollection, one point per place; the same places give the same bytes.

    ``path`` is the place page's path from the site root, so the site can move under any
    sub-path; names are data, for readers' scripts to show as text. Points are rounded to six
    decimals (about 10 cm), finer than any zoom of the map shows.
    """
    collection = feature_collection(
        (
            (term, {"name": term.name, "path": term.path, "articles": count})
            for term, count in places
        ),
        digits=6,
    )
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def feature_collection(
    points: Iterable[tuple[Term, dict[str, Any]]],
    *,
    with_ids: bool = False,
    digits: int | None = None,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: a ``Point`` with its properties for each term that has
    coordinates, in the order given; with ``with_ids``, each feature's ``id`` is its term's
    slug, and with ``digits``, coordinates are rounded to that many decimals."""
    features = []
    for term, properties in points:
        if term.coordinates is None:
            continue
        lat, lon = term.coordinates
        if digits is not None:
            lat, lon = round(lat, digits), round(lon, digits)
        feature: dict[str, Any] = {"type": "Feature"}
        if with_ids:
            feature["id"] = term.slug
        feature["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
        feature["properties"] = properties
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}
