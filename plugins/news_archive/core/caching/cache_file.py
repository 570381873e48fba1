"""A cache's index file: JSON entries under a format number, read leniently, written whole.

Not pickle: a cache restored by CI from a shared store must not be able to run code. A
missing, unreadable, foreign or older file reads as no entries, so deleting a cache is
always safe; a new file replaces the old one at once, so a build stopped halfway leaves the
old one whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def load_entries(file: Path, format_number: int) -> dict[str, Any]:
    """The entries of ``file``; none if it is missing, damaged or of another format."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != format_number:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def save_entries(file: Path, format_number: int, entries: dict[str, Any]) -> None:
    """Replace ``file`` with ``entries``; raises ``OSError`` if it cannot be written."""
    # ``dumps``, then one write: ``json.dump`` encodes in Python, about twice as slowly.
    text = json.dumps({"format": format_number, "entries": entries}, separators=(",", ":"))
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
