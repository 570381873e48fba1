"""A synchronous client for ``pagefind --service``, Pagefind's indexing process.

The pagefind package's own asyncio client sleeps 100 ms before reading every response
(``PagefindService._wait_for_responses``), which caps indexing at ten pages a second: over
half an hour for 20,000 articles. This client speaks the same protocol - base64-encoded JSON
messages separated by commas on the process's stdin and stdout - and lets many requests be
in flight at once: it reads answers only when one is asked for, and then takes every answer
that has come. So the answers to a shard's pages are read dozens at a time by the thread that
sends them, with no reader thread woken by each answer (with one per process, the indexing
copy switched threads twice as often). It reuses the package's discovery of the binary
(``pagefind_bin``, or ``PAGEFIND_BINARY_PATH``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

from pagefind.service import get_executable

INDEXING_NICENESS = 10

_running: set[PagefindService] = set()
_pipes: set[int] = set()
_running_lock = threading.Lock()
"""The processes whose pipes this process holds, and other pipes copies must let go of;
taken while one starts or stops."""


def pipe_for_copies(fd: int) -> None:
    """A pipe whose reader must see it end when this process closes it: copies forked
    later let go of it."""
    with _running_lock:
        _pipes.add(fd)


def pipe_closed(fd: int) -> None:
    with _running_lock:
        _pipes.discard(fd)


@contextlib.contextmanager
def no_process_starts_or_stops() -> Iterator[None]:
    """Hold while forking the build: no other thread is then half-way through opening or
    closing a pipe that ``let_go_in_copy`` must find."""
    with _running_lock:
        yield


def let_go_in_copy() -> None:
    """In a forked copy of the build: let go of every pipe to Pagefind (and to the copy that
    indexes). A Pagefind process ends when its input closes, and it would wait for the copy
    to end too."""
    devnull = os.open(os.devnull, os.O_RDWR)
    held = set(_pipes)
    for service in _running:
        for stream in (service._process.stdin, service._process.stdout):
            if stream is not None and not stream.closed:
                held.add(stream.fileno())
    for fd in held:
        # The number stays open (on /dev/null): nothing reuses it for another file.
        os.dup2(devnull, fd)
    os.close(devnull)


class PagefindError(RuntimeError):
    """Pagefind refused a request, or its process stopped."""


class PagefindService:
    """One ``pagefind --service`` process; ``send`` queues a request, ``result`` waits for it.

    Used by one thread at a time (a shard's feeder, then its builder). Pagefind reads its
    input on a thread of its own and queues what it reads, so a request written is never
    held up by answers not read yet.
    """

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise PagefindError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
        with _running_lock:
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            _running.add(self)
        if hasattr(os, "setpriority"):
            # Indexing gives way to MkDocs: the page MkDocs renders holds up the build,
            # Pagefind's work can wait for the core MkDocs leaves idle.
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self._process.pid, INDEXING_NICENESS)
        self._next_id = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._unread = bytearray()
        self._ended = False

    def send(self, payload: dict[str, Any]) -> int:
        """Write one request without waiting for its answer; returns its message id."""
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        encoded = base64.b64encode(json.dumps(message).encode("utf-8")) + b","
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(encoded)
            self._process.stdin.flush()
        except (BrokenPipeError, ValueError) as exc:  # ValueError: closed by ``close``
            raise PagefindError("the Pagefind process stopped") from exc
        return self._next_id

    def result(self, message_id: int) -> dict[str, Any]:
        """The answer to one request, waiting for it; Pagefind's errors are raised."""
        while message_id not in self._answers:
            if self._ended:
                raise PagefindError("the Pagefind process stopped before answering")
            self._read_answers()
        payload = self._answers.pop(message_id)
        if payload.get("type") == "Error":
            raise PagefindError(payload.get("message", "Pagefind failed"))
        return payload

    def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.result(self.send(payload))

    def close(self) -> None:
        """End the process: it stops once its input ends, whatever it has not answered."""
        with _running_lock:
            _running.discard(self)
            if self._process.stdin is not None and not self._process.stdin.closed:
                with contextlib.suppress(OSError):  # it stopped with input unread
                    self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._ended = True

    def kill(self) -> None:
        """Stop the process at once, from any thread: a request waited for fails (an index
        no longer wanted, ``SearchIndexer.cancel``)."""
        with contextlib.suppress(OSError):
            self._process.kill()

    def _read_answers(self) -> None:
        """Wait for output, then take every whole answer that has come (a shard's files
        come in many reads: each is scanned once)."""
        stream = self._process.stdout
        assert stream is not None
        try:
            chunk = stream.read1(1 << 16) if not stream.closed else b""
        except (OSError, ValueError):  # closed by ``close`` meanwhile
            chunk = b""
        if not chunk:
            self._ended = True
            return
        scanned = len(self._unread)
        self._unread += chunk
        start = 0
        while (end := self._unread.find(b",", max(start, scanned))) >= 0:
            self._deliver(bytes(self._unread[start:end]))
            start = end + 1
        del self._unread[:start]

    def _deliver(self, encoded: bytes) -> None:
        response = json.loads(base64.b64decode(encoded))
        if not response:
            return
        message_id = response.get("message_id")
        if message_id is None:  # Pagefind could not read the message: find it in the echo
            original = response.get("payload", {}).get("original_message")
            message_id = json.loads(original).get("message_id") if original else None
        if message_id is None:
            return
        self._answers[message_id] = response.get("payload", {})
