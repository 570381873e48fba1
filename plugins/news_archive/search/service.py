"""A synchronous client for ``pagefind --service``, Pagefind's indexing process.

The pagefind package's own asyncio client sleeps 100 ms before reading every response
(``PagefindService._wait_for_responses``), which caps indexing at ten pages a second: over
half an hour for 20,000 articles. This client speaks the same protocol - base64-encoded JSON
messages separated by commas on the process's stdin and stdout - and reads responses as they
come, on a thread, so that many pages can be in flight at once. It reuses the package's
discovery of the binary (``pagefind_bin``, or ``PAGEFIND_BINARY_PATH``).
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
    """One ``pagefind --service`` process; ``send`` queues a request, ``result`` waits for it."""

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
        self._responses: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        self._closed = False
        self._reader = threading.Thread(target=self._read, name="pagefind-service", daemon=True)
        self._reader.start()

    def send(self, payload: dict[str, Any]) -> int:
        """Write one request without waiting for its answer; returns its message id."""
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        encoded = base64.b64encode(json.dumps(message).encode("utf-8")) + b","
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(encoded)
            self._process.stdin.flush()
        except BrokenPipeError as exc:
            raise PagefindError("the Pagefind process stopped") from exc
        return self._next_id

    def result(self, message_id: int) -> dict[str, Any]:
        """The answer to one request, waiting for it; Pagefind's errors are raised."""
        with self._arrived:
            while message_id not in self._responses:
                if self._closed:
                    raise PagefindError("the Pagefind process stopped before answering")
                self._arrived.wait()
            payload = self._responses.pop(message_id)
        if payload.get("type") == "Error":
            raise PagefindError(payload.get("message", "Pagefind failed"))
        return payload

    def call(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.result(self.send(payload))

    def close(self) -> None:
        with _running_lock:
            _running.discard(self)
            if self._process.stdin is not None and not self._process.stdin.closed:
                self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=10)
        if self._process.stdout is not None:
            self._process.stdout.close()

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        buffer = bytearray()
        searched = 0  # a large answer (a shard's files) comes in many reads: scan each once
        try:
            while chunk := stream.read1(1 << 16):
                buffer += chunk
                while (end := buffer.find(b",", searched)) >= 0:
                    self._deliver(bytes(buffer[:end]))
                    del buffer[: end + 1]
                    searched = 0
                searched = len(buffer)
        finally:
            with self._arrived:
                self._closed = True
                self._arrived.notify_all()

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
        with self._arrived:
            self._responses[message_id] = response.get("payload", {})
            self._arrived.notify_all()
