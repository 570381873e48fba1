"""Hostile values in fields and registries: addresses Python cannot read, characters XML cannot
carry, an error and a warning on one line, feed text a reader would take for HTML, and file
names that would break a GitHub annotation. Each is a message naming the file and line, never a
traceback, and every valid article of the same build is still published with its feeds.
"""

from __future__ import annotations

import html
import os
import subprocess
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from conftest import Project, tool_command
from news_archive.cli import main
from news_archive.core.model.problems import Problem, Severity
from news_archive.core.model.urls import (
    is_web_url,
    normalise_url,
    relative_url,
    url_problem,
    without_tracking,
)

SOURCES = (
    "levant-wire:\n"
    "  name: Levant Wire\n"
    "  aliases: [LW]\n"
    "  url: https://levantwire.example/\n"
    "bracket-news:\n"
    "  name: Bracket News\n"
    '  url: "https://[x/"\n'
    "port-post:\n"
    "  name: Port Post\n"
    '  url: "https://x:99999/"\n'
    "odd-herald:\n"
    "  name: Odd Herald\n"
    '  description: "Half\\uFFFFway"\n'
    '  aliases: [OH, "O\\x01H"]\n'
)
COPY = "copy the address from the browser's address bar"
PORT = "has a port after the host name's ':' that is not a number from 0 to 65535"


def bad_article(slug: str, *lines: str, body: str = "Body.\n") -> tuple[str, str]:
    """An article whose front matter is written by hand (YAML escapes included)."""
    fields = {
        "title": "T",
        "date": "2017-09-17",
        "source": "LW",
        "url": f"https://x.example/{slug}",
    }
    for line in lines:
        fields[line.split(":", 1)[0]] = line.split(":", 1)[1].strip()
    front = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"content/articles/2017/09/{slug}.md", f"---\n{front}---\n{body}"


BAD_ARTICLES = [
    bad_article("url-bracket", 'url: "https://[x/"'),
    bad_article("url-port-letters", 'url: "https://x:abc/"'),
    bad_article("url-port-too-big", 'url: "https://x:99999/"'),
    bad_article("url-noncharacter", 'url: "https://example.com/a\\uFFFEb"'),
    bad_article("title-surrogate", 'title: "Half \\uD800 a pair"'),
    bad_article("summary-control", 'summary: "Bell\\x07"'),
    bad_article("tags-control", 'tags: [siege, "clear\\x1b[2J"]'),
    bad_article("key-control", '"ex\\x1btra": value'),
    bad_article("body-control", body="First line.\n\nSecond \x0c line.\n"),
    bad_article("body-noncharacter", body="A\n\nB \ufffe\n"),
]
ARTICLES = "content/articles/2017/09"
CONTROL = "contains an invisible control character"
NO_CHARACTER = "contains an invisible code that is no character"
BRACKETS = "has square brackets that do not hold an IPv6 address"
RETYPE = "retype the value without it"
ARTICLE_MESSAGES = [
    f"{ARTICLES}/body-control.md:9: error: the article's text {CONTROL} (U+000C); "
    "retype this line without it",
    f"{ARTICLES}/body-noncharacter.md:9: error: the article's text {NO_CHARACTER} (U+FFFE); "
    "retype this line without it",
    f"{ARTICLES}/key-control.md:6: error: a field name {CONTROL} (U+001B); "
    "retype the name without it",
    f"{ARTICLES}/summary-control.md:6: error: 'summary' {CONTROL} (U+0007); {RETYPE}",
    f"{ARTICLES}/tags-control.md:6: error: 'tags' {CONTROL} (U+001B); {RETYPE}",
    f"{ARTICLES}/title-surrogate.md:2: error: 'title' contains half of a surrogate pair, "
    f"which is no character on its own (U+D800); {RETYPE}",
    f"{ARTICLES}/url-bracket.md:5: error: 'url' {BRACKETS}, found 'https://[x/'; "
    f"remove the brackets, or {COPY}",
    f"{ARTICLES}/url-noncharacter.md:5: error: 'url' {NO_CHARACTER} (U+FFFE); {RETYPE}",
    f"{ARTICLES}/url-port-letters.md:5: error: 'url' {PORT}, found 'https://x:abc/'; "
    f"remove the ':' and the port, or {COPY}",
    f"{ARTICLES}/url-port-too-big.md:5: error: 'url' {PORT}, found 'https://x:99999/'; "
    f"remove the ':' and the port, or {COPY}",
]
REGISTRY_MESSAGES = [
    f"site_config/sources.yml:7: error: 'url' {BRACKETS}, found 'https://[x/'; "
    f"remove the brackets, or {COPY}",
    f"site_config/sources.yml:10: error: 'url' {PORT}, found 'https://x:99999/'; "
    f"remove the ':' and the port, or {COPY}",
    f"site_config/sources.yml:13: error: 'description' {NO_CHARACTER} (U+FFFF); {RETYPE}",
    f"site_config/sources.yml:14: error: 'aliases' {CONTROL} (U+0001); {RETYPE}",
]


