"""How the build scales: our full build against a bare Material render of the same articles.

Run: ``python -m benchmarks.scale --articles 1000 10000 50000`` (``pip install -e '.[bench]'``
for psutil). For each size the synthetic corpus (benchmarks/corpus.py, the same files for
the same size) is written once, then built ``--repeat`` times each way, alternating:

- **bare**: Material alone, the same ``mkdocs.yml`` without our plugin, the articles kept out
  of the navigation with ``not_in_nav`` (as our plugin keeps them), so Material renders the
  same article pages and does not inline a navigation of every article;
- **full**: our plugin with its default options (taxonomies, archive, feeds, data, search),
  from a cold cache;
- **no search** (``--no-search-run``): the same with ``search: false``; ``--without-search``
  makes that the only full build, for sizes where Pagefind's memory is the limit;
- **Material's search** (``--material-search-run``): bare Material with its own search
  plugin, MkDocs' default, which writes one search index of every page's whole text.

It prints the medians: wall time, CPU time (user and system, of the build and every process
it waited for: the work done, whichever cores did it), the full/bare ratio (the figure that
matters), the time of
each of our plugin's phases (from ``NEWS_ARCHIVE_TIMINGS``), peak memory of the build's
process tree (MkDocs and Pagefind), output size, median and largest page, article page sizes
and the search index's size; the site's bytes and files per article and the share of each
kind of file (``core/publishing/site_size.py``, as the build reports them), against the
hosts' limits; then, unless ``--no-rebuild``, a rebuild after one article's
body changed with the cache warm, against the cold build. The plugin measured is the one in
this checkout (its ``plugins/`` folder goes first on ``PYTHONPATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from benchmarks.corpus import write_corpus
from benchmarks.measure import measure_build
from benchmarks.site_settings import repository_nav, repository_theme

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
# The sizes are read with this checkout's code too, not an installed copy's.
sys.path.insert(0, str(PLUGINS))
from news_archive.core.publishing.hosts import HOSTS, limit_phrase  # noqa: E402
from news_archive.core.publishing.site_size import KINDS, Layout, SiteSize, measure_site  # noqa: E402

CACHE = ".cache/news-archive"
COMMON = yaml.safe_dump(
    {
        "site_name": "Synthetic archive",
        "site_url": "https://archive.example/",
        "docs_dir": "content",
        "theme": repository_theme(),
        "markdown_extensions": ["toc", "attr_list", "smarty"],
    },
    sort_keys=False,
)
BARE = COMMON + "plugins: []\nnot_in_nav: |\n  /articles/\n"
MATERIAL_SEARCH = COMMON + "plugins: [search]\nnot_in_nav: |\n  /articles/\n"
# Without a navigation, MkDocs would list every generated page's section on every page.
NAV = yaml.safe_dump({"nav": repository_nav()}, sort_keys=False)
FULL = COMMON + NAV + "plugins:\n  - news-archive:\n      search: {search}\n"


@dataclass
class Run:
    """One build: wall seconds, peak memory in MB and the plugin's own timings."""

    seconds: float
    peak_mb: float
    peak_main_mb: float
    cpu_seconds: float
    phases: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def build(root: Path, config: str) -> Run:
    """``mkdocs build`` in a child process, its process tree's memory sampled every 50 ms."""
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    timings = root / "timings.json"
    timings.unlink(missing_ok=True)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "NEWS_ARCHIVE_TIMINGS": str(timings),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH")])),
    }
    # The previous build's writes still going to disk would slow this one down: the file
    # system's journal, not the build, would be measured.
    os.sync()
    measured = measure_build(root, env)
    values = json.loads(timings.read_text()) if timings.exists() else {}
    phases, counts = values.get("seconds", {}), values.get("counts", {})
    return Run(
        measured.seconds,
        measured.peak_mb,
        measured.peak_main_mb,
        measured.cpu_seconds,
        phases,
        counts,
    )


def cold(root: Path) -> Path:
    """Remove the previous site and the plugin's cache, so that nothing is reused."""
    shutil.rmtree(root / "site", ignore_errors=True)
    shutil.rmtree(root / CACHE, ignore_errors=True)
    return root


def median_run(runs: list[Run]) -> Run:
    phases = {name for run in runs for name in run.phases}
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_mb for r in runs),
        statistics.median(r.peak_main_mb for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        {name: statistics.median(r.phases.get(name, 0.0) for r in runs) for name in phases},
        runs[-1].counts,
    )


