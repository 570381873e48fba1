"""One deadline for a whole exchange over the network, however the server paces it.

A socket's timeout bounds one read, so a server sending a byte now and then never trips
it; the deadline here bounds everything, and `hang_up_at` ends a read that is waiting when
the deadline comes.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class DeadlinePassed(Exception):
    """The deadline has come. Not an `OSError`, so that no handler of network errors
    mistakes it for one."""


class Deadline:
    """The moment an exchange must be over."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        """The time left, or `DeadlinePassed` once there is none."""
        self.check()
        return self.end - time.monotonic()

    def check(self) -> None:
        if time.monotonic() >= self.end:
            raise DeadlinePassed


@contextmanager
def hang_up_at(deadline: Deadline, sock: socket.socket) -> Iterator[None]:
    """Shut ``sock`` down when the deadline comes, whatever it is waiting for.

    Shutting a socket down from another thread ends any read at once. The caller checks the
    deadline after every read: a read ended this way looks like the end of the answer.
    """
    sock.settimeout(deadline.remaining())
    timer = threading.Timer(deadline.remaining(), _shut_down, (sock,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _shut_down(sock: socket.socket) -> None:
    # socket.socket's own shutdown: an SSL socket's would also drop its TLS state.
    with suppress(OSError):  # closed already
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
