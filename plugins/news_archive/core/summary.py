"""The default summary of an article: its first paragraph, as plain text."""

from __future__ import annotations

import re

_SKIP = re.compile(r"^\s*(#|<|!\[|\||```|~~~|>|---|\* \* \*|[-*+] |\d+\. )")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_MARKUP = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_TAGS = re.compile(r"<[^>]*>")


def first_paragraph(body: str, limit: int = 300) -> str:
    """The first prose paragraph, stripped of Markdown, cut at a word near ``limit``."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or _SKIP.match(block):
            continue
        text = _LINK.sub(r"\1", block)
        text = _REF_LINK.sub(r"\1", text)
        text = _MARKUP.sub(r"\2", text)
        text = _TAGS.sub("", text)
        text = " ".join(text.split())
        if not text:
            continue
        if len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        return text
    return ""
