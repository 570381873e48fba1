"""Make Pagefind's output byte-identical from one build to the next.

Pagefind writes its filter tables (and the list of them) in hash-map order, which Rust seeds
at random in every run: the same site gives differently ordered files, with different hashed
names, each time. This step rewrites those few files in sorted order and renames them after
their content, so that reviewers can diff two builds. Index chunks and fragments are already
stable and are left untouched.

Pagefind's files are gzipped CBOR behind a ``pagefind_dcd`` signature; ``pagefind-entry.json``
names each language's meta file, and the meta file names the filter files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
META_FILTERS, META_SORTS, META_FIELDS = 3, 4, 5


def canonicalise(bundle: Path) -> None:
    """Rewrite the Pagefind bundle in ``bundle`` (the ``pagefind/`` folder) in place."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language, details in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{details['hash']}.pf_meta"
        meta = _read(meta_file)
        filters = []
        for name, old_hash in meta[META_FILTERS]:
            filter_file = bundle / "filter" / f"{old_hash}.pf_filter"
            table = _read(filter_file)
            table[1] = sorted(table[1], key=lambda row: row[0])
            new_hash = _write(bundle / "filter", language, "pf_filter", table, digits=7)
            _replace(filter_file, bundle / "filter" / f"{new_hash}.pf_filter")
            filters.append([name, new_hash])
        meta[META_FILTERS] = sorted(filters)
        meta[META_SORTS] = sorted(meta[META_SORTS], key=lambda row: row[0])
        meta[META_FIELDS] = sorted(meta[META_FIELDS])
        new_meta = _write(bundle, language, "pf_meta", meta, digits=10, prefix="pagefind.")
        _replace(meta_file, bundle / f"pagefind.{new_meta}.pf_meta")
        details["hash"] = new_meta
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _read(file: Path) -> Any:
    data = gzip.decompress(file.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{file} is not a Pagefind file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(
    folder: Path, language: str, suffix: str, value: Any, digits: int, prefix: str = ""
) -> str:
    payload = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}.{suffix}.tmp").write_bytes(gzip.compress(payload, mtime=0))
    return name


def _replace(old: Path, new: Path) -> None:
    temporary = new.with_name(new.name + ".tmp")
    if old != new:
        old.unlink()
    temporary.replace(new)
