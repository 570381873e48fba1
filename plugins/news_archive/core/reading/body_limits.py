"""Bodies Markdown cannot read in reasonable time or stack: found before MkDocs converts them.

Python-Markdown, which MkDocs runs on every article, recurses once per level of nesting (lists,
emphasis) and scans from every ``[`` to its closing bracket, and the table of contents looks
for a free id once per earlier heading of the same title. A body built to exploit that (a list
nested hundreds deep, thousands of ``*`` in a row, thousands of unclosed ``[``) ends the build
with a ``RecursionError`` or holds it for minutes. The build cannot change how MkDocs converts a
page, so such a body is an error here, with the line, and the article stays unpublished.

Each check reads the body once; the limits sit far above anything an article needs and far
below where Python-Markdown fails or slows down (the tests render bodies just under them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.problems import Problem, error

MAX_NESTING = 32
"""Levels of lists, quotes and indentation (four spaces) one line may sit in."""

MAX_MARKER_RUN = 32
"""``*`` or ``_`` in a row inside a line."""

MAX_OPEN_EMPHASIS = 32
"""Emphasis marks opened and not yet closed in one paragraph."""

MAX_OPEN_BRACKETS = 10
"""``[`` (or ``(``) opened and not yet closed in one paragraph."""

MAX_HEADINGS = 200
"""Headings in one article."""

MAX_LINES = 12_000
"""Lines in one article: Python-Markdown's smart quotes take longer per paragraph the more
paragraphs, list items and cells an article has."""

MAX_MARKUP = 1_000
"""Characters that may start inline markup (quotes, backticks, '<', '&', '*', '_', '[',
backslashes) in one paragraph: each may become an element, and each element of a paragraph
costs more the more elements it has."""

MAX_FENCES = 100
"""Lines opening or closing a fenced code block: each block is looked for from the start of
the article again."""

_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_LIST_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
_MARKER_RUN = re.compile(r"[*_]+")
_BRACKET = re.compile(r"\\.|[\[\]()]")
_RULE = re.compile(r"[ \t]*(?:[*_-][ \t]*)+")
_ATX_HEADING = re.compile(r"[ \t>]*#{1,6}(?:[ \t]|$)")
_SETEXT_LINE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*")
_MARKUP = re.compile(r"[`'\"<&*_\[\\]")
_FENCE = re.compile(r"(?:`{3,}|~{3,})")
_NEW_ITEM = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")


def body_problems(path: str, text: str, body: str | None = None) -> list[Problem]:
    """An error for each kind of construct past its limit in ``body``, the end of the file's
    ``text`` (all of it when ``body`` is not given), at the first line it occurs on."""
    body = text if body is None else body
    first_line = text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else 1
    found: dict[str, Problem] = {}
    for kind, offset, message in _findings(body):
        if kind not in found:
            found[kind] = error(path, first_line + offset, message)
    return list(found.values())


def _findings(body: str) -> Iterator[tuple[str, int, str]]:
    """(kind, line offset, message) for every limit a line of ``body`` passes."""
    emphasis = brackets = parens = headings = markup = fences = 0
    previous_blank = True
    lines = body.split("\n")
    if len(lines) > MAX_LINES:
        yield (
            "lines",
            MAX_LINES,
            f"an article may have at most {MAX_LINES:,} lines, found {len(lines):,}; "
            "split it into several articles, or join lines that belong to one paragraph",
        )
    if "<!--" in body and "-->" not in body[body.rindex("<!--") :]:
        yield (
            "comment",
            body[: body.rindex("<!--")].count("\n"),
            "an HTML comment is opened with '<!--' and never closed, which hides the rest "
            "of the article; close it with '-->' or remove the '<!--'",
        )
    for offset, line in enumerate(lines):
        if not line.strip():
            emphasis = brackets = parens = markup = 0  # a blank line ends the paragraph
            previous_blank = True
            continue
        if _FENCE.match(line):
            fences += 1
            if fences == MAX_FENCES + 1:
                yield (
                    "fences",
                    offset,
                    f"an article may have at most {MAX_FENCES} lines opening or closing a code "
                    "block ('```' or '~~~'), found more from this line on; merge code blocks",
                )
        markup += len(_MARKUP.findall(line))
        if markup > MAX_MARKUP:
            yield (
                "markup",
                offset,
                f"a paragraph may hold at most {MAX_MARKUP:,} quotes, backticks, brackets, "
                "backslashes and '<', '&', '*' or '_' signs, found more by this line; split "
                "the paragraph with blank lines",
            )
        level = _nesting(line)
        if level > MAX_NESTING:
            yield (
                "nesting",
                offset,
                f"lists, quotes and indented text may nest at most {MAX_NESTING} levels deep, "
                f"found more on this line; flatten the list or quote, or remove "
                "the spaces at the start of the line",
            )
        if _ATX_HEADING.match(line) or (not previous_blank and _SETEXT_LINE.fullmatch(line)):
            headings += 1
            if headings == MAX_HEADINGS + 1:
                yield (
                    "headings",
                    offset,
                    f"an article may have at most {MAX_HEADINGS} headings, found more from "
                    "this line on; merge sections, or start fewer lines with '#' or underline "
                    "fewer lines with '=' or '-'",
                )
        previous_blank = False
        if _NEW_ITEM.match(line) or _ATX_HEADING.match(line):
            emphasis = 0  # each list item and heading is read on its own
        if not _RULE.fullmatch(line):
            emphasis, longest = _emphasis(line, emphasis)
            if longest > MAX_MARKER_RUN:
                yield (
                    "marker run",
                    offset,
                    f"at most {MAX_MARKER_RUN} '*' or '_' may stand in a row, found "
                    f"{longest:,} in a row on this line; write fewer, or put a backslash "
                    "before each one that is meant as text (\\*)",
                )
            if emphasis > MAX_OPEN_EMPHASIS:
                yield (
                    "emphasis",
                    offset,
                    f"a paragraph may have at most {MAX_OPEN_EMPHASIS} emphasis marks ('*' or "
                    f"'_') open at once, found {emphasis:,} opened and not closed by this "
                    "line; close each *emphasis* before the next one starts",
                )
        brackets, parens, deepest = _brackets(line, brackets, parens)
        if deepest > MAX_OPEN_BRACKETS:
            yield (
                "brackets",
                offset,
                f"a paragraph may have at most {MAX_OPEN_BRACKETS} '[' or '(' open at once, "
                f"found {deepest:,} opened and not closed by this line; close each link as "
                "[text](address), or put a backslash before a lone bracket (\\[)",
            )


_NESTING_SCAN = 16 * (MAX_NESTING + 2)
"""Characters of a line enough to tell whether it nests past ``MAX_NESTING`` (a level takes
at most a marker of 11 characters, or 4 columns): scanning a whole line of many '> '
took ``_PREFIX`` time that grew faster than the line."""


def _nesting(line: str) -> int:
    """Quote marks, list markers and steps of four columns before the line's text (counted
    exactly up to ``MAX_NESTING``; past it, at least ``MAX_NESTING + 1``)."""
    prefix = _PREFIX.match(line[:_NESTING_SCAN])
    text = prefix.group() if prefix else ""
    markers = text.count(">") + len(_LIST_MARKER.findall(text))
    columns = max(text.count(" ") + 4 * text.count("\t") - markers, 0)  # a space after each
    return markers + columns // 4


def _emphasis(line: str, open_marks: int) -> tuple[int, int]:
    """Emphasis marks still open after ``line``, and its longest run of ``*`` or ``_``."""
    longest = 0
    for run in _MARKER_RUN.finditer(line):
        start, end = run.span()
        longest = max(longest, end - start)
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        if not before.isspace() and not after.isalnum():
            open_marks = max(open_marks - (end - start), 0)
        elif not after.isspace() and not before.isalnum():
            open_marks += end - start
    return open_marks, longest


def _brackets(line: str, brackets: int, parens: int) -> tuple[int, int, int]:
    """``[`` and ``(`` still open after ``line``, and the most open at once within it."""
    deepest = max(brackets, parens)
    for match in _BRACKET.finditer(line):
        mark = match.group()
        if mark == "[":
            brackets += 1
        elif mark == "(":
            parens += 1
        elif mark == "]":
            brackets = max(brackets - 1, 0)
        elif mark == ")":
            parens = max(parens - 1, 0)
        deepest = max(deepest, brackets, parens)
    return brackets, parens, deepest
