"""How long ``news-archive validate`` takes on synthetic archives.

Run: ``python -m benchmarks.validate`` (sizes with ``--articles 1000 10000``).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus

CONFIG = "site_name: Synthetic archive\ndocs_dir: content\nplugins: [news-archive]\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print(f"{'articles':>9} {'validate s':>11} {'articles/s':>11} {'peak MB':>8}")
    for count in args.articles:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_corpus(root, count)
            (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "news_archive.cli", "validate"],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed = time.perf_counter() - started
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            if result.returncode != 0:
                sys.exit(f"validate failed on the synthetic corpus:\n{result.stdout[-2000:]}")
            print(f"{count:>9,} {elapsed:>11.2f} {count / elapsed:>11,.0f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
