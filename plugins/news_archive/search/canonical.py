"""Make Pagefind's output byte-identical from one build to the next.

Pagefind writes its filter tables (and the list of them) in hash-map order, which Rust seeds
at random in every run: the same site gives differently ordered files, with different hashed
names, each time. This step rewrites those few files in sorted order and names them after
their content, so that reviewers can diff two builds. Index chunks and fragments are already
stable and are left as they are.

Pagefind's files are gzipped CBOR behind a ``pagefind_dcd`` signature; ``pagefind-entry.json``
names each language's meta file, and the meta file names the filter files.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
META_FILTERS, META_SORTS, META_FIELDS = 3, 4, 5

Bundle = dict[str, bytes]
"""A Pagefind bundle in memory: path inside ``pagefind/`` -> content."""


def canonicalise(bundle: Bundle) -> Bundle:
    """The same bundle with stable filter tables, meta files and names."""
    files = dict(bundle)
    entry = json.loads(files["pagefind-entry.json"])
    for language, details in sorted(entry["languages"].items()):
        meta_path = f"pagefind.{details['hash']}.pf_meta"
        meta = _decode(files.pop(meta_path))
        filters = []
        for name, old_hash in meta[META_FILTERS]:
            table = _decode(files.pop(f"filter/{old_hash}.pf_filter"))
            table[1] = sorted(table[1], key=lambda row: row[0])
            new_hash, content = _encode(language, table, digits=7)
            files[f"filter/{new_hash}.pf_filter"] = content
            filters.append([name, new_hash])
        meta[META_FILTERS] = sorted(filters)
        meta[META_SORTS] = sorted(meta[META_SORTS], key=lambda row: row[0])
        meta[META_FIELDS] = sorted(meta[META_FIELDS])
        new_meta, content = _encode(language, meta, digits=10)
        files[f"pagefind.{new_meta}.pf_meta"] = content
        details["hash"] = new_meta
    files["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")
    return files


def _decode(content: bytes) -> Any:
    data = gzip.decompress(content)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _encode(language: str, value: Any, digits: int) -> tuple[str, bytes]:
    payload = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    return name, gzip.compress(payload, mtime=0)
