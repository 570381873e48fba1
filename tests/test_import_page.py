"""``news-archive import`` turns saved news pages of every common shape into valid articles."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, Project
from loopback import Server, allow_only, connections, running
from news_archive import cli_import
from news_archive.cli import main
from news_archive.config import default_settings
from news_archive.core.importing.original import COPY_NOTE
from news_archive.core.reading.reader import read_article

PAGES = REPO / "tests/fixtures/pages"

ACTORS = {
    "islamic-state": {
        "name": "Islamic State",
        "aliases": ["IS", "ISIS", "Daesh", "État islamique", "داعش", "ИГИЛ"],
    },
    "syrian-democratic-forces": {
        "name": "Syrian Democratic Forces",
        "aliases": ["SDF", "Forces démocratiques syriennes", "قوات سوريا الديمقراطية"],
    },
    "us-led-coalition": {"name": "US-led coalition", "aliases": ["Coalition", "التحالف الدولي"]},
    "russian-defence-ministry": {
        "name": "Russian Defence Ministry",
        "aliases": ["Министерство обороны России"],
    },
    "syrian-arab-army": {"name": "Syrian Arab Army", "aliases": ["Syrian army", "armée syrienne"]},
}
LOCATIONS = {
    "raqqa": {"name": "Raqqa", "aliases": ["الرقة", "Ракка"]},
    "deir-ez-zor": {"name": "Deir ez-Zor", "aliases": ["Deir al-Zour", "دير الزور"]},
    "euphrates": {"name": "Euphrates", "aliases": ["Euphrate", "الفرات"]},
    "abu-kamal": {"name": "Abu Kamal", "aliases": ["Albu Kamal", "Абу-Кемаль"]},
    "mayadin": {"name": "Mayadin"},
    "palmyra": {"name": "Palmyra"},
    "syria": {"name": "Syria", "aliases": ["Syrie", "سوريا"]},
}
SOURCES = {
    "levant-wire": {"name": "Levant Wire", "url": "https://levantwire.example/"},
    "euphrates-herald": {
        "name": "Euphrates Herald",
        "aliases": ["The Euphrates Herald"],
        "url": "https://euphratesherald.example/",
    },
    "northern-desk": {"name": "Northern Desk", "url": "https://northerndesk.example/"},
    "global-dispatch": {"name": "Global Dispatch", "url": "https://globaldispatch.example/"},
    "riverline-radio": {
        "name": "Riverline Radio",
        "aliases": ["Riverline"],
        "url": "https://riverline.example/",
    },
    "al-furat-daily": {
        "name": "Al-Furat Daily",
        "aliases": ["الفرات اليومية"],
        "url": "https://alfurat.example/",
    },
}
TAGS = {"airstrikes": {"name": "Airstrikes"}, "battle-of-raqqa": {"name": "Battle of Raqqa"}}

# Navigation, advertisements, related links, comments and footers of the fixtures: none of
# them may reach an article's text.
BOILERPLATE = [
    "Subscribe",
    "Advertisement",
    "Cheap flights",
    "Earn money",
    "Related stories",
    "Commenter42",
    "fake news",
    "All rights reserved",
    "Privacy policy",
    "cookies",
    "Most read",
    "olive oil",
    "Sign up",
    "wake up people",
    "VPN",
    "troll_99",
    "Front page",
    "casino",
    "first!!!",
    "Terms",
    "Learn English",
    "aid money",
    "Publicité",
    "Jeannot75",
    "Mentions légales",
    "Écouter le direct",
    "إعلان",
    "هذا خبر قديم",
    "اشترك الآن",
    "Реклама",
    "Наконец-то",
    "Все права защищены",
]


@pytest.fixture
def site(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    project.registry("actors", ACTORS)
    project.registry("locations", LOCATIONS)
    project.registry("sources", SOURCES)
    project.registry("tags", TAGS)
    project.write("mkdocs.yml", project.config_text())
    monkeypatch.chdir(project.root)
    return project


def imported(site: Project, path: str) -> tuple[Any, str]:
    """The article at ``path`` as the validator reads it, and its body."""
    raw = (site.root / path).read_bytes()
    article, problems = read_article(path.removeprefix("content/"), raw, default_settings())
    assert [p for p in problems if p.is_error] == []
    return article, raw.decode().split("\n---\n", 1)[1]


PAGE_CASES = [
    pytest.param(
        "open-graph.html",
        "content/articles/2017/07/sdf-fighters-breach-raqqa-s-old-city-wall.md",
        {
            "title": "SDF fighters breach Raqqa's old city wall",
            "date": dt.date(2017, 7, 4),
            "source": "Levant Wire",
            "url": "https://levantwire.example/2017/07/04/sdf-breach-raqqa-old-city-wall",
            "authors": ("Jane Doe",),
            "summary": "US-backed fighters pushed into the old city after coalition aircraft "
            "opened gaps in the Rafiqah wall.",
            "language": "",  # en-GB: the site's language, left out
            "terms": {
                "tags": ("Battle of Raqqa", "Airstrikes"),
                "actors": ("Syrian Democratic Forces", "US-led coalition", "Islamic State"),
                "locations": ("Raqqa", "Euphrates"),
                "sources": ("Levant Wire",),
            },
        },
        [
            "The Syrian Democratic Forces breached the ancient Rafiqah wall on Tuesday",
            "[The full statement](https://coalition.example/statements/2017-07-04) was published",
            '> "This is a key milestone in the campaign to liberate Raqqa from ISIS,"',
            "## Civilians trapped",
            "The offensive on the city, which Islamic State declared its capital in 2014",
        ],
        id="open-graph",
    ),
    pytest.param(
        "json-ld.html",
        "content/articles/2017/09/syrian-army-breaks-three-year-siege-of-deir-ez-zor.md",
        {
            "title": "Syrian army breaks three-year siege of Deir ez-Zor",
            "date": dt.date(2017, 9, 5),
            "source": "Euphrates Herald",
            "url": "https://euphratesherald.example/news/middle-east/"
            "syrian-army-breaks-siege-deir-ez-zor-1.48213",
            "authors": ("Omar Haddad", "Lena Fischer"),
            "summary": "Government troops linked up with the besieged garrison of Deir ez-Zor "
            "after a rapid advance across the desert.",
            "language": "",  # the site's language, left out
            "terms": {
                "tags": (),
                "actors": (
                    "Syrian Arab Army",
                    "Islamic State",
                    "Russian Defence Ministry",
                    "Syrian Democratic Forces",
                ),
                "locations": ("Deir ez-Zor", "Palmyra", "Euphrates"),
                "sources": ("Euphrates Herald",),
            },
        },
        [
            "Syrian government forces broke the Islamic State siege of Deir ez-Zor on Tuesday",
            "About 93,000 civilians live in the government-held districts",
            "which opened its own offensive on the eastern bank.",
        ],
        id="json-ld",
    ),
    pytest.param(
        "microdata.html",
        "content/articles/2017/09/sdf-seizes-conoco-gas-field-east-of-the-euphrates.md",
        {
            "title": "SDF seizes Conoco gas field east of the Euphrates",
            "date": dt.date(2017, 9, 23),
            "source": "Northern Desk",
            "url": "https://northerndesk.example/foreign/sdf-seizes-conoco-gas-field",
            "authors": ("Sara Lind",),
            "summary": "The Syrian Democratic Forces said on Saturday they had taken the Conoco "
            "gas field in Deir ez-Zor province from the Islamic State, one of the largest in "
            "Syria.",
            "language": "",  # the site's language, left out
            "terms": {
                "tags": (),
                "actors": ("Syrian Democratic Forces", "Islamic State", "US-led coalition"),
                "locations": ("Euphrates", "Deir ez-Zor", "Syria"),
                "sources": ("Northern Desk",),
            },
        },
        [
            "The Syrian Democratic Forces said on Saturday they had taken the Conoco gas field",
            "An SDF commander said the field's facilities were largely intact",
        ],
        id="microdata",
    ),
    pytest.param(
        "byline-in-text.html",
        "content/articles/2017/08/syrian-army-retakes-al-sukhnah-from-islamic-state.md",
        {
            "title": "Syrian army retakes al-Sukhnah from Islamic State",
            "date": dt.date(2017, 8, 12),
            "source": "Global Dispatch",  # its site, as no name is given
            "url": "https://www.globaldispatch.example/2017/08/12/syrian-army-retakes-sukhnah",
            "authors": ("John Smith", "Maria Garcia"),
            "summary": "DAMASCUS (Global Dispatch) - The Syrian army and its allies took full "
            "control of the town of al-Sukhnah, the last major Islamic State stronghold in Homs "
            "province, a military source said on Saturday.",
            "language": "",
            "terms": {
                "tags": (),
                "actors": ("Syrian Arab Army", "Islamic State"),
                "locations": ("Palmyra", "Deir ez-Zor"),
                "sources": ("Global Dispatch",),
            },
        },
        [
            "DAMASCUS (Global Dispatch) - The Syrian army and its allies took full control",
            "Reporting by John Smith in Beirut and Maria Garcia in Moscow",
        ],
        id="byline-in-text",
    ),
    pytest.param(
        "french.html",
        "content/articles/2017/10/l-armee-syrienne-reprend-mayadin-a-l-etat-islamique.md",
        {
            "title": "L'armée syrienne reprend Mayadin à l'État islamique",
            "date": dt.date(2017, 10, 14),
            "source": "Riverline Radio",
            "url": "https://riverline.example/fr/monde/2017/10/14/armee-syrienne-reprend-mayadin",
            "authors": ("Claire Martin",),
            "summary": "Les forces gouvernementales ont repris la ville de Mayadin, sur "
            "l'Euphrate, après plusieurs jours de combats.",
            "language": "fr",
            "terms": {
                "tags": (),
                "actors": (
                    "Syrian Arab Army",
                    "Islamic State",
                    "Syrian Democratic Forces",
                ),
                "locations": ("Mayadin", "Euphrates", "Deir ez-Zor"),
                "sources": ("Riverline Radio",),
            },
        },
        [
            "L'armée syrienne a annoncé samedi avoir repris le contrôle total de Mayadin",
            "> « Nos unités ont rétabli la sécurité dans la ville",
            "les Forces démocratiques syriennes poursuivent leur propre offensive",
        ],
        id="french",
    ),
    pytest.param(
        "arabic.html",
        "content/articles/2017/10/raqqa-liberated.md",
        {
            "title": "قوات سوريا الديمقراطية تسيطر بالكامل على الرقة",
            "date": dt.date(2017, 10, 17),
            "source": "Al-Furat Daily",
            "url": "https://alfurat.example/ar/news/2017/10/17/raqqa-liberated",
            "authors": ("أحمد الخطيب",),
            "summary": "أعلنت قوات سوريا الديمقراطية يوم الثلاثاء سيطرتها الكاملة على مدينة "
            "الرقة بعد أكثر من أربعة أشهر من المعارك مع تنظيم داعش، بدعم من التحالف الدولي.",
            "language": "ar",
            "terms": {
                "tags": (),
                "actors": ("Syrian Democratic Forces", "Islamic State", "US-led coalition"),
                # "Syria" is a word of the SDF's Arabic name, the first thing the title names.
                "locations": ("Syria", "Raqqa", "Euphrates"),
                "sources": ("Al-Furat Daily",),
            },
        },
        [
            "> «انتهت المعركة، والرقة الآن محررة بالكامل»، قال المتحدث في مؤتمر صحفي.",
            "وتقع الرقة على الضفة الشمالية لنهر الفرات",
        ],
        id="arabic-rtl",
    ),
    pytest.param(
        "russian.html",
        "content/articles/2017/11/abu-kemal.md",  # the address's words, not a transliteration
        {
            "title": "Сирийская армия освободила Абу-Кемаль",
            "date": dt.date(2017, 11, 9),
            "source": "Северный вестник",  # unregistered: kept as the page names it
            "url": "https://severny-vestnik.example/world/2017/11/09/abu-kemal",
            "authors": ("Иван Петров",),
            "summary": "Сирийские правительственные войска при поддержке российской авиации "
            "полностью освободили город Абу-Кемаль на границе с Ираком, сообщило Министерство "
            "обороны России.",
            "language": "ru",
            "terms": {
                "tags": (),
                "actors": ("Russian Defence Ministry", "Islamic State"),
                "locations": ("Abu Kamal",),
                "sources": ("Северный вестник",),
            },
        },
        [
            "Абу-Кемаль был последним крупным городом в Сирии",
            "По данным военных, саперы приступили к разминированию кварталов",
        ],
        id="russian-cyrillic",
    ),
]


@pytest.mark.parametrize(("page", "path", "expected", "paragraphs"), PAGE_CASES)
def test_every_field_the_page_carries_lands_in_a_valid_article(
    site: Project,
    capsys: pytest.CaptureFixture[str],
    page: str,
    path: str,
    expected: dict[str, Any],
    paragraphs: list[str],
) -> None:
    assert main(["import", str(PAGES / page)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [path]
    assert "not found in the page" not in err
    article, body = imported(site, path)
    found = {key: getattr(article, key) for key in expected}
    found["terms"] = {
        key: value for key, value in article.terms.items() if value or key in expected["terms"]
    }
    assert found == expected
    assert body.startswith(COPY_NOTE + "\n\n")
    for paragraph in paragraphs:
        assert paragraph in body
    assert article.title not in body  # the headline is the page's title, not a heading
    for text in BOILERPLATE:
        assert text not in body, f"{text!r} is boilerplate"
    assert main(["validate", path]) == 0


def test_the_byline_is_left_out_of_the_text(site: Project) -> None:
    folder = "content/articles/2017"
    assert main(["import", str(PAGES / "byline-in-text.html")]) == 0
    _, body = imported(site, f"{folder}/08/syrian-army-retakes-al-sukhnah-from-islamic-state.md")
    assert "By John Smith" not in body
    assert main(["import", str(PAGES / "french.html")]) == 0
    _, body = imported(site, f"{folder}/10/l-armee-syrienne-reprend-mayadin-a-l-etat-islamique.md")
    assert "Claire Martin, le 14 octobre 2017" not in body


def test_what_the_page_does_not_say_is_left_empty_listed_and_reported_by_the_validator(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(PAGES / "bare.html")]) == 1
    path = "content/articles/undated/raqqa-residents-return-to-mined-ruins.md"
    out, err = capsys.readouterr()
    assert out.splitlines() == [path]
    assert err.splitlines() == [
        f"{path}:3: error: 'date' must be a date like 2017-09-17 (year-month-day), found nothing",
        f"{path}:4: error: 'source' must be a line of text, found nothing",
        f"{path}:5: error: 'url' must be a line of text, found nothing",
        f"news-archive import: not found in the page, fill in {path}: date (the original's "
        "publication date, like 2017-09-17); source (the publisher's name); url (the original's "
        "web address)",
        "news-archive import: the text is the original's: unless its licence allows copying it, "
        "replace it with a summary in your own words (CONTRIBUTING.md, section 6)",
    ]
    text = (site.root / path).read_text()
    assert text.startswith(
        "---\n"
        "title: Raqqa residents return to mined ruins\n"
        'date: ""\n'
        'source: ""\n'
        'url: ""\n'
        "tags: []\n"
        "actors: [Islamic State]\n"
        "locations: [Raqqa]\n"
        "---\n"
    )
    assert "Hundreds of families have begun returning to Raqqa" in text
    for boilerplate in ("Home", "Archive", "Learn English", "aid money"):
        assert boilerplate not in text.split("\n---\n", 1)[1]
    assert main(["validate", path]) == 1
    # Once filled in, the validator tells where the file belongs.
    (site.root / path).write_text(
        text.replace('date: ""', "date: 2018-01-20")
        .replace('source: ""', "source: Levant Wire")
        .replace('url: ""', "url: https://levantwire.example/raqqa-returns")
    )
    capsys.readouterr()
    assert main(["validate", path]) == 1
    assert (
        f"{path}:3: error: an article dated 2018-01-20 belongs in content/articles/2018/01/; "
        f"move the file to content/articles/2018/01/raqqa-residents-return-to-mined-ruins.md"
    ) in capsys.readouterr().out


def test_url_option_gives_the_address_and_its_site_gives_the_source(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "https://www.levantwire.example/2018/01/raqqa-returns?utm_source=share#top"
    assert main(["import", str(PAGES / "bare.html"), "--url", url]) == 1
    path = "content/articles/undated/raqqa-residents-return-to-mined-ruins.md"
    err = capsys.readouterr().err
    assert f"{path}: date (the original's publication date, like 2017-09-17)\n" in err
    text = (site.root / path).read_text()
    assert "source: Levant Wire\nurl: https://www.levantwire.example/2018/01/raqqa-returns\n" in (
        text
    )


def test_a_url_already_archived_is_refused_even_by_an_article_with_errors(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    written_otherwise = "http://levantwire.example/2017/07/04/sdf-breach-raqqa-old-city-wall/"
    site.article("wall", "2017-07-04", url=written_otherwise)
    assert main(["import", str(PAGES / "open-graph.html")]) == 1
    assert capsys.readouterr().err.strip() == (
        "news-archive: https://levantwire.example/2017/07/04/sdf-breach-raqqa-old-city-wall "
        "is already archived by content/articles/2017/07/wall.md"
    )
    url = "https://levantwire.example/raqqa-returns"
    assert main(["import", str(PAGES / "bare.html"), "--url", url]) == 1  # written, undated
    capsys.readouterr()
    assert main(["import", str(PAGES / "bare.html"), "--url", url]) == 1
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {url} is already archived by "
        "content/articles/undated/raqqa-residents-return-to-mined-ruins.md"
    )
    assert len(list((site.root / "content/articles").rglob("*.md"))) == 2


def test_a_file_that_is_no_page_is_explained(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = site.write("empty.html", "")
    assert main(["import", str(empty)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"news-archive import: {empty}: this is not a web page (no HTML could be read)"
    )
    assert main(["import", "missing.html"]) == 2
    assert capsys.readouterr().err.strip() == (
        "news-archive: missing.html: cannot be read: No such file or directory"
    )
    assert main(["import", str(PAGES / "bare.html"), "--url", "levantwire.example/x"]) == 2
    assert capsys.readouterr().err.strip() == (
        "news-archive: --url must be a web address starting with https://, "
        "found 'levantwire.example/x'"
    )
    assert not (site.root / "content/articles").exists()


@pytest.fixture
def web_server(serve: Callable[[Path], str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The fixtures' pages on a loopback server, the one address the import may fetch."""
    address = serve(PAGES)
    monkeypatch.setattr(cli_import, "FETCH_ALLOWED", allow_only(int(address.rsplit(":", 1)[1])))
    return address


