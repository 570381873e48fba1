"""Fetching a page or a feed from the web, with a message a contributor can act on.

The address comes from a contributor or a feed, and the answer may redirect anywhere, so
every hop is checked before anything is sent: only ``http`` and ``https``, and only hosts
whose every address is public (`web_address`). The connection then goes to the very address
that was checked, so a name that resolves differently a moment later (DNS rebinding) cannot
lead it to this computer or its network. The whole fetch, from looking the name up to the
last byte, has one deadline and one size cap: a server that trickles bytes cannot hold it.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from ... import __version__
from .deadline import Deadline, DeadlinePassed, hang_up_at
from .web_address import IPAddress, is_public

# Enough for any news page or feed; a larger answer is not one.
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
TIMEOUT = 30.0
USER_AGENT = f"news-archive/{__version__}"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# What may stay in a request's path as written; anything else is percent-encoded.
_PATH_SAFE = "!#$%&'()*+,/:;=?@[]~"

AllowAddress = Callable[[IPAddress, int], bool]
"""Whether a fetch may connect to this address and port (the port lets a test allow its
own loopback server and no other)."""


def public_only(address: IPAddress, port: int) -> bool:
    """The default: any port of a public address; nothing on this computer or its network."""
    return is_public(address)


class FetchError(Exception):
    """The address could not be fetched; the message says why and what to do instead."""


class FetchTimeout(FetchError):
    """The whole answer did not arrive before the deadline."""


def fetch(
    url: str,
    timeout: float = TIMEOUT,
    *,
    allow_address: AllowAddress = public_only,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> tuple[bytes, str]:
    """The body of the answer at ``url`` and the address it finally came from (after
    redirects), or `FetchError`.

    ``timeout`` bounds the whole fetch, redirects included. ``allow_address`` is asked about
    every address a host name resolves to, before anything connects.
    """
    deadline = Deadline(timeout)
    current = url
    for redirects in range(max_redirects + 1):
        via = f"it redirects to {printable(current)}, and " if redirects else ""
        try:
            hop = _hop(current)
        except _NotWeb as exc:
            if not redirects:
                raise FetchError(f"{printable(url)} {exc}") from None
            message = f"it redirects to {printable(current)}, which {exc}"
            raise FetchError(f"{url} could not be fetched: {message}") from None
        try:
            location, body = _get(hop, deadline, allow_address, max_bytes)
        except _Refused as exc:
            raise FetchError(f"{url} could not be fetched: {via}{exc}") from None
        except FetchError as exc:
            raise FetchError(f"{url} could not be fetched: {exc}") from None
        except DeadlinePassed:
            seconds = f"{timeout:g} second{'s' * (timeout != 1)}"
            message = f"the whole answer did not arrive within {seconds}"
            raise FetchTimeout(f"{url} could not be fetched: {message}") from None
        if location is None:
            return body, current
        current = location
    raise FetchError(f"{url} could not be fetched: it redirects more than {max_redirects} times")


class _NotWeb(Exception):
    """The address is not one of the web's (the message completes "<address> ...")."""


class _Refused(FetchError):
    """The host is at an address no fetch may reach."""


@dataclass(frozen=True)
class _Hop:
    """One request: where to connect and what to ask for."""

    url: str
    secure: bool
    host: str
    port: int
    target: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == (443 if self.secure else 80) else f"{host}:{self.port}"


def _hop(url: str) -> _Hop:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise _NotWeb("is not a web address that can be read") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise _NotWeb("is not a web address starting with https:// or http://")
    if port == 0:
        raise _NotWeb("is not a web address that can be read")
    target = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        target += "?" + quote(parts.query, safe=_PATH_SAFE)
    secure = scheme == "https"
    return _Hop(url, secure, host, (443 if secure else 80) if port is None else port, target)


