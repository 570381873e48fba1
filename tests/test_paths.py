"""No path tricks: nothing escapes the site folder or takes another page's address."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import Project


def test_a_hand_written_page_at_a_generated_address_is_an_error_naming_it(
    project: Project,
) -> None:
    project.options = {"search": False}
    project.article("story", tags=["siege"])
    project.write("content/tags.md", "# My own tags page\n")
    site = project.build()
    assert (
        "content/tags.md: this page would be published at /tags/, where the archive "
        "publishes its own page; move or rename it"
    ) in site.problems()
    with pytest.raises(Abort):
        project.build(strict=True)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("/absolute/path", "absolute-path"),
        ("tags/../../index", "tags-index"),
    ],
)
def test_term_names_with_path_tricks_stay_inside_their_taxonomy(
    project: Project, written: str, expected: str
) -> None:
    project.options = {"search": False}
    story = project.article("story", tags=[written])
    site = project.build()
    assert site.article_links(f"tags/{expected}/") == [story]
    assert site.content(f"tags/{expected}/").h1.get_text(strip=True) == written
    # .cache holds the cache of read articles (the cache_dir option), named by hashes only.
    outside = [
        p
        for p in site.root.parent.iterdir()
        if p.name not in ("site", "content", "site_config", "mkdocs.yml", ".cache")
    ]
    assert outside == []


def test_reserved_and_unusable_names_are_errors(project: Project) -> None:
    project.options = {"search": False}
    project.article("con", actors=["SDF"])
    project.article("story", tags=["CON"])
    project.registry("actors", {"aux": {"name": "Aux"}})
    site = project.build()
    problems = site.problems()
    assert (
        "content/articles/2017/09/con.md:1: error: the file name 'con.md' is reserved on "
        "Windows; rename it, like con-report.md"
    ) in problems
    assert any(
        p.startswith(
            "content/articles/2017/09/story.md:6: error: tags: 'CON' would need the web "
            "address /tags/con/"
        )
        for p in problems
    )
    assert any(
        p.startswith("site_config/actors.yml:1: error: 'aux' cannot be a key") for p in problems
    )
    assert not site.exists("articles/2017/09/con/") and not site.exists("tags/con/")
