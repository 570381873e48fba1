"""The import's core, piece by piece: dates, Markdown, sources, bylines, files."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from news_archive.config import default_settings
from news_archive.core.authoring.files import write_new_file
from news_archive.core.importing.dates import contract_date
from news_archive.core.importing.markdown import markdown_from_html
from news_archive.core.importing.original import (
    Original,
    draft_from,
    link_problem,
    registered_source,
)
from news_archive.core.importing.page_reader import read_page
from news_archive.core.model.registry import Registry
from news_archive.core.model.urls import without_tracking
from news_archive.core.reading.registry_file import load_registry

SETTINGS = default_settings()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2017-09-17", "2017-09-17"),
        ("2017-09-17T14:30:00+03:00", "2017-09-17T14:30:00+03:00"),
        ("2017-09-17T14:30:00.250Z", "2017-09-17T14:30:00+00:00"),
        ("2017-09-17 23:30:00-0500", "2017-09-17T23:30:00-05:00"),  # the publisher's day
        ("2017-09-17T14:30:00", "2017-09-17"),  # no offset: the day alone, not a guess
        ("Sun, 17 Sep 2017 14:30:00 +0300", "2017-09-17T14:30:00+03:00"),
        ("Sun, 17 Sep 2017 14:30:00 GMT", "2017-09-17T14:30:00+00:00"),
        ("17 Sep 2017 14:30 EDT", "2017-09-17T14:30:00-04:00"),
        ("Sun, 17 Sep 2017 14:30:00 -0000", "2017-09-17"),  # RFC 5322: zone unknown
        ("  2017-09-17 ", "2017-09-17"),
        ("2017-09-31", None),
        ("17/09/2017", None),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_dates_take_the_contracts_form(written: str, expected: str | None) -> None:
    assert contract_date(written) == expected


def test_markdown_keeps_paragraphs_quotes_links_and_shows_text_as_written() -> None:
    fragment = (
        "<h1>Headline</h1><p>A <a href='https://x.example/a (b)'>link</a>, <em>stress</em> "
        "and <strong>weight</strong>;<br>a second line.</p>"
        "<blockquote><p>One.</p><p>Two.</p></blockquote>"
        "<ul><li>first</li><li>second</li></ul><ol><li>only</li></ol>"
        "<p>2017. A year; # not a heading; *not stressed*; snake_case; &lt;b&gt;not bold&lt;/b&gt;"
        " &amp;amp; [not a link](x)</p><p>- not a list</p>"
        "<script>alert(1)</script><form><button>Subscribe</button></form>"
    )
    text = markdown_from_html(fragment)
    assert text == (
        "## Headline\n\n"
        "A [link](https://x.example/a%20%28b%29), *stress* and **weight**;  \n"
        "a second line.\n\n"
        "> One.\n>\n> Two.\n\n"
        "- first\n- second\n\n"
        "1. only\n\n"
        "2017\\. A year; # not a heading; \\*not stressed\\*; snake\\_case; &lt;b>not bold"
        "&lt;/b> &amp;amp; \\[not a link\\](x)\n\n"
        "\\- not a list\n"
    )
    shown = BeautifulSoup(markdown.markdown(text), "html.parser")
    assert [p.get_text() for p in shown.find_all("p")][-2:] == [
        "2017. A year; # not a heading; *not stressed*; snake_case; <b>not bold</b> &amp; "
        "[not a link](x)",
        "- not a list",
    ]
    assert shown.find("b") is None and shown.find("script") is None
    assert shown.a["href"] == "https://x.example/a%20%28b%29"
    # The page's own line breaks are spaces; only <br> breaks a line.
    assert markdown_from_html("<p>One line  \n   goes on <em>here</em>,\n and<br>ends</p>") == (
        "One line goes on *here*, and  \nends\n"
    )


SOURCES = """
levant-wire:
  name: Levant Wire
  aliases: [LW]
  url: https://levantwire.example/
euphrates-herald:
  name: Euphrates Herald
  url: https://www.euphratesherald.example/
