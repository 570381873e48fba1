"""YAML read the careful way: line numbers kept, duplicate keys and aliases refused.

PyYAML silently keeps the last of two equal keys and happily expands anchors into
exponentially large values; contributors deserve an error for the first and the site
deserves protection from the second. Values stay as YAML nodes so that each field can
be checked against what it should be, with the line where it was written.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..model.characters import character_problem
from ..model.problems import Problem, error
from ..model.text import shorten


@dataclass(frozen=True)
class Field:
    """One ``key: value`` of a mapping, with the 1-based line of the key."""

    key: str
    node: yaml.Node
    line: int


def node_line(node: yaml.Node, first_line: int) -> int:
    return first_line + node.start_mark.line


# PyYAML's wording for the mistakes contributors make most, in plain words.
_PLAIN_REASONS = {
    "mapping values are not allowed here": (
        "a value contains ': ', or the line is indented when it should not be (put a value "
        "containing ': ' in double quotes, like {example}; start each field at the beginning "
        "of its line)"
    ),
    "found character '\\t' that cannot start any token": (
        "a tab character is used for indentation (use spaces)"
    ),
    "could not find expected ':'": "a line has no ':' between its key and its value",
}


# libyaml when PyYAML was built with it: the same results, many times faster.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _first_alias(text: str) -> yaml.AliasEvent | None:
    """The first ``*alias`` in ``text``, found by scanning events: nothing is expanded."""
    if "*" not in text:  # every alias is written with '*'
        return None
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.AliasEvent):
            return event
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, path: str, first_line: int, what: str) -> Problem:
    """PyYAML's complaint, on the line a contributor should look at, in words they know."""
    reason = exc.problem or exc.context or "it is not valid YAML"
    mark = exc.problem_mark or exc.context_mark
    if reason in _PLAIN_REASONS:
        if reason == "could not find expected ':'" and exc.context_mark:
            mark = exc.context_mark  # the line missing its colon, not the one after it
        line = first_line + (mark.line if mark else 0)
        example = (
            'title: "Russia: no strike"'
            if what == "front matter"
            else ('description: "Armed group: active since 2014"')
        )
        plain = _PLAIN_REASONS[reason].format(example=example)
        return error(path, line, f"the {what} is not valid YAML: {plain}")
    if exc.context == "while parsing a flow sequence" and exc.context_mark:
        line = first_line + exc.context_mark.line
        return error(
            path,
            line,
            f"the {what} is not valid YAML: the list opened with '[' on this line is not "
            "closed with ']', or one of its names needs double quotes (names with ',' ':' '[' ']')",
        )
    line = first_line + (mark.line if mark else 0)
    return error(
        path,
        line,
        f"the {what} is not valid YAML: {reason}; check the quotes, colons and indentation "
        "on this line (a value containing ': ' must be in quotes)",
    )


def _too_deep(path: str, first_line: int, what: str) -> Problem:
    return error(
        path,
        first_line,
        f"the {what} nests lists or mappings too deeply to be read; fields are plain text "
        "or a flat list like [a, b]",
    )


def _explain(text: str, path: str, first_line: int, what: str) -> Problem:
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        line = first_line + text[: max(exc.position, 0)].count("\n")
        return error(
            path,
            line,
            f"the {what} contains an invisible control character (#x{exc.character:04x}) "
            "that YAML does not allow; retype this line",
        )
    except yaml.MarkedYAMLError as exc:
        return _syntax_error(exc, path, first_line, what)
    except RecursionError:
        return _too_deep(path, first_line, what)
    except yaml.YAMLError as exc:
        return error(path, first_line, f"the {what} is not valid YAML: {exc}")
    return error(path, first_line, f"the {what} is not valid YAML")


def parse_mapping(
    text: str, path: str, first_line: int = 1, what: str = "front matter"
) -> tuple[list[Field] | None, list[Problem]]:
    """Parse ``text`` as a YAML mapping; ``first_line`` is the file line of its first line."""
    try:
        alias = _first_alias(text)
        if alias is not None:
            return None, [
                error(
                    path,
                    first_line + alias.start_mark.line,
                    f"the {what} uses a YAML alias (*{alias.anchor}); "
                    "write the value out in full instead of using '&' anchors and '*' aliases",
                )
            ]
        root = yaml.compose(text, Loader=FAST_LOADER)
    except RecursionError:
        return None, [_too_deep(path, first_line, what)]
    except yaml.YAMLError:
        # libyaml refuses some text the pure-Python parser reads (an escape like "\uD800",
        # which the field checks then report precisely); when both refuse, the pure-Python
        # parser's wording is the one we know how to explain.
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError):
            return None, [_explain(text, path, first_line, what)]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return None, [
            error(
                path,
                node_line(root, first_line),
                f"the {what} must be made of 'key: value' lines, found {describe(root)} instead",
            )
        ]
    return mapping_fields(root, path, first_line, what)


def mapping_fields(
    node: yaml.MappingNode, path: str, first_line: int, what: str
) -> tuple[list[Field], list[Problem]]:
    """The ``key: value`` pairs of a mapping node; a key written twice is an error."""
    fields: list[Field] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = node_line(key_node, first_line)
        if not isinstance(key_node, yaml.ScalarNode) or not key_node.value.strip():
            problems.append(error(path, line, f"a key in the {what} must be a plain word"))
            continue
        key = key_node.value
        if key in seen:
            problems.append(
                error(
                    path,
                    line,
                    f"'{key}' is written twice in the {what} (first on line {seen[key]}); "
                    "keep one and merge the values",
                )
            )
            continue
        seen[key] = line
        fields.append(Field(key, value_node, line))
    return fields, problems


def describe(node: yaml.Node) -> str:
    """What a contributor wrote, in words: used in 'expected X, found Y' messages."""
    if isinstance(node, yaml.MappingNode):
        return "a set of 'key: value' pairs"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null" or node.value == "":
        return "nothing"
    return f"'{shorten(node.value)}'"


def scalar_text(node: yaml.Node) -> str | None:
    """The text of a scalar exactly as written, or None for lists, mappings and nulls.

    Reading the raw scalar (rather than YAML's typed value) keeps ``title: 1984`` a title and
    ``tags: [no]`` a tag instead of the boolean False.
    """
    if not isinstance(node, yaml.ScalarNode) or is_null(node):
        return None
    return node.value


def is_null(node: yaml.Node) -> bool:
    if not isinstance(node, yaml.ScalarNode):
        return False
    if not is_plain(node):  # quoted: '' or "null" are strings
        return False
    return node.value in ("", "~", "null", "Null", "NULL")


def is_plain(node: yaml.Node) -> bool:
    """An unquoted scalar (PyYAML marks its style None, libyaml '')."""
    return isinstance(node, yaml.ScalarNode) and node.style in (None, "")


def field_character_problem(item: Field, path: str, first_line: int = 1) -> Problem | None:
    """An error for the first text under ``item`` (its value, a list's names, a mapping's
    keys and values) holding a character a feed or a page cannot carry.

    Checked once per field where articles and registries read their fields, before any value
    is used: every string field then reaches pages, feeds and data files clean.
    """
    reason = character_problem(item.key)
    if reason:
        return error(path, item.line, f"a field name {reason}; retype the name without it")
    stack = [item.node]
    while stack:  # no recursion: the tree can be as deep as YAML's own composer allowed
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            reason = character_problem(node.value)
            if reason:
                return error(
                    path,
                    node_line(node, first_line),
                    f"'{item.key}' {reason}; retype the value without it",
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
    return None
