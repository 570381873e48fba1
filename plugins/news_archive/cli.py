"""The ``news-archive`` command: the same core as the plugin, for contributors and CI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from . import __version__
from .cli_import_commands import add_commands, import_command
from .core.authoring.loose_spellings import add_spellings, loose_spellings
from .core.authoring.mentions import (
    FrontMatterEditError,
    add_to_list,
    mentioned_terms,
    replace_front_matter,
)
from .core.authoring.registry_edit import RegistryEditError
from .core.authoring.scaffold import Draft, scaffold
from .core.model.characters import printable
from .core.model.problems import Problem
from .core.model.taxonomy import ArchiveSettings
from .core.model.urls import normalise_url
from .core.reading.corpus import (
    archived_urls,
    article_files,
    load_archive,
    load_registries,
    shown_prefix,
)
from .core.reading.reader import split_source
from .core.reading.review import Change, newcomers_last, problems_of_change, summary_markdown
from .git_history import NoBase, changes_since, first_archived_in
from .site import CONFIG_HELP, UsageError, open_site


def validate(args: argparse.Namespace) -> int:
    settings, project_dir, docs_dir = open_site(args.config)
    if args.strict_terms is not None:
        known = [t.name for t in settings.taxonomies]
        unknown = sorted(set(args.strict_terms) - set(known))
        if unknown:
            raise UsageError(f"unknown taxonomies {unknown}; use {known}")
        settings = replace(settings, strict_terms=tuple(args.strict_terms or known))
    paths = [_project_path(p, project_dir) for p in args.paths]
    first_archived = first_archived_in(docs_dir)
    change = None
    if args.changed_from is not None:
        try:
            change = changes_since(project_dir, args.changed_from)
        except NoBase as exc:
            raise UsageError(f"--changed-from: {exc}") from exc
        first_archived = newcomers_last(first_archived, change)
    archive = load_archive(project_dir, docs_dir, settings, first_archived)
    problems = _select(archive.problems, paths)
    if change is not None:
        problems = problems_of_change(problems, change)
    for problem in problems:
        print(_format(problem, args.format))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    scope = "" if change is None else f"; in the files changed since {args.changed_from}"
    print(
        f"news-archive: checked {len(archive.articles):,} published articles{scope}: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
        file=sys.stderr,
    )
    if args.summary is not None:
        _write_summary(args, change, problems, settings, project_dir, docs_dir)
    return 1 if errors else 0


def _write_summary(
    args: argparse.Namespace,
    change: Change | None,
    problems: list[Problem],
    settings: ArchiveSettings,
    project_dir: Path,
    docs_dir: Path,
) -> None:
    """Append the Markdown summary to ``--summary`` (appended: GitHub's step summary file may
    already hold what an earlier command of the same step wrote)."""
    articles: set[str] = set()
    if change is not None:  # the whole archive's articles would be a page of "no problems"
        prefix = shown_prefix(project_dir, docs_dir)
        every = {f"{prefix}{path}" for path, _ in article_files(docs_dir, settings)}
        articles = every & change.changed
    text = summary_markdown(problems, articles, args.changed_from)
    try:
        with open(args.summary, "a", encoding="utf-8") as summary:
            summary.write(text)
    except OSError as exc:
        raise UsageError(f"--summary: {args.summary}: cannot be written: {exc.strerror}") from exc


def _project_path(path: str, project_dir: Path) -> str:
    """A path from the command line, relative to the project as messages name files."""
    given = Path(path)
    if not given.exists():
        raise UsageError(f"{path}: no such file or folder")
    try:
        return given.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError as exc:
        raise UsageError(f"{path} is outside the site's folder {project_dir}") from exc


def _select(problems: list[Problem], paths: Sequence[str]) -> list[Problem]:
    """Only the problems of the files or folders named on the command line, if any."""
    if not paths:
        return problems
    wanted = [path.rstrip("/") for path in paths]
    return [
        p
        for p in problems
        if any(
            path == w or path.startswith(f"{w}/") or w in ("", ".")
            for w in wanted
            for path in (p.path, p.other_path)
            if path
        )
    ]


def _format(problem: Problem, style: str) -> str:
    if style == "github":
        level = "error" if problem.is_error else "warning"
        file = _github_property(printable(problem.path))
        message = _github_data(printable(problem.message))
        return f"::{level} file={file},line={problem.line}::{message}"
    return str(problem)


def _github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """A workflow command's property (``escapeProperty``): a ',' or ':' in a file name would
    otherwise end the property or the command."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def new(args: argparse.Namespace) -> int:
    settings, project_dir, docs_dir = open_site(args.config)
    prefix = shown_prefix(project_dir, docs_dir)
    archived = archived_urls(article_files(docs_dir, settings), prefix)
    if (path := archived.get(normalise_url(args.url))) is not None:
        print(f"news-archive: {args.url} is already archived by {path}", file=sys.stderr)
        return 1
    terms = {
        t.field: tuple(getattr(args, t.field.replace("-", "_"), None) or ())
        for t in settings.taxonomies
        if not t.single
    }
    draft = Draft(
        title=args.title,
        date=args.date,
        source=args.source,
        url=args.url,
        authors=tuple(args.authors or ()),
        summary=args.summary or "",
        terms=terms,
    )
    path, text, problems = scaffold(draft, settings, docs_dir, prefix)
    if problems:
        for problem in problems:  # about the command's options, not about a file
            print(f"news-archive new: error: {problem.message}", file=sys.stderr)
        return 1
    target = docs_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"{prefix}{path}")
    return 0


