"""Pages outside the navigation, rendered by filling a frame the theme rendered once.

Material renders its whole chrome (header, tabs, navigation, footer) for every page: about
three milliseconds a page, and an archive has more term and archive pages than articles. For a
page outside the navigation, that chrome differs from another such page only by the page's
title, address and content, and by where the page sits (links are relative). So the theme
renders one frame per kind of page (pages whose links to the navigation's pages are the same)
with marks in those places, and every other page of that kind is the frame filled with its own
values: the same bytes, at a fraction of the cost.

A frame is trusted only when it holds its marks as they were given (a template that escapes,
encodes or cuts the title cannot be filled) and after it reproduced the theme's own output for
the first pages of its kind; otherwise pages of that kind are rendered by the theme. A site
whose template overrides print other things of the page (its date, its source file) turns
frames off with the plugin's ``theme_frames: false``.

A frame is also made lighter, once: the theme's indentation between tags, most of the
chrome's bytes on every page, is shortened to one line break (``light_frame``). A reader sees
the same page: outside ``<pre>``, ``<textarea>``, scripts and styles a run of whitespace
shows as one space or nothing, whatever its length, and the run is shortened, never removed,
so that a space between two inline elements stays. Material's placeholders that show
nothing (an empty banner; the dialog that says a code block was copied, where no page has a
copy button) are left out. The page's own content is filled in as it is. A page is filled
into the light frame only when the frame as the theme rendered it, filled with the page's
values, is the theme's output byte for byte; a page the theme renders itself (with a table
of contents, say) is shortened the same way around its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

import jinja2
from mkdocs.utils import get_relative_url

# Marks carry the characters escaping, URL-encoding and case changes would alter, around a
# core that tells whether any altered copy is left in the frame.
_CORE = "NewsArchiveFrameMark"
TITLE_MARK = f"<'&% {_CORE}Title %&'>"
URL_MARK = f"<'&% {_CORE}Url %&'>"
CONTENT_MARK = f"<'&% {_CORE}Content %&'>"
_SLOTS = {TITLE_MARK: "title", URL_MARK: "url", CONTENT_MARK: "content"}
_SPLIT = re.compile("|".join(re.escape(mark) for mark in _SLOTS))

# What whitespace in the frame cannot be shortened in (its text is shown as written, or is
# not HTML), and tags whole (a quoted attribute value may hold '>' or line breaks).
_TAG = r"""<[a-zA-Z/!][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
_KEPT = re.compile(
    rf"<(pre|textarea|script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->|{_TAG}", re.S | re.I
)
# HTML's whitespace (not Python's: a no-break space is text), in a run with a line break.
_INDENTATION = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")

# Material's placeholders that hold nothing on a page: the banner's where the site has none,
# and the dialog that only ever says a code block was copied, on a site whose pages have no
# copy button (theme/base.html gives Material's script no words for one). Material's script
# mounts each where it finds it, and in-place loading swaps only what both pages have.
_EMPTY_BANNER = '<div data-md-component="announce">\n</div>\n'
_DIALOG = (
    '<div class="md-dialog" data-md-component="dialog">\n'
    '<div class="md-dialog__inner md-typeset"></div>\n</div>\n'
)
_COPY_WORDS = '"clipboard.copy"'

CHECKED_PAGES = 3
"""Pages of each kind rendered both ways and compared before the frame is used alone."""


class ThemePage(Protocol):
    """What a frame needs of a page (MkDocs' ``Page`` has it)."""

    url: str
    content: str | None
    canonical_url: str | None
    meta: dict[str, Any]
    toc: Any


@dataclass
class Frame:
    """A theme's output with the page's own values taken out: literal text and slot names
    alternate in ``parts``."""

    parts: list[str]
    light: list[str]
    """``parts`` with the whitespace between tags shortened: what pages are filled into."""
    checked: int = 0
    usable: bool = True

    @classmethod
    def from_output(cls, output: str) -> Frame:
        parts = _split(output)
        light = _split(light_frame(output))
        literal = "".join(parts[0::2])
        usable = _CORE.lower() not in literal.lower() and light[1::2] == parts[1::2]
        return cls(parts, light, usable=usable)

    def fill(self, values: dict[str, str]) -> str:
        """The page as the theme renders it, if the frame holds."""
        return _fill(self.parts, values)

    def fill_light(self, values: dict[str, str]) -> str:
        """The page as published: the same, with the frame's whitespace shortened."""
        return _fill(self.light, values)


def light_frame(html: str) -> str:
    """``html`` with every run of whitespace that holds a line break, outside tags, ``<pre>``,
    ``<textarea>``, scripts, styles and comments, shortened to one line break, and without
    Material's empty placeholders (the banner's, and the dialog where no page can use it)."""
    pieces: list[str] = []
    position = 0
    for kept in _KEPT.finditer(html):
        pieces += [_INDENTATION.sub("\n", html[position : kept.start()]), kept.group()]
        position = kept.end()
    pieces.append(_INDENTATION.sub("\n", html[position:]))
    light = "".join(pieces).replace(_EMPTY_BANNER, "", 1)
    if _DIALOG in light and _COPY_WORDS not in light:
        light = light.replace(_DIALOG, "", 1)
    return light


def light_around(output: str, content: str) -> str:
    """A page the theme rendered (one a frame cannot give: with a table of contents, say),
    its indentation shortened outside ``content``; as it is where the content cannot be told
    apart (it is not found exactly once)."""
    if not content:
        return light_frame(output)
    if output.count(content) != 1:
        return output
    before, after = output.split(content)
    return light_frame(before) + content + light_frame(after)


def _split(output: str) -> list[str]:
    parts: list[str] = []
    position = 0
    for match in _SPLIT.finditer(output):
        parts += [output[position : match.start()], _SLOTS[match.group()]]
        position = match.end()
    parts.append(output[position:])
    return parts


def _fill(parts: list[str], values: dict[str, str]) -> str:
    return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


class ThemeFrames:
    """Renders pages with ``template`` of the theme's Jinja environment, through frames where
    a frame is known to give the theme's own output."""

    def __init__(self, env: jinja2.Environment, template: str = "main.html") -> None:
        self.template = env.get_template(template)
        self.frames: dict[tuple[object, ...], Frame] = {}
        self.nav_urls: list[str] | None = None
        self.framed = 0
        """Pages filled into a frame (and not also rendered by the theme)."""
        self.rendered = 0

    def render(self, context: dict[str, Any], page: ThemePage) -> str:
        """The page as the theme renders it with ``context``."""
        title = page.meta.get("title")
        content = page.content or ""
        if page.toc or not isinstance(title, str):
            return light_around(self._theme(context), content)
        if self.nav_urls is None:
            self.nav_urls = sorted(set(_urls(context.get("nav") or ())))
        has_heading = "<h1" in content  # Material prints its own <h1> when the content has none.
        key = (
            page.url.count("/"),
            has_heading,
            page.canonical_url is not None,
            tuple(_active(context.get("nav") or ())),  # the tab the page lights
            *(get_relative_url(url, page.url) for url in self.nav_urls),
        )
        values = {"title": title, "url": page.canonical_url or "", "content": content}
        frame = self.frames.get(key)
        if frame is None:
            # The page a frame comes from proves nothing about the frame (the next ones do),
            # but is the frame's own bytes where the frame gives the theme's.
            frame = self.frames[key] = self._frame(context, page, has_heading=has_heading)
            return self._themed(frame, values, context)
        if not frame.usable:
            return light_around(self._theme(context), content)
        if frame.checked < CHECKED_PAGES:
            frame.checked += 1
            themed = self._theme(context)
            frame.usable = frame.fill(values) == themed
            return frame.fill_light(values) if frame.usable else light_around(themed, content)
        self.framed += 1
        return frame.fill_light(values)

    def _themed(self, frame: Frame, values: dict[str, str], context: dict[str, Any]) -> str:
        """The theme's output, lightened where the frame gives it byte for byte."""
        themed = self._theme(context)
        if frame.usable and frame.fill(values) == themed:
            return frame.fill_light(values)
        return light_around(themed, values["content"])

    def _theme(self, context: dict[str, Any]) -> str:
        self.rendered += 1
        return self.template.render(context)

    def _frame(self, context: dict[str, Any], page: ThemePage, *, has_heading: bool) -> Frame:
        saved = page.meta["title"], page.content, page.canonical_url
        page.meta["title"] = TITLE_MARK
        page.content = f"<h1>{CONTENT_MARK}</h1>" if has_heading else CONTENT_MARK
        if page.canonical_url is not None:
            page.canonical_url = URL_MARK
        try:
            output = self.template.render(context)
        finally:
            page.meta["title"], page.content, page.canonical_url = saved
        if has_heading:
            output = output.replace(f"<h1>{CONTENT_MARK}</h1>", CONTENT_MARK)
        return Frame.from_output(output)


def _urls(items: Any) -> list[str]:
    """The site's own addresses in the navigation (another site's links are not relative)."""
    found: list[str] = []
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str) and "://" not in url:
            found.append(url)
        found += _urls(getattr(item, "children", None) or ())
    return found


def _active(items: Any) -> list[str]:
    """The addresses of the navigation's active items: the tab a page lights differs between
    pages of one depth (an actor's page and a month's)."""
    found: list[str] = []
    for item in items:
        if getattr(item, "active", False):
            found.append(str(getattr(item, "url", None) or getattr(item, "title", "")))
        found += _active(getattr(item, "children", None) or ())
    return found
