"""MkDocs' server watches the files by polling them from a thread of its own process; while
an edit's pass (or a rebuild) runs, polling waits, and the first poll after it still sees
every change made meanwhile (``served_alone._polling_paused``)."""

from __future__ import annotations

import threading
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from news_archive.served_alone import _polling_paused

DEADLINE = 60


class _Seen(FileSystemEventHandler):
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.paths.append(str(event.src_path))
            self.changed.set()


def test_the_servers_polling_waits_while_paused_and_then_sees_what_changed(
    tmp_path: Path,
) -> None:
    watched = tmp_path / "content"
    watched.mkdir()
    article = watched / "article.md"
    article.write_text("before\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    observer = server.observer  # MkDocs' own watcher, as ``mkdocs serve`` makes it
    seen = _Seen()
    observer.schedule(seen, str(watched), recursive=True)
    observer.start()
    try:
        with _polling_paused(observer):
            pollers = list(observer.emitters)
            assert pollers and all(poller._lock.locked() for poller in pollers)
            article.write_text("after, a longer text\n", encoding="utf-8")
        assert not any(poller._lock.locked() for poller in pollers)
        assert seen.changed.wait(DEADLINE), "the change made while paused was never seen"
        assert str(article) in seen.paths
    finally:
        observer.stop()
        observer.join()
        server.server_close()
