"""Timelines, co-occurrence and places on their own, on corpora small enough to count by hand."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from news_archive.config import default_settings, settings_from_options
from news_archive.core.indexing.cooccurrence import FrequentItems, companions
from news_archive.core.indexing.places import feature_collection, places_geojson
from news_archive.core.indexing.timeline import timeline
from news_archive.core.model.article import Article
from news_archive.core.model.taxonomy import SettingsError
from news_archive.core.model.term import Term
from news_archive.render.chart import bar_chart


def dates(*texts: str) -> list[dt.date]:
    """Dates newest first, as the archive keeps its lists."""
    return sorted((dt.date.fromisoformat(t) for t in texts), reverse=True)


def test_month_buckets_run_without_gaps_and_know_where_they_start() -> None:
    line = timeline(dates("2017-06-06", "2017-06-20", "2017-09-01", "2017-09-17", "2017-09-30"))
    assert line.resolution == "month"
    assert [(b.key, b.count) for b in line.buckets] == [
        ("2017-06", 2),
        ("2017-07", 0),
        ("2017-08", 0),
        ("2017-09", 3),
    ]
    # Newest first: positions 0-2 are September's, 3-4 June's.
    assert [b.first for b in line.buckets] == [3, -1, -1, 0]
    assert line.starts == {0: "2017-09", 3: "2017-06"}
    assert line.total == 5
    assert line.peak is not None and line.peak.label == "September 2017"
    assert line.buckets[0].short_label == "Jun 2017"


def test_months_cross_the_new_year() -> None:
    line = timeline(dates("2017-11-30", "2018-02-01"))
    assert [(b.key, b.count) for b in line.buckets] == [
        ("2017-11", 1),
        ("2017-12", 0),
        ("2018-01", 0),
        ("2018-02", 1),
    ]


def test_a_long_span_is_bucketed_by_year() -> None:
    line = timeline(dates("2001-03-01", "2001-12-31", "2010-05-05", "2020-01-01"), max_months=120)
    assert line.resolution == "year"
    assert len(line.buckets) == 20
    assert [(b.key, b.count) for b in line.buckets if b.count] == [
        ("2001", 2),
        ("2010", 1),
        ("2020", 1),
    ]
    assert line.buckets[0].label == "2001"
    assert line.buckets[0].first == 2  # the newer of 2001's two articles


def test_the_peak_is_the_earliest_of_equals_and_an_empty_list_has_no_timeline() -> None:
    line = timeline(dates("2017-06-01", "2017-07-01"))
    assert line.peak is not None and line.peak.key == "2017-06"
    empty = timeline([])
    assert empty.buckets == () and empty.peak is None
    assert bar_chart(empty, lambda bucket: None, "in the archive") is None


@pytest.mark.parametrize("articles", [40, 4000])
def test_the_chart_does_not_grow_with_the_number_of_articles(articles: int) -> None:
    rng = random.Random(articles)
    start = dt.date(2000, 1, 1)
    spread = sorted(
        (start + dt.timedelta(days=rng.randrange(20 * 365)) for _ in range(articles)),
        reverse=True,
    )
    spread[0], spread[-1] = dt.date(2019, 12, 31), start  # the same span for both sizes
    line = timeline(spread)
    assert line.resolution == "year"
    assert len(line.buckets) == 20
    chart = bar_chart(line, lambda bucket: f"archive/{bucket.key}/", "in the archive")
    assert chart is not None
    assert len(chart.bars) <= 20
    assert chart.description.startswith(f"{articles:,} articles in the archive, by year from 2000")


def test_bars_are_scaled_to_the_peak_and_a_single_article_stays_visible() -> None:
    many = [dt.date(2017, 9, 1)] * 500 + [dt.date(2017, 6, 1)]
    chart = bar_chart(timeline(many), lambda bucket: None, "naming Raqqa")
    assert chart is not None
    assert chart.description == (
        "501 articles naming Raqqa, by month from June 2017 to September 2017; "
        "the most, 500, in September 2017"
    )
    assert (chart.first, chart.caption, chart.last) == (
        "Jun 2017",
        "Articles per month; the most, 500, in September 2017",
        "Sep 2017",
    )
    assert [bar.words for bar in chart.bars] == [
        "June 2017: 1 article",
        "September 2017: 500 articles",
    ]
    heights = {bar.bucket.key: float(bar.height) for bar in chart.bars}
    assert heights == {"2017-09": 60.0, "2017-06": 2.0}
    assert [bar.left for bar in chart.bars] == ["0", "75"]  # percent of the width: 4 slots
    assert [bar.span for bar in chart.bars] == ["25", "25"]


# Co-occurrence.


def actor(name: str) -> Term:
    return Term("actors", name.lower().replace(" ", "-"), name)


def place(name: str) -> Term:
    return Term("locations", name.lower().replace(" ", "-"), name)


IS, SDF, RUSSIA = actor("Islamic State"), actor("SDF"), actor("Russia")
RAQQA, DEIR, SYRIA = place("Raqqa"), place("Deir ez-Zor"), place("Syria")


def corpus(*articles: tuple[list[Term], list[Term]]):
    """Each article's terms by taxonomy, and each term's articles, as the archive has them."""
    terms_of = []
    articles_of: dict[tuple[str, str], list[Article]] = {}
    for n, (actors, places) in enumerate(articles):
        article = Article(f"articles/2017/09/a{n}.md", f"A{n}", dt.date(2017, 9, 1), "S", "u")
        terms_of.append({"actors": tuple(actors), "locations": tuple(places)})
        for term in (*actors, *places):
            articles_of.setdefault(term.key, []).append(article)
    return terms_of, articles_of


HAND_COUNTED = corpus(
    ([IS, SDF], [RAQQA]),
    ([IS, SDF, RUSSIA], [DEIR]),
    ([IS], [RAQQA, SYRIA]),
    ([SDF], [RAQQA]),
)


def named(found, term: Term) -> dict[str, list[tuple[str, int]]]:
    return {
        taxonomy: [(partner.name, count) for partner, count in pairs]
        for taxonomy, pairs in found.get(term.key, {}).items()
    }


def test_companions_are_counted_by_hand() -> None:
    found = companions(*HAND_COUNTED, ["actors", "locations"], top=8)
    assert named(found, IS) == {
        "actors": [("SDF", 2), ("Russia", 1)],
        "locations": [("Raqqa", 2), ("Deir ez-Zor", 1), ("Syria", 1)],  # equals: A to Z
    }
    assert named(found, RAQQA) == {
        "actors": [("Islamic State", 2), ("SDF", 2)],
        "locations": [("Syria", 1)],
    }
    assert named(found, RUSSIA) == {
        "actors": [("Islamic State", 1), ("SDF", 1)],
        "locations": [("Deir ez-Zor", 1)],
    }
    assert named(found, SDF)["locations"] == [("Raqqa", 2), ("Deir ez-Zor", 1)]


def test_top_limits_each_list_and_zero_turns_companions_off() -> None:
    found = companions(*HAND_COUNTED, ["actors", "locations"], top=1)
    assert named(found, IS) == {"actors": [("SDF", 2)], "locations": [("Raqqa", 2)]}
    assert companions(*HAND_COUNTED, ["actors", "locations"], top=0) == {}


def test_only_the_chosen_taxonomies_take_part() -> None:
    found = companions(*HAND_COUNTED, ["actors"], top=8)
    assert named(found, IS) == {"actors": [("SDF", 2), ("Russia", 1)]}
    assert RAQQA.key not in found


def test_the_cap_per_article_limits_candidates_but_counts_stay_exact() -> None:
    # Only the first actor of each article is considered: IS and SDF never meet as
    # candidates in the second article, yet the count of the first article's pair is exact.
    terms_of, articles_of = corpus(([IS], [RAQQA]), ([IS, SDF], [RAQQA]), ([SDF], [RAQQA]))
    found = companions(terms_of, articles_of, ["actors", "locations"], top=8, per_article=1)
    assert named(found, IS) == {"locations": [("Raqqa", 2)]}
    assert named(found, RAQQA) == {"actors": [("Islamic State", 2), ("SDF", 2)]}


def test_a_frequent_partner_survives_a_flood_of_rare_ones_with_its_exact_count() -> None:
    rare = [place(f"Village {n}") for n in range(300)]
    articles = [([IS], [RAQQA, rare[n]]) for n in range(60)]
    articles += [([IS], [rare[n]]) for n in range(60, 300)]
    found = companions(*corpus(*articles), ["actors", "locations"], top=3, capacity=4)
    assert named(found, IS)["locations"][0] == ("Raqqa", 60)
    assert all(count == 1 for _, count in named(found, IS)["locations"][1:])


def test_frequent_items_keep_at_most_twice_their_capacity_and_lose_no_heavy_hitter() -> None:
    summary = FrequentItems(capacity=3)
    stream = ["heavy" if n % 3 == 0 else f"rare-{n}" for n in range(600)]
    for item in stream:
        summary.add([item])
        assert len(summary.counts) <= 6
    # 200 of 600 additions: more than 600 / (3 + 1), so it must still be there.
    assert "heavy" in summary.counts
    assert summary.counts["heavy"] >= 200 - 600 // 4


def test_the_same_corpus_gives_the_same_companions() -> None:
    first = companions(*HAND_COUNTED, ["actors", "locations"], top=8)
    second = companions(*HAND_COUNTED, ["actors", "locations"], top=8)
    assert list(first) == list(second) and named(first, IS) == named(second, IS)


# Places and settings.


def test_places_are_geojson_points_in_longitude_latitude_order() -> None:
    hostile = Term(
        "locations", "x", '</script><script>alert("x")</script>', coordinates=(1.5, 2.25)
    )
    deir = Term("locations", "deir-ez-zor", "Deir ez-Zor", coordinates=(35.33, 40.14))
    text = places_geojson([(deir, 3), (hostile, 1)])
    assert text == places_geojson([(deir, 3), (hostile, 1)])
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    first, second = data["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [40.14, 35.33]}
    assert first["properties"] == {
        "name": "Deir ez-Zor",
        "path": "locations/deir-ez-zor/",
        "articles": 3,
    }
    assert second["properties"]["name"] == '</script><script>alert("x")</script>'


def test_the_map_and_the_data_file_share_one_geojson_writer() -> None:
    """The map's points are rounded, the data file's are not and carry ids; both are
    ``[longitude, latitude]``, and a term without coordinates is left out."""
    near = Term("locations", "near", "Near", coordinates=(35.123456789, 40.987654321))
    nowhere = Term("locations", "nowhere", "Nowhere")
    (point,) = feature_collection([(near, {"n": 1}), (nowhere, {"n": 2})], digits=6)["features"]
    assert point == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [40.987654, 35.123457]},
        "properties": {"n": 1},
    }
    (exact,) = feature_collection([(near, {})], with_ids=True)["features"]
    assert exact["id"] == "near"
    assert exact["geometry"]["coordinates"] == [40.987654321, 35.123456789]
    assert json.loads(places_geojson([(near, 2)]))["features"][0]["geometry"] == point["geometry"]


def test_map_settings_are_checked() -> None:
    assert default_settings().map_tiles.startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in default_settings().map_attribution
    assert settings_from_options({"map_tiles": ""}).map_tiles == ""
    assert not settings_from_options({"explore": False}).explore
    with pytest.raises(SettingsError, match=r"option 'map_tiles': must be a tile URL template"):
        settings_from_options({"map_tiles": "https://tiles.example/tile.png"})
    with pytest.raises(
        SettingsError, match=r"option 'companions': expected a whole number, got '8'"
    ):
        settings_from_options({"companions": "8"})
