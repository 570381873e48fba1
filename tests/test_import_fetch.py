"""Fetching for ``import`` and ``import-feed``: public web addresses only, every hop checked
before anything connects, one deadline and one size cap for the whole fetch.

Every server here is on 127.0.0.1, the only network tests use: the fetcher is told to allow
exactly the first server (`allow_only`), as it allows only public addresses in real use.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from loopback import Server, allow_only, certificate, connections, listener, running
from news_archive.core.importing.fetch import FetchError, FetchTimeout, fetch
from news_archive.core.importing.web_address import is_public

PAGE = b"<html><body><p>The page.</p></body></html>"
REFUSED = (
    "address of this computer or of a private or reserved network, which news-archive never "
    "fetches from"
)


@pytest.fixture
def server() -> Iterator[Server]:
    with running(Server(routes={"/page": (200, {"Content-Type": "text/html"}, PAGE)})) as s:
        yield s


def redirect(server: Server, to: str) -> str:
    """The address of a page on ``server`` that redirects to ``to``."""
    server.routes["/hop"] = (302, {"Location": to}, b"")
    return f"{server.address}/hop"


@pytest.mark.parametrize(
    ("to", "reason"),
    [
        ("http://127.0.0.1:{other}/admin", f"127.0.0.1 is an {REFUSED}"),
        ("http://2130706433:{other}/admin", f"2130706433 is at 127.0.0.1, an {REFUSED}"),
        ("http://[::1]:{other}/admin", f"::1 is an {REFUSED}"),
        ("http://[::ffff:127.0.0.1]:{other}/", f"::ffff:127.0.0.1 is an {REFUSED}"),
        ("http://169.254.169.254/latest/meta-data/", f"169.254.169.254 is an {REFUSED}"),
        ("http://10.0.0.1/intranet", f"10.0.0.1 is an {REFUSED}"),
        ("http://[fd00::1]/", f"fd00::1 is an {REFUSED}"),
        ("http://0.0.0.0:{other}/", f"0.0.0.0 is an {REFUSED}"),
    ],
)
def test_a_redirect_to_this_computer_or_its_network_is_refused_before_connecting(
    server: Server, to: str, reason: str
) -> None:
    with listener() as (other, connected), connections() as made:
        to = to.format(other=other)
        start = redirect(server, to)
        with pytest.raises(FetchError) as refused:
            fetch(start, allow_address=allow_only(server.port))
        assert connected() == 0
    assert str(refused.value) == f"{start} could not be fetched: it redirects to {to}, and {reason}"
    assert made == [("127.0.0.1", server.port)]  # the first hop only
    assert [path for path, _ in server.requests] == ["/hop"]


@pytest.mark.parametrize(
    "to", ["ftp://127.0.0.1/pub/page.html", "file:///etc/passwd", "gopher://127.0.0.1:70/"]
)
def test_a_redirect_to_another_scheme_is_refused(server: Server, to: str) -> None:
    start = redirect(server, to)
    with connections() as made, pytest.raises(FetchError) as refused:
        fetch(start, allow_address=allow_only(server.port))
    assert str(refused.value) == (
        f"{start} could not be fetched: it redirects to {to}, which is not a web address "
        "starting with https:// or http://"
    )
    assert made == [("127.0.0.1", server.port)]


def test_by_default_nothing_on_this_computer_is_fetched(server: Server) -> None:
    with connections() as made, pytest.raises(FetchError) as refused:
        fetch(f"{server.address}/page")
    assert str(refused.value) == (
        f"{server.address}/page could not be fetched: 127.0.0.1 is an {REFUSED}"
    )
    assert made == [] and server.requests == []


def test_a_name_is_refused_when_any_of_its_addresses_is_private(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        assert host == "news.example"
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("8.8.8.8", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with connections() as made, pytest.raises(FetchError) as refused:
        fetch("http://news.example/story")
    assert str(refused.value) == (
        f"http://news.example/story could not be fetched: news.example is at 10.0.0.1, an {REFUSED}"
    )
    assert made == []


def test_the_connection_goes_to_the_address_that_was_checked(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that resolves to another address once checked (DNS rebinding) cannot lead the
    fetch elsewhere: it resolves once per hop and connects to what it checked."""
    answers = iter(["127.0.0.1", "10.0.0.1", "10.0.0.1"])

    def rebinding(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    address = f"http://news.example:{server.port}/page"
    with connections() as made:
        body, final = fetch(address, allow_address=allow_only(server.port))
    assert (body, final) == (PAGE, address)
    assert made == [("127.0.0.1", server.port)]
    assert server.requests == [("/page", f"news.example:{server.port}")]


def test_redirects_on_allowed_addresses_are_followed_a_few_times(server: Server) -> None:
    server.routes["/moved"] = (301, {"Location": "/page"}, b"")
    server.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    allowed = allow_only(server.port)
    assert fetch(f"{server.address}/moved", allow_address=allowed) == (
        PAGE,
        f"{server.address}/page",
    )
    with pytest.raises(FetchError) as looping:
        fetch(f"{server.address}/loop", allow_address=allowed)
    assert str(looping.value) == (
        f"{server.address}/loop could not be fetched: it redirects more than 10 times"
    )


def test_https_checks_the_certificate_against_the_name_at_the_checked_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = certificate(tmp_path, "news.example")
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)

    def resolve(host: str, port: int, *args: object, **kwargs: object) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with running(Server(routes={"/page": (200, {}, PAGE)}), tls) as server:
        allowed = allow_only(server.port)
        address = f"https://news.example:{server.port}/page"
        with pytest.raises(FetchError) as untrusted:
            fetch(address, allow_address=allowed)
        # The reason in brackets is OpenSSL's, worded by its version.
        assert str(untrusted.value).startswith(
            f"{address} could not be fetched: the certificate of news.example could not be "
            "verified ("
        )
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted from now on
        assert fetch(address, allow_address=allowed) == (PAGE, address)
        other = f"https://other.example:{server.port}/page"
        with pytest.raises(FetchError) as mismatch:
            fetch(other, allow_address=allowed)
        assert str(mismatch.value).startswith(
            f"{other} could not be fetched: the certificate of other.example could not be "
            "verified ("
        )
    assert server.requests == [("/page", f"news.example:{server.port}")]