def _get(
    hop: _Hop, deadline: Deadline, allow_address: AllowAddress, max_bytes: int
) -> tuple[str | None, bytes]:
    """The next address when the answer redirects, else the body."""
    addresses = _resolve(hop.host, hop.port, deadline)
    for address in addresses:
        if not allow_address(address, hop.port):
            raise _Refused(_refusal(hop.host, address))
    sock = _connect(addresses, hop, deadline)
    try:
        if hop.secure:
            context = ssl.create_default_context()
            sock = context.wrap_socket(
                sock, server_hostname=hop.host, do_handshake_on_connect=False
            )
        with hang_up_at(deadline, sock):
            if isinstance(sock, ssl.SSLSocket):
                _handshake(sock, hop, deadline)
            return _exchange(sock, hop, deadline, max_bytes)
    except (OSError, http.client.HTTPException) as exc:
        deadline.check()  # a read ended by the deadline: say so, not how it ended
        raise FetchError(f"the answer of {hop.host} broke off ({_reason(exc)})") from None
    finally:
        sock.close()


def _refusal(host: str, address: IPAddress) -> str:
    given = _literal(host)
    where = f"{host} is an" if given == address else f"{host} is at {address}, an"
    return (
        f"{where} address of this computer or of a private or reserved network, which "
        "news-archive never fetches from"
    )


def _handshake(sock: ssl.SSLSocket, hop: _Hop, deadline: Deadline) -> None:
    try:
        sock.do_handshake()
    except ssl.SSLCertVerificationError as exc:
        deadline.check()
        message = f"the certificate of {hop.host} could not be verified ({exc.verify_message})"
        raise FetchError(message) from None
    except OSError as exc:
        deadline.check()
        raise FetchError(f"no secure connection to {hop.host} ({_reason(exc)})") from None


def _exchange(
    sock: socket.socket, hop: _Hop, deadline: Deadline, max_bytes: int
) -> tuple[str | None, bytes]:
    connection = http.client.HTTPConnection(hop.host, hop.port)
    connection.sock = sock  # connected to the checked address: it never connects again
    headers = {
        "Host": hop.host_header,
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "identity",
        "Connection": "close",
    }
    connection.request("GET", hop.target, headers=headers)
    with connection.getresponse() as response:
        deadline.check()
        location = response.getheader("Location")
        if response.status in _REDIRECTS and location:
            return urljoin(hop.url, location.strip()), b""
        if response.status >= 400:
            raise FetchError(f"the site answered {response.status} {response.reason}")
        return None, _body(response, deadline, max_bytes)


def _body(response: http.client.HTTPResponse, deadline: Deadline, max_bytes: int) -> bytes:
    if (response.length or 0) > max_bytes:
        raise FetchError(_too_large(max_bytes))
    body = bytearray()
    while chunk := response.read(_CHUNK):
        body += chunk
        deadline.check()
        if len(body) > max_bytes:
            raise FetchError(_too_large(max_bytes))
    deadline.check()  # a read cut short by the deadline looks like the end of the body
    return bytes(body)


def _resolve(host: str, port: int, deadline: Deadline) -> list[IPAddress]:
    """Every address ``host`` resolves to, looked up within the deadline."""
    if (given := _literal(host)) is not None:
        return [given]
    found: list[list[IPAddress]] = []

    def look_up() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return
        # An IPv6 address may end with its zone (fe80::1%eth0).
        found.append([ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos])

    # The system's resolver takes no deadline; a thread that may outlive the fetch can.
    thread = threading.Thread(target=look_up, daemon=True)
    thread.start()
    thread.join(deadline.remaining())
    deadline.check()
    if not found or not found[0]:
        raise FetchError(f"could not reach {host}: no network or no such host")
    return list(dict.fromkeys(found[0]))


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _connect(addresses: list[IPAddress], hop: _Hop, deadline: Deadline) -> socket.socket:
    """A connection to the first of the checked ``addresses`` that answers."""
    reason = "no address"
    for address in addresses:
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        timeout = deadline.remaining()
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.connect((str(address), hop.port))
            return sock
        except OSError as exc:
            sock.close()
            deadline.check()
            reason = _reason(exc)
    raise FetchError(f"could not reach {hop.host}: {reason}")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def _too_large(max_bytes: int) -> str:
    size = f"{max_bytes // 1024 // 1024} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes} bytes"
    return f"the answer is larger than {size}, more than any news page or feed"


def printable(url: str) -> str:
    """``url`` as printed: characters a terminal would not show are escaped."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in url.strip())
