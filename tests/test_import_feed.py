"""``news-archive import-feed``: every new item of a feed, once, and nothing half-written."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Project
from loopback import Server, allow_only, connections, running
from news_archive import cli_import
from news_archive.cli import main
from news_archive.config import default_settings
from news_archive.core.authoring import files
from news_archive.core.importing.original import SUMMARY_COMMENT, SUMMARY_ONLY_NOTE
from news_archive.core.reading.reader import read_article

ACTORS = {
    "islamic-state": {"name": "Islamic State", "aliases": ["IS", "ISIS", "Daesh"]},
    "syrian-democratic-forces": {"name": "Syrian Democratic Forces", "aliases": ["SDF"]},
}
LOCATIONS = {"raqqa": {"name": "Raqqa"}, "tabqa": {"name": "Tabqa"}}
SOURCES = {"levant-wire": {"name": "Levant Wire", "url": "https://levantwire.example/"}}
TAGS = {"airstrikes": {"name": "Airstrikes"}}


@pytest.fixture
def site(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    project.registry("actors", ACTORS)
    project.registry("locations", LOCATIONS)
    project.registry("sources", SOURCES)
    project.registry("tags", TAGS)
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    return project


def link(number: int) -> str:
    return f"https://levantwire.example/stories/{number}/dispatch-{number}"


def day(number: int) -> dt.datetime:
    return dt.datetime(2017, 1, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=3))) + (
        dt.timedelta(days=number)
    )


def rss_item(number: int, *, date: str | None = None, url: str | None = None) -> str:
    """An RSS item; odd-numbered ones carry only a summary, even ones the full text too."""
    published = date or day(number).strftime("%a, %d %b %Y %H:%M:%S %z")
    full = (
        "<content:encoded><![CDATA[<p>SDF fighters advanced on Tabqa, the spokesman said.</p>"
        f"<blockquote><p>We will reach Raqqa soon, said commander number {number}.</p>"
        "</blockquote>]]></content:encoded>"
        if number % 2 == 0
        else ""
    )
    return (
        f"<item><title>Dispatch {number}: fighting near Raqqa</title>"
        f"<link>{(url or link(number)).replace('&', '&amp;')}</link>"
        f"<pubDate>{published}</pubDate><dc:creator>Jane Doe</dc:creator>"
        f"<category>Airstrikes</category>"
        f"<description>Dispatch {number}: IS fighters withdrew from positions near Raqqa."
        f"</description>{full}</item>"
    )


def rss(items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Levant Wire - Middle East</title><link>https://levantwire.example/</link>"
        "<language>en-gb</language>" + "".join(items) + "</channel></rss>\n"
    )


def markdown_files(site: Project) -> list[Path]:
    return sorted((site.root / "content/articles").rglob("*.md"))


def stray_files(site: Project) -> list[Path]:
    return [p for p in (site.root / "content").rglob("*") if p.is_file() and p.suffix != ".md"]


def test_a_feed_of_200_items_is_imported_once_and_a_bad_item_is_reported(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("already", "2017-01-04", url=link(3))
    items = [rss_item(n) for n in range(200)]
    items[57] = rss_item(57, date="the day after tomorrow")
    items[150] = rss_item(150, url=link(10) + "?utm_source=rss&utm_medium=feed")
    feed = site.write("feed.xml", rss(items))

    assert main(["import-feed", str(feed)]) == 1
    out, err = capsys.readouterr()
    written = out.splitlines()
    assert len(written) == 197
    assert written[0] == "content/articles/2017/01/dispatch-0-fighting-near-raqqa.md"
    assert err.splitlines() == [
        "news-archive import-feed: 197 imported, 2 skipped as already archived, 1 failed",
        "  98 of those imported have only the feed's summary as their text: add a summary in "
        "your own words to each",
        f"  failed: {link(57)}: the date 'the day after tomorrow' cannot be read",
    ]
    assert len(markdown_files(site)) == 198
    assert stray_files(site) == []
    assert not any("dispatch-57-" in path for path in written)

    # The second run finds every item archived, and the bad one still bad.
    assert main(["import-feed", str(feed)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "news-archive import-feed: 0 imported, 199 skipped as already archived, 1 failed",
        f"  failed: {link(57)}: the date 'the day after tomorrow' cannot be read",
    ]
    assert len(markdown_files(site)) == 198
    assert main(["validate"]) == 0


def test_a_feed_item_becomes_a_full_article(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = site.write("feed.xml", rss([rss_item(0), rss_item(1)]))
    assert main(["import-feed", str(feed)]) == 0
    full, summary_only = capsys.readouterr().out.splitlines()
    raw = (site.root / full).read_bytes()
    article, problems = read_article(full.removeprefix("content/"), raw, default_settings())
    assert problems == []
    assert (article.title, article.date, article.published.isoformat()) == (
        "Dispatch 0: fighting near Raqqa",
        dt.date(2017, 1, 1),
        "2017-01-01T09:30:00+03:00",
    )
    assert (article.source, article.url, article.authors, article.language) == (
        "Levant Wire",
        link(0),
        ("Jane Doe",),
        "",  # en-gb, the site's language: left out
    )
    assert article.summary == "Dispatch 0: IS fighters withdrew from positions near Raqqa."
    assert article.terms == {
        "sources": ("Levant Wire",),
        "tags": ("Airstrikes",),
        "actors": ("Islamic State", "Syrian Democratic Forces"),  # the summary's, then the text's
        "locations": ("Raqqa", "Tabqa"),
    }
    assert raw.decode().endswith(
        "SDF fighters advanced on Tabqa, the spokesman said.\n\n"
        "> We will reach Raqqa soon, said commander number 0.\n"
    )
    text = (site.root / summary_only).read_text()
    assert "\nsummary:" not in text  # the summary is the text
    summary = "Dispatch 1: IS fighters withdrew from positions near Raqqa."
    assert text.endswith(f"---\n{SUMMARY_ONLY_NOTE}\n\n{summary}\n")


def test_a_write_failure_leaves_no_partial_file_and_is_reported(
    site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = site.write("feed.xml", rss([rss_item(n) for n in range(6)]))
    real_replace = os.replace
    calls = 0

    def failing_replace(source: str, target: Path) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:
            Path(source).write_text("half an artic")  # the disk fills up at the rename
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    assert main(["import-feed", str(feed)]) == 1
    out, err = capsys.readouterr()
    failed = "content/articles/2017/01/dispatch-3-fighting-near-raqqa.md"
    assert failed not in out.splitlines()
    assert err.splitlines()[0] == (
        "news-archive import-feed: 5 imported, 0 skipped as already archived, 1 failed"
    )
    assert err.splitlines()[-1] == (
        f"  failed: {link(3)}: {failed} could not be written: [Errno 28] No space left on device"
    )
    assert not (site.root / failed).exists()
    assert stray_files(site) == []  # no temporary file left behind

    monkeypatch.setattr(files.os, "replace", real_replace)
    assert main(["import-feed", str(feed)]) == 0
    assert capsys.readouterr().out.splitlines() == [failed]


def test_an_atom_feed_with_full_text_and_its_own_language(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Levant Wire en français</title>
  <link href="https://levantwire.example/fr/"/>
  <entry>
    <title>Les FDS entrent dans Raqqa</title>
    <link href="https://levantwire.example/fr/2017/06/06/fds-raqqa"/>
    <published>2017-06-06T23:30:00-02:00</published>
    <updated>2017-06-07T10:00:00Z</updated>
    <author><name>Claire Martin</name></author>
    <author><name>Jean Dupont</name></author>
    <summary>Les FDS sont entrées dans Raqqa.</summary>
    <content type="html"><![CDATA[<p>Les <em>FDS</em> sont entrées à Raqqa.</p>]]></content>
  </entry>
</feed>
"""
    feed = site.write("atom.xml", atom)
    assert main(["import-feed", str(feed)]) == 0
    path = "content/articles/2017/06/les-fds-entrent-dans-raqqa.md"  # the day as published
    assert capsys.readouterr().out.splitlines() == [path]
    text = (site.root / path).read_text()
    assert text.startswith(
        "---\n"
        "title: Les FDS entrent dans Raqqa\n"
        "date: 2017-06-06T23:30:00-02:00\n"
        "source: Levant Wire\n"
        "url: https://levantwire.example/fr/2017/06/06/fds-raqqa\n"
        "authors: [Claire Martin, Jean Dupont]\n"
        f"# {SUMMARY_COMMENT}\n"
        "summary: Les FDS sont entrées dans Raqqa.\n"
        "tags: []\n"
        "actors: []\n"
        "locations: [Raqqa]\n"
        "language: fr\n"
        "---\n"
    )
    assert text.endswith("Les *FDS* sont entrées à Raqqa.\n")


