"""The ``import`` and ``import-feed`` commands' words, without their code.

Their code needs trafilatura, feedparser and tqdm, which the site itself does not: they come
with the ``import`` extra (``pip install 'news-archive[import]'``). The commands are
declared here, so that ``news-archive --help`` lists them on any install, and their code is
loaded only when one runs; without the extra, the command says what to install.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from .core.importing.fetch import TIMEOUT
from .site import CONFIG_HELP, UsageError

EXTRA_MODULES = frozenset({"trafilatura", "feedparser", "tqdm"})
"""What only the import commands need (the ``import`` extra in pyproject.toml)."""
INSTALL_EXTRA = "pip install 'news-archive[import]'"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    page = commands.add_parser(
        "import",
        help="turn a saved news page (or its address) into an article",
        description="Read a saved web page, or fetch it, and write its article with the "
        "headline, date, authors, source, address, text and the registered actors and places "
        "the text names; print its path and what the page did not say.",
    )
    page.add_argument("page", metavar="PAGE", help="the saved page (.html), or its address")
    page.add_argument("--url", help="the original's web address, when the page does not give it")
    page.add_argument("--config", help=CONFIG_HELP)
    _timeout_option(page)
    feed = commands.add_parser(
        "import-feed",
        help="turn every new item of an RSS or Atom feed into an article",
        description="Import each item of the feed that is not archived yet; print each new "
        "file, then how many were imported, skipped and failed, and why.",
    )
    feed.add_argument("feed", metavar="FEED", help="the feed's file (.xml), or its address")
    feed.add_argument("--config", help=CONFIG_HELP)
    _timeout_option(feed)


def _timeout_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--timeout",
        type=_seconds,
        default=TIMEOUT,
        metavar="SECONDS",
        help="give up fetching an address after this long, redirects included "
        f"(default {TIMEOUT:g})",
    )


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, found '{text}'")
    return seconds


def import_command(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler of ``news-archive import`` (``name`` ``import_page``) or ``import-feed``
    (``import_feed``), loaded when the command runs."""

    def run(args: argparse.Namespace) -> int:
        try:
            commands = importlib.import_module(".cli_import", __package__)
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] not in EXTRA_MODULES:
                raise
            raise UsageError(
                f"'news-archive {args.command}' needs the import extra, which is not "
                f"installed ({exc.name} is missing): {INSTALL_EXTRA} (in a clone of the "
                "archive: .venv/bin/pip install -e '.[import]')"
            ) from exc
        handler: Callable[[argparse.Namespace], int] = getattr(commands, name)
        return handler(args)

    return run