def suggest(args: argparse.Namespace) -> int:
    settings, project_dir, _ = open_site(args.config)
    registries, _ = load_registries(project_dir, settings)
    file = Path(args.path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{file}: cannot be read: {exc.strerror}") from exc
    front, body, _, problem = split_source(str(file), raw)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        values = yaml.safe_load(front) or {}
    except yaml.YAMLError:
        values = None
    if not isinstance(values, dict):
        print(
            f"{file}:1: error: the front matter is not valid YAML; run news-archive validate",
            file=sys.stderr,
        )
        return 1
    changed = front
    found_any = False
    for taxonomy in settings.taxonomies:
        if taxonomy.name not in ("actors", "locations") or taxonomy.name not in registries:
            continue
        listed = values.get(taxonomy.field) or []
        listed = [str(v) for v in listed] if isinstance(listed, list) else []
        terms = mentioned_terms(body, registries[taxonomy.name], listed)
        if not terms:
            continue
        found_any = True
        print(f"{taxonomy.field}: " + ", ".join(term.name for term in terms))
        if args.write:
            try:
                changed = add_to_list(changed, taxonomy.field, [t.name for t in terms])
            except FrontMatterEditError as exc:
                print(f"{file}: error: {exc}", file=sys.stderr)
                return 1
    loose = loose_spellings(values, settings, registries)
    for spelling in loose:
        print(
            f"{spelling.taxonomy.field}: '{spelling.written}' is filed under "
            f"'{spelling.term.name}': an alias to add to "
            f"{settings.registry_path(spelling.taxonomy)}"
        )
    if not found_any and not loose:
        print("nothing to add: every registered actor and place the text names is listed")
    elif args.write:
        if changed != front:
            text = raw.decode("utf-8-sig").replace("\r\n", "\n")
            file.write_text(replace_front_matter(text, front, changed), encoding="utf-8")
            print(f"added to {file}")
        try:
            registries_written = add_spellings(project_dir, settings, loose)
        except RegistryEditError as exc:
            print(f"news-archive suggest: error: {exc}", file=sys.stderr)
            return 1
        for relative in registries_written:
            print(f"added to {relative}")
    return 0


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
    check.add_argument("--config", help=CONFIG_HELP)
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument(
        "--strict-terms",
        nargs="*",
        metavar="TAXONOMY",
        help="make unregistered terms errors (in the named taxonomies, or all)",
    )
    check.add_argument(
        "--changed-from",
        metavar="REV",
        help="report only on the files changed since REV's common ancestor with HEAD "
        "(and not committed yet); exit 1 only for their errors",
    )
    check.add_argument(
        "--summary",
        metavar="FILE",
        help="append a Markdown summary, each changed article with its problems "
        "(for $GITHUB_STEP_SUMMARY)",
    )
    create = commands.add_parser(
        "new",
        help="start a new article at the right path",
        description="Write a new article with valid front matter and print its path.",
    )
    create.add_argument("--title", required=True)
    create.add_argument("--date", required=True, help="the original's date, like 2017-09-17")
    create.add_argument("--source", required=True, help="the publisher")
    create.add_argument("--url", required=True, help="the original's web address")
    create.add_argument("--authors", nargs="+", metavar="NAME")
    create.add_argument("--summary")
    for field in ("tags", "actors", "locations"):
        create.add_argument(f"--{field}", nargs="+", metavar="NAME")
    create.add_argument("--config", help=CONFIG_HELP)

    hint = commands.add_parser(
        "suggest",
        help="list registered actors and places the text names but the front matter lacks",
    )
    hint.add_argument("path", help="the article's file")
    hint.add_argument("--write", action="store_true", help="add them to the front matter")
    hint.add_argument("--config", help=CONFIG_HELP)

    add_commands(commands)

    args = parser.parse_args(argv)
    handlers = {
        "validate": validate,
        "new": new,
        "suggest": suggest,
        "import": import_command("import_page"),
        "import-feed": import_command("import_feed"),
    }
    try:
        return handlers[args.command](args)
    except UsageError as exc:
        print(f"news-archive: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