def test_the_progress_bar_shows_on_a_terminal_only(
    site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    feed = site.write("feed.xml", rss([rss_item(n) for n in range(3)]))
    terminal = Terminal()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stderr", terminal)
        assert main(["import-feed", str(feed)]) == 0
    assert "importing: 100%" in terminal.getvalue()
    assert len(capsys.readouterr().out.splitlines()) == 3  # the paths stay clean
    feed = site.write("feed.xml", rss([rss_item(n) for n in range(3, 5)]))
    assert main(["import-feed", str(feed)]) == 0
    assert capsys.readouterr().err == (  # not a terminal: no bar
        "news-archive import-feed: 2 imported, 0 skipped as already archived, 0 failed\n"
        "  1 of those imported has only the feed's summary as their text: add a summary in "
        "your own words to each\n"
    )


def test_a_feed_is_fetched_from_its_address(
    site: Project,
    serve: Callable[[Path], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site.write("public/feed.xml", rss([rss_item(0)]).replace(link(0), "/stories/0/dispatch-0"))
    address = serve(site.root / "public")
    monkeypatch.setattr(cli_import, "FETCH_ALLOWED", allow_only(int(address.rsplit(":", 1)[1])))
    assert main(["import-feed", f"{address}/feed.xml"]) == 0
    path = "content/articles/2017/01/dispatch-0-fighting-near-raqqa.md"
    assert capsys.readouterr().out.splitlines() == [path]
    assert f"url: {address}/stories/0/dispatch-0\n" in (site.root / path).read_text()
    assert main(["import-feed", f"{address}/missing.xml"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {address}/missing.xml could not be fetched: the site answered 404 "
        "File not found; save it from your browser and run news-archive import-feed with the "
        "saved file"
    )


def test_something_that_is_no_feed_is_explained(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    page = site.write("page.html", "<html><body><p>Not a feed</p></body></html>")
    assert main(["import-feed", str(page)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"news-archive import-feed: {page}: this is not an RSS or Atom feed"
    )


def test_items_with_malformed_links_are_reported_and_the_others_imported(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = {
        1: "https://levantwire.example:99999/stories/1",
        2: "https://[levantwire/stories/2",
        3: "https://levantwire.example/stories/3\ufffe",
        4: "https://levantwire.example:abc/stories/4",
        5: "https://levantwire.example:0/stories/5",
    }
    items = [rss_item(n, url=broken.get(n)) for n in range(7)]
    feed = site.write("feed.xml", rss(items))
    assert main(["import-feed", str(feed)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/articles/2017/01/dispatch-0-fighting-near-raqqa.md",
        "content/articles/2017/01/dispatch-6-fighting-near-raqqa.md",
    ]
    assert err.splitlines() == [
        "news-archive import-feed: 2 imported, 0 skipped as already archived, 5 failed",
        "  failed: 'Dispatch 1: fighting near Raqqa': its link "
        "https://levantwire.example:99999/stories/1 is refused: its port '99999' is not a "
        "number from 1 to 65535",
        "  failed: 'Dispatch 2: fighting near Raqqa': its link https://[levantwire/stories/2 "
        "is refused: it is not a web address that can be read",
        "  failed: 'Dispatch 3: fighting near Raqqa': its link "
        "https://levantwire.example/stories/3\\ufffe is refused: it holds a space or an "
        "invisible character (U+FFFE)",
        "  failed: 'Dispatch 4: fighting near Raqqa': its link "
        "https://levantwire.example:abc/stories/4 is refused: its port 'abc' is not a number "
        "from 1 to 65535",
        "  failed: 'Dispatch 5: fighting near Raqqa': its link "
        "https://levantwire.example:0/stories/5 is refused: its port '0' is not a number "
        "from 1 to 65535",
    ]
    assert main(["validate"]) == 0


def test_a_feed_that_redirects_to_an_internal_address_is_refused(
    site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with (
        running(Server(routes={"/feed.xml": (200, {}, rss([rss_item(0)]).encode())})) as inside,
        running(Server()) as public,
        connections() as made,
    ):
        public.routes["/feed.xml"] = (307, {"Location": f"{inside.address}/feed.xml"}, b"")
        monkeypatch.setattr(cli_import, "FETCH_ALLOWED", allow_only(public.port))
        assert main(["import-feed", f"{public.address}/feed.xml"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {public.address}/feed.xml could not be fetched: it redirects to "
        f"{inside.address}/feed.xml, and 127.0.0.1 is an address of this computer or of a "
        "private or reserved network, which news-archive never fetches from; save it from "
        "your browser and run news-archive import-feed with the saved file"
    )
    assert inside.requests == [] and made == [("127.0.0.1", public.port)]
    assert markdown_files(site) == []
