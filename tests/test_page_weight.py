"""Pages weigh what they show: the theme's indentation is not published, and nothing a reader
sees changes for it (the same text, the same pixels, a space between inline elements kept)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import Project
from news_archive.theme_frames import light_frame

MATERIAL = {
    "name": "material",
    "font": False,
    "features": ["navigation.instant", "navigation.tabs"],
}
CODE = "```\nfor x in items:\n    print(x)\n\n        deeper\n```\n"
# Preformatted text; a heading, for a table of contents (the theme renders that page itself).
BODIES = {1: CODE, 3: "## A heading\n\nMore text.\n"}
# A line break followed by indentation, between two tags: what the theme indents with.
INDENTED = re.compile(r">\n[ \t]+<")
# What a reader or a script reads as it is: never shortened.
VERBATIM = re.compile(r"<(script|pre|textarea)\b.*?</\1>", re.S)


def fill(project: Project) -> None:
    # A flat navigation: the tabs hold it all, on a phone too (theme/base.html).
    nav = [{"Home": "index.md"}, {"Latest": "latest/index.md"}, {"Actors": "actors/index.md"}]
    project.mkdocs_extra = {"theme": MATERIAL, "nav": nav}
    # Material's credit in the footer: the frame's own words between inline elements.
    project.options = {"per_page": 2, "search": False, "footer_credit": True}
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    for n in range(4):
        project.article(
            f"story-{n}",
            f"2017-09-{n + 10}",
            title=f"Story {n}",
            actors=["IS"],
            tags=["siege"],
            authors=["Jane Doe"],
            body=f"Text of story {n} with *emphasis* and `code`.\n\n" + BODIES.get(n, ""),
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = Project(tmp_path_factory.mktemp("weight"))
    fill(project)
    return project.build(strict=True).root


def frame_text(page: Path) -> str:
    """The page without its scripts, preformatted text and content column."""
    html = VERBATIM.sub("", page.read_text(encoding="utf-8"))
    start = html.index('<article class="md-content__inner')
    end = html.rindex("</article>")  # the column's: the articles listed are inside it
    return html[:start] + html[end:]


@pytest.mark.parametrize(
    "page",
    [
        "articles/2017/09/story-2/",
        "articles/2017/09/story-3/",  # with a table of contents
        "actors/islamic-state/",
        "actors/islamic-state/page/2/",
    ],
)
def test_the_frame_is_not_indented(built: Path, page: str) -> None:
    frame = frame_text(built / page / "index.html")
    assert INDENTED.findall(frame) == []


def test_the_archive_lists_are_not_indented(built: Path) -> None:
    html = (built / "actors/islamic-state/index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="na-item".*?</li>', html, re.S)
    assert items
    assert [item for item in items if INDENTED.search(item)] == []


def test_a_space_between_inline_elements_stays(built: Path) -> None:
    soup = BeautifulSoup((built / "articles/2017/09/story-2/index.html").read_text(), "html.parser")
    byline = soup.select_one(".na-byline")
    assert byline is not None
    # date, source, by authors, reading time: each separated by a space, as written (the
    # stylesheet draws the dots between them).
    assert re.fullmatch(
        r"12 September 2017\s+Levant Wire\s+by Jane Doe\s+1 min read",
        byline.get_text().strip(),
    )
    footer = soup.select_one(".md-copyright")
    assert footer is not None
    assert re.search(r"Made with\s+Material for MkDocs", footer.get_text())


def test_preformatted_text_is_kept_as_written(built: Path) -> None:
    html = (built / "articles/2017/09/story-1/index.html").read_text(encoding="utf-8")
    assert "for x in items:\n    print(x)\n\n        deeper\n</code></pre>" in html


def test_light_frame_shortens_only_whitespace_a_reader_cannot_see() -> None:
    html = (
        "<p>a</p>\n   \n  <p><b>x</b>\n    <i>y</i> <u>z</u>\u00a0\n <s>w</s></p>"
        "<pre>  a\n\n   b</pre><script>\n  let s = '\n  ';\n</script>"
        '<textarea>\n  t\n</textarea><a title="a\n   b">t\n  u</a><!-- \n  c -->'
    )
    assert light_frame(html) == (
        "<p>a</p>\n<p><b>x</b>\n<i>y</i> <u>z</u>\u00a0\n<s>w</s></p>"
        "<pre>  a\n\n   b</pre><script>\n  let s = '\n  ';\n</script>"
        '<textarea>\n  t\n</textarea><a title="a\n   b">t\nu</a><!-- \n  c -->'
    )


def test_readers_see_the_same_page(
    make_project: Callable[[], Project], browser: Any, serve: Callable[[Path], str], tmp_path: Path
) -> None:
    """The lighter pages against the theme's own (``theme_frames: false``): the same text
    and the same pixels, on a laptop and on a phone, its tabs scrolled and its navigation
    drawer open where it has one."""
    sites = {}
    for framed in (False, True):
        project = make_project()
        fill(project)
        project.options = {**project.options, "theme_frames": framed}
        shutil.copytree(project.build().root, tmp_path / str(framed))
        sites[framed] = serve(tmp_path / str(framed))
    for size in ({"width": 1366, "height": 900}, {"width": 390, "height": 844}):
        for path in (
            "articles/2017/09/story-1/",
            "articles/2017/09/story-3/",
            "actors/islamic-state/",
        ):
            seen = []
            for framed in (False, True):
                page = browser.new_page(viewport=size)
                page.goto(f"{sites[framed]}/{path}", wait_until="networkidle")
                # The header's search field draws its placeholder differently from one load
                # of the same page to the next: it is left out of the comparison.
                still = {"animations": "disabled", "mask": [page.locator(".na-header-search")]}
                shots = [page.screenshot(full_page=True, **still)]
                if size["width"] < 500:
                    # A phone's navigation: the tabs, scrolled to the last; the drawer, on
                    # a page with a table of contents (it holds it).
                    page.locator(".md-tabs__list a").last.scroll_into_view_if_needed()
                    shots.append(page.screenshot(**still))
                    drawer = page.locator("label.md-header__button[for=__drawer]")
                    assert drawer.is_visible() is (path == "articles/2017/09/story-3/")
                    if drawer.is_visible():
                        drawer.click()
                        shots.append(page.screenshot(**still))
                seen.append((page.inner_text("body"), shots))
                page.close()
            assert seen[0][0] == seen[1][0], (path, size)
            assert seen[0][1] == seen[1][1], (path, size)
