"""The ``news-archive`` command: the same core as the plugin, for contributors and CI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from . import __version__
from .core.corpus import load_archive
from .core.problems import Problem
from .core.taxonomy import ArchiveSettings, SettingsError, settings_from_options


class _ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` without running its ``!!python/name`` or ``!ENV`` tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path) -> tuple[ArchiveSettings, Path]:
    """The archive settings and the docs folder, from the ``news-archive`` entry of mkdocs.yml."""
    config: dict[str, Any] = yaml.load(config_file.read_text(encoding="utf-8"), _ConfigLoader) or {}
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or []:
        if plugin == "news-archive":
            break
        if isinstance(plugin, dict) and "news-archive" in plugin:
            options = plugin["news-archive"] or {}
            break
    if isinstance(config.get("plugins"), dict):
        options = config["plugins"].get("news-archive") or {}
    docs_dir = config_file.parent / str(config.get("docs_dir") or "docs")
    return settings_from_options(options), docs_dir


def validate(args: argparse.Namespace) -> int:
    config_file = Path(args.config)
    if not config_file.is_file():
        print(
            f"news-archive: {config_file} not found; run this in the site's folder", file=sys.stderr
        )
        return 2
    try:
        settings, docs_dir = read_settings(config_file)
    except (SettingsError, yaml.YAMLError) as exc:
        print(f"{config_file}: error: {exc}", file=sys.stderr)
        return 2
    if args.strict_terms is not None:
        known = [t.name for t in settings.taxonomies]
        unknown = sorted(set(args.strict_terms) - set(known))
        if unknown:
            print(f"news-archive: unknown taxonomies {unknown}; use {known}", file=sys.stderr)
            return 2
        settings = replace(settings, strict_terms=tuple(args.strict_terms or known))
    archive = load_archive(config_file.parent, docs_dir, settings)
    problems = _select(archive.problems, args.paths)
    for problem in problems:
        print(_format(problem, args.format))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(
        f"news-archive: checked {len(archive.articles):,} published articles: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        file=sys.stderr,
    )
    return 1 if errors else 0


def _select(problems: list[Problem], paths: Sequence[str]) -> list[Problem]:
    """Only the problems of the files or folders named on the command line, if any."""
    if not paths:
        return problems
    wanted = [Path(p).as_posix().rstrip("/") for p in paths]
    return [
        p
        for p in problems
        if any(p.path == w or p.path.startswith(f"{w}/") or w in ("", ".") for w in wanted)
    ]


def _format(problem: Problem, style: str) -> str:
    if style == "github":
        level = "error" if problem.is_error else "warning"
        message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={problem.path},line={problem.line}::{message}"
    return str(problem)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="news-archive", description="Check and manage a news archive built with MkDocs."
    )
    parser.add_argument("--version", action="version", version=f"news-archive {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate",
        help="check articles and registries",
        description="Report every problem as path:line: error|warning: message; "
        "exit 1 when there is an error.",
    )
    check.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    check.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument(
        "--strict-terms",
        nargs="*",
        metavar="TAXONOMY",
        help="make unregistered terms errors (in the named taxonomies, or all)",
    )
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
