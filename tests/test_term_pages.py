"""Term pages list exactly their articles; aliases merge; unregistered terms get pages."""

from __future__ import annotations

from conftest import Project

ACTORS = {
    "islamic-state": {
        "name": "Islamic State",
        "aliases": ["IS", "ISIS", "ISIL", "Daesh"],
        "kind": "armed group",
        "description": "Jihadist group that held territory in Syria and Iraq.",
        "wikidata": "Q2429253",
    },
    "syrian-democratic-forces": {"name": "Syrian Democratic Forces", "aliases": ["SDF"]},
}
LOCATIONS = {
    "deir-ez-zor": {
        "name": "Deir ez-Zor",
        "aliases": ["Deir al-Zour", "Dayr az-Zawr"],
        "kind": "city",
        "country": "SY",
        "coordinates": [35.33, 40.14],
    },
}


def test_every_spelling_of_an_actor_lands_on_one_page(project: Project) -> None:
    project.registry("actors", ACTORS)
    spellings = ["IS", "isis", "ISIL", "Daesh", "islamic-state", "Islamic  State"]
    written = [
        project.article(f"story-{n}", f"2017-09-{10 + n:02d}", actors=[spelling])
        for n, spelling in enumerate(spellings)
    ]
    site = project.build(strict=True)

    listed = site.article_links("actors/islamic-state/")
    assert sorted(listed) == sorted(written)
    assert listed == sorted(written, reverse=True), "newest first"
    index = site.content("actors/")
    entry = index.find("a", string="Islamic State")
    assert entry is not None
    assert entry.find_next_sibling("span").get_text() == "6"
    assert not any(site.exists(f"actors/{slug}/") for slug in ("is", "isis", "isil", "daesh"))


def test_term_page_shows_its_registry_data(project: Project) -> None:
    project.registry("actors", ACTORS)
    project.registry("locations", LOCATIONS)
    project.article("siege-lifted", locations=["Dayr az-Zawr"], actors=["ISIS"])
    site = project.build(strict=True)

    place = site.content("locations/deir-ez-zor/")
    assert place.h1.get_text(strip=True) == "Deir ez-Zor"
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in place.select(".na-facts > div")
    }
    assert facts["Also written"] == "Deir al-Zour, Dayr az-Zawr"
    assert facts["Country"] == "Syria (SY)"
    assert facts["Coordinates"] == "35.3300, 40.1400"
    assert "city" in place.select_one(".na-term-kind").get_text()

    actor = site.content("actors/islamic-state/")
    assert "Jihadist group" in actor.select_one(".na-term-description").get_text()
    assert actor.find("a", href="https://www.wikidata.org/wiki/Q2429253") is not None
    assert actor.select_one(".na-count").get_text(strip=True) == "1 article."


def test_each_term_page_lists_exactly_the_articles_that_name_it(project: Project) -> None:
    project.registry("actors", ACTORS)
    a = project.article("a", "2017-06-01", actors=["SDF"], tags=["siege"])
    b = project.article("b", "2017-07-01", actors=["SDF", "IS"], tags=["siege", "oil"])
    c = project.article("c", "2017-08-01", actors=["Daesh"], tags=["oil"])
    site = project.build(strict=True)

    assert site.article_links("actors/syrian-democratic-forces/") == [b, a]
    assert site.article_links("actors/islamic-state/") == [c, b]
    assert site.article_links("tags/siege/") == [b, a]
    assert site.article_links("tags/oil/") == [c, b]
    assert site.article_links("sources/levant-wire/") == [c, b, a]


def test_an_unregistered_term_gets_a_page_and_a_warning(project: Project) -> None:
    project.registry("actors", ACTORS)
    first = project.article("first", "2017-10-01", actors=["Deir ez-Zor Military Council"])
    second = project.article("second", "2017-10-02", actors=["deir ez-zor military council"])
    site = project.build(strict=True)  # warnings do not fail a strict build

    page = site.content("actors/deir-ez-zor-military-council/")
    assert page.h1.get_text(strip=True) == "Deir ez-Zor Military Council"
    assert "not yet described" in page.select_one(".na-term-kind").get_text()
    assert site.article_links("actors/deir-ez-zor-military-council/") == [second, first]
    assert (
        "content/articles/2017/10/first.md:6: warning: actors: 'Deir ez-Zor Military Council' "
        "is not in site_config/actors.yml (it gets a page of its own at "
        "/actors/deir-ez-zor-military-council/; add it to the registry to give it a "
        "description and aliases)"
    ) in site.problems()


def test_non_latin_names_are_transliterated_into_slugs(project: Project) -> None:
    written = project.article("moscow-says", actors=["Министерство обороны России"])
    site = project.build()
    assert site.article_links("actors/ministerstvo-oborony-rossii/") == [written]
    assert site.content("actors/ministerstvo-oborony-rossii/").h1.get_text(strip=True) == (
        "Министерство обороны России"
    )


def test_a_registered_term_without_articles_still_has_its_page(project: Project) -> None:
    project.registry("actors", ACTORS)
    project.article("only-sdf", actors=["SDF"])
    site = project.build(strict=True)
    page = site.content("actors/islamic-state/")
    assert page.select_one(".na-empty").get_text(strip=True) == "No articles yet."
    assert site.article_links("actors/islamic-state/") == []
