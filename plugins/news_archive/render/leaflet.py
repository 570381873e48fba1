"""Leaflet and Leaflet.markercluster, served from the site itself.

Maps must work without a CDN: a reader's browser should fetch scripts only from the
archive's own address, and a build must not depend on anything but package registries. The
files come from two PyPI packages of the XStatic standard, ``XStatic-Leaflet`` and
``XStatic-Leaflet-MarkerCluster``: plain wheels holding the projects' unmodified ``dist``
files (the same bytes as the npm releases of Leaflet 1.9.3 and markercluster 1.4.1), kept
by Entr'ouvert for their own Django sites and used across the XStatic family. They are
ordinary dependencies in ``pyproject.toml``, so the README's ``pip install -e .`` brings
them and pip pins and verifies them like any other; upgrading Leaflet is a version bump,
with nothing vendored in this repository and no Node.js toolchain. The wheels carry no
licence files, so the two licences (Leaflet: BSD-2-Clause; markercluster: MIT) are shipped
in ``assets/`` and published next to the scripts, as both licences ask.

Only what a page needs is published: the minified scripts, the stylesheets and the images
the stylesheet names (source maps and the ES-module build are left out).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

VENDOR = "assets/news-archive/vendor"
LICENCES = Path(__file__).parent / "assets"


@dataclass(frozen=True)
class VendorFile:
    """One published file: where it goes in the site, and where it is read from."""

    site_path: str
    source: Path


class MissingLibrary(RuntimeError):
    """A map library's package is not installed; the message says what to install."""


_PACKAGES = (
    (
        "xstatic.pkg.leaflet",
        "XStatic-Leaflet",
        "leaflet",
        (
            "leaflet.js",
            "leaflet.css",
            "images/layers.png",
            "images/layers-2x.png",
            "images/marker-icon.png",
            "images/marker-icon-2x.png",
            "images/marker-shadow.png",
        ),
        "LICENSE-leaflet.txt",
    ),
    (
        "xstatic.pkg.leaflet_markercluster",
        "XStatic-Leaflet-MarkerCluster",
        "leaflet.markercluster",
        ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"),
        "LICENSE-leaflet.markercluster.txt",
    ),
)


def leaflet_files() -> list[VendorFile]:
    """Every file the maps load, from the installed packages, plus their licences."""
    files = []
    for module_name, distribution, folder, names, licence in _PACKAGES:
        try:
            module = import_module(module_name)
        except ImportError as exc:
            raise MissingLibrary(
                f"the maps need the {distribution} package; install the archive with "
                "'pip install -e .' again (or set 'explore: false')"
            ) from exc
        base = Path(module.BASE_DIR)
        files += [VendorFile(f"{VENDOR}/{folder}/{name}", base / name) for name in names]
        files.append(VendorFile(f"{VENDOR}/{folder}/LICENSE.txt", LICENCES / licence))
    return files


def leaflet_versions() -> dict[str, str]:
    """The packaged versions, for messages and tests: ``{"leaflet": "1.9.3", ...}``."""
    return {
        folder: import_module(module_name).VERSION for module_name, _, folder, _, _ in _PACKAGES
    }
