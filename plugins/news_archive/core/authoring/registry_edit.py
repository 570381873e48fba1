"""Adding an alias to a registry file by editing its text, not by dumping the YAML again.

A registry is written by hand: its comments, its order and its quoting are the
maintainers', and a pull request that only adds an alias should show a one-line change.
"""

from __future__ import annotations

import yaml

from .yaml_text import flow_item


class RegistryEditError(ValueError):
    """The entry is laid out in a way this edit does not rewrite; the message says how."""


def add_alias(text: str, slug: str, alias: str) -> str:
    """``text`` with ``alias`` added to the aliases of the entry ``slug``.

    A ``[a, b]`` list gets it before its ``]``, a list of ``- `` lines a line of its own, and
    an entry without aliases an ``aliases: [...]`` line below its ``name:``.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    found = _field(root, slug)
    if found is None or not isinstance(found[1], yaml.MappingNode):
        raise RegistryEditError(f"there is no entry '{slug}' with fields to add an alias to")
    entry = found[1]
    item = flow_item(alias)
    aliases = _field(entry, "aliases")
    if aliases is None:
        name = _field(entry, "name") or entry.value[0]
        at = _after_line(text, name[1].end_mark.index)
        indent = " " * name[0].start_mark.column
        return _insert(text, at, f"{indent}aliases: [{item}]", newline)
    key, node = aliases
    if isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith(":null"):
        colon = key.end_mark.index  # 'aliases:' with nothing after it
        return f"{text[:colon]}: [{item}]{text[colon + 1 :]}"
    if not isinstance(node, yaml.SequenceNode):
        raise RegistryEditError(f"the aliases of '{slug}' are not a list; write them as [...]")
    if node.flow_style:
        closing = text.rindex("]", 0, node.end_mark.index)
        glue = ", " if text[node.start_mark.index + 1 : closing].strip() else ""
        return text[:closing].rstrip() + glue + item + text[closing:]
    first, last = node.value[0], node.value[-1]
    at = _after_line(text, last.end_mark.index)
    indent = " " * (first.start_mark.column - 2)
    return _insert(text, at, f"{indent}- {item}", newline)


def _insert(text: str, at: int, line: str, newline: str) -> str:
    """``line`` as a line of its own at ``at``, a line start or the end of the text."""
    before = newline if at == len(text) and not text.endswith("\n") else ""
    return f"{text[:at]}{before}{line}{newline}{text[at:]}"


def _field(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next(
        ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key),
        None,
    )


def _after_line(text: str, index: int) -> int:
    """Where the line holding ``index`` ends, after its line break (comments stay on it)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1
