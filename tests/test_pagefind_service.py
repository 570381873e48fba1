"""The client of Pagefind's indexing process, against the real Pagefind binary."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from news_archive.search.service import PagefindError, PagefindService

PAGES = 600
"""More answers than a pipe holds (64 KB): none are read until every page is sent."""


def _page(number: int) -> dict[str, Any]:
    return {
        "type": "AddFile",
        "url": f"/articles/{number}/",
        "file_path": None,
        "file_contents": f'<html lang="en"><body><main data-pagefind-body><h1>Page {number}'
        f"</h1><p>{'word ' * 50}number{number}</p></main></body></html>",
    }


def _within(seconds: float, work: Any) -> Any:
    """Run ``work`` on a thread; fail, instead of hanging, if it has not ended in time."""
    outcome: list[tuple[Any, BaseException | None]] = []

    def run() -> None:
        try:
            outcome.append((work(), None))
        except BaseException as exc:  # raised below, on the test's thread
            outcome.append((None, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"no answer within {seconds} s: the client and Pagefind wait for each other"
    value, error = outcome[0]
    if error is not None:
        raise error
    return value


def test_every_page_in_flight_gets_its_own_answer_and_the_index_holds_them_all() -> None:
    service = PagefindService()
    try:
        index = service.call({"type": "NewIndex", "config": {"force_language": "en"}})
        index_id = index["index_id"]

        def index_all() -> tuple[list[dict[str, Any]], dict[str, Any]]:
            sent = [service.send({**_page(n), "index_id": index_id}) for n in range(PAGES)]
            answers = [service.result(message) for message in reversed(sent)]
            files = service.call({"type": "GetFiles", "index_id": index_id})
            return answers, files

        answers, files = _within(60, index_all)
    finally:
        service.close()
    urls = [answer["page_url"] for answer in reversed(answers)]
    assert urls == [f"/articles/{n}/" for n in range(PAGES)]
    fragments = [f for f in files["files"] if f["path"].startswith("fragment/")]
    assert len(fragments) == PAGES


def test_an_answer_that_is_an_error_is_raised() -> None:
    service = PagefindService()
    try:
        with pytest.raises(PagefindError):
            _within(30, lambda: service.call({**_page(1), "index_id": 12345}))
    finally:
        service.close()


def test_a_request_after_the_process_ended_says_so() -> None:
    service = PagefindService()
    service.close()
    with pytest.raises(PagefindError, match="stopped"):
        service.call({"type": "NewIndex", "config": {}})