@pytest.mark.parametrize("where", ["trickle_headers", "trickle_body"])
def test_a_server_that_trickles_is_given_up_at_the_deadline(server: Server, where: str) -> None:
    """The server sends a few bytes now and then for as long as the client listens: only
    the overall deadline can end the fetch. The bound checked is generous on purpose."""
    getattr(server, where).add("/slow")
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            fetch(f"{server.address}/slow", timeout=1, allow_address=allow_only(server.port))
        except BaseException as exc:  # handed to the test's thread
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert not thread.is_alive(), "the fetch went on long after its deadline"
    assert len(outcome) == 1 and isinstance(outcome[0], FetchTimeout)
    assert str(outcome[0]) == (
        f"{server.address}/slow could not be fetched: the whole answer did not arrive within "
        "1 second"
    )


def test_an_answer_larger_than_the_cap_is_refused(server: Server) -> None:
    server.routes["/big"] = (200, {}, b"x" * 5000)
    with pytest.raises(FetchError) as large:
        fetch(f"{server.address}/big", allow_address=allow_only(server.port), max_bytes=1000)
    assert str(large.value) == (
        f"{server.address}/big could not be fetched: the answer is larger than 1000 bytes, "
        "more than any news page or feed"
    )
    body, _ = fetch(f"{server.address}/big", allow_address=allow_only(server.port))
    assert body == b"x" * 5000


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),
        ("64:ff9b::808:808", True),  # NAT64 of 8.8.8.8
        ("127.0.0.1", False),
        ("127.1.2.3", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # carrier-grade NAT
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("fec0::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("2001:db8::1", False),  # documentation
    ],
)
def test_only_public_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public
