"""Writing YAML by hand where a dump would lose the contributor's layout."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"^[^\W\d_][\w .'()/-]*(?<! )$")
_RESERVED = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"})


def flow_item(text: str) -> str:
    """``text`` as an item of a ``[a, b]`` list: plain when safe, double-quoted otherwise."""
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(flow_item(item) for item in items) + "]"


def scalar(text: str) -> str:
    """A single-line value after ``key: ``, quoted when YAML would misread it."""
    plain = (
        text == text.strip()
        and text
        and text.lower() not in _RESERVED
        and not re.search(r"(^[-?:,\[\]{}#&*!|>'\"%@`\d])|(: )|( #)|(:$)", text)
    )
    return text if plain else json.dumps(text, ensure_ascii=False)