def hostile_tree(project: Project) -> list[str]:
    """Two valid articles among the bad ones; returns the valid articles' site paths."""
    project.write("site_config/sources.yml", SOURCES)
    good = [
        project.article("good-one", source="LW", tags=["siege"], actors=["SDF"]),
        project.article("good-two", "2017-09-18", source="Odd Herald", locations=["Raqqa"]),
    ]
    for path, text in BAD_ARTICLES:
        project.write(path, text)
    return good


def validate(
    project: Project, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[str]]:
    project.write("mkdocs.yml", project.config_text())
    status = main(["validate", "--config", str(project.root / "mkdocs.yml"), *args])
    prefix = f"{project.root}/"
    return status, [line.removeprefix(prefix) for line in capsys.readouterr().out.splitlines()]


def test_bad_addresses_and_characters_are_errors_with_their_line(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_tree(project)
    status, lines = validate(project, capsys)
    assert [line for line in lines if ": error: " in line] == ARTICLE_MESSAGES + REGISTRY_MESSAGES
    assert status == 1


def test_a_strict_build_fails_cleanly_on_the_same_errors(project: Project) -> None:
    hostile_tree(project)
    project.write("content/index.md", "# Test archive\n")
    project.write("mkdocs.yml", project.config_text())
    result = subprocess.run(
        tool_command("build", "--strict"),
        cwd=project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    errors = [
        line.split("news_archive: ", 1)[1]
        for line in result.stderr.splitlines()
        if line.startswith("ERROR") and "news_archive: " in line
    ]
    assert errors == ARTICLE_MESSAGES + REGISTRY_MESSAGES


def test_a_plain_build_publishes_the_valid_articles_and_every_feed(project: Project) -> None:
    good = hostile_tree(project)
    site = project.build()
    assert site.article_links("archive/2017/09/") == good[::-1]
    bad = [path.removeprefix("content/").removesuffix(".md") + "/" for path, _ in BAD_ARTICLES]
    assert [path for path in bad if site.exists(path)] == []
    feeds = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("feed.xml"))
    assert feeds == [
        "actors/sdf/feed.xml",
        "feed.xml",
        "locations/raqqa/feed.xml",
        "sources/bracket-news/feed.xml",
        "sources/levant-wire/feed.xml",
        "sources/odd-herald/feed.xml",
        "sources/port-post/feed.xml",
        "tags/siege/feed.xml",
    ]
    for feed in feeds:
        parsed = feedparser.parse(site.file(feed).read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
    links = [entry.link for entry in feedparser.parse(site.file("feed.xml").read_bytes()).entries]
    assert links == [f"https://archive.example/{path}" for path in good[::-1]]
    # A source keeps its page without the address that could not be read.
    page = site.content("sources/bracket-news/")
    assert not [a for a in page.find_all("a", href=True) if "[x" in a["href"]]


# Text near the shapes that trouble urlsplit: brackets, colons, ports, hosts, escapes.
url_like = st.text(
    alphabet=st.sampled_from("hts:/[]@?#%.,x1-9 \t\n\x00\ufffe\uff1a\u2100") | st.characters(),
    max_size=40,
) | st.builds(
    "{}://{}{}{}".format,
    st.sampled_from(["http", "https", "HTTPS", "ftp", ""]),
    st.text(max_size=12),
    st.sampled_from(["", ":", ":80", ":99999", ":abc", ":-1", "]", "["]),
    st.text(max_size=12),
)


@settings(max_examples=500, deadline=None)
@given(text=url_like, other=url_like)
def test_the_address_check_and_every_address_function_never_raise(text: str, other: str) -> None:
    problem = url_problem(text)
    normalise_url(text)
    without_tracking(text)
    relative_url(text, other)
    assert is_web_url(text) == (problem is None)
    if problem is None:  # an accepted address is one Python can read in full
        parts = urlsplit(text)
        assert parts.scheme.lower() in ("http", "https")
        assert parts.hostname
        parts.port  # noqa: B018 (reading it must not raise)
    else:
        assert "found '" in problem


problems = st.builds(
    Problem,
    path=st.sampled_from(["a.md", "b.md", "site_config/tags.yml"]),
    line=st.integers(1, 3),
    severity=st.sampled_from(Severity),
    message=st.sampled_from(["x", "y", ""]),
    other_path=st.sampled_from(["", "a.md"]),
)


@settings(max_examples=300, deadline=None)
@given(found=st.lists(problems, max_size=12))
def test_any_list_of_problems_sorts_by_file_line_and_errors_first(found: list[Problem]) -> None:
    ordered = sorted(found)
    assert sorted(reversed(found)) == ordered  # one order, whatever the order found
    keys = [(p.path, p.line, not p.is_error, p.message, p.other_path) for p in ordered]
    assert keys == sorted(keys)


def test_an_error_and_a_warning_on_one_line_are_both_reported(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire", "aliases": ["LW"]}})
    project.article("good", source="LW")
    path, text = bad_article("mixed", 'tags: ["???", brand-new-tag]')
    project.write(path, text)
    status, lines = validate(project, capsys)
    assert [line.split(": ", 2)[1] for line in lines] == ["error", "warning"]
    assert all(line.startswith("content/articles/2017/09/mixed.md:6: ") for line in lines)
    assert status == 1
    site = project.build()
    found = [m for m in site.problems() if m.startswith("content/")]
    assert found == lines
    assert site.exists("articles/2017/09/good/")
    with pytest.raises(Abort):
        project.build(strict=True)


def shown_text(detail: feedparser.FeedParserDict) -> str:
    """What a feed reader shows for a title or summary: HTML is rendered, plain text is not;
    there must be no element to render."""
    if detail.type != "text/html":
        return detail.value
    shown = BeautifulSoup(detail.value, "html.parser")
    assert shown.find() is None, f"a tag reached the reader: {detail.value}"
    return shown.get_text()


def test_feed_text_reaches_readers_as_text_never_as_markup(project: Project) -> None:
    summary = '"><img src=x onerror=alert(1)>'
    title = '<b>Bold</b> & <a href="https://evil.example/">a link</a>'
    name, description = "<i>Evil</i> & co", "<img src=x onerror=alert(2)> Q&A"
    project.registry("actors", {"evil": {"name": name, "description": description}})
    project.article("hostile", title=title, summary=summary, actors=["evil"])
    site = project.build(strict=True)

    entry = feedparser.parse(site.file("feed.xml").read_bytes()).entries[0]
    assert entry.summary_detail.type == "text/html"  # RSS's description is HTML
    assert html.unescape(entry.summary) == summary
    assert shown_text(entry.summary_detail) == summary
    assert shown_text(entry.title_detail) == title

    term = feedparser.parse(site.file("actors/evil/feed.xml").read_bytes())
    assert shown_text(term.feed.title_detail) == f"{name} (Test archive)"
    assert shown_text(term.feed.subtitle_detail) == description
    assert shown_text(term.entries[0].summary_detail) == summary


def test_github_annotations_escape_the_file_name_and_the_message(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.registry("sources", {"levant-wire": {"name": "Levant Wire", "aliases": ["LW"]}})
    path, text = bad_article("x")
    project.write(path.replace("/x.md", "/a,b:c%.md"), text)
    status, lines = validate(project, capsys, "--format", "github")
    assert lines == [
        "::error file=content/articles/2017/09/a%2Cb%3Ac%25.md,line=1::the file name "
        "'a,b:c%25.md' must be lowercase words joined by '-', like a-b-c.md"
    ]
    assert status == 1


def test_import_feed_reports_items_whose_address_cannot_be_read(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    items = "".join(
        f"<item><title>Dispatch {n}</title><link>{url}</link>"
        f"<pubDate>Sun, 01 Jan 2017 09:30:00 +0300</pubDate><description>Text.</description></item>"
        for n, url in enumerate(
            ["https://w.example:99999/a", "https://[x/b", "https://w.example/c"]
        )
    )
    feed = project.write(
        "feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://w.example/</link>{items}</channel></rss>",
    )
    assert main(["import-feed", str(feed)]) == 1  # the bad items fail; the run goes on
    out, err = capsys.readouterr()
    assert out.splitlines() == ["content/articles/2017/01/dispatch-2.md"]
    assert "1 imported, 0 skipped as already archived, 2 failed" in err
