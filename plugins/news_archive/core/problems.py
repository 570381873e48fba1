"""Problems found in contributed content, phrased for the contributor who has to fix them."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """Errors keep an article out of the archive; warnings publish it and ask for a look."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, printed as ``path:line: error|warning: message``."""

    path: str
    line: int
    severity: Severity
    message: str
    other_path: str = ""
    """Another file the problem involves (a duplicate), so that checking either shows it."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: str, line: int, message: str, other_path: str = "") -> Problem:
    return Problem(path, line, Severity.ERROR, message, other_path)


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, Severity.WARNING, message)