def sizes(site: Path) -> dict[str, object]:
    """Output size, HTML page sizes (all, and article pages), search index size."""
    files = [f for f in site.rglob("*") if f.is_file()]
    pages = sorted(((f.stat().st_size, f) for f in files if f.suffix == ".html"), key=str)
    pages.sort(key=lambda pair: pair[0])
    articles = [size for size, f in pages if f.relative_to(site).parts[0] == "articles"]
    index = site / "pagefind"
    return {
        "output_mb": sum(f.stat().st_size for f in files) / 2**20,
        "files": len(files),
        "pages": len(pages),
        "median_page_kb": statistics.median(size for size, _ in pages) / 1024,
        "largest_page_kb": pages[-1][0] / 1024,
        "largest_page": pages[-1][1].relative_to(site).as_posix(),
        "article_median_kb": statistics.median(articles) / 1024 if articles else 0.0,
        "article_max_kb": max(articles) / 1024 if articles else 0.0,
        "search_index_mb": sum(f.stat().st_size for f in index.rglob("*") if f.is_file()) / 2**20
        if index.is_dir()
        else 0.0,
        # What the build itself reports, by kind, with the default settings of FULL.
        "kinds": measure_site(site, Layout()),
    }


def change_one_article(root: Path, round_: int) -> Path:
    """Append a sentence to one article's body: a real edit, not just a new timestamp."""
    articles = sorted((root / "content/articles").rglob("*.md"))
    article = articles[len(articles) // 2]
    with article.open("a", encoding="utf-8") as file:
        file.write(f"\nA correction, round {round_}.\n")
    return article


def measure(
    count: int,
    repeat: int,
    search_off: bool,
    rebuild: bool,
    workdir: Path,
    search: bool = True,
    material_search: bool = False,
) -> dict:
    root = workdir / f"corpus-{count}"
    if not (root / "content/articles").is_dir():
        write_corpus(root, count)
    bare, full, quiet, material = [], [], [], []
    for _ in range(repeat):
        bare.append(build(cold(root), BARE))
        if material_search:
            material.append(build(cold(root), MATERIAL_SEARCH))
        if search_off:
            quiet.append(build(cold(root), FULL.replace("{search}", "false")))
        full.append(build(cold(root), FULL.replace("{search}", str(search).lower())))
    result: dict = {
        "articles": count,
        "search": search,
        "bare": median_run(bare),
        "full": median_run(full),
        "no_search": median_run(quiet) if quiet else None,
        "material_search": median_run(material) if material else None,
        "sizes": sizes(root / "site"),
    }
    if rebuild:
        warm: list[Run] = []
        colds: list[Run] = []
        for round_ in range(repeat):
            colds.append(build(cold(root), FULL.replace("{search}", str(search).lower())))
            change_one_article(root, round_)
            # As in CI: a fresh checkout has no site/, only the cache restored.
            shutil.rmtree(root / "site")
            warm.append(build(root, FULL.replace("{search}", str(search).lower())))
        result["rebuild_cold"] = median_run(colds)
        result["rebuild_warm"] = median_run(warm)
    return result


def report(result: dict) -> None:
    bare: Run = result["bare"]
    full: Run = result["full"]
    count = result["articles"]
    print(f"\n== {count:,} articles ==")
    print(f"{'':22} {'wall':>8}   {'cpu':>7}   {'peak':>7}   ratio to bare (wall)")

    def row(label: str, run: Run, extra: str = "") -> None:
        ratio = f"{run.seconds / bare.seconds:.2f}x" if run is not bare else ""
        print(
            f"{label:<22} {run.seconds:6.1f} s {run.cpu_seconds:7.1f} s {run.peak_mb:6.0f} MB"
            f"   {ratio}{extra}"
        )

    row("bare Material render", bare)
    material: Run | None = result["material_search"]
    if material is not None:
        row("Material + its search", material)
    label = "full build" if result["search"] else "full, search: false"
    row(label, full, f"   (MkDocs alone {full.peak_main_mb:.0f} MB)")
    quiet: Run | None = result["no_search"]
    if quiet is not None:
        row("full, search: false", quiet)
        print(
            f"search adds {full.seconds - quiet.seconds:+.1f} s of wall time "
            f"({(full.seconds - quiet.seconds) / quiet.seconds:+.0%}) and "
            f"{full.cpu_seconds - quiet.cpu_seconds:+.1f} s of CPU time"
        )
    if material is not None:
        print(f"full build against Material + its search: {full.seconds / material.seconds:.2f}x")
    ours = sum(full.phases.values())
    print(f"phases of the full build (s, and ms per article):  plugin total {ours:.1f} s")
    for name, seconds in sorted(full.phases.items(), key=lambda pair: -pair[1]):
        print(f"  {name:<16} {seconds:7.2f} s  {1000 * seconds / count:7.3f} ms/article")
    print(f"  {'MkDocs+Material':<16} {full.seconds - ours:7.2f} s  (wall time minus phases)")
    s = result["sizes"]
    print(
        f"output {s['output_mb']:.0f} MB in {s['files']:,} files; {s['pages']:,} HTML pages, "
        f"median {s['median_page_kb']:.1f} KB, largest {s['largest_page_kb']:.1f} KB "
        f"({s['largest_page']})"
    )
    print(
        f"article pages: median {s['article_median_kb']:.1f} KB, "
        f"largest {s['article_max_kb']:.1f} KB; search index {s['search_index_mb']:.1f} MB"
    )
    report_kinds(s["kinds"], count)
    if "rebuild_warm" in result:
        cold_run, warm = result["rebuild_cold"], result["rebuild_warm"]
        counts = ", ".join(f"{k} {v:,}" for k, v in sorted(warm.counts.items()))
        print(
            f"rebuild after one article changed, cache warm: {warm.seconds:.1f} s against "
            f"{cold_run.seconds:.1f} s cold: {cold_run.seconds / warm.seconds:.1f}x faster "
            f"({counts or 'no cache counters'})"
        )
        for name, seconds in sorted(warm.phases.items(), key=lambda pair: -pair[1]):
            print(f"  {name:<16} {seconds:7.2f} s (cold {cold_run.phases.get(name, 0):.2f} s)")


def report_kinds(size: SiteSize, count: int) -> None:
    """Bytes and files per article, and each kind's share: the next regression shows as a
    kind whose share or bytes per article grew (decimal units, as hosts state limits)."""
    total = size.total
    print(
        f"site {total.bytes / 1e6:.1f} MB in {total.files:,} files and {size.folders:,} "
        f"folders: {total.bytes / count / 1e3:.1f} kB and {total.files / count:.2f} files "
        f"per article; largest file {size.largest_file[0]} {size.largest_file[1] / 1e6:.1f} MB"
    )
    print("  " + "; ".join(limit_phrase(host) for host in HOSTS.values() if host is not None))
    print(f"  {'kind':<12} {'MB':>9} {'bytes':>6} {'files':>8} {'files':>6} {'kB/article':>11}")
    for kind in KINDS:
        tally = size.by_kind[kind]
        print(
            f"  {kind:<12} {tally.bytes / 1e6:9.1f} {size.share(kind):6.1%} {tally.files:8,}"
            f" {size.share(kind, 'files'):6.1%} {tally.bytes / count / 1e3:11.2f}"
        )
    for name, tally in sorted(size.by_taxonomy.items(), key=lambda pair: -pair[1].bytes):
        print(
            f"    {name:<10} {tally.bytes / 1e6:9.1f} {tally.bytes / total.bytes:6.1%}"
            f" {tally.files:8,} {tally.files / total.files:6.1%}"
            f" {tally.bytes / count / 1e3:11.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind (median)")
    parser.add_argument("--no-search-run", action="store_true", help="also build search: false")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the warm-cache rebuild")
    parser.add_argument(
        "--material-search-run",
        action="store_true",
        help="also build bare Material with its own search plugin (MkDocs' default)",
    )
    parser.add_argument(
        "--without-search",
        action="store_true",
        help="full builds with search: false only (where Pagefind's memory is the limit)",
    )
    parser.add_argument("--workdir", type=Path, help="keep corpora here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = args.workdir or Path(temporary)
        for count in args.articles:
            result = measure(
                count,
                args.repeat,
                args.no_search_run and not args.without_search,
                not args.no_rebuild,
                workdir,
                search=not args.without_search,
                material_search=args.material_search_run,
            )
            report(result)
            sys.stdout.flush()


if __name__ == "__main__":
    main()