"""


def sources() -> Registry:
    registry, problems = load_registry(SETTINGS.taxonomy("sources"), SOURCES, "sources.yml")
    assert problems == []
    return registry


@pytest.mark.parametrize(
    ("publisher", "url", "expected"),
    [
        ("lw", "https://elsewhere.example/a", "Levant Wire"),  # an alias, any case
        ("", "https://news.levantwire.example/a", "Levant Wire"),  # a sub-domain of its site
        ("levantwire.example", "https://euphratesherald.example/b", "Euphrates Herald"),
        ("  Global   Dispatch ", "https://gd.example/c", "Global Dispatch"),  # unregistered
        ("", "https://gd.example/c", ""),
        ("", "", ""),
    ],
)
def test_the_publisher_maps_onto_a_registered_source(
    publisher: str, url: str, expected: str
) -> None:
    assert registered_source(publisher, url, sources()) == expected


@pytest.mark.parametrize(
    ("text", "authors", "expected_authors", "expected_start"),
    [
        ("By Jane Doe and John Smith\n\nText.", (), ("Jane Doe", "John Smith"), "Text."),
        ("Par Claire Martin et Jean Dupont\n\nTexte.", (), ("Claire Martin", "Jean Dupont"), "T"),
        ("BY JANE DOE, JOHN SMITH\n\nText.", (), ("JANE DOE", "JOHN SMITH"), "Text."),
        ("By the end of the day the town had fallen.\n\nText.", (), (), "By the end"),
        ("Jane Doe, 4 July 2017\n\nText.", ("Jane Doe",), ("Jane Doe",), "Text."),
        ("Jane Doe said the town had fallen.\n\nText.", ("John Smith",), ("John Smith",), "Jane"),
    ],
)
def test_a_byline_at_the_top_of_the_text_gives_the_authors(
    text: str, authors: tuple[str, ...], expected_authors: tuple[str, ...], expected_start: str
) -> None:
    original = Original(title="T", url="https://x.example/t", text=text, authors=authors)
    draft = draft_from(original, {}, SETTINGS).draft
    assert draft.authors == expected_authors
    body = draft.body.split("-->\n\n", 1)[1]
    assert body.startswith(expected_start)


def test_a_title_in_another_script_takes_its_file_name_from_the_address() -> None:
    arabic = Original(title="تحرير الرقة", url="https://x.example/ar/2017/raqqa-liberated.html")
    assert draft_from(arabic, {}, SETTINGS).draft.slug == "raqqa-liberated"
    numbered = Original(title="تحرير الرقة", url="https://x.example/ar/news/48213")
    assert draft_from(numbered, {}, SETTINGS).draft.slug == ""
    latin = Original(title="Raqqa liberated", url="https://x.example/other-words")
    assert draft_from(latin, {}, SETTINGS).draft.slug == ""


def test_what_is_missing_is_named_with_the_date_that_could_not_be_read() -> None:
    result = draft_from(Original(title="T", date="yesterday"), {}, SETTINGS)
    assert result.missing == ("date", "source", "url")
    assert result.problem == "the date 'yesterday' cannot be read; no source, no url"
    assert draft_from(Original(language="fr_FR"), {}, SETTINGS).draft.language == "fr-FR"
    assert draft_from(Original(language="not a code"), {}, SETTINGS).draft.language == ""


def test_tracking_parameters_leave_the_address_to_archive() -> None:
    assert without_tracking("https://x.example/a?utm_source=rss&id=5#top") == (
        "https://x.example/a?id=5"
    )
    assert without_tracking("https://x.example/a?q=a%20b") == "https://x.example/a?q=a%20b"
    assert without_tracking("https://x.example/a/?fbclid=1") == "https://x.example/a/"


def test_a_new_file_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "2017/09/story.md"
    write_new_file(target, "---\ntitle: T\n---\n")
    assert target.read_text() == "---\ntitle: T\n---\n"
    with pytest.raises(FileExistsError):
        write_new_file(target, "other")
    assert target.read_text() == "---\ntitle: T\n---\n"

    class Interrupted(BaseException):
        pass

    def interrupted(*args: object) -> None:
        raise Interrupted

    monkeypatch.setattr("news_archive.core.authoring.files.os.replace", interrupted)
    with pytest.raises(Interrupted):
        write_new_file(tmp_path / "2017/09/other.md", "text")
    assert sorted(p.name for p in (tmp_path / "2017/09").iterdir()) == ["story.md"]


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("https://x.example/a", ""),
        ("http://[2001:db8::1]:8080/a", ""),
        ("https://x.example:99999/a", "its port '99999' is not a number from 1 to 65535"),
        ("https://x.example:abc/a", "its port 'abc' is not a number from 1 to 65535"),
        ("https://x.example:0/a", "its port '0' is not a number from 1 to 65535"),
        ("https://[x/", "it is not a web address that can be read"),
        ("https://x.example/a\ufffeb", "it holds a space or an invisible character (U+FFFE)"),
        ("https://x.example/a b", "it holds a space or an invisible character (U+0020)"),
        ("ftp://x.example/a", "it is not a web address starting with https:// or http://"),
        ("https://:80/a", "it is not a web address starting with https:// or http://"),
    ],
)
def test_a_link_that_cannot_be_an_articles_address_says_why(link: str, problem: str) -> None:
    assert link_problem(link) == problem
    draft = draft_from(Original(title="T", url=link), {}, SETTINGS)
    assert draft.draft.url == ("" if problem else link)


@pytest.mark.parametrize("canonical", ["https://x.example:99999/a", "https://[x/", "/a\ufffe"])
def test_a_page_whose_own_address_is_malformed_gives_none(canonical: str) -> None:
    page = (
        f'<html><head><title>Raqqa</title><link rel="canonical" href="{canonical}"></head>'
        "<body><article><h1>Raqqa</h1><p>"
        + "Fighters advanced on the old city on Tuesday, officials said. " * 5
        + "</p></article></body></html>"
    )
    assert read_page(page.encode(), "https://levantwire.example/story").url == ""
