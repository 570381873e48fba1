"""Characters that no feed, page, data file or terminal should receive from a contributor.

XML 1.0 has no place for C0 controls other than tab and line ends, for U+FFFE and U+FFFF, or
for a lone half of a surrogate pair: lxml refuses them and a feed could not be written. The
other invisible controls (DEL, C1) are legal there but only ever come from a mistake or a
hidden payload, and an escape sequence in a message would drive the terminal that shows it.
A YAML escape in double quotes (``"\\x01"``, ``"\\uFFFE"``) writes any of them, so they are
refused where text is read, and replaced where a message shows what was read.
"""

from __future__ import annotations

import re
import unicodedata

_UNCARRIED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def character_problem(text: str) -> str | None:
    """What is wrong with the first character of ``text`` that cannot be carried, if any:
    the words follow a field's name (``'title' contains ...``)."""
    found = _UNCARRIED.search(text)
    if found is None:
        return None
    character = found.group()
    code = f"U+{ord(character):04X}"
    if unicodedata.category(character) == "Cc":
        return f"contains an invisible control character ({code})"
    if unicodedata.category(character) == "Cs":
        return f"contains half of a surrogate pair, which is no character on its own ({code})"
    return f"contains an invisible code that is no character ({code})"


def printable(text: str) -> str:
    """``text`` with each character that cannot be carried shown as U+FFFD, for messages:
    printing a lone surrogate raises, and an escape sequence would reach the terminal."""
    return _UNCARRIED.sub("\ufffd", text)
