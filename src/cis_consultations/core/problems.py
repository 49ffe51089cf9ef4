"""Located problems in the data, and the one exception that carries them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .text import counted

EXCERPT_LIMIT = 60
"""Text echoed from a file is cut below this many characters."""


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """``text`` quoted and escaped as Python writes it, cut to fewer than ``limit`` characters.

    Whatever a file holds (a 900-character key, a newline, a control character) then
    stays on one short line of a message.
    """
    if len(text) < limit:
        return repr(text)
    return f"{text[: limit - 3]!r}..."


def shown(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """``text`` as it is when it is short and printable, else as an :func:`excerpt`."""
    if len(text) < limit and text.isprintable():
        return text
    return excerpt(text, limit)


class Severity(StrEnum):
    ERROR = "error"
    """Stops the build: the data cannot be published as it is."""
    WARNING = "warning"
    """Reported, never fatal: a file the loader does not read (a backup, a stray file)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, located as editors' tools expect."""

    path: str
    """The file, as given to the loader (relative paths stay relative)."""
    line: int
    """1-based line; 0 when the problem concerns the file as a whole."""
    column: int
    """1-based column; 0 when unknown."""
    field: str
    """Dotted path to the field (``questions.listed.3.topics``); empty for the file."""
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def what(self) -> str:
        """The message with its field, without the place."""
        return f"{self.field}: {self.message}" if self.field else self.message

    @property
    def where(self) -> str:
        """``data/x.yml:3:9``; a file or folder as a whole has no line: it is named alone,
        never at 0:0."""
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def __str__(self) -> str:
        where = self.where
        if not self.is_error:
            return f"{where}: {self.severity}: {self.what}"
        return f"{where}: {self.what}"


def count(problems: Iterable[Problem]) -> str:
    """``2 problems``, ``1 warning``, ``2 problems and 1 warning``."""
    listed = list(problems)
    errors = sum(problem.is_error for problem in listed)
    warnings = len(listed) - errors
    parts = []
    if errors or not warnings:
        parts.append(counted(errors, "problem"))
    if warnings:
        parts.append(counted(warnings, "warning"))
    return " and ".join(parts)


class DataError(Exception):
    """The data is invalid; ``problems`` lists every problem found, sorted by place.

    Warnings found on the way are listed too; at least one problem is an error.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count(self.problems)} found in the data.")
        return "\n".join(lines)
