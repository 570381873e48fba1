"""Search page ready and keystroke to first result, in Chromium, for a built site.

Run: ``python -m benchmarks.search_timing SITE_DIR /news-archive/``: the same as
``python -m benchmarks.search --site SITE_DIR --prefix /news-archive/`` (see there), kept for
the commands of earlier results in RESULTS.md. Until 2026-12-05 it timed "ready" to the
counts drawn by Pagefind and the first result from one ``fill`` (a 200 ms pause included).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.search import reader_figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("prefix", help="the sub-path the site was built for, like /news-archive/")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reader_figures(args.site, args.prefix, "report", args.runs, verbose=False)


if __name__ == "__main__":
    main()
