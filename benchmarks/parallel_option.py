"""What ``parallel: true`` buys: cold full builds of one synthetic archive, alternated
``parallel: false``, ``parallel: true``, ... so that both meet the same load.

Run: ``python -m benchmarks.parallel_option --articles 2000 --rounds 3`` (``pip install -e
'.[bench]'`` for psutil). The corpus is ``benchmarks/corpus.py``'s, written once into
``--workdir``; each build starts without a site and without the plugin's cache, as
``benchmarks.scale`` builds them. It prints, per build, wall and CPU seconds (the build's and
every process it waited for, forked copies and Pagefind included) and the load average read
before it; then the medians and the share of wall time ``parallel: true`` saves. A process of
its own has to buy at least 10% of a build (issue 25) for forking to be worth its code.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.scale import FULL, build, cold


def config(parallel: bool) -> str:
    """``benchmarks.scale``'s full build, with ``parallel`` set."""
    return FULL.replace("{search}", "true") + f"      parallel: {str(parallel).lower()}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="builds of each kind")
    parser.add_argument("--workdir", type=Path, help="keep the corpus here (default: a temp dir)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="news-archive-parallel-"))
    root = workdir / f"corpus-{args.articles}"
    if not (root / "content/articles").is_dir():
        write_corpus(root, args.articles)
    walls: dict[bool, list[float]] = {False: [], True: []}
    cpus: dict[bool, list[float]] = {False: [], True: []}
    print(f"== {args.articles:,} articles, cold builds, alternated ==")
    print(f"{'round':>5}  {'parallel':<8}  {'wall':>8}  {'cpu':>8}  load average before")
    for number in range(1, args.rounds + 1):
        for parallel in (False, True):
            load = " ".join(f"{value:.2f}" for value in os.getloadavg())
            run = build(cold(root), config(parallel))
            walls[parallel].append(run.seconds)
            cpus[parallel].append(run.cpu_seconds)
            print(
                f"{number:>5}  {str(parallel).lower():<8}  {run.seconds:>6.1f} s"
                f"  {run.cpu_seconds:>6.1f} s  {load}",
                flush=True,
            )
    plain, forked = statistics.median(walls[False]), statistics.median(walls[True])
    print(
        f"median wall: false {plain:.1f} s, true {forked:.1f} s "
        f"({(plain - forked) / plain:+.0%} saved by true); median CPU: "
        f"false {statistics.median(cpus[False]):.1f} s, true {statistics.median(cpus[True]):.1f} s"
    )


if __name__ == "__main__":
    main()
