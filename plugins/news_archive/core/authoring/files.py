"""Writing a new file so that it is there whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_new_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist yet, through a temporary file.

    The temporary file sits in the same folder (a rename is atomic only within one file
    system) and is named ``.<name>.<random>.tmp``, which no reader takes for an article. On
    any failure it is removed, so an interrupted import never leaves half an article behind.
    """
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
