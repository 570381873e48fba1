"""An article's text as clean Markdown, from the element tree of a page or a feed item.

Trafilatura hands over the main text as a small XML vocabulary (``p``, ``head``, ``quote``,
``list``/``item``, ``ref``, ``hi``, ``lb``); feeds carry HTML fragments (``p``,
``blockquote``, ``ul``/``li``, ``a``, ``em``...). Both are walked by the same code, so a
quotation or a link looks the same in the archive whichever way it came in. Trafilatura's own
Markdown output drops quotations, which is why we convert its XML ourselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree, html

_HEADING = {"head", "h1", "h2", "h3", "h4", "h5", "h6"}
_QUOTE = {"quote", "blockquote"}
_LIST = {"list", "ul", "ol"}
_ITEM = {"item", "li"}
_ROW = {"row", "tr"}
_CONTAINER = {"body", "main", "article", "section", "div", "doc", "figure", "header", "footer"}
_CONTAINER |= {"table", "tbody", "thead"}
_BLOCK = {"p", "pre", "hr", *_HEADING, *_QUOTE, *_LIST, *_ROW, *_CONTAINER}
_SKIP = {"script", "style", "noscript", "iframe", "form", "button", "nav", "aside", "graphic"}
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+(?=\.))", re.MULTILINE)
_INLINE = re.compile(r"([\\`*_{}\[\]])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LEVEL = re.compile(r"[1-6]")
_SPACES = re.compile(r"\s+")


def markdown_from_tree(root: etree._Element, drop_heading: str = "") -> str:
    """Markdown for the blocks under ``root``; a leading heading equal to ``drop_heading``
    (the title, which the article page shows already) is left out."""
    blocks = [block for block in _blocks(root) if block.strip()]
    if blocks and drop_heading and _same_text(blocks[0].lstrip("# "), drop_heading):
        blocks = blocks[1:]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def markdown_from_html(fragment: str) -> str:
    """Markdown for an HTML fragment such as a feed item's content or summary."""
    if not fragment.strip():
        return ""
    root = html.fragment_fromstring(fragment, create_parent="div")
    return markdown_from_tree(root)


def plain_text(fragment: str) -> str:
    """An HTML fragment as one line of text, for a front-matter value."""
    if not fragment.strip():
        return ""
    root = html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(root.text_content().split())


def _blocks(element: etree._Element) -> Iterator[str]:
    """Block-level Markdown for the children of ``element``; loose text makes a paragraph."""
    loose: list[str] = [_escape(element.text or "")]
    for child in element:
        tag = _tag(child)
        if tag in _SKIP or tag is None:
            loose.append(_escape(child.tail or ""))
            continue
        if tag not in _BLOCK and tag not in _ITEM:
            loose.append(_inline(child) + _escape(child.tail or ""))
            continue
        yield _paragraph(loose)
        loose = [_escape(child.tail or "")]
        yield from _block(child, tag)
    yield _paragraph(loose)


def _block(element: etree._Element, tag: str) -> Iterator[str]:
    if tag in _HEADING:
        level = _LEVEL.search(tag if tag != "head" else element.get("rend") or "")
        text = _inline_content(element)
        if text:
            # The page's title is the only first-level heading.
            yield "#" * max(2, int(level.group(0)) if level else 2) + " " + text
    elif tag in _QUOTE:
        inner = "\n\n".join(block for block in _blocks(element) if block.strip())
        if inner:
            yield "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
    elif tag in _LIST:
        ordered = tag == "ol" or element.get("rend") == "ol"
        items = [child for child in element if _tag(child) in _ITEM]
        lines = []
        for number, item in enumerate(items, 1):
            marker = f"{number}." if ordered else "-"
            text = " ".join(b for b in _blocks(item) if b.strip()).replace("\n", " ")
            if text:
                lines.append(f"{marker} {text}")
        if lines:
            yield "\n".join(lines)
    elif tag == "p" or tag in _ITEM:
        yield _inline_content(element)
    elif tag == "pre":
        code = "".join(element.itertext()).strip("\n")
        if code.strip():
            yield "```\n" + code + "\n```"
    elif tag in _ROW:
        cells = (_inline_content(cell) for cell in element if _tag(cell) is not None)
        yield " | ".join(cell for cell in cells if cell)
    elif tag in _CONTAINER:
        yield from _blocks(element)


def _inline(element: etree._Element) -> str:
    tag = _tag(element)
    text = _inline_content(element)
    if tag in ("lb", "br"):
        return "\n"  # the only newline left in the text: _escape folds the page's own
    if tag in ("ref", "a"):
        target = (element.get("target") or element.get("href") or "").strip()
        if text and target.startswith(("http://", "https://")):
            return f"[{text}]({_link_target(target)})"
        return text
    marker = _EMPHASIS.get(tag or "", "")
    if tag == "hi":
        rend = element.get("rend") or ""
        marker = "**" if "b" in rend else "*" if "i" in rend else ""
    if marker and text:
        return f"{marker}{text}{marker}"
    return text


def _inline_content(element: etree._Element) -> str:
    parts = [_escape(element.text or "")]
    for child in element:
        if _tag(child) not in _SKIP and _tag(child) is not None:
            parts.append(_inline(child))
        parts.append(_escape(child.tail or ""))
    return _tidy("".join(parts))


def _paragraph(parts: list[str]) -> str:
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """One line per paragraph (hard breaks kept), and no Markdown syntax at a line's start."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = "  \n".join(line for line in lines if line)
    return _LINE_START.sub(_escape_line_start, joined)


def _escape_line_start(match: re.Match[str]) -> str:
    """``# x``, ``> x``, ``- x`` or ``1. x`` at a line's start would become a heading, a
    quotation or a list."""
    indent, mark = match.groups()
    return f"{indent}{mark}\\" if mark[0].isdigit() else f"{indent}\\{mark}"


def _escape(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, raw HTML or entities."""
    text = _INLINE.sub(r"\\\1", _SPACES.sub(" ", text))
    return _TAG_START.sub("&lt;", _ENTITY.sub("&amp;", text))


def _tag(element: etree._Element) -> str | None:
    """The element's lowercase local name; None for comments and processing instructions."""
    if not isinstance(element.tag, str):
        return None
    return etree.QName(element).localname.lower()


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.replace("\\", "").split()).casefold() == " ".join(b.split()).casefold()


def _link_target(url: str) -> str:
    """A URL that cannot end the Markdown link early."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
