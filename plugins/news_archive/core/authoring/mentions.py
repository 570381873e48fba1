"""Registered terms that an article's text mentions but its front matter does not list."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import yaml

from ..model.registry import Registry
from ..model.term import Term
from .yaml_text import flow_item, flow_list


def mention_pattern(registry: Registry) -> tuple[re.Pattern[str] | None, dict[str, Term]]:
    """One regular expression for every name and alias, longest first, as whole words.

    Matching is case-sensitive: names in running text are capitalised, and ``IS`` must not
    match the verb "is".
    """
    spellings: dict[str, Term] = {}
    for term in registry.terms.values():
        for spelling in (term.name, *term.aliases):
            spellings.setdefault(" ".join(spelling.split()), term)
    if not spellings:
        return None, spellings
    ordered = sorted(spellings, key=lambda s: (-len(s), s))
    # A name may wrap across a line in the text: any run of white space separates its words.
    alternatives = "|".join(r"\s+".join(map(re.escape, s.split())) for s in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), spellings


def mentioned_terms(body: str, registry: Registry, listed: Iterable[str]) -> list[Term]:
    """Terms the body names, in order of first mention, minus those ``listed`` already."""
    pattern, spellings = mention_pattern(registry)
    if pattern is None:
        return []
    present = {term.slug for name in listed if (term := registry.files_under(name))}
    found: list[Term] = []
    for match in pattern.finditer(body):
        term = spellings[" ".join(match.group(0).split())]
        if term.slug not in present:
            present.add(term.slug)
            found.append(term)
    return found


def mention_counts(text: str, registry: Registry) -> Counter[str]:
    """How many times ``text`` names each registered term, by slug."""
    pattern, spellings = mention_pattern(registry)
    if pattern is None:
        return Counter()
    return Counter(spellings[" ".join(m.group(0).split())].slug for m in pattern.finditer(text))


class FrontMatterEditError(ValueError):
    """The front matter's layout is one we will not rewrite automatically."""


def add_to_list(front: str, key: str, names: list[str]) -> str:
    """``front`` (the text between the ``---`` lines) with ``names`` appended to ``key``'s list.

    Edits the text in place rather than re-dumping the YAML, so comments, quoting and the
    order of the other fields stay exactly as the contributor wrote them.
    """
    if not names:
        return front
    root = yaml.compose(front, Loader=yaml.SafeLoader)
    node = None
    key_node = None
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                key_node, node = k, v
    if node is None:
        return front.rstrip("\n") + f"\n{key}: {flow_list(names)}\n"
    if isinstance(node, yaml.ScalarNode) and node.value == "" and key_node is not None:
        line_end = front.find("\n", key_node.end_mark.index)
        line_end = len(front) if line_end < 0 else line_end
        return front[: key_node.start_mark.index] + f"{key}: {flow_list(names)}" + front[line_end:]
    if not isinstance(node, yaml.SequenceNode):
        raise FrontMatterEditError(f"'{key}' is not a list; write it as {key}: [...] first")
    if node.flow_style:
        closing = front.rindex("]", 0, node.end_mark.index)
        before = front[node.start_mark.index + 1 : closing].strip()
        addition = ", ".join(flow_item(n) for n in names)
        glue = ", " if before else ""
        return front[:closing].rstrip() + glue + addition + front[closing:]
    first = node.value[0] if node.value else None
    indent = " " * (first.start_mark.column - 2) if first is not None else "  "
    insert_at = node.end_mark.index  # a block list ends where the next key starts
    prefix = "" if front[insert_at - 1 : insert_at] == "\n" else "\n"
    lines = "".join(f"{indent}- {flow_item(n)}\n" for n in names)
    return front[:insert_at] + prefix + lines + front[insert_at:]


def replace_front_matter(text: str, old: str, new: str) -> str:
    """The article ``text`` (starting with its ``---`` line) with front matter ``new``."""
    opening = text.index("\n")
    if text[opening : opening + len(old)] != old:
        raise FrontMatterEditError("the front matter changed while it was being edited")
    return text[:opening] + new + text[opening + len(old) :]
