"""How the search index is cut into shards (the newest first, the older parts stable), and
how the indexer that fills them builds and fails."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

import pytest

from news_archive.core.model.article import Article
from news_archive.core.planning.search_layout import ShardPlan, plan_shards
from news_archive.search import Listed, SearchIndexer
from news_archive.search import indexer as indexer_module
from news_archive.search.service import PagefindError


def archive(count: int) -> list[Article]:
    """``count`` articles, one a day, newest first."""
    start = dt.date(2020, 1, 1)
    days = [start + dt.timedelta(days=n) for n in range(count)]
    return [
        Article(f"articles/{day:%Y/%m}/a{day:%d}.md", f"A {day}", day, "Wire", f"https://x/{day}")
        for day in reversed(days)
    ]


def members(plan: ShardPlan) -> dict[str, set[str]]:
    held: dict[str, set[str]] = {shard.folder: set() for shard in plan.shards}
    for path, number in plan.shard_of.items():
        held[plan.shards[number].folder].add(path)
    return held


def test_the_newest_shard_is_full_and_the_oldest_parts_count_from_the_oldest() -> None:
    articles = archive(7)
    plan = plan_shards(articles, 2)
    assert [(s.folder, s.name, s.articles) for s in plan.shards] == [
        ("pagefind/", "newest", 2),
        ("pagefind/recent/", "recent", 1),
        ("pagefind/part-2/", "part-2", 2),
        ("pagefind/part-1/", "part-1", 2),
    ]
    assert members(plan)["pagefind/part-1/"] == {a.path for a in articles[-2:]}
    assert members(plan)["pagefind/"] == {a.path for a in articles[:2]}
    assert plan.total == 7 == len(plan.shard_of)


def test_new_articles_leave_the_older_parts_as_they_were() -> None:
    """A build with new articles rebuilds the newest and recent shards, not the parts."""
    before = members(plan_shards(archive(7), 2))
    for count in (8, 9, 10):
        after = members(plan_shards(archive(count), 2))
        for part in ("pagefind/part-1/", "pagefind/part-2/"):
            assert after[part] == before[part]
    # At 8 the recent shard was full and became part 3, which 9 and 10 leave as it was.
    at_eight = members(plan_shards(archive(8), 2))
    assert "pagefind/recent/" not in at_eight
    assert after["pagefind/part-3/"] == at_eight["pagefind/part-3/"]


def test_a_small_archive_is_one_shard() -> None:
    plan = plan_shards(archive(2), 5)
    assert [(s.folder, s.articles) for s in plan.shards] == [("pagefind/", 2)]
    assert [s.folder for s in plan_shards([], 5).shards] == ["pagefind/"]


def test_an_indexing_failure_stops_the_build_at_the_next_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are handed to Pagefind on a thread of its own: its failure must not wait for
    the end of the build (nor slow every page down) to be told."""
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # a Pagefind that dies at once
    articles = archive(2)
    order = [Listed(a.path, f"/{a.site_path}", "") for a in articles]
    indexer = SearchIndexer(tmp_path, "en", plan_shards(articles, 10), order)
    indexer.start()
    indexer.add(order[0].path, order[0].url, "<p>First.</p>", "en")
    # The feeder thread takes the first page, starts Pagefind, finds it dead and stops.
    feeder = next(t for t in threading.enumerate() if t.name == "pagefind-feeder")
    feeder.join(timeout=60)  # a guard against hanging only: it ends as soon as Pagefind dies
    assert not feeder.is_alive()
    with pytest.raises(PagefindError):  # told at the very next page, not at the end
        indexer.add(order[1].path, order[1].url, "<p>Second.</p>", "en")
    indexer.abort()


def test_once_the_last_page_is_in_two_shards_are_built_at_once_and_each_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While MkDocs renders, one shard is built at a time; after its last page its core is
    free, and the shards still waiting are built two at once."""
    # The first two shards to be written meet at a barrier: it opens only if both are being
    # written at once, which MkDocs' last page allows, and never before it.
    both_writing = threading.Barrier(2)
    events: list[str] = []
    lock = threading.Lock()
    write = indexer_module._Shard.write
    last_page_rendered = SearchIndexer.last_page_rendered

    def told_of_the_last_page(self: SearchIndexer) -> None:
        with lock:
            events.append("last page")
        last_page_rendered(self)

    def meeting_write(shard: indexer_module._Shard) -> float:
        with lock:
            events.append(f"writing {shard.number}")
            first_two = sum(event.startswith("writing") for event in events) <= 2
        if first_two:
            both_writing.wait(timeout=60)  # a guard against hanging only
        return write(shard)

    monkeypatch.setattr(SearchIndexer, "last_page_rendered", told_of_the_last_page)
    monkeypatch.setattr(indexer_module._Shard, "write", meeting_write)
    articles = archive(6)
    plan = plan_shards(articles, 2)
    order = [Listed(a.path, f"/{a.site_path}", "") for a in reversed(articles)]  # oldest first
    indexer = SearchIndexer(tmp_path, "en", plan, order)
    indexer.start()
    for listed in order:
        page = f"<div data-pagefind-body><h1>Report</h1><p>Filed as {listed.path}.</p></div>"
        indexer.add(listed.path, listed.url, page, "en")
    indexer.finish()
    writing = [event for event in events if event.startswith("writing")]
    assert len(writing) == 3
    # The second shard's writing started only once MkDocs had rendered its last page.
    assert events.index("last page") < events.index(writing[1])
    assert indexer.pages == 6
    for shard in plan.shards:
        entry = json.loads((tmp_path / shard.folder / "pagefind-entry.json").read_text())
        assert entry["languages"]["en"]["page_count"] == shard.articles == 2, shard.folder
