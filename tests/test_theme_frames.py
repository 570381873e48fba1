"""Pages filled into a frame the theme rendered once are the bytes the theme would render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Project
from news_archive.core.timing import TIMINGS_ENV
from news_archive.theme_frames import light_frame

MATERIAL = {"name": "material", "features": ["navigation.instant", "navigation.tabs"]}


def fill(project: Project) -> None:
    """Hostile titles, headings (a table of contents), term pages over several pages."""
    project.options = {"per_page": 2, "search": False}
    project.registry(
        "actors", {"islamic-state": {"name": "Islamic State <IS> & co", "aliases": ["IS"]}}
    )
    titles = ['Raqqa "falls" & <b>burns</b>', "Plain title", "{{ page.url }} %>", "Ünïcode — ok"]
    for n, title in enumerate(titles * 2):
        project.article(
            f"story-{n}",
            f"2017-{9 + n % 3:02d}-{n + 1:02d}",
            title=title,
            actors=["IS", f"Group {n % 2}"],
            tags=["siege"],
            body="## A heading\n\nText.\n" if n == 3 else "Text of the story.\n",
        )


def files(root: Path) -> dict[str, bytes]:
    return {
        file.relative_to(root).as_posix(): file.read_bytes()
        for file in sorted(root.rglob("*"))
        if file.is_file()
    }


def build_both_ways(project: Project, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, dict]:
    """The site with frames and without; returns the frames' counts too. Framed pages are
    the theme's bytes but for the frame's indentation, shortened (``light_frame``)."""
    timings = project.root / "timings.json"
    monkeypatch.setenv(TIMINGS_ENV, str(timings))
    project.options = {**project.options, "theme_frames": False}
    without = files(project.build().root)
    project.options = {**project.options, "theme_frames": True}
    framed = files(project.build().root)
    assert framed.keys() == without.keys()
    for path, data in framed.items():
        if path.endswith(".html"):
            assert light_frame(data.decode()) == light_frame(without[path].decode()), path
        else:
            assert data == without[path], path
    return framed, json.loads(timings.read_text())["counts"]


def test_framed_pages_are_the_themes_bytes(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(project)
    project.mkdocs_extra = {"theme": MATERIAL}
    site, counts = build_both_ways(project, monkeypatch)
    assert "actors/islamic-state/page/2/index.html" in site
    assert counts["theme_framed"] > 0


def test_without_site_url(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(project)
    project.site_url = None
    project.options = {**project.options, "feed_items": 0}
    _, counts = build_both_ways(project, monkeypatch)
    assert counts["theme_framed"] > 0


@pytest.mark.parametrize(
    "override",
    [
        # Prints more of the page than title, address and content: every page differs.
        "{{ page.file.src_uri }}",
        # Prints the title transformed: the frame cannot be filled.
        "{{ page.meta.title | upper }}",
        "{{ page.meta.title | urlencode }}",
        "{{ page.meta.title | truncate(12) }}",
    ],
)
def test_overrides_that_print_more_of_the_page_fall_back_to_the_theme(
    project: Project, monkeypatch: pytest.MonkeyPatch, override: str
) -> None:
    fill(project)
    project.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block footer %}{% if page %}'
        + f"<p>{override}</p>"
        + "{% endif %}{% endblock %}\n",
    )
    project.mkdocs_extra = {"theme": {**MATERIAL, "custom_dir": "overrides"}}
    _, counts = build_both_ways(project, monkeypatch)
    assert counts.get("theme_framed", 0) == 0


def test_frames_are_off_when_asked(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(project)
    timings = Path(project.root / "timings.json")
    monkeypatch.setenv(TIMINGS_ENV, str(timings))
    project.options = {**project.options, "theme_frames": False}
    project.build()
    counts = json.loads(timings.read_text())["counts"]
    assert "theme_framed" not in counts
