"""What an edit to one article's terms costs the related articles and the companions under
``serve``: found afresh for the whole archive, or found again only near the edited article
(related: the articles near it in its terms' lists; companions: its terms' partners), with
``core/caching/recall.py``, on the same synthetic archive in one process.

Run: ``python -m benchmarks.related_edit --articles 20000`` (``--edits 7``; ``--workdir``
keeps the corpus). Each edit gives one of an article's actors to another article (as a
contributor adding a name would), then times both ways; prints the median and range of
each, the articles related again, and checks that both ways give the same lists.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.corpus import write_corpus
from news_archive.config import default_settings
from news_archive.core.caching.recall import Recall
from news_archive.core.indexing.archive import index_archive, relate_articles
from news_archive.core.indexing.explore import Exploration
from news_archive.core.reading.corpus import (
    article_files,
    content_files,
    load_registries,
    read_articles,
    shown_prefix,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--workdir", type=Path)
    options = parser.parse_args()
    root = options.workdir or Path(tempfile.mkdtemp(prefix="related-edit-"))
    if not (root / "content").is_dir():
        write_corpus(root, options.articles)
    settings = default_settings()
    docs = root / "content"
    registries, _problems = load_registries(root, settings)
    prefix = shown_prefix(root, docs)
    content = content_files(root, docs, settings, prefix)
    articles, _found = read_articles(article_files(docs, settings, content), settings, prefix)
    recall, rng = Recall(), random.Random(27)
    first = index_archive(settings, articles, registries)
    relate_articles(first, recall=recall)
    Exploration.of(first, recall)
    afresh, again, related_again = [], [], []
    partners_afresh, partners_again = [], []
    for _ in range(options.edits):
        donor, taker = rng.sample(range(len(articles)), 2)
        actors = articles[donor].terms.get("actors", ())[:1]
        terms = dict(articles[taker].terms)
        terms["actors"] = tuple(terms.get("actors", ())) + tuple(actors)
        articles[taker] = replace(articles[taker], terms=terms)
        archive = index_archive(settings, articles, registries)
        started = time.perf_counter()
        relate_articles(archive)
        afresh.append(time.perf_counter() - started)
        expected = archive.related
        archive = index_archive(settings, articles, registries)
        asked: list[int] = []
        started = time.perf_counter()
        relate_articles(archive, recall=_Counting(recall, asked))
        again.append(time.perf_counter() - started)
        related_again.append(sum(asked))
        assert archive.related == expected, "the lists found in part differ"
        started = time.perf_counter()
        whole = Exploration.of(archive).companions
        partners_afresh.append(time.perf_counter() - started)
        started = time.perf_counter()
        part = Exploration.of(archive, recall).companions
        partners_again.append(time.perf_counter() - started)
        assert part == whole, "the companions found in part differ"
    print(f"{len(articles):,} articles, {options.edits} edits of one article's actors")
    for label, times in (
        ("related afresh", afresh),
        ("related near the edit", again),
        ("companions afresh", partners_afresh),
        ("companions of its terms", partners_again),
    ):
        print(
            f"{label:>24}: median {statistics.median(times):.3f} s"
            f" ({min(times):.3f}-{max(times):.3f})"
        )
    print(f"articles related again: {min(related_again)}-{max(related_again)}")


class _Counting(Recall):
    """``recall`` as it is, counting the articles its ``find`` is asked about."""

    def __init__(self, recall: Recall, asked: list[int]) -> None:
        self.__dict__ = recall.__dict__
        self.asked = asked

    def related(self, archive, find):  # type: ignore[no-untyped-def]
        def counted(only):  # type: ignore[no-untyped-def]
            self.asked.append(len(archive.articles) if only is None else len(only))
            return find(only)

        return super().related(archive, counted)


if __name__ == "__main__":
    main()
