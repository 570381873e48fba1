"""Reviewing a change: the problems of the files a pull request changed, and its job summary.

A pull request is judged on what it changes. The archive's older warnings belong to other
files and other people; shown on every pull request they fill GitHub's ten annotations per
step and ask the contributor about files they never opened. Git is asked elsewhere
(``git_history.py``); this module only sorts problems into the change and words them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..indexing.archive import FirstArchived
from ..model.article import Article
from ..model.problems import Problem


@dataclass(frozen=True)
class Change:
    """The files a change touches, as paths relative to the project (as messages name them)."""

    changed: frozenset[str]
    """Every file added, modified or renamed since the base (deleted files are gone)."""
    added: frozenset[str]
    """The files that did not exist at the base: the newcomers of the change."""


def problems_of_change(problems: Iterable[Problem], change: Change) -> list[Problem]:
    """The problems of the changed files, and those another file has with a changed one (a
    duplicate url names both files), in the usual order."""
    return sorted(p for p in problems if p.path in change.changed or p.other_path in change.changed)


def newcomers_last(first_archived: FirstArchived, change: Change) -> FirstArchived:
    """``first_archived``, answering for a file the change adds that it is newer than any
    other: of an archived article and one a pull request adds with the same url, the
    archived one stays, even when the pull request's commit is dated earlier than the
    commit that archived the other (a branch started before it, a clock set wrong)."""

    def ask(articles: Sequence[Article]) -> Mapping[str, float]:
        answers = first_archived(articles)
        added = {a.path for a in articles if a.shown_path in change.added}
        return {path: when for path, when in answers.items() if path not in added}

    return ask


def summary_markdown(
    problems: Sequence[Problem], articles: Collection[str], base: str | None
) -> str:
    """A Markdown job summary: each changed article (``articles``: the changed files that are
    articles, or look like one) with its errors and warnings in plain words, so that the
    contributor reads the verdict on the pull request's page without opening a log."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    files = sorted(set(articles) | set(by_file))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    against = "the whole archive" if base is None else f"the files changed since `{_code(base)}`"
    lines = [f"## Checks of {against}", ""]
    if not files:
        lines.append("No problems, and no changed article." if base else "No problems.")
        return "\n".join(lines) + "\n"
    if errors:
        verdict = f"**{_count(errors, 'error')} to fix** before this can be merged" + (
            f", and {_count(warnings, 'warning')} to look at." if warnings else "."
        )
    elif warnings:
        verdict = f"No errors. {_count(warnings, 'warning')} to look at; warnings do not block."
    else:
        verdict = "No errors and no warnings: the changed files are ready for review."
    lines += [
        f"{_count(len(files), 'file')} to report on. {verdict}",
        "",
    ]
    for file in files:
        found = by_file.get(file, [])
        lines += [f"### `{_code(file)}`", ""]
        if not found:
            lines += ["No problems found.", ""]
            continue
        for problem in found:
            kind = "Error (must be fixed)" if problem.is_error else "Warning (please check)"
            lines.append(f"- **{kind}**, line {problem.line}: {_plain(problem.message)}")
        lines.append("")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _code(text: str) -> str:
    """A file name inside backticks: a backtick in it would end the code span."""
    return text.replace("`", "'")


def _plain(text: str) -> str:
    """A message as Markdown text that renders as written: no HTML, no line break."""
    escaped = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    for mark in "*_[]|#":
        escaped = escaped.replace(mark, f"\\{mark}")
    return " ".join(escaped.split())
