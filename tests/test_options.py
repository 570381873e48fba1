"""The plugin's options: each declared once (``config.py``), with the defaults the archive
has always had; a build and the ``news-archive`` commands refuse the same mistakes, naming
the option."""

from __future__ import annotations

import inspect
from dataclasses import asdict

import pytest
from mkdocs.exceptions import Abort

from conftest import Project
from news_archive.cli import main
from news_archive.config import (
    NewsArchiveConfig,
    default_settings,
    option_names,
    settings_from_options,
)
from news_archive.core.model.taxonomy import DEFAULT_TAXONOMIES, ArchiveSettings, SettingsError

DEFAULTS = {
    "taxonomies": DEFAULT_TAXONOMIES,
    "articles_dir": "articles",
    "registries_dir": "site_config",
    "per_page": 25,
    "later_per_page": 500,
    "former_pages": True,
    "compact_lists": True,
    "list_row_sources": False,
    "term_summaries": False,
    "index_per_page": 200,
    "related_count": 5,
    "related_window": 15,
    "related_min_score": 1,
    "related_summaries": False,
    "compact_related": True,
    "home_latest": 10,
    "home_top_terms": 10,
    "feed_items": 50,
    "term_feed_items": 10,
    "term_feed_categories": False,
    "data_csv": False,
    "data_term_names": False,
    "strict_terms": (),
    "search": True,
    "trust_article_html": False,
    "json_ld_terms": False,
    "max_terms_per_field": 200,
    "search_eager_facet_values": 100,
    "search_shard_size": 2500,
    "search_preload": False,
    "explore": True,
    "companions": 8,
    "map_tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "map_attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "OpenStreetMap</a> contributors",
    "companion_taxonomies": ("actors", "locations"),
}
"""The defaults as they were before the options were declared in one place."""


def test_a_site_that_sets_nothing_gets_the_defaults_it_always_had() -> None:
    settings = default_settings()
    assert {key: getattr(settings, key) for key in asdict(settings)} == DEFAULTS


def test_every_setting_of_the_core_is_an_option_except_the_fixed_ones() -> None:
    core = set(asdict(default_settings()))
    assert core - option_names() == {"companion_taxonomies"}
    # The others are the MkDocs side's: the cache, the theme's frames and what they show,
    # forks, the host.
    assert option_names() - core == {
        "cache_dir",
        "theme_frames",
        "header_page_title",
        "footer_credit",
        "parallel",
        "render_workers",
        "host",
    }


def test_every_option_has_a_docstring() -> None:
    text = inspect.getsource(NewsArchiveConfig)
    for name in option_names():
        declared = text.split(f"\n    {name} = ", 1)
        assert len(declared) == 2, f"{name} is not declared"
        after = declared[1].split("\n    ", 1)[1]
        while not after.startswith('"""'):  # a declaration on several lines
            after = after.split("\n    ", 1)[1]
        assert after.startswith('"""'), f"{name} has no docstring"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"per_pge": 10},
            "option 'per_pge': not an option of news-archive; did you mean 'per_page'?",
        ),
        ({"per_page": "10"}, "option 'per_page': expected a whole number, got '10'"),
        ({"per_page": True}, "option 'per_page': expected a whole number, got True"),
        ({"related_count": -1}, "option 'related_count': must be >= 0, got -1"),
        ({"search": "yes"}, "option 'search': Expected type: <class 'bool'>"),
        ({"strict_terms": ["people"]}, "option 'strict_terms': 'strict_terms' names unknown"),
        ({"taxonomies": {"Tags": {}}}, "option 'taxonomies': taxonomy name 'Tags' must be"),
    ],
)
def test_a_mistake_in_an_option_is_an_error_naming_it(options: dict, message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_options(options)
    assert str(raised.value).startswith(message)


def test_a_build_refuses_a_mistyped_option_naming_it(project: Project) -> None:
    project.article("story")
    project.options = {"per_pge": 10}
    with pytest.raises(Abort):
        project.build()
    expected = "Plugin 'news-archive' option 'per_pge': not an option of news-archive; "
    assert any(expected in message for message in project.last_messages), project.last_messages


def test_the_commands_refuse_a_mistyped_option_naming_it(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.article("story")
    project.options = {"per_pge": 10}
    config = project.write("mkdocs.yml", project.config_text())
    assert main(["validate", "--config", str(config)]) == 2
    assert "option 'per_pge': not an option of news-archive; did you mean 'per_page'?" in (
        capsys.readouterr().err
    )


def test_options_reach_the_core_as_written() -> None:
    settings = settings_from_options({"per_page": 7, "strict_terms": True, "enabled": True})
    assert isinstance(settings, ArchiveSettings)
    assert settings.per_page == 7
    assert settings.strict_terms == ("tags", "actors", "locations", "sources")
