"""Whatever the input, the validator answers with messages, never with a traceback."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from news_archive.config import default_settings
from news_archive.core.model.problems import Problem
from news_archive.core.model.taxonomy import DEFAULT_TAXONOMIES
from news_archive.core.reading.reader import read_article
from news_archive.core.reading.registry_file import load_registry

SETTINGS = default_settings()
FIELDS = [
    "title",
    "date",
    "source",
    "url",
    "authors",
    "summary",
    "tags",
    "actors",
    "locations",
    "language",
    "draft",
    "extra",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.just("2017-02-30"),
    st.just("https://x.example/a"),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
front_matters = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=8)


def check(article, problems: list[Problem]) -> None:
    assert all(isinstance(p, Problem) and p.line >= 1 and p.message for p in problems)
    if article is None:
        assert any(p.is_error for p in problems), "a rejected article must say why"
    else:
        assert not any(p.is_error for p in problems)


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes(raw: bytes) -> None:
    check(*read_article("articles/2017/09/a.md", raw, SETTINGS))


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=200))
def test_arbitrary_bytes_after_a_front_matter_line(raw: bytes) -> None:
    check(*read_article("articles/2017/09/a.md", b"---\n" + raw + b"\n---\nBody\n", SETTINGS))


@settings(max_examples=300, deadline=None)
@given(front=front_matters, body=st.text(max_size=100))
def test_arbitrary_yaml_front_matter(front: dict, body: str) -> None:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    check(*read_article("articles/2017/09/a.md", text.encode(), SETTINGS))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_with_yaml_punctuation(text: str) -> None:
    noisy = text.replace("a", ": ").replace("b", "\n- ").replace("c", "[").replace("d", "&x *x")
    check(*read_article("articles/2017/09/a.md", f"---\n{noisy}\n---\n".encode(), SETTINGS))


@settings(max_examples=200, deadline=None)
@given(entries=st.dictionaries(st.text(max_size=12), values, max_size=5))
def test_arbitrary_registries(entries: dict) -> None:
    text = yaml.safe_dump(entries, allow_unicode=True)
    for taxonomy in DEFAULT_TAXONOMIES:
        registry, problems = load_registry(taxonomy, text, "site_config/x.yml")
        assert all(isinstance(p, Problem) for p in problems)
        for term in registry.terms.values():
            assert registry.resolve(term.name) is not None
