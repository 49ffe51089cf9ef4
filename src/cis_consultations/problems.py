"""Located problems in the data, and the one exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass

from .text import counted


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

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class DataError(Exception):
    """The data is invalid; ``problems`` lists every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{counted(len(self.problems), 'problem')} found in the data.")
        return "\n".join(lines)
