"""The places on the map: every term with coordinates that at least one article names.

The map shows coverage, so a registered place no article names yet is left off it (it keeps
its own page). The data goes to readers' browsers as GeoJSON (RFC 7946), whose points are
``[longitude, latitude]`` - the reverse of the registries' ``[lat, lon]``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

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
    """A FeatureCollection with one point per place; the same places give the same bytes.

    ``path`` is the place page's path from the site root, so the site can move under any
    sub-path; names are data, for readers' scripts to show as text.
    """
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(term.coordinates[1], 6), round(term.coordinates[0], 6)],
            },
            "properties": {"name": term.name, "path": term.path, "articles": count},
        }
        for term, count in places
        if term.coordinates is not None
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