def test_a_page_is_fetched_from_its_address(
    site: Project, web_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", f"{web_server}/json-ld.html"]) == 0
    path = "content/articles/2017/09/syrian-army-breaks-three-year-siege-of-deir-ez-zor.md"
    assert capsys.readouterr().out.splitlines() == [path]
    article, _ = imported(site, path)
    assert article.url.startswith("https://euphratesherald.example/news/")  # the canonical one


def test_a_page_that_cannot_be_fetched_says_why_and_what_to_do(
    site: Project, web_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", f"{web_server}/gone.html"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {web_server}/gone.html could not be fetched: the site answered "
        "404 File not found; save it from your browser and run news-archive import with the "
        f"saved file and --url {web_server}/gone.html"
    )


def test_an_archived_address_is_refused_before_it_is_fetched(
    site: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    site.article("story", url="http://127.0.0.1:9/closed-port/story")
    assert main(["import", "http://127.0.0.1:9/closed-port/story"]) == 1
    assert "is already archived by content/articles/2017/09/story.md" in capsys.readouterr().err


def test_the_imported_site_builds(site: Project, tmp_path: Path) -> None:
    for page in ("open-graph.html", "arabic.html", "russian.html"):
        assert main(["import", str(PAGES / page)]) == 0
    built = site.build(strict=False)
    page = built.content("articles/2017/07/sdf-fighters-breach-raqqa-s-old-city-wall/")
    quote = page.select_one("blockquote")
    assert quote is not None and "key milestone" in quote.get_text()
    link = page.find("a", string="The full statement")
    assert link is not None and link["href"] == "https://coalition.example/statements/2017-07-04"
    assert "Imported text" not in page.get_text()  # the note is an HTML comment
    assert built.exists("articles/2017/10/raqqa-liberated/")


def test_a_redirect_to_an_internal_page_is_refused_and_nothing_is_written(
    site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    internal_page = (PAGES / "json-ld.html").read_bytes()
    with (
        running(Server(routes={"/": (200, {}, internal_page)})) as internal,
        running(Server()) as public,
        connections() as made,
    ):
        public.routes["/story"] = (302, {"Location": f"{internal.address}/"}, b"")
        monkeypatch.setattr(cli_import, "FETCH_ALLOWED", allow_only(public.port))
        assert main(["import", f"{public.address}/story"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {public.address}/story could not be fetched: it redirects to "
        f"{internal.address}/, and 127.0.0.1 is an address of this computer or of a private or "
        "reserved network, which news-archive never fetches from; save it from your browser "
        f"and run news-archive import with the saved file and --url {public.address}/story"
    )
    assert internal.requests == [] and made == [("127.0.0.1", public.port)]
    assert not (site.root / "content/articles").exists()


def test_a_page_that_never_ends_is_given_up_after_the_timeout(
    site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server trickles bytes until the client hangs up; the bound is generous."""
    with running(Server(trickle_body={"/slow"})) as slow:
        monkeypatch.setattr(cli_import, "FETCH_ALLOWED", allow_only(slow.port))
        status: list[int] = []
        command = ["import", f"{slow.address}/slow", "--timeout", "1"]
        thread = threading.Thread(target=lambda: status.append(main(command)), daemon=True)
        thread.start()
        thread.join(20)
        assert not thread.is_alive(), "the import went on long after its timeout"
    assert status == [2]
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {slow.address}/slow could not be fetched: the whole answer did not "
        "arrive within 1 second; save it from your browser and run news-archive import with "
        f"the saved file and --url {slow.address}/slow (or give it more time with --timeout)"
    )
    assert not (site.root / "content/articles").exists()


def test_offline_the_import_says_so_in_plain_words(
    site: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def offline(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    address = "https://levantwire.example/2017/07/04/story"
    assert main(["import", address]) == 2
    assert capsys.readouterr().err.strip() == (
        f"news-archive: {address} could not be fetched: could not reach levantwire.example: "
        "no network or no such host; save it from your browser and run news-archive import "
        f"with the saved file and --url {address}"
    )


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            ["import", "https://levantwire.example:99999/story"],
            "https://levantwire.example:99999/story is not a web address that can be read; "
            "save it from your browser and run news-archive import with the saved file and "
            "--url https://levantwire.example:99999/story",
        ),
        (
            ["import", "https://[levantwire/story"],
            "https://[levantwire/story is not a web address that can be read; save it from "
            "your browser and run news-archive import with the saved file and --url "
            "https://[levantwire/story",
        ),
        (
            ["import", str(PAGES / "bare.html"), "--url", "https://levantwire.example:99999/"],
            "--url https://levantwire.example:99999/ cannot be the original's address: its port "
            "'99999' is not a number from 1 to 65535",
        ),
        (
            ["import", str(PAGES / "bare.html"), "--url", "https://levantwire.example/a\ufffeb"],
            "--url https://levantwire.example/a\\ufffeb cannot be the original's address: it "
            "holds a space or an invisible character (U+FFFE)",
        ),
    ],
)
def test_a_malformed_address_is_explained(
    site: Project, capsys: pytest.CaptureFixture[str], command: list[str], message: str
) -> None:
    with connections() as made:
        assert main(command) == 2
    assert capsys.readouterr().err.strip() == f"news-archive: {message}"
    assert made == []
    assert not (site.root / "content/articles").exists()
