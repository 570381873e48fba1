"""An article's body can neither stand in for the theme's elements nor stop or stall the build.

The body is the one part of an article that is Markdown with HTML in it: its ids are moved
under a prefix (DOM clobbering, issue 23 #1), and a body Python-Markdown cannot read in bounded
stack and time is an error with its line before MkDocs ever converts it (#7, #8).
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from benchmarks.corpus import write_corpus
from conftest import REPO, Project
from news_archive.cli import main
from news_archive.core.publishing.sanitize import ID_PREFIX
from news_archive.core.reading.body_limits import (
    MAX_MARKER_RUN,
    MAX_NESTING,
    MAX_OPEN_BRACKETS,
    body_problems,
)
from news_archive.core.reading.summary import first_paragraph

# The site's markdown_extensions (mkdocs.yml) and MkDocs' own defaults.
SITE_EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "smarty"]
SITE_MARKDOWN = {"markdown_extensions": ["toc", "attr_list", "smarty"]}

CLOBBERING_BODY = """\
Intro paragraph, [down to the details](#details).

<div id="__config">{"base": "http://attacker.invalid/", "features": ["navigation.instant"]}</div>

<h2 id="__search">Raw heading</h2>

## Details {#__drawer}

<a name="__config" href="#__palette_0">named link</a> <img name="__search" src="x.png" alt="x">

## Details

Second heading with the same title.
"""


def _hostile_article(project: Project) -> str:
    project.mkdocs_extra = {**SITE_MARKDOWN, "validation": {"anchors": "warn"}}
    project.options = {"search": False}
    return project.article("clobber", title="Clobber", body=CLOBBERING_BODY)


SITE_IDS = {"na-related-heading", "na-article-text", "na-article-spellings"}
"""The article page's own ids: where search's excerpts start and stop, the related list."""


def test_the_body_sets_no_id_or_name_outside_its_prefix(project: Project) -> None:
    path = _hostile_article(project)
    site = project.build(strict=True)  # its link to its own #details passes the anchor check

    html = site.html(path)
    body = html.select_one(".na-article")
    assert body is not None
    named = [tag for tag in body.find_all(True) if tag.has_attr("id") or tag.has_attr("name")]
    assert named, "the body's headings keep their ids"
    for tag in named:
        assert not tag.has_attr("name"), tag
        assert tag["id"].startswith(ID_PREFIX) or tag["id"] in SITE_IDS, tag
    config = html.find(id="__config")
    assert config is not None and config.name == "script"
    assert "attacker" not in config.get_text()
    for theirs in ("__search", "__drawer"):
        assert html.find(id=theirs).name == "input"  # Material's own toggles
    assert body.find(id=f"{ID_PREFIX}__config").get_text().startswith('{"base"')
    # In-article links and the table of contents reach the prefixed headings.
    ids = {tag["id"] for tag in named}
    assert body.find("a", string="down to the details")["href"] == f"#{ID_PREFIX}details"
    toc = [a["href"] for a in html.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc == [f"#{ID_PREFIX}__drawer", f"#{ID_PREFIX}details"]
    assert {href[1:] for href in toc} <= ids


def test_trusted_html_is_published_as_written(project: Project) -> None:
    project.mkdocs_extra = SITE_MARKDOWN
    project.options = {"search": False, "trust_article_html": True}
    path = project.article("trusted", body="[down](#details)\n\n## Details\n")
    html = project.build(strict=True).html(path)
    assert html.select_one(".na-article h2")["id"] == "details"
    assert html.select_one(".na-article a[href='#details']") is not None
    toc = [a["href"] for a in html.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc == ["#details"]


def test_material_reads_its_own_config_in_chromium(
    project: Project, browser: Any, serve: Callable[..., str]
) -> None:
    path = _hostile_article(project)
    site = project.build()
    page = browser.new_page()
    try:
        page.goto(f"{serve(site.root)}/{path}")
        text = page.evaluate("document.querySelector('#__config').textContent")
        assert page.evaluate("document.querySelector('#__config').tagName") == "SCRIPT"
    finally:
        page.close()
    assert "attacker" not in json.loads(text)["base"]


# Bodies Python-Markdown (as MkDocs runs it) cannot read: (body, line of the error in the
# file, words of the message). The front matter takes lines 1 to 6; the body starts on line 7.
PATHOLOGICAL: dict[str, tuple[str, int, str]] = {
    "emphasis-run": ("*" * 2000 + "x" + "*" * 2000, 7, "in a row"),
    "deep-list": ("\n".join("    " * i + "- item" for i in range(400)), 7 + MAX_NESTING, "nest"),
    "deep-ordered-list": ("Intro.\n\n" + "1. " * 600 + "x", 9, "nest"),
    "deep-quote": ("> " * 3000 + "quoted", 7, "nest"),
    "nested-emphasis": ("*a " * 1200 + "b*" * 1200, 7, "emphasis marks"),
    "link-openers": ("[x](" * 16_000, 7, "'[' or '('"),
    "brackets": ("Text.\n\n" + "[" * 4000, 9, "'[' or '('"),
    "star-words": ("*a " * 34_000, 7, "emphasis marks"),
    "unclosed-comment": ("Intro.\n\n<!--\n\nhidden", 9, "never closed"),
    "same-headings": ("a\n=\n" * 2000, 7 + 2 * 200 + 1, "headings"),
}


def test_pathological_bodies_are_errors_and_the_rest_is_published(project: Project) -> None:
    project.mkdocs_extra = SITE_MARKDOWN
    project.options = {"search": False}
    good = project.article("good", title="Good")
    for name, (body, _, _) in PATHOLOGICAL.items():
        project.article(name, title=name, body=body)
    site = project.build()

    published = {
        path.parent.relative_to(site.root).as_posix() + "/"
        for path in (site.root / "articles").rglob("index.html")
    }
    assert published == {good}
    errors = [m for m in site.problems() if ": error: " in m]
    for name, (_, line, words) in PATHOLOGICAL.items():
        at = f"content/articles/2017/09/{name}.md:{line}: error: "
        assert any(m.startswith(at) and words in m for m in errors), (name, errors)
    assert not [r for r in site.records if r.exc_info], "a traceback was logged"


@pytest.mark.parametrize("name", ["emphasis-run", "deep-list", "link-openers"])
def test_validate_and_a_strict_build_fail_on_them(
    make_project: Callable[[], Project],
    name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = make_project()
    project.mkdocs_extra = SITE_MARKDOWN
    project.options = {"search": False}
    project.article("good")
    body, line, words = PATHOLOGICAL[name]
    project.article(name, body=body)
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    assert main(["validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    at = f"content/articles/2017/09/{name}.md:{line}: error: "
    assert any(m.startswith(at) and words in m for m in out), out
    with pytest.raises(Abort):
        project.build(strict=True)


def test_real_and_synthetic_articles_pass_the_checks(tmp_path: Path) -> None:
    write_corpus(tmp_path, 200)
    files = [
        *sorted((REPO / "content" / "articles").rglob("*.md")),
        *sorted((tmp_path / "content" / "articles").rglob("*.md")),
    ]
    assert len(files) >= 220
    everyday = (
        "**Bold** and *italic*, `code`, [a link](https://x.example/a_(b)) and ![img](i.png).\n"
        "- a list\n    - nested *once*\n\n> a quote (with an aside)\n\n## A heading {#id}\n"
    )
    for text in [*(file.read_text(encoding="utf-8") for file in files), everyday]:
        assert body_problems("a.md", text) == []


# --- fuzzing: every body is either refused or rendered ------------------------------------

_PIECES = st.sampled_from(
    ["*", "**", "_", "__", "[", "](", "](x)", "]", "(", ")", "![", "`", "<", "<!--", "-->",
     "> ", "- ", "1. ", "    ", "\t", "\n", "\n\n", "a", "b ", "#", "=", "'", '"', "&", "~~~",
     "```", "{#x}", "|", "\\"]
)  # fmt: skip


@st.composite
def _bodies(draw: st.DrawFn) -> str:
    """Runs of pieces repeated up to thousands of times: nesting, runs, openers, mixes."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        unit = "".join(draw(st.lists(_PIECES, min_size=1, max_size=4)))
        parts.append(unit * draw(st.integers(1, 3000 // len(unit) + 1)))
    return "".join(parts)[:16_000]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bodies())
def test_every_body_is_refused_or_rendered(body: str) -> None:
    if body_problems("a.md", body):
        event("refused")
        return
    event("rendered")
    markdown.markdown(body, extensions=SITE_EXTENSIONS)  # no RecursionError, no exception


def _cpu_seconds(work: Callable[[], object]) -> float:
    """Processor time of the best of three runs, without garbage collection: what this
    process did, not what other processes or a collection in between did."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            start = time.process_time()
            work()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _grows_linearly(make: Callable[[int], str], work: Callable[[str], object]) -> None:
    """Four times the input takes about four times the work, far from the sixteen of a
    quadratic scan (the bound is wide so a busy machine cannot fail it)."""
    small, large = make(16_000), make(64_000)
    ratio = _cpu_seconds(lambda: work(large)) / max(_cpu_seconds(lambda: work(small)), 1e-3)
    assert ratio < 10, f"{ratio:.1f} times the work for four times the input"


# Bodies just inside every limit, as large as 64 KB: accepted, and rendered in linear time.
WORST_ACCEPTED: dict[str, Callable[[int], str]] = {
    "bracket-spans": lambda n: "[" * MAX_OPEN_BRACKETS + "x " * (n // 2) + "]" * 10,
    "marker-runs": lambda n: (
        ("*" * MAX_MARKER_RUN + "a" + "*" * MAX_MARKER_RUN + "\n\n") * (n // 67)
    ),
    "nesting": lambda n: (
        ("\n".join("    " * i + "- a" for i in range(MAX_NESTING)) + "\n\n") * (n // 2200)
    ),
    "paragraphs": lambda n: ("A sentence of the article, 'quoted'.\n\n") * (n // 38),
}


@pytest.mark.parametrize("name", list(WORST_ACCEPTED))
def test_the_worst_accepted_bodies_render_in_linear_time(name: str) -> None:
    make = WORST_ACCEPTED[name]
    assert body_problems("a.md", make(64_000)) == []
    _grows_linearly(make, lambda body: markdown.markdown(body, extensions=SITE_EXTENSIONS))


@pytest.mark.parametrize("unit", ["*a ", "[", "a<", "[a](", "a_"])
def test_first_paragraph_takes_linear_time(unit: str) -> None:
    _grows_linearly(lambda n: (unit * n)[: n + n // 2], first_paragraph)  # up to 96 KB


@pytest.mark.parametrize("unit", ["*a ", "[x](", "  - ", "> "])
def test_the_checks_take_linear_time(unit: str) -> None:
    _grows_linearly(lambda n: unit * (n // len(unit)) * 6, lambda b: body_problems("a", b))


def test_first_paragraph_still_strips_markdown() -> None:
    body = "# Title\n\n**Bold**, *it*, `code`, [link](https://x.example/a) and snake_case: 2 * 3."
    assert first_paragraph(body) == "Bold, it, code, link and snake_case: 2 * 3."


def test_first_paragraph_is_the_text_a_reader_sees() -> None:
    """Entities become their characters, as on the page: the feeds escape the summary once,
    and an escaped entity would reach a feed reader as '&amp;amp;'."""
    body = "AT&amp;T said &lt;b&gt; is &#39;bold&#39; <em>here</em>."
    assert first_paragraph(body) == "AT&T said <b> is 'bold' here."
