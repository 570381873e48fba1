"""What the map, the timelines and the companion lists cost: the same build with and without.

Run: ``python -m benchmarks.explore`` (``--articles 2000 20000``; ``--repeat 3`` keeps the
fastest of three builds of each kind, which hides other work on the machine). Search is
off in both builds unless ``--search`` is given, so that the difference is compared with the
smallest build. Prints wall and CPU seconds (CPU time is less disturbed by other work on a
shared machine), the difference, and what the feature adds to the site. The builds use the
``news_archive`` package that this script imports, wherever it comes from.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import news_archive
from benchmarks.corpus import write_corpus

PLUGIN_ROOT = Path(news_archive.__file__).resolve().parents[1]

CONFIG = """site_name: Synthetic archive
site_url: http://127.0.0.1:8000/
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - news-archive:
      search: {search}
      explore: {explore}
"""


def build(root: Path, explore: bool, search: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds of one ``mkdocs build``, and the size of the site it wrote."""
    config = CONFIG.format(explore=str(explore).lower(), search=str(search).lower())
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    path = os.pathsep.join(filter(None, [str(PLUGIN_ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    shutil.rmtree(root / "site", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if result.returncode != 0:
        sys.exit(result.stderr.decode()[-3000:])
    if (root / "site/map/index.html").exists() != explore:
        sys.exit(f"the build did not follow 'explore: {str(explore).lower()}'")
    size = sum(f.stat().st_size for f in (root / "site").rglob("*") if f.is_file())
    return elapsed, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[2000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--search", action="store_true", help="index for search in both builds")
    args = parser.parse_args()
    print(
        f"{'articles':>9} {'wall off':>9} {'wall on':>8} {'added':>7} "
        f"{'CPU off':>8} {'CPU on':>7} {'added':>7} {'site MB off -> on':>18}"
    )
    for count in args.articles:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_corpus(root, count)
            walls: dict[bool, list[float]] = {False: [], True: []}
            cpus: dict[bool, list[float]] = {False: [], True: []}
            sizes: dict[bool, int] = {}
            for _ in range(args.repeat):
                for explore in (False, True):  # alternate, so that drift hits both alike
                    wall, cpu, sizes[explore] = build(root, explore, args.search)
                    walls[explore].append(wall)
                    cpus[explore].append(cpu)
            wall_off, wall_on = min(walls[False]), min(walls[True])
            cpu_off, cpu_on = min(cpus[False]), min(cpus[True])
            print(
                f"{count:>9,} {wall_off:>9.1f} {wall_on:>8.1f} "
                f"{100 * (wall_on / wall_off - 1):>6.1f}% "
                f"{cpu_off:>8.1f} {cpu_on:>7.1f} {100 * (cpu_on / cpu_off - 1):>6.1f}% "
                f"{sizes[False] / 2**20:>8.1f} -> {sizes[True] / 2**20:>6.1f}"
            )


if __name__ == "__main__":
    main()
