"""The core on its own, without MkDocs: reading, resolving, ranking and paginating."""

from __future__ import annotations

import ast
import datetime as dt
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import news_archive.core.model
from news_archive.config import default_settings
from news_archive.core.indexing.archive import build_archive
from news_archive.core.indexing.related import related_articles
from news_archive.core.model.article import Article
from news_archive.core.model.taxonomy import DEFAULT_TAXONOMIES
from news_archive.core.model.text import lookup_key, slugify
from news_archive.core.model.urls import normalise_url, relative_url
from news_archive.core.planning.pagination import paginate
from news_archive.core.reading.reader import read_article
from news_archive.core.reading.registry_file import load_registry

SETTINGS = default_settings()
ACTORS = DEFAULT_TAXONOMIES[1]
PATH = "articles/2017/09/story.md"


def read(text: str, path: str = PATH):
    return read_article(path, text.encode(), SETTINGS, shown_as=f"content/{path}")


def messages(text: str, path: str = PATH) -> list[str]:
    return [str(p) for p in read(text, path)[1]]


def test_the_core_imports_nothing_from_mkdocs() -> None:
    import news_archive.core.planning.site_plan
    import news_archive.core.reading.corpus
    import news_archive.render  # noqa: F401

    leaked = [
        name
        for name, module in sys.modules.items()
        if name.startswith("news_archive.core")
        and any(n.startswith("mkdocs") for n in vars(module) if isinstance(n, str))
    ]
    assert leaked == []
    for module in (
        "core.reading.reader",
        "core.indexing.archive",
        "core.model.registry",
        "render.renderer",
    ):
        source = __import__(f"news_archive.{module}", fromlist=["x"]).__file__
        with open(source, encoding="utf-8") as handle:
            assert "mkdocs" not in handle.read(), module


def test_no_module_of_the_core_loads_mkdocs_even_through_another() -> None:
    """Every module of every sub-package of the core, and of render/, imported in a fresh
    interpreter: none of MkDocs, Material or ProperDocs is loaded."""
    script = (
        "import importlib, pkgutil, sys\n"
        "import news_archive.core, news_archive.render\n"
        "names = [m.name for p in (news_archive.core, news_archive.render)\n"
        "         for m in pkgutil.walk_packages(p.__path__, p.__name__ + '.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in TOOLS]\n"
        "print(len(names), sorted(names)[0], loaded)\n"
    ).replace("TOOLS", repr(("mkdocs", "material", "properdocs")))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    count, first, loaded = result.stdout.split(" ", 2)
    assert int(count) > 60 and first == "news_archive.core.authoring"
    assert loaded.strip() == "[]"


