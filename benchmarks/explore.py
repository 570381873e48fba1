"""What the map, the timelines and the companion lists cost: the same build with and without.

Run: ``python -m benchmarks.explore`` (``--articles 2000 20000``; ``--repeat 3`` keeps the
fastest of three builds of each kind, which hides other work on the machine). Three builds
of one synthetic archive, with the navigation of the repository's ``mkdocs.yml``:

- ``off``: ``explore: false``;
- ``on``: ``explore: true`` with the Map tab, as the repository has it;
- ``on, no tab``: ``explore: true`` without the Map tab, which tells the feature's own
  work from the cost of one more navigation entry.

Search is off in all three unless ``--search`` is given, so that differences are compared
with the smallest build. Prints wall and user CPU seconds, the differences, and the size of
the site. User time is the figure to read: other work on the machine disturbs the wall time,
and the kernel's write-back of the previous build's gigabyte of pages moves the system time
by seconds from one build to the next (measured here: the same 5,000-article build took
15.7 s of user time each time, and 2.9 to 12.0 s of system time). The builds use the
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
  features: [navigation.instant, navigation.tabs]
nav:
  - Home: index.md
  - Latest: latest/index.md
  - Archive: archive/index.md
  - Tags: tags/index.md
  - Actors: actors/index.md
  - Locations: locations/index.md
  - Sources: sources/index.md
{map}plugins:
  - news-archive:
      search: {search}
      explore: {explore}
"""
VARIANTS = {"off": (False, False), "on": (True, True), "on, no tab": (True, False)}


def build(root: Path, explore: bool, tab: bool, search: bool) -> tuple[float, float, int]:
    """Wall and CPU seconds of one ``mkdocs build``, and the size of the site it wrote."""
    config = CONFIG.format(
        explore=str(explore).lower(),
        search=str(search).lower(),
        map="  - Map: map/index.md\n" if tab else "",
    )
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
    # User time only: the system time of writing a gigabyte of pages swings by seconds from
    # one build to the next with the kernel's write-back, whatever the build does.
    cpu = after.ru_utime - before.ru_utime
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
    parser.add_argument("--search", action="store_true", help="index for search in every build")
    args = parser.parse_args()
    columns = ("wall s", "added", "user s", "added", "MB")
    print(f"{'articles':>9}  {'build':<11} " + " ".join(f"{c:>7}" for c in columns))
    for count in args.articles:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_corpus(root, count)
            walls: dict[str, list[float]] = {name: [] for name in VARIANTS}
            cpus: dict[str, list[float]] = {name: [] for name in VARIANTS}
            sizes: dict[str, int] = {}
            for _ in range(args.repeat):
                for name, (explore, tab) in VARIANTS.items():  # in turn, so drift hits all
                    wall, cpu, sizes[name] = build(root, explore, tab, args.search)
                    walls[name].append(wall)
                    cpus[name].append(cpu)
            wall_off, cpu_off = min(walls["off"]), min(cpus["off"])
            for name in VARIANTS:
                wall, cpu = min(walls[name]), min(cpus[name])
                print(
                    f"{count:>9,}  {name:<11} {wall:>7.1f} {100 * (wall / wall_off - 1):>6.1f}% "
                    f"{cpu:>7.1f} {100 * (cpu / cpu_off - 1):>6.1f}% {sizes[name] / 2**20:>7.1f}"
                )


if __name__ == "__main__":
    main()
