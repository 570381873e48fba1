"""Problems found in contributed content, phrased for the contributor who has to fix them."""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass

from .characters import printable


class Severity(enum.Enum):
    """Errors keep an article out of the archive; warnings publish it and ask for a look."""

    ERROR = "error"
    WARNING = "warning"


# Errors before warnings on the same line: what blocks the article is read first.
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1}


@functools.total_ordering
@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``path:line: error|warning: message``.

    Problems sort by file, line, severity (errors first), message: an explicit key, since an
    Enum has no order and an error and a warning often share a line.
    """

    path: str
    line: int
    severity: Severity
    message: str
    other_path: str = ""
    """Another file the problem involves (a duplicate), so that checking either shows it."""

    def __str__(self) -> str:
        shown = f"{self.path}:{self.line}: {self.severity.value}: {self.message}"
        return printable(shown)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self.sort_key < other.sort_key

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, _RANK[self.severity], self.message, self.other_path)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: str, line: int, message: str, other_path: str = "") -> Problem:
    return Problem(path, line, Severity.ERROR, message, other_path)


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, Severity.WARNING, message)
