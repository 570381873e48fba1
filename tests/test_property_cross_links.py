"""For random corpora, every article appears under every term it names, and nowhere else."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BuiltSite, Project

REGISTERED = {
    "islamic-state": ["Islamic State", "IS", "ISIS", "ISIL", "Daesh"],
    "syrian-democratic-forces": ["Syrian Democratic Forces", "SDF"],
    "russian-defence-ministry": ["Russian Defence Ministry", "Russian Defense Ministry"],
}
UNREGISTERED = {
    "hajin-council": "Hajin Council",
    "river-brigade": "River Brigade",
    "yarmouk": "Yarmouk",
}
SPELLINGS = [(slug, name) for slug, names in REGISTERED.items() for name in names] + [
    (slug, name) for slug, name in UNREGISTERED.items()
]


def _case(name: str, variant: int) -> str:
    return [name, name.lower(), name.upper()][variant]


articles_strategy = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2018, 12, 31)),
        st.lists(st.tuples(st.sampled_from(SPELLINGS), st.integers(0, 2)), max_size=5),
        st.lists(st.sampled_from(["oil", "siege", "Oil", "airstrikes"]), max_size=3),
    ),
    min_size=0,
    max_size=9,
)


def term_pages(site: BuiltSite, taxonomy: str, slug: str) -> list[str]:
    listed: list[str] = []
    page = f"{taxonomy}/{slug}/"
    number = 1
    # Past the last page come the former page numbers, which only point back (no content).
    while site.exists(page) and site.html(page).select_one("article.md-content__inner"):
        listed += site.article_links(page)
        number += 1
        page = f"{taxonomy}/{slug}/page/{number}/"
    return listed


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=articles_strategy)
def test_cross_links_are_exact(corpus: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Project(Path(folder))
        project.options = {"per_page": 2, "later_per_page": 3}
        project.registry(
            "actors",
            {slug: {"name": names[0], "aliases": names[1:]} for slug, names in REGISTERED.items()},
        )
        expected: dict[tuple[str, str], set[str]] = defaultdict(set)
        for n, (date, actors, tags) in enumerate(corpus):
            written = [_case(name, variant) for (_, name), variant in actors]
            path = project.article(f"article-{n}", date.isoformat(), actors=written, tags=tags)
            for (slug, _), _variant in actors:
                expected[("actors", slug)].add(path)
            for tag in tags:
                expected[("tags", tag.lower())].add(path)
            expected[("sources", "levant-wire")].add(path)
        site = project.build()

        for taxonomy in ("actors", "tags", "sources"):
            index = site.content(f"{taxonomy}/")
            slugs = {a["href"].strip("/") for a in index.select(".na-term-list a")}
            used = {slug for (tax, slug) in expected if tax == taxonomy}
            # A registered term no article names keeps its page but is not listed.
            assert slugs == used
            if taxonomy == "actors":
                assert all(site.exists(f"actors/{slug}/") for slug in REGISTERED)
            for slug in slugs:
                listed = term_pages(site, taxonomy, slug)
                assert len(listed) == len(set(listed)), "an article is listed twice"
                assert set(listed) == expected.get((taxonomy, slug), set())
