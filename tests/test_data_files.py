"""The open data files: their exact shape pinned by golden files, and read back as data.

After an intended change of shape, rewrite the golden files with
``UPDATE_GOLDEN=1 python -m pytest tests/test_data_files.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable

import pytest

from conftest import REPO, BuiltSite, Project

GOLDEN = REPO / "tests/golden"
SITE_URL = "https://example.github.io/archive/"
DATA_FILES = [
    "articles.json",
    "articles.csv",
    "tags.json",
    "actors.json",
    "locations.json",
    "locations.geojson",
    "sources.json",
]


def small_corpus(project: Project) -> None:
    """Three articles and a registry of each kind, with the awkward cases in them."""
    project.site_url = SITE_URL
    project.registry(
        "actors",
        {
            "islamic-state": {
                "name": "Islamic State",
                "aliases": ["IS", "ISIS"],
                "kind": "armed group",
                "description": "Jihadist group.",
                "wikidata": "Q2429253",
            },
            "jane-roe": {"name": "Jane Roe", "kind": "person"},
        },
    )
    project.registry(
        "locations",
        {
            "deir-ez-zor": {
                "name": "Deir ez-Zor",
                "aliases": ["Dayr az-Zawr"],
                "kind": "city",
                "country": "SY",
                "coordinates": [35.33, 40.14],
            },
            "euphrates": {"name": "Euphrates", "kind": "river"},
            "ar-raqqah": {"name": "Ar-Raqqah", "country": "SY", "coordinates": [35.95, 39.01]},
        },
    )
    project.registry(
        "sources",
        {
            "levant-wire": {
                "name": "Levant Wire",
                "aliases": ["LW"],
                "kind": "news agency",
                "url": "https://levantwire.example/",
                "country": "GB",
            }
        },
    )
    project.registry("tags", {"siege": {"name": "Siege", "description": "Sieges and their end."}})
    project.article(
        "siege-broken",
        "2017-09-05T14:30:00+03:00",
        title='Army breaks "siege" of Deir ez-Zor, officials say',
        source="LW",
        url="https://levantwire.example/2017/09/05/siege",
        authors=["Jane Doe", "Ömer Çelik"],
        summary="Troops reached the garrison; «the siege is over».",
        actors=["ISIS", "Syrian Arab Army"],
        locations=["Dayr az-Zawr", "Euphrates"],
        tags=["siege"],
    )
    project.article(
        "oil-field",
        "2017-10-22",
        title="SDF takes oil field",
        source="Northern Desk",
        url="https://northerndesk.example/oil",
        summary='=HYPERLINK("https://evil.example") is not a formula here.',
        language="fr",
        actors=["SDF", "IS"],
    )
    project.article(
        "returns",
        "2018-01-15",
        title="Residents return",
        source="LW",
        url="https://levantwire.example/2018/01/15/returns",
        locations=["Ar-Raqqah"],
    )


def check_golden(site: BuiltSite, name: str) -> None:
    built = (site.root / "api" / name).read_bytes()
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(built)
    assert built == golden.read_bytes(), f"api/{name} differs from tests/golden/{name}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = Project(tmp_path_factory.mktemp("data"))
    small_corpus(project)
    project.options = {"data_csv": True}
    return project.build(strict=True)


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_matches_its_golden_file(built: BuiltSite, name: str) -> None:
    check_golden(built, name)
    assert (built.root / "api" / name).read_bytes().endswith(b"\n")


def test_articles_json_reads_back_as_the_articles(built: BuiltSite) -> None:
    articles = json.loads((built.root / "api/articles.json").read_text(encoding="utf-8"))
    articles = articles["articles"]
    assert [a["path"] for a in articles] == [
        "articles/2018/01/returns/",
        "articles/2017/10/oil-field/",
        "articles/2017/09/siege-broken/",
    ]
    siege = articles[2]
    assert siege["published"] == "2017-09-05T14:30:00+03:00"
    assert siege["authors"] == ["Jane Doe", "Ömer Çelik"]
    assert siege["source"] == "levant-wire"
    assert siege["terms"]["locations"] == ["deir-ez-zor", "euphrates"]
    assert siege["terms"]["actors"] == ["islamic-state", "syrian-arab-army"]
    assert articles[1]["language"] == "fr"
    assert articles[0]["language"] == "en"  # the site's


def test_articles_json_leaves_out_what_every_record_would_repeat(built: BuiltSite) -> None:
    # At 50,000 articles each of these is megabytes: the full address is the site's
    # address and ``path``; an unknown time and an empty byline say nothing.
    articles = json.loads((built.root / "api/articles.json").read_text(encoding="utf-8"))
    returns, oil, siege = articles["articles"]
    assert not any("archive_url" in record for record in (returns, oil, siege))
    assert "published" not in returns and "authors" not in returns
    assert set(siege) - set(returns) == {"published", "authors"}
    row = next(csv.DictReader(io.StringIO((built.root / "api/articles.csv").read_text())))
    assert row["archive_url"] == SITE_URL + "articles/2018/01/returns/"  # the CSV keeps it


def test_articles_json_names_terms_by_slug_and_the_term_files_name_them(
    built: BuiltSite,
) -> None:
    articles = json.loads((built.root / "api/articles.json").read_text(encoding="utf-8"))
    actors = json.loads((built.root / "api/actors.json").read_text(encoding="utf-8"))
    names = {term["slug"]: term["name"] for term in actors["terms"]}
    oil = articles["articles"][1]
    assert [names[slug] for slug in oil["terms"]["actors"]] == ["SDF", "Islamic State"]


def test_data_term_names_names_terms_in_articles_json(project: Project) -> None:
    small_corpus(project)
    project.options = {"data_term_names": True}
    site = project.build(strict=True)
    siege = json.loads((site.root / "api/articles.json").read_text())["articles"][2]
    assert siege["source"] == {"slug": "levant-wire", "name": "Levant Wire"}
    assert siege["terms"]["locations"] == [
        {"slug": "deir-ez-zor", "name": "Deir ez-Zor"},
        {"slug": "euphrates", "name": "Euphrates"},
    ]


def test_articles_csv_is_published_only_with_data_csv(project: Project) -> None:
    small_corpus(project)
    site = project.build(strict=True)
    assert not (site.root / "api/articles.csv").exists()
    assert (site.root / "api/articles.json").exists()


def test_json_files_hold_a_record_a_line_without_spaces_between_values(built: BuiltSite) -> None:
    # The shape scripts and diffs rely on (a record a line), without the separators' spaces.
    lines = (built.root / "api/articles.json").read_text(encoding="utf-8").splitlines()
    records = [line.strip().rstrip(",") for line in lines if line.startswith("    {")]
    assert len(records) == 3
    for record in records:
        compact = json.dumps(
            json.loads(record), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        assert record == compact
    assert lines[:2] == ["{", '  "articles": [']


def test_geojson_writes_longitude_first_and_only_places_with_coordinates(
    built: BuiltSite,
) -> None:
    places = json.loads((built.root / "api/locations.geojson").read_text(encoding="utf-8"))
    assert places["type"] == "FeatureCollection"
    points = {f["id"]: f["geometry"]["coordinates"] for f in places["features"]}
    assert points == {"ar-raqqah": [39.01, 35.95], "deir-ez-zor": [40.14, 35.33]}
    deir = next(f for f in places["features"] if f["id"] == "deir-ez-zor")
    assert deir["properties"]["articles"] == 1
    assert deir["properties"]["page_url"] == SITE_URL + "locations/deir-ez-zor/"


def test_csv_has_a_row_per_article_with_terms_joined(built: BuiltSite) -> None:
    text = (built.root / "api/articles.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["title"] for r in rows] == [
        "Residents return",
        "SDF takes oil field",
        'Army breaks "siege" of Deir ez-Zor, officials say',
    ]
    assert rows[2]["actors"].split("; ") == ["Islamic State", "Syrian Arab Army"]
    assert rows[2]["authors"] == "Jane Doe; Ömer Çelik"
    assert rows[1]["summary"].startswith("'=HYPERLINK("), "no formula for spreadsheets"


def test_term_files_carry_registry_data_counts_and_links(built: BuiltSite) -> None:
    def terms(name: str) -> dict[str, dict]:
        data = json.loads((built.root / f"api/{name}.json").read_text(encoding="utf-8"))
        return {t["slug"]: t for t in data["terms"]}

    actors = terms("actors")
    assert actors["islamic-state"]["articles"] == 2
    assert actors["islamic-state"]["aliases"] == ["IS", "ISIS"]
    assert actors["jane-roe"]["articles"] == 0
    assert actors["syrian-arab-army"]["registered"] is False
    assert "coordinates" not in actors["islamic-state"]
    assert terms("locations")["deir-ez-zor"]["coordinates"] == {"lat": 35.33, "lon": 40.14}
    assert terms("sources")["levant-wire"]["url"] == "https://levantwire.example/"
    assert terms("tags")["siege"]["feed_url"] == SITE_URL + "tags/siege/feed.xml"


def test_two_builds_give_byte_identical_data(make_project: Callable[[], Project]) -> None:
    builds = []
    for _ in range(2):
        project = make_project()
        small_corpus(project)
        project.options = {"data_csv": True}
        site = project.build()
        builds.append({name: (site.root / "api" / name).read_bytes() for name in DATA_FILES})
    assert builds[0] == builds[1]


def test_without_site_url_the_data_has_site_paths_only(project: Project) -> None:
    small_corpus(project)
    project.site_url = None
    site = project.build()
    article = json.loads((site.root / "api/articles.json").read_text())["articles"][0]
    assert article["path"] == "articles/2018/01/returns/"
    place = json.loads((site.root / "api/locations.json").read_text())["terms"][0]
    assert (place["page_url"], place["feed_url"]) == (None, None)


def test_the_data_page_links_to_every_data_file() -> None:
    page = (REPO / "content/data.md").read_text(encoding="utf-8")
    for name in DATA_FILES:
        if name == "articles.csv":  # only with data_csv: named, not linked
            assert "| `api/articles.csv` |" in page and "(api/articles.csv)" not in page
        else:
            assert f"(api/{name})" in page
