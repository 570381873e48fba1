"""The limits of the hosts a site is published on, as data, and what a site past them hears.

Each figure is the host's documented one, with the page that states it. Hosts write ``1 GB``:
read here as 10^9 bytes, the smaller reading, so that a site this build lets through is
within the limit under either reading.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .site_size import (
    ARCHIVE,
    ARTICLES,
    ASSETS,
    DATA,
    FEEDS,
    OTHER,
    SEARCH,
    SITEMAPS,
    TERM_PAGES,
    SiteSize,
    human_bytes,
)

GB = 1000**3
MIB = 1024**2


@dataclass(frozen=True)
class HostLimits:
    """What one host publishes at most; None: no documented limit."""

    name: str
    max_bytes: int | None = None
    max_files: int | None = None
    max_file_bytes: int | None = None
    max_folder_entries: int | None = None
    """Entries (files and folders) directly in one folder."""
    folders_are_files: bool = False
    """The host counts folders among the files (``max_files``)."""
    soft_limits: str = ""
    """Other documented limits, which the build cannot check, said in the info line."""


HOSTS: dict[str, HostLimits | None] = {
    # https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits
    # "Published GitHub Pages sites may be no larger than 1 GB"; deployments time out after
    # 10 minutes; soft limits: 100 GB of bandwidth a month, 10 builds an hour (not for a
    # custom Actions workflow, as ours is). No limit on the number of files is documented.
    "github-pages": HostLimits(
        "GitHub Pages",
        max_bytes=1 * GB,
        soft_limits="soft limit of 100 GB of bandwidth a month",
    ),
    # https://docs.gitlab.com/user/gitlab_com/#gitlab-pages: "Maximum site size: 1 GB";
    # https://docs.gitlab.com/administration/pages/#set-maximum-number-of-files-per-gitlab-pages-website:
    # "The total number of file entries (including directories and symlinks) is limited to
    # 200,000 per GitLab Pages website."
    "gitlab-pages": HostLimits(
        "GitLab Pages", max_bytes=1 * GB, max_files=200_000, folders_are_files=True
    ),
    # https://developers.cloudflare.com/pages/platform/limits/: "Cloudflare Pages sites can
    # contain up to 20,000 files on the Free plan" (100,000 on Workers Paid plans); "The
    # maximum file size for a single Cloudflare Pages site asset is 25 MiB." No limit on
    # the site's bytes is documented.
    "cloudflare-pages": HostLimits(
        "Cloudflare Pages (free plan)", max_files=20_000, max_file_bytes=25 * MIB
    ),
    # https://docs.netlify.com/site-deploys/overview/#files-per-directory-limit: "While
    # Netlify doesn't have a limit on the number of files per deploy, we do have a limit of
    # 54,000 files per directory." Folders in a folder are counted too, to be safe. No
    # limit on the site's bytes or on one file's size is documented there.
    "netlify": HostLimits("Netlify", max_folder_entries=54_000),
    "none": None,
}
DEFAULT_HOST = "github-pages"
_MAPPING_KEYS = ("name", "max_bytes", "max_files", "max_file_bytes")


class HostError(ValueError):
    """A ``host`` option that names no known host or gives limits that cannot be read."""


def host_limits(option: str | Mapping[str, Any]) -> HostLimits | None:
    """The limits the ``host`` option chooses: a known host's name, ``none`` (no check), or
    a mapping ``{name, max_bytes, max_files, max_file_bytes}`` for any other host."""
    if isinstance(option, str):
        if option in HOSTS:
            return HOSTS[option]
        close = difflib.get_close_matches(option, HOSTS, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise HostError(
            f"'host' must be one of {', '.join(HOSTS)}, or a mapping with the limits of "
            f"another host ({', '.join(_MAPPING_KEYS)}), got '{option}'; {hint}"
            f"'none' checks no limit"
        )
    if not isinstance(option, Mapping):
        raise HostError(f"'host' must be a host's name or a mapping, got {option!r}")
    unknown = sorted(set(map(str, option)) - set(_MAPPING_KEYS))
    if unknown:
        raise HostError(
            f"'host' has unknown keys: {', '.join(unknown)}; it takes {', '.join(_MAPPING_KEYS)}"
        )
    limits: dict[str, int | None] = {}
    for key in _MAPPING_KEYS[1:]:
        value = option.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise HostError(
                f"'host': '{key}' must be a whole number of bytes or files, got {value!r}"
            )
        if value is not None and value < 1:
            raise HostError(f"'host': '{key}' must be 1 or more, got {value}")
        limits[key] = value
    name = str(option.get("name") or "the host")
    return HostLimits(name, **limits)


@dataclass(frozen=True)
class Reduction:
    """An option that makes a site smaller, said as a maintainer would set it."""

    how: str


EXPLORE = Reduction("'explore: false' (no map, no timelines, no 'most often named with')")
LATER_PER_PAGE = Reduction(
    "a larger 'later_per_page' (fewer, longer later pages of each list; "
    "their former numbers stay as small pointers)"
)
FORMER_PAGES = Reduction(
    "'former_pages: false' (the page numbers lists had before later pages held more "
    "answer 404 instead of pointing on)"
)
RELATED_BRIEF = Reduction("'related_summaries: false' (related articles without summaries)")
RELATED = Reduction("'related_count: 0' (no related articles under each article)")
FEED_ITEMS = Reduction("a smaller 'term_feed_items' or 'feed_items' (0: no feeds at all)")
SEARCH_OFF = Reduction("'search: false' (no search)")

REDUCTIONS: dict[str, tuple[tuple[Reduction, bool], ...]] = {
    TERM_PAGES: ((EXPLORE, False), (LATER_PER_PAGE, False), (FORMER_PAGES, True)),
    ARTICLES: ((RELATED, False), (RELATED_BRIEF, False)),
    ARCHIVE: ((LATER_PER_PAGE, False), (FORMER_PAGES, True)),
    FEEDS: ((FEED_ITEMS, True),),
    SEARCH: ((SEARCH_OFF, True),),
    ASSETS: ((EXPLORE, True),),
    DATA: (),
    SITEMAPS: (),
    OTHER: (),
}
"""The options that make each kind smaller, and whether they make fewer files of it too;
each was checked on a built archive. Only real ones are named: a kind that only grows with
the articles names none."""


def limit_phrase(limits: HostLimits) -> str:
    """``GitHub Pages publishes up to 1 GB``."""
    parts = []
    if limits.max_bytes is not None:
        parts.append(limit_bytes(limits.max_bytes))
    if limits.max_files is not None:
        what = "files and folders" if limits.folders_are_files else "files"
        parts.append(f"{limits.max_files:,} {what}")
    if limits.max_file_bytes is not None:
        parts.append(f"{limit_bytes(limits.max_file_bytes)} a file")
    if limits.max_folder_entries is not None:
        parts.append(f"{limits.max_folder_entries:,} entries in a folder")
    phrase = f"{limits.name} publishes up to {', '.join(parts)}" if parts else limits.name
    return f"{phrase} ({limits.soft_limits})" if limits.soft_limits else phrase


def limit_bytes(count: int) -> str:
    """A limit as its host writes it: ``1 GB``, ``25 MiB``."""
    if count % MIB == 0 and count % 1000**2:
        return f"{count // MIB:,} MiB"
    for unit, scale in (("GB", GB), ("MB", 1000**2), ("kB", 1000)):
        if count >= scale:
            return f"{count / scale:,.3g} {unit}" if count % scale else f"{count // scale:,} {unit}"
    return f"{count:,} bytes"


def size_line(size: SiteSize, limits: HostLimits | None) -> str:
    """The build's last info line: the site's size, its kinds, and the host's limits."""
    kinds = ", ".join(
        f"{kind} {human_bytes(tally.bytes)}" for kind, tally in size.largest_kinds("bytes")
    )
    line = f"the site is {human_bytes(size.total.bytes)} in {size.total.files:,} files ({kinds})"
    return f"{line}; {limit_phrase(limits)}" if limits is not None else line


