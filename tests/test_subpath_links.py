"""Every link works when the site lives under a sub-path, as GitHub Pages project sites do."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import Project, resolve

SITE_URL = "https://example.github.io/archive/"


def test_every_internal_link_resolves_under_a_sub_path(project: Project) -> None:
    project.site_url = SITE_URL
    project.options = {"per_page": 2}
    project.registry("actors", {"islamic-state": {"name": "Islamic State", "aliases": ["IS"]}})
    for n in range(5):
        project.article(
            f"story-{n}",
            f"2017-{9 + n % 3:02d}-{n + 1:02d}",
            actors=["IS", f"Group {n % 2}"],
            locations=["Raqqa"],
            tags=["siege"],
        )
    project.write("content/about.md", "# About\n\nSee the [archive](archive/index.md).\n")
    site = project.build(strict=True)

    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 20
    checked = 0
    for file in pages:
        page_path = file.relative_to(site.root).as_posix().removesuffix("index.html")
        html = site.html(page_path if page_path else "")
        for element, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
        ):
            for tag in html.find_all(element, attrs={attribute: True}):
                target = tag[attribute]
                parts = urlsplit(target)
                if parts.scheme or target.startswith(("#", "mailto:", "data:")):
                    if target.startswith("https://example.github.io"):
                        assert target.startswith(SITE_URL), (page_path, target)
                    continue
                if target.startswith("/"):  # only the 404 page, served at any depth
                    assert target.startswith("/archive/"), (
                        f"{page_path}: {target} ignores the sub-path"
                    )
                    resolved = resolve("", parts.path.removeprefix("/archive/"))
                else:
                    resolved = resolve(page_path, parts.path)
                assert site.exists(resolved) or (site.root / resolved).is_file(), (
                    f"{page_path}: broken link {target} -> {resolved}"
                )
                checked += 1
    assert checked > 500
    canonical = site.html("actors/islamic-state/").find("link", rel="canonical")["href"]
    assert canonical == SITE_URL + "actors/islamic-state/"
