"""Where a built site's bytes go: by kind of file, and by part of one article and one term page.

Run: ``python -m benchmarks.page_bytes SITE_DIR`` (for instance the ``site/`` a run of
``python -m benchmarks.scale --workdir DIR`` leaves in ``DIR/corpus-N/``). It prints

- every kind of file (articles, each taxonomy's index, first and continued term pages and
  feeds, the archive, the other pages, feeds, data, search, assets): files, bytes, share
  of the site and bytes per article, so that the next regression shows where it is;
- for the median article page and the median first page of a term (or the pages given
  with ``--article`` and ``--term``), the bytes of each part of the page: the head, inline
  scripts, inline JSON (JSON-LD, Material's configuration), the header, the tabs, the
  drawer's navigation, the table of contents' sidebar, the content (and the archive's
  parts of it: article header and text, related articles, term header, timeline, list),
  the footer, and the whitespace between tags (outside the content column, then inside
  it). Each byte is counted once: an inline script or whitespace is not counted again in
  the part it sits in.

The parts are found by Material's class names; a page of another theme is all "other".
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

TAXONOMIES = ("tags", "actors", "locations", "sources")

# Material's regions of a page, by the first class of their outermost element.
REGIONS = {
    "md-header": "header",
    "md-tabs": "tabs",
    "md-sidebar--primary": "drawer navigation",
    "md-sidebar--secondary": "toc sidebar",
    "md-content": "content",
    "md-footer": "footer",
    # The archive's own parts of the content column.
    "na-article": "content: article text",
    "na-article-header": "content: article header, terms",
    "na-aliases": "content: other spellings (hidden)",
    "na-related": "content: related articles",
    "na-term-header": "content: term header",
    "na-timeline": "content: timeline",
    "na-term-articles": "content: list of articles",
    "na-companions": "content: named with",
}
PART_ORDER = (
    "head",
    "inline scripts",
    "inline JSON (JSON-LD, config)",
    "header",
    "tabs",
    "drawer navigation",
    "toc sidebar",
    "content",
    *(name for name in REGIONS.values() if name.startswith("content: ")),
    "footer",
    "whitespace between tags (frame)",
    "whitespace between tags (content)",
    "other",
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr", "path", "circle", "rect", "polygon", "line", "ellipse", "use"}
GAP = re.compile(r">(\s+)<")


def kind_of(relative: Path) -> str:
    """The kind of a site's file, by where it is."""
    parts = relative.parts
    top = parts[0]
    html = relative.suffix == ".html"
    if top == "articles":
        return "article pages" if html else "article files"
    if top in TAXONOMIES:
        if len(parts) == 2:
            return f"{top}: index"
        if relative.name == "feed.xml":
            return f"{top}: term feeds"
        return f"{top}: term pages, page/N/" if "page" in parts[2:] else f"{top}: term pages"
    if top == "archive":
        return "archive"
    if top in ("api",):
        return "data (api/)"
    if top == "pagefind":
        return "search index"
    if top == "assets":
        return "assets"
    if top.startswith("sitemap"):
        return "sitemap"
    if relative.name == "feed.xml":
        return "feed.xml"
    return "other pages" if html else "other files"


def site_bytes(site: Path) -> tuple[dict[str, tuple[int, int]], int]:
    """Files and bytes of each kind of file, and the number of article pages."""
    files: Counter[str] = Counter()
    size: Counter[str] = Counter()
    for path in site.rglob("*"):
        if path.is_file():
            kind = kind_of(path.relative_to(site))
            files[kind] += 1
            size[kind] += path.stat().st_size
    kinds = {kind: (files[kind], size[kind]) for kind in sorted(size, key=lambda k: -size[k])}
    return kinds, files["article pages"]


class _Regions(HTMLParser):
    """Spans (start, end offsets) of the page's regions and inline scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.stack: list[tuple[str, str | None, int]] = []
        self.spans: list[tuple[str, int, int]] = []
        self.text = text

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        name = None
        if tag == "head":
            name = "head"
        elif tag == "script" and "src" not in values:
            json = "json" in (values.get("type") or "")
            name = "inline JSON (JSON-LD, config)" if json else "inline scripts"
        else:
            name = next((REGIONS[c] for c in classes if c in REGIONS), None)
        if tag in VOID:
            return
        self.stack.append((tag, name, start))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<path ... />``: nothing to close."""

    def handle_endtag(self, tag: str) -> None:
        if all(open_tag != tag for open_tag, _, _ in self.stack):
            return  # a stray end tag closes nothing
        end = self.text.index(">", self._offset()) + 1
        while self.stack:
            open_tag, name, start = self.stack.pop()
            if name is not None:
                self.spans.append((name, start, end))
            if open_tag == tag:
                break


def page_parts(path: Path) -> dict[str, int]:
    """Bytes (UTF-8) of each part of one page; the parts add up to the page's size."""
    text = path.read_text(encoding="utf-8")
    parser = _Regions(text)
    parser.feed(text)
    parser.close()
    owner = ["other"] * len(text)
    # Outer regions first, so that the inner ones (and inline scripts) win.
    for name, start, end in sorted(parser.spans, key=lambda span: (span[1], -span[2])):
        owner[start:end] = [name] * (end - start)
    for name, start, end in parser.spans:
        if name.startswith("inline"):
            owner[start:end] = [name] * (end - start)
    for gap in GAP.finditer(text):
        start, end = gap.span(1)
        if any(name.startswith("inline") for name in owner[start:end]):
            continue
        inside = owner[start].startswith("content")
        label = f"whitespace between tags ({'content' if inside else 'frame'})"
        owner[start:end] = [label] * (end - start)
    sizes: Counter[str] = Counter()
    for character, name in zip(text, owner, strict=True):
        sizes[name] += len(character.encode("utf-8"))
    return {name: sizes[name] for name in PART_ORDER if sizes[name]}


def median_page(pages: list[Path]) -> Path:
    ranked = sorted(pages, key=lambda page: (page.stat().st_size, page.as_posix()))
    return ranked[len(ranked) // 2]


def print_parts(label: str, site: Path, page: Path) -> None:
    parts = page_parts(page)
    total = sum(parts.values())
    print(f"\n{label}: {page.relative_to(site).as_posix()}, {total:,} bytes")
    for name, size in parts.items():
        print(f"  {name:<36} {size:>8,}  {size / total:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site/ folder")
    parser.add_argument("--article", type=Path, help="an article's index.html (default: median)")
    parser.add_argument("--term", type=Path, help="a term's index.html (default: median)")
    args = parser.parse_args()
    site: Path = args.site
    kinds, articles = site_bytes(site)
    total = sum(size for _, size in kinds.values())
    count = sum(files for files, _ in kinds.values())
    per = max(articles, 1)
    print(f"{site}: {total:,} bytes in {count:,} files; {articles:,} article pages")
    print(f"{total / per / 1024:.1f} KB and {count / per:.2f} files per article")
    print(f"{'kind':<32} {'files':>7} {'bytes':>13} {'share':>7} {'KB/article':>11}")
    for kind, (files, size) in kinds.items():
        print(f"{kind:<32} {files:>7,} {size:>13,} {size / total:7.1%} {size / per / 1024:11.2f}")
    article = args.article or median_page(list((site / "articles").rglob("index.html")))
    term = args.term or median_page(
        [
            page
            for taxonomy in TAXONOMIES
            for page in (site / taxonomy).glob("*/index.html")
            if (site / taxonomy).is_dir()
        ]
    )
    print_parts("article page", site, article)
    print_parts("term page", site, term)


if __name__ == "__main__":
    main()