def overruns(size: SiteSize, limits: HostLimits | None) -> list[str]:
    """A message for each limit of the host the site is past: what takes the space and
    which options make it smaller. Empty within every limit."""
    if limits is None:
        return []
    found = []
    if limits.max_bytes is not None and size.total.bytes > limits.max_bytes:
        found.append(
            f"the site is {human_bytes(size.total.bytes)}, past what {limits.name} publishes "
            f"({limit_bytes(limits.max_bytes)}); " + _what_to_do(size, "bytes")
        )
    files = size.total.files + (size.folders if limits.folders_are_files else 0)
    if limits.max_files is not None and files > limits.max_files:
        what = f"{files:,} files and folders" if limits.folders_are_files else f"{files:,} files"
        found.append(
            f"the site has {what}, past what {limits.name} publishes ({limits.max_files:,}); "
            + _what_to_do(size, "files")
        )
    path, largest = size.largest_file
    if limits.max_file_bytes is not None and largest > limits.max_file_bytes:
        found.append(
            f"{path} is {human_bytes(largest)}, past what {limits.name} publishes in one file "
            f"({limit_bytes(limits.max_file_bytes)}); make it smaller or publish elsewhere "
            f"(the 'host' option names another host, or 'none')"
        )
    folder, entries = size.fullest_folder
    if limits.max_folder_entries is not None and entries > limits.max_folder_entries:
        found.append(
            f"the folder {folder} holds {entries:,} files and folders, past what {limits.name} "
            f"publishes in one folder ({limits.max_folder_entries:,}); "
            f"publish elsewhere (the 'host' option names another host, or 'none')"
        )
    return found


def _what_to_do(size: SiteSize, by: str) -> str:
    """The largest kinds, the options that reduce them, and the ``host`` option."""
    largest = size.largest_kinds(by)[:3]
    shown = []
    for kind, tally in largest:
        amount = human_bytes(tally.bytes) if by == "bytes" else f"{tally.files:,} files"
        shown.append(f"{kind} {amount}{_taxonomies(size, kind, by)}")
    advice: list[str] = []
    for kind, _tally in largest:
        for reduction, fewer_files in REDUCTIONS[kind]:
            if (by == "bytes" or fewer_files) and reduction.how not in advice:
                advice.append(reduction.how)
    options = f"to make it smaller: {'; '.join(advice)}; or " if advice else ""
    return (
        f"the most is in {', '.join(shown)}; {options}publish on a host that takes more "
        f"(the 'host' option names it, or 'none' checks no limit)"
    )


def _taxonomies(size: SiteSize, kind: str, by: str) -> str:
    if kind != TERM_PAGES or not size.by_taxonomy:
        return ""
    ranked = sorted(size.by_taxonomy.items(), key=lambda pair: -getattr(pair[1], by))
    parts = [
        f"{name} {human_bytes(t.bytes) if by == 'bytes' else f'{t.files:,}'}" for name, t in ranked
    ]
    return f" ({', '.join(parts)})"
