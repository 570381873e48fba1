"""RSS feeds of the whole archive and of every term, read back with a real feed parser."""

from __future__ import annotations

import html
import logging

import feedparser
import pytest
from lxml import etree

from conftest import BuiltSite, Project, resolve
from news_archive.config import settings_from_options
from news_archive.core.model.taxonomy import SettingsError

SITE_URL = "https://example.github.io/archive/"
ACTORS = {
    "islamic-state": {"name": "Islamic State", "aliases": ["IS", "ISIS"]},
    "unused-actor": {"name": "Unused Actor", "description": "Registered, never written."},
}
SOURCES = {"levant-wire": {"name": "Levant Wire", "aliases": ["LW"]}}


def read_feed(site: BuiltSite, site_path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(site.file(site_path).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    return parsed


def five_articles(project: Project) -> list[str]:
    """Five articles, oldest first; the even ones name the Islamic State."""
    project.registry("actors", ACTORS)
    project.registry("sources", SOURCES)
    return [
        project.article(
            f"story-{n}",
            f"2017-09-{10 + n:02d}",
            title=f"Story {n}",
            source="LW",
            url=f"https://www.levantwire.example/2017/story-{n}/?utm_source=x",
            summary=f"Summary of story {n}.",
            authors=["Jane Doe", "John Roe"] if n == 4 else [],
            actors=["ISIS"] if n % 2 == 0 else ["SDF"],
            tags=["siege"],
        )
        for n in range(5)
    ]


def test_site_feed_has_the_latest_articles_newest_first_with_absolute_links(
    project: Project,
) -> None:
    project.site_url = SITE_URL
    project.options = {"feed_items": 3}
    paths = five_articles(project)
    site = project.build(strict=True)

    feed = read_feed(site, "feed.xml")
    assert feed.feed.title == "Test archive"
    assert feed.feed.link == SITE_URL
    assert feed.feed.updated == "Thu, 14 Sep 2017 00:00:00 +0000"  # the newest article's date
    assert [entry.title for entry in feed.entries] == ["Story 4", "Story 3", "Story 2"]
    assert [entry.link for entry in feed.entries] == [SITE_URL + p for p in paths[:1:-1]]
    newest = feed.entries[0]
    assert newest.id == "https://levantwire.example/2017/story-4"
    assert newest.guidislink is False
    assert newest.published == "Thu, 14 Sep 2017 00:00:00 +0000"
    assert newest.summary == "Summary of story 4."
    assert [author.name for author in newest.authors] == ["Jane Doe", "John Roe"]
    assert [(tag.scheme, tag.term) for tag in newest.tags] == [
        ("tags", "siege"),
        ("actors", "Islamic State"),
        ("sources", "Levant Wire"),
    ]


def test_each_term_has_a_feed_of_its_own_articles_bounded_to_term_feed_items(
    project: Project,
) -> None:
    project.site_url = SITE_URL
    project.options = {"term_feed_items": 2}
    paths = five_articles(project)
    site = project.build(strict=True)

    assert len(read_feed(site, "feed.xml").entries) == 5  # feed_items, 50, bounds the site's
    feed = read_feed(site, "actors/islamic-state/feed.xml")
    assert feed.feed.title == "Islamic State (Test archive)"
    assert feed.feed.link == SITE_URL + "actors/islamic-state/"
    assert [entry.link for entry in feed.entries] == [SITE_URL + paths[4], SITE_URL + paths[2]]
    assert len(read_feed(site, "tags/siege/feed.xml").entries) == 2
    assert [e.title for e in read_feed(site, "sources/levant-wire/feed.xml").entries] == [
        "Story 4",
        "Story 3",
    ]

    empty = read_feed(site, "actors/unused-actor/feed.xml")
    assert empty.entries == []
    assert empty.feed.subtitle == "Registered, never written."
    assert empty.feed.updated == "Thu, 14 Sep 2017 00:00:00 +0000"  # the archive's newest


def test_a_term_feed_is_never_longer_than_the_site_feed(project: Project) -> None:
    project.site_url = SITE_URL
    project.options = {"feed_items": 2, "term_feed_items": 4}
    five_articles(project)
    site = project.build(strict=True)
    assert len(read_feed(site, "feed.xml").entries) == 2
    assert len(read_feed(site, "tags/siege/feed.xml").entries) == 2


def test_term_feed_items_are_the_site_feed_items_without_categories(project: Project) -> None:
    # A term's feed carries its articles' title, link, date, guid, summary and authors as the
    # site's feed does; only the categories, every term of the article, stay in the site's.
    project.site_url = SITE_URL
    five_articles(project)
    site = project.build(strict=True)
    in_site = {entry.id: entry for entry in read_feed(site, "feed.xml").entries}
    term_entries = read_feed(site, "actors/islamic-state/feed.xml").entries
    assert len(term_entries) == 3
    for entry in term_entries:
        whole = in_site[entry.id]
        assert "tags" not in entry
        assert [tag.term for tag in whole.tags][:1] == ["siege"]
        for key in ("title", "link", "published", "summary", "guidislink"):
            assert entry[key] == whole[key]
        assert entry.get("authors") == whole.get("authors")


def test_term_feed_categories_puts_every_term_into_a_term_feed(project: Project) -> None:
    project.site_url = SITE_URL
    project.options = {"term_feed_categories": True}
    five_articles(project)
    site = project.build(strict=True)
    newest = read_feed(site, "actors/islamic-state/feed.xml").entries[0]
    assert [(tag.scheme, tag.term) for tag in newest.tags] == [
        ("tags", "siege"),
        ("actors", "Islamic State"),
        ("sources", "Levant Wire"),
    ]


def test_term_feed_items_below_one_is_a_settings_error() -> None:
    # A term's page offers its feed whenever the site has feeds: 0 would offer an empty one.
    with pytest.raises(SettingsError, match=r"option 'term_feed_items': must be >= 1, got 0"):
        settings_from_options({"term_feed_items": 0})


def test_pages_advertise_their_feeds_in_the_head_and_with_a_subscribe_link(
    project: Project,
) -> None:
    project.site_url = SITE_URL
    project.options = {"per_page": 2}
    five_articles(project)
    site = project.build(strict=True)

    def alternates(page: str) -> list[tuple[str, str]]:
        return [
            (link["title"], link["href"])
            for link in site.html(page).head.find_all("link", rel="alternate")
            if link.get("type") == "application/rss+xml"
        ]

    site_feed = ("Test archive", SITE_URL + "feed.xml")
    term_feed = ("Islamic State (Test archive)", SITE_URL + "actors/islamic-state/feed.xml")
    assert alternates("") == [site_feed]
    assert alternates("latest/") == [site_feed]
    assert alternates("actors/islamic-state/") == [term_feed, site_feed]
    assert alternates("actors/islamic-state/page/2/") == [term_feed, site_feed]
    for page, feed in [
        ("", "feed.xml"),
        ("actors/islamic-state/", "actors/islamic-state/feed.xml"),
        ("actors/islamic-state/page/2/", "actors/islamic-state/feed.xml"),
    ]:
        link = site.content(page).select_one(".na-subscribe a")
        assert link["type"] == "application/rss+xml"
        assert link.get_text().startswith("Subscribe")
        assert resolve(page, link["href"]) == feed
        assert site.exists(feed)


def test_guids_stay_the_same_when_an_article_is_retitled(project: Project) -> None:
    paths = five_articles(project)
    first = {e.link: e.id for e in read_feed(project.build(), "feed.xml").entries}
    project.article(
        "story-2",
        "2017-09-12",
        title="Story 2, corrected",
        url="https://levantwire.example/2017/story-2",
    )
    second = {e.link: e.id for e in read_feed(project.build(), "feed.xml").entries}
    assert first == second
    assert len(set(first.values())) == len(paths)


def test_publication_time_and_offset_are_kept(project: Project) -> None:
    project.article("with-time", "2017-09-17T14:30:00+03:00")
    feed = read_feed(project.build(strict=True), "feed.xml")
    assert feed.entries[0].published == "Sun, 17 Sep 2017 14:30:00 +0300"
    assert feed.feed.updated == "Sun, 17 Sep 2017 14:30:00 +0300"


def test_hostile_text_is_escaped_and_reads_back_intact(project: Project) -> None:
    # Control characters never get this far: the validator refuses them. Titles and
    # summaries are HTML to a reader: the text goes in HTML-escaped, and reads back as text.
    title = '</title></item><script>alert(1)</script> ]]> & "quotes"'
    summary = "<b>not bold</b> & <!-- no comment -->"
    project.article("hostile", title=title, summary=summary)
    site = project.build(strict=True)
    entry = read_feed(site, "feed.xml").entries[0]
    assert entry.title_detail.type == entry.summary_detail.type == "text/html"
    assert html.unescape(entry.title) == title
    assert html.unescape(entry.summary) == summary


def test_each_feed_is_one_well_formed_document_as_lxml_prints_it(project: Project) -> None:
    # Items are made once as text and put into each feed: any text out of place (a lost
    # indent, an item outside the channel) would differ from lxml's own printing of the feed.
    project.site_url = SITE_URL
    five_articles(project)
    project.article("hostile", "2017-09-20", title="Ün </channel> ]]> & <b>", authors=["Zoë"])
    site = project.build(strict=True)
    feeds = sorted(site.root.rglob("feed.xml"))
    assert len(feeds) > 5
    blank_free = etree.XMLParser(remove_blank_text=True)
    items = {}
    for feed in feeds:
        written = feed.read_bytes()
        tree = etree.fromstring(written, blank_free)
        printed = etree.tostring(tree, pretty_print=True, xml_declaration=True, encoding="UTF-8")
        assert written == printed, feed
        items[feed.relative_to(site.root).as_posix()] = [
            item.findtext("title") for item in tree.findall("channel/item")
        ]
    assert items["feed.xml"][0] == "Ün &lt;/channel&gt; ]]&gt; &amp; &lt;b&gt;"  # HTML, as text
    assert len(items["feed.xml"]) == 6
    assert items["actors/unused-actor/feed.xml"] == []


def test_two_builds_give_byte_identical_feeds(make_project) -> None:
    builds = []
    for _ in range(2):
        project = make_project()
        five_articles(project)
        site = project.build()
        builds.append({p.relative_to(site.root): p.read_bytes() for p in site.root.rglob("*.xml")})
    assert builds[0] == builds[1]
    assert len(builds[0]) > 5


def test_an_empty_archive_dates_its_feed_from_source_date_epoch(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    feed = read_feed(project.build(strict=True), "feed.xml")
    assert feed.entries == []
    assert feed.feed.updated == "Fri, 14 Jul 2017 02:40:00 +0000"


def test_without_site_url_feeds_are_left_out_with_a_warning(project: Project) -> None:
    project.site_url = None
    project.article("story")
    site = project.build()
    warnings = site.messages(logging.WARNING)
    assert any("RSS feeds need absolute links" in m and "site_url" in m for m in warnings)
    assert not list(site.root.rglob("feed.xml"))
    assert site.content("").select_one(".na-subscribe") is None
    assert site.html("").head.find("link", type="application/rss+xml") is None


def test_feed_items_zero_turns_feeds_off_quietly(project: Project) -> None:
    project.site_url = None
    project.options = {"feed_items": 0}
    project.article("story")
    site = project.build(strict=True)
    assert not list(site.root.rglob("feed.xml"))
