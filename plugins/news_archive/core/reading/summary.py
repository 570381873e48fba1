"""The default summary of an article: its first paragraph, as plain text.

Every pattern here scans a stretch of text at most a fixed number of times (no pattern can run
past the next bracket, or start inside a run of markers), so a summary takes time in
proportion to the paragraph, whatever its characters.
"""

from __future__ import annotations

import html
import re

_SKIP = re.compile(r"^\s*(#|<|!\[|\||```|~~~|>|---|\* \* \*|[-*+] |\d+\. )")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]]*\)")
_REF_LINK = re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]")
_MARKERS = re.compile(r"[*_`]+")
_TAGS = re.compile(r"<[^<>]*>")


def first_paragraph(body: str, limit: int = 300) -> str:
    """The first prose paragraph, stripped of Markdown, cut at a word near ``limit``."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or _SKIP.match(block):
            continue
        text = _LINK.sub(r"\1", block)
        text = _REF_LINK.sub(r"\1", text)
        text = _MARKERS.sub(_unmarked, text)
        text = _TAGS.sub("", text)
        # The page shows an entity as its character; a summary is text, escaped where printed.
        text = " ".join(html.unescape(text).split())
        if not text:
            continue
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return text
    return ""


def _unmarked(run: re.Match[str]) -> str:
    """A run of emphasis or code markers goes when it opens or closes a span (``*a*``,
    ``**a**,``); inside a word (``snake_case``) or alone (``2 * 3``) it stays."""
    text, start, end = run.string, run.start(), run.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    opens = not after.isspace() and not before.isalnum()
    closes = not before.isspace() and not after.isalnum()
    return "" if opens or closes else run.group()
