"""What machines read in a page's head: JSON-LD, Open Graph, Twitter cards, canonical
addresses and the sitemap."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from conftest import Project
from news_archive.core.publishing.sitemap import SitemapEntry, sitemap_files

SITE_URL = "https://example.github.io/archive/"
NAMESPACE = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ACTORS = {
    "islamic-state": {
        "name": "Islamic State",
        "aliases": ["ISIS"],
        "kind": "armed group",
        "wikidata": "Q2429253",
    },
    "igor-konashenkov": {"name": "Igor Konashenkov", "kind": "person"},
}
LOCATIONS = {
    "deir-ez-zor": {
        "name": "Deir ez-Zor",
        "kind": "city",
        "country": "SY",
        "coordinates": [35.33, 40.14],
        "description": "City on the Euphrates.",
    }
}
SOURCES = {"levant-wire": {"name": "Levant Wire", "url": "https://levantwire.example/"}}


def json_ld(html: BeautifulSoup) -> dict[str, Any]:
    scripts = html.head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def meta(html: BeautifulSoup) -> dict[str, str]:
    """Open Graph, Twitter and description tags by name."""
    tags = html.head.find_all("meta", attrs={"property": True}) + html.head.find_all(
        "meta", attrs={"name": lambda n: n and (n.startswith("twitter:") or n == "description")}
    )
    return {tag.get("property") or tag["name"]: tag["content"] for tag in tags}


def sample(project: Project) -> str:
    project.site_url = SITE_URL
    project.registry("actors", ACTORS)
    project.registry("locations", LOCATIONS)
    project.registry("sources", SOURCES)
    return project.article(
        "siege-broken",
        "2017-09-05T14:30:00+03:00",
        title="Army breaks siege of Deir ez-Zor",
        source="Levant Wire",
        url="https://levantwire.example/2017/09/05/siege",
        authors=["Jane Doe"],
        summary="Troops reached the garrison.",
        language="en-GB",
        actors=["ISIS", "Igor Konashenkov", "Tribal elders"],
        locations=["Deir ez-Zor", "Mayadin"],
        tags=["siege"],
    )


def test_an_article_is_a_news_article_based_on_its_original(project: Project) -> None:
    page = sample(project)
    data = json_ld(project.build(strict=True).html(page))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Army breaks siege of Deir ez-Zor"
    assert data["datePublished"] == "2017-09-05T14:30:00+03:00"
    assert "url" not in data  # the canonical link gives it, once
    assert data["isBasedOn"] == "https://levantwire.example/2017/09/05/siege"
    assert "description" not in data  # the summary is the page's description meta tag
    assert data["inLanguage"] == "en-GB"
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Levant Wire",
        "url": "https://levantwire.example/",
    }
    # The terms are the page's links and /api/articles.json's, not repeated as JSON-LD.
    assert not {"mentions", "contentLocation", "about"} & set(data)


def test_json_ld_terms_lists_an_articles_terms_by_their_most_precise_type(
    project: Project,
) -> None:
    page = sample(project)
    project.options = {"json_ld_terms": True}
    data = json_ld(project.build(strict=True).html(page))

    assert data["mentions"] == [
        {
            "@type": "Organization",
            "name": "Islamic State",
            "sameAs": "https://www.wikidata.org/wiki/Q2429253",
        },
        {"@type": "Person", "name": "Igor Konashenkov"},
        {"@type": "Thing", "name": "Tribal elders"},
    ]
    # A place's coordinates and country are on its own page (its CollectionPage's about).
    assert data["contentLocation"] == [
        {"@type": "Place", "name": "Deir ez-Zor"},
        {"@type": "Place", "name": "Mayadin"},
    ]
    assert data["about"] == [{"@type": "Thing", "name": "siege"}]


def test_an_article_has_open_graph_and_a_twitter_card_and_a_canonical_url(
    project: Project,
) -> None:
    page = sample(project)
    html = project.build(strict=True).html(page)
    assert meta(html) == {
        "og:type": "article",
        "og:title": "Army breaks siege of Deir ez-Zor",
        "description": "Troops reached the garrison.",
        "og:site_name": "Test archive",
        "twitter:card": "summary",
    }
    assert html.head.find("link", rel="canonical")["href"] == SITE_URL + page


def test_a_pages_description_is_its_own_not_the_sites(project: Project) -> None:
    """An article's description tag is its summary (search engines read it), once, and a
    long summary is cut to what a result or a link preview shows; no generator tag."""
    project.site_url = SITE_URL
    project.mkdocs_extra = {"site_description": "An archive for tests."}
    page = sample(project)
    long = project.article("long", summary=" ".join(["word"] * 100))
    site = project.build(strict=True)
    html = site.html(page)
    described = html.head.find_all("meta", attrs={"name": "description"})
    assert [tag["content"] for tag in described] == ["Troops reached the garrison."]
    assert html.head.find("meta", attrs={"name": "generator"}) is None
    cut = site.html(long).head.find("meta", attrs={"name": "description"})["content"]
    assert cut == " ".join(["word"] * 32) + "…"  # 160 characters
    assert "og:description" not in meta(site.html(long))  # link previews read the tag above
    assert [
        tag["content"] for tag in site.html("").head.find_all("meta", attrs={"name": "description"})
    ] == ["An archive for tests."]


def test_with_another_theme_a_page_has_one_description_its_own(project: Project) -> None:
    """MkDocs' own theme prints the site's description on every page: the page's replaces
    it."""
    project.site_url = SITE_URL
    project.mkdocs_extra = {"site_description": "An archive for tests.", "theme": "mkdocs"}
    page = sample(project)
    site = project.build(strict=True)
    for path, expected in ((page, "Troops reached the garrison."), ("", "An archive for tests.")):
        described = site.html(path).head.find_all("meta", attrs={"name": "description"})
        assert [tag["content"] for tag in described] == [expected]


def test_a_term_page_is_a_collection_page_about_its_term(project: Project) -> None:
    page = sample(project)
    project.options = {"per_page": 1}
    older = project.article("older", "2017-09-01", locations=["Deir ez-Zor"])
    site = project.build(strict=True)

    first = json_ld(site.html("locations/deir-ez-zor/"))
    assert first["@type"] == "CollectionPage"
    assert first["name"] == "Deir ez-Zor"
    assert first["url"] == SITE_URL + "locations/deir-ez-zor/"
    assert first["description"] == "City on the Euphrates."
    assert first["about"]["@type"] == "Place"
    assert first["about"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 35.33,
        "longitude": 40.14,
    }
    assert first["about"]["address"] == {"@type": "PostalAddress", "addressCountry": "SY"}
    assert first["isPartOf"] == {"@type": "WebSite", "name": "Test archive", "url": SITE_URL}
    # The page's links list its articles: the metadata counts them (every page of the list).
    assert first["mainEntity"] == {"@type": "ItemList", "numberOfItems": 2}
    assert site.article_links("locations/deir-ez-zor/") == [page]
    second = json_ld(site.html("locations/deir-ez-zor/page/2/"))
    assert second["name"] == "Deir ez-Zor (page 2)"
    assert second["mainEntity"] == {"@type": "ItemList", "numberOfItems": 2}
    assert site.article_links("locations/deir-ez-zor/page/2/") == [older]

    tags = meta(site.html("locations/deir-ez-zor/"))
    assert tags["og:type"] == "website"
    assert tags["description"] == "City on the Euphrates."
    assert json_ld(site.html("actors/islamic-state/"))["about"]["@type"] == "Organization"
    assert json_ld(site.html("sources/levant-wire/"))["about"]["url"] == (
        "https://levantwire.example/"
    )


def test_hostile_text_stays_inside_json_ld_and_attributes(project: Project) -> None:
    title = '</script><script>alert(1)</script> & "quotes" <!--'
    page = project.article("hostile", title=title, summary='"><script>alert(2)</script>')
    site = project.build(strict=True)
    html = site.html(page)

    assert json_ld(html)["headline"] == title
    raw = site.file(page).read_text(encoding="utf-8")
    start = raw.index('<script type="application/ld+json">')
    script = raw[start : raw.index("</script>", start)]
    assert "alert(1)" in script and "<" not in script.removeprefix("<script")
    assert [s for s in html.find_all("script") if s.string and "alert" in s.string] == [
        html.head.find("script", type="application/ld+json")
    ]
    assert meta(html)["og:title"] == title
    assert meta(html)["description"] == '"><script>alert(2)</script>'


def test_other_pages_have_website_tags_and_the_home_page_offers_the_feed(
    project: Project,
) -> None:
    project.site_url = SITE_URL
    project.mkdocs_extra = {"site_description": "An archive for tests."}
    project.write("content/about.md", "# About us\n\nText.\n")
    project.article("story")
    site = project.build(strict=True)

    assert meta(site.html("")) == {
        "og:type": "website",
        "og:title": "Test archive",
        "description": "An archive for tests.",
        "og:site_name": "Test archive",
        "twitter:card": "summary",
    }
    about = meta(site.html("about/"))
    assert about["og:title"] == "About us"
    assert site.html("about/").head.find("link", rel="canonical")["href"] == SITE_URL + "about/"
    assert meta(site.html("latest/"))["og:title"] == "Latest articles"
    assert not site.html("about/").head.find_all("script", type="application/ld+json")


def test_without_site_url_nothing_claims_an_address(project: Project) -> None:
    page = project.article("story")
    project.site_url = None
    site = project.build()
    assert "url" not in json_ld(site.html(page))
    assert "og:url" not in meta(site.html(page))
    assert "url" not in json_ld(site.html("sources/levant-wire/"))["isPartOf"]


def test_the_full_sitemap_lists_every_page_including_generated_ones(project: Project) -> None:
    project.site_url = SITE_URL
    project.options = {"per_page": 1}
    sample(project)
    project.article("older", "2017-08-01", actors=["ISIS"])
    site = project.build(strict=True)

    tree = ElementTree.parse(site.root / "sitemap-all.xml")
    listed = {loc.text for loc in tree.getroot().findall("s:url/s:loc", NAMESPACE)}
    pages = {
        SITE_URL + file.relative_to(site.root).as_posix().removesuffix("index.html")
        for file in site.root.rglob("index.html")
    }
    assert listed == pages
    for path in (
        "",
        "latest/page/2/",
        "actors/islamic-state/page/2/",
        "tags/",
        "archive/2017/09/",
        "articles/2017/08/older/",
    ):
        assert SITE_URL + path in listed
    assert not any(url.endswith((".xml", ".json")) for url in listed)


def test_readers_get_a_sitemap_of_the_home_page_and_robots_find_the_full_one(
    project: Project,
) -> None:
    """Material's instant loading downloads sitemap.xml on every first visit: it stays the
    same few bytes whatever the archive's size; robots.txt says where the full one is."""
    project.site_url = SITE_URL
    sample(project)
    site = project.build(strict=True)
    assert _urls((site.root / "sitemap.xml").read_bytes(), "url") == [SITE_URL]
    assert (site.root / "robots.txt").read_text() == (
        f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap-all.xml\n"
    )
    assert not list(site.root.glob("sitemap-all-*.xml"))  # one sitemap below the limit


