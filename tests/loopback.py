"""Loopback servers for the import tests: one that records what it is asked and can redirect
or trickle, one that only counts connections, and a record of every connection made.

The fetcher refuses loopback addresses by default; `allow_only` widens that to exactly one
server, so a redirect to any other address is still refused as it would be in real use.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from news_archive.core.importing.fetch import AllowAddress
from news_archive.core.importing.web_address import IPAddress

_connects: list[list[tuple[str, int]]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect" and _connects and isinstance(args[1], tuple):
        _connects[-1].append((str(args[1][0]), int(args[1][1])))


sys.addaudithook(_audit)  # hooks cannot be removed: it records only inside `connections()`


@contextmanager
def connections() -> Iterator[list[tuple[str, int]]]:
    """Every (address, port) this process connects a socket to inside the block."""
    made: list[tuple[str, int]] = []
    _connects.append(made)
    try:
        yield made
    finally:
        _connects.remove(made)


def allow_only(port: int) -> AllowAddress:
    """A fetch policy that allows 127.0.0.1 on ``port`` and nothing else."""

    def allowed(address: IPAddress, to_port: int) -> bool:
        return str(address) == "127.0.0.1" and to_port == port

    return allowed


Route = tuple[int, dict[str, str], bytes]


@dataclass
class Server:
    """An HTTP server on 127.0.0.1 answering each path from ``routes``."""

    routes: dict[str, Route] = field(default_factory=dict)
    trickle_headers: set[str] = field(default_factory=set)
    trickle_body: set[str] = field(default_factory=set)
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(path, Host header) of every request received."""
    stop: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def running(server: Server, tls: ssl.SSLContext | None = None) -> Iterator[Server]:
    """Serve ``server`` (over TLS with ``tls``) until the block ends; trickling answers
    stop when it does."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        httpd.shutdown()
        httpd.server_close()


def _handler(server: Server) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append((self.path, self.headers.get("Host", "")))
            if self.path in server.trickle_headers:
                self._trickle(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            elif self.path in server.trickle_body:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self._trickle(b"<p>")
            else:
                status, headers, body = server.routes.get(self.path, (404, {}, b"missing"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def _trickle(self, start: bytes) -> None:
            """A few bytes now and then, until the client hangs up or the test ends."""
            try:
                self.wfile.write(start)
                self.wfile.flush()
                while not server.stop.wait(0.05):
                    self.wfile.write(b"trickle")
                    self.wfile.flush()
            except OSError:
                pass  # the client hung up

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def listener() -> Iterator[tuple[int, Callable[[], int]]]:
    """A port on 127.0.0.1 that accepts connections and never answers; and a function
    counting the connections made to it so far."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    count = 0

    def connected() -> int:
        nonlocal count
        while True:
            try:
                accepted, _ = sock.accept()
            except BlockingIOError:
                return count
            accepted.close()
            count += 1

    try:
        yield sock.getsockname()[1], connected
    finally:
        sock.close()


def certificate(folder: Path, name: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``name`` and 127.0.0.1, and its key, made by openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", f"/CN={name}"),
            *("-addext", f"subjectAltName=DNS:{name},IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
