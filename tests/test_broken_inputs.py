"""Nothing lost, nothing crashes: broken files are reported, every valid article published."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Project, front_matter

VALID_FIELDS = {"date": "2017-09-17", "source": "Levant Wire"}


def valid(n: int, **extra: object) -> str:
    fields = {"title": f"Valid {n}", **VALID_FIELDS, "url": f"https://ok.example/{n}", **extra}
    return front_matter(**fields) + f"Valid body {n}.\n"


BROKEN: dict[str, bytes] = {
    "truncated": b"---\ntitle: Cut short\ndate: 2017-09-17\nsource: Levant Wi",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "empty": b"",
    "not-utf8": b"---\ntitle: Caf\xe9\ndate: 2017-09-17\nsource: LW\nurl: https://b.example/1\n---\n",
    "no-front-matter": b"Just a paragraph.\n",
    "broken-yaml": b"---\ntitle: [unclosed\ndate: 2017-09-17\n---\n",
    "duplicate-key": b"---\ntitle: A\ntitle: B\ndate: 2017-09-17\nsource: LW\nurl: https://b.example/2\n---\n",
    "bad-date": b"---\ntitle: A\ndate: 31/02/2017\nsource: LW\nurl: https://b.example/3\n---\n",
    "javascript-url": b"---\ntitle: A\ndate: 2017-09-17\nsource: LW\nurl: javascript:alert(1)\n---\n",
    "deep-yaml": b"---\ntitle: A\ntags: " + b"[" * 3000 + b"]" * 3000 + b"\n: x\n---\n",
    "ten-thousand-terms": (
        "---\ntitle: A\ndate: 2017-09-17\nsource: LW\nurl: https://b.example/4\nactors: ["
        + ", ".join(f"Actor {i}" for i in range(10_000))
        + "]\n---\n"
    ).encode(),
    "alias-bomb": b"---\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n---\n",
    "unknown-key": b"---\ntitle: A\ndate: 2017-09-17\nsource: LW\nurl: https://b.example/5\ntemplate: ../../x\n---\n",
}


def test_a_corpus_of_broken_files_among_valid_ones(project: Project) -> None:
    project.options = {"search": False}
    written = {
        project.article("plain", title="Plain", body="Plain body."),
        project.article(
            "rtl-and-zero-width",
            title="حلب: تقدم القوات שלום",
            actors=["Islamic\u200b State", "Islamic State"],
            body="نص المقال بالعربية. טקסט בעברית.",
        ),
        project.article(
            "huge-body", title="Huge", body=("A long paragraph. " * 60 + "\n\n") * 5000
        ),
    }
    crlf = "\ufeff" + valid(9).replace("\n", "\r\n")
    project.write("content/articles/2017/09/crlf-and-bom.md", crlf.encode("utf-8"))
    written.add("articles/2017/09/crlf-and-bom/")
    for name, raw in BROKEN.items():
        project.write(f"content/articles/2017/09/{name}.md", raw)
    site = project.build()

    published = {
        path.parent.relative_to(site.root).as_posix() + "/"
        for path in (site.root / "articles").rglob("index.html")
    }
    assert published == written
    assert set(site.article_links("latest/")) == written
    assert site.article_links("actors/islamic-state/") == ["articles/2017/09/rtl-and-zero-width/"]
    errors = [m for m in site.problems() if ": error: " in m]
    for name in BROKEN:
        assert any(m.startswith(f"content/articles/2017/09/{name}.md:") for m in errors), name
    assert not [r for r in site.records if r.exc_info], "a traceback was logged"


CORRUPTIONS = [raw for name, raw in BROKEN.items() if name not in ("ten-thousand-terms",)]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.one_of(st.just(None), st.sampled_from(CORRUPTIONS)), min_size=1, max_size=8)
)
def test_published_articles_are_exactly_the_valid_ones(kinds: list[bytes | None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder))
        project.options = {"search": False}
        expected = set()
        for n, corruption in enumerate(kinds):
            if corruption is None:
                project.write(f"content/articles/2017/09/item-{n}.md", valid(n))
                expected.add(f"articles/2017/09/item-{n}/")
            else:
                project.write(f"content/articles/2017/09/item-{n}.md", corruption)
        site = project.build()
        published = (
            {
                path.parent.relative_to(site.root).as_posix() + "/"
                for path in (site.root / "articles").rglob("index.html")
            }
            if (site.root / "articles").exists()
            else set()
        )
        assert published == expected
        assert set(site.article_links("latest/")) == expected