def test_the_model_imports_nothing_from_the_rest_of_the_core() -> None:
    """``core/model/`` is the vocabulary every step speaks: it imports from no other package
    of the core (nor from a module beside them, such as ``timing.py``), so a later step's
    change never reaches it. Read from the source, so a lazy import inside a function counts."""
    model = Path(news_archive.core.model.__file__).parent
    found = []
    for module in sorted(model.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (
                node.level >= 2 or (node.module or "").startswith("news_archive")
            ):
                found.append(f"{module.name}: from {'.' * node.level}{node.module or ''}")
            elif isinstance(node, ast.Import):
                found += [
                    f"{module.name}: import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("news_archive")
                ]
    assert len(list(model.glob("*.py"))) >= 8
    assert found == []


def test_a_valid_article_is_read_with_its_lines() -> None:
    article, problems = read(
        "---\ntitle: Siege broken\ndate: 2017-09-05\nsource: LW\n"
        "url: https://levantwire.example/a\nactors: [ISIS, SDF]\n---\n"
        "First *paragraph*.\n\nSecond.\n"
    )
    assert problems == []
    assert article is not None
    assert (article.title, article.date, article.source) == (
        "Siege broken",
        dt.date(2017, 9, 5),
        "LW",
    )
    assert article.terms == {"actors": ("ISIS", "SDF"), "sources": ("LW",)}
    assert article.line_of("actors") == 6
    assert article.summary == "First paragraph."
    assert article.site_path == "articles/2017/09/story/"


def test_broken_yaml_is_reported_with_the_parsers_line() -> None:
    assert messages("---\ntitle: A\ndate: 2017-09-05\nsource: [LW\nurl: x\n---\n") == [
        "content/articles/2017/09/story.md:4: error: the front matter is not valid YAML: the "
        "list opened with '[' on this line is not closed with ']', or one of its names needs "
        "double quotes (names with ',' ':' '[' ']')"
    ]


def test_a_duplicate_key_is_an_error_not_a_silent_overwrite() -> None:
    text = "---\ntitle: A\ntitle: B\ndate: 2017-09-05\nsource: LW\nurl: https://x.example/\n---\n"
    assert messages(text) == [
        "content/articles/2017/09/story.md:3: error: 'title' is written twice in the front "
        "matter (first on line 2); keep one and merge the values"
    ]


def test_a_day_first_date_gets_the_fix_in_the_message() -> None:
    text = "---\ntitle: A\ndate: 17/09/2017\nsource: LW\nurl: https://x.example/\n---\n"
    assert messages(text) == [
        "content/articles/2017/09/story.md:3: error: 'date' must be a date like 2017-09-17 "
        "(year-month-day), found '17/09/2017'; write it year first: 2017-09-17 for 17 September"
    ]


def test_an_article_in_the_wrong_month_folder_is_told_where_it_belongs() -> None:
    text = "---\ntitle: A\ndate: 2017-10-05\nsource: LW\nurl: https://x.example/\n---\n"
    assert messages(text) == [
        "content/articles/2017/09/story.md:3: error: an article dated 2017-10-05 belongs in "
        "content/articles/2017/10/; move the file to content/articles/2017/10/story.md"
    ]


def test_yaml_aliases_are_refused_before_they_expand() -> None:
    bomb = "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n"
    assert messages(bomb) == [
        "content/articles/2017/09/story.md:3: error: the front matter uses a YAML alias (*a); "
        "write the value out in full instead of using '&' anchors and '*' aliases"
    ]


def test_registry_resolves_name_alias_and_slug_in_any_case_and_form() -> None:
    registry, problems = load_registry(
        ACTORS, "islamic-state:\n  name: Islamic State\n  aliases: [IS, ISIS, Daesh]\n", "a.yml"
    )
    assert problems == []
    for written in (
        "Islamic State",
        "isis",
        "DAESH",
        "islamic-state",
        "Islamic\u00a0State",
        "ＩＳＩＳ",
    ):
        assert registry.resolve(written).slug == "islamic-state", written
    assert registry.resolve("Islamic Front") is None
    assert registry.suggest("Daesch") == "Daesh"


def test_registry_problems_name_the_line() -> None:
    text = (
        "islamic-state:\n  name: Islamic State\n  aliases: [IS]\n"
        "Bad Key:\n  name: X\n"
        "state:\n  name: State\n  aliases: [IS]\n"
    )
    _, problems = load_registry(ACTORS, text, "site_config/actors.yml")
    assert [str(p) for p in problems] == [
        "site_config/actors.yml:4: error: 'Bad Key' cannot be a key: keys are the terms' web "
        "addresses and must be lowercase letters, digits and hyphens, like 'bad-key'",
        "site_config/actors.yml:6: error: 'IS' of 'state' is already an alias of "
        "'islamic-state'; a spelling can lead to one term only, remove it from one of them",
    ]


def _article(slug: str, day: int, **terms: tuple[str, ...]) -> Article:
    return Article(
        path=f"articles/2017/09/{slug}.md",
        title=slug,
        date=dt.date(2017, 9, day),
        source="Wire",
        url=f"https://x.example/{slug}",
        terms={"sources": ("Wire",), **terms},
    )


def test_related_articles_stay_within_the_time_window_of_each_term() -> None:
    settings = replace(default_settings(), related_window=2)
    articles = [_article(f"a{day:02d}", day, tags=("oil",)) for day in range(1, 11)]
    archive = build_archive(settings, articles, {})
    related = [a.slug for a, score in archive.related["articles/2017/09/a05.md"]]
    assert related == ["a06", "a04", "a07", "a03"]  # two on each side, nearest first


def test_related_articles_rank_every_candidate_as_a_full_sort_would() -> None:
    """Only the best-scoring candidates get their tie-breaks worked out; the lists are those
    of ranking every candidate (many ties: few terms, scores of 1 to 3)."""
    rng = random.Random(7)
    articles = [
        Article(
            path=f"articles/a{n:03d}.md",
            title=f"a{n}",
            date=dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(60)),
            source="Wire",
            url="https://x.example/",
            terms={
                "tags": tuple(rng.sample("abcdef", rng.randrange(0, 3))),
                "actors": tuple(rng.sample("uvwxyz", rng.randrange(0, 3))),
            },
        )
        for n in range(300)
    ]
    terms_of = {
        a.path: [(t, name) for t in ("tags", "actors") for name in a.terms[t]] for a in articles
    }
    postings: dict[tuple[str, str], list[Article]] = {}
    for article in sorted(articles, key=lambda a: a.newest_first):
        for key in terms_of[article.path]:
            postings.setdefault(key, []).append(article)
    weights = {"tags": 1, "actors": 2}
    related = related_articles(articles, terms_of, postings, weights, count=5, window=20)
    for article in articles:
        scores: dict[str, int] = {}
        for key in terms_of[article.path]:
            posting = postings[key]
            here = posting.index(article)
            for other in posting[max(0, here - 20) : here + 21]:
                if other is not article:
                    scores[other.path] = scores.get(other.path, 0) + weights[key[0]]
        by_path = {a.path: a for a in articles}
        expected = sorted(
            scores.items(),
            key=lambda item: (
                -item[1],
                abs(by_path[item[0]].date.toordinal() - article.date.toordinal()),
                by_path[item[0]].newest_first,
            ),
        )[:5]
        assert [(a.path, score) for a, score in related[article.path]] == expected


def test_text_helpers() -> None:
    assert slugify("Дейр-эз-Зор") == "deir-ez-zor"
    assert slugify("Al-Bukamal  (Abu Kamal)") == "al-bukamal-abu-kamal"
    assert lookup_key("  Deir\u200b ez-Zor ") == "deir ez-zor"
    assert normalise_url("HTTP://WWW.Example.com:80/a/?utm_source=x&id=3#top") == (
        "https://example.com/a?id=3"
    )
    assert (
        relative_url("actors/x/page/2/", "articles/2017/09/a/") == "../../../../articles/2017/09/a/"
    )
    assert relative_url("tags/", "") == "../"
    assert relative_url("", "") == "./"


def test_pagination_window() -> None:
    pages = paginate("t/", list(range(100)), 10)
    assert [p.path for p in pages[:3]] == ["t/", "t/page/2/", "t/page/3/"]
    assert pages[5].window == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert paginate("t/", [], 10)[0].items == []