def test_the_sites_own_robots_txt_is_kept(project: Project) -> None:
    project.write("content/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
    sample(project)
    site = project.build(strict=True)
    assert (site.root / "robots.txt").read_text() == "User-agent: *\nDisallow: /drafts/\n"


def _urls(document: bytes, element: str) -> list[str]:
    root = ElementTree.fromstring(document)
    return [loc.text or "" for loc in root.findall(f"s:{element}/s:loc", NAMESPACE)]


def test_a_sitemap_past_the_protocols_limit_becomes_an_index_of_parts() -> None:
    entries = [
        SitemapEntry(f"{SITE_URL}articles/{n:03d}/?a=1&b=2", f"2020-01-{1 + n % 28:02d}")
        for n in range(7)
    ]
    files = dict(sitemap_files(reversed(entries), SITE_URL, limit=3))

    assert sorted(files) == [
        "sitemap-all-1.xml",
        "sitemap-all-2.xml",
        "sitemap-all-3.xml",
        "sitemap-all.xml",
        "sitemap.xml",
    ]
    index = ElementTree.fromstring(files["sitemap-all.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert _urls(files["sitemap-all.xml"], "sitemap") == [
        f"{SITE_URL}sitemap-all-{n}.xml" for n in (1, 2, 3)
    ]
    newest = [node.text for node in index.findall("s:sitemap/s:lastmod", NAMESPACE)]
    assert newest == ["2020-01-03", "2020-01-06", "2020-01-07"]
    parts = [_urls(files[f"sitemap-all-{n}.xml"], "url") for n in (1, 2, 3)]
    assert [len(part) for part in parts] == [3, 3, 1]
    assert [url for part in parts for url in part] == [entry.url for entry in entries]
    assert b"&amp;b=2" in files["sitemap-all-1.xml"]
    assert _urls(files["sitemap.xml"], "url") == [SITE_URL]
    assert dict(sitemap_files(entries, SITE_URL, limit=3)) == files  # order does not matter


def test_a_sitemap_up_to_the_limit_is_one_list_of_pages() -> None:
    entries = [SitemapEntry(f"/page-{n}/") for n in range(3)]
    files = dict(sitemap_files(entries, "/", limit=3))
    assert sorted(files) == ["sitemap-all.xml", "sitemap.xml"]
    assert _urls(files["sitemap-all.xml"], "url") == ["/page-0/", "/page-1/", "/page-2/"]
    assert b"<lastmod>" not in files["sitemap-all.xml"]


def test_the_readers_sitemap_is_the_same_at_any_size() -> None:
    small = dict(sitemap_files([SitemapEntry(f"{SITE_URL}a{n}/") for n in range(2)], SITE_URL))
    large = dict(sitemap_files([SitemapEntry(f"{SITE_URL}a{n}/") for n in range(9)], SITE_URL))
    assert small["sitemap.xml"] == large["sitemap.xml"]
    assert small["sitemap-all.xml"] != large["sitemap-all.xml"]
