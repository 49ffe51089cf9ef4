"""``consultations validate`` run as CI runs it, on a copy of the data, and the rules its
output keeps whatever the input: OK or located problems, short lines, no raw control
character, no more than a short excerpt of any value."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from cis_consultations.cli import main

from .project import ROOT, TODAY

LINE_LIMIT = 600
"""No line of output is longer: a message names a value by a short excerpt."""
ECHO_LIMIT = 200
"""No run of this many characters of a value given in the input is printed."""
LOCATED = re.compile(
    r"^(?P<path>'?data(?:/[^:]*)?'?)(?::(?P<line>\d+):(?P<column>\d+))?: (?P<what>.+)$"
)
"""A problem: ``data/x.yml:3:9: ...``, or ``data/x.yml: ...`` for a file as a whole (a
path with a control character in its name is quoted)."""
ANNOTATION = re.compile(r"^::(error|warning) file=[^,]+(,line=\d+(,col=\d+)?)?,title=[^:]+::.+$")
COUNT = re.compile(r"^\d+ (problems?|warnings?)( and \d+ warnings?)? found\.$")


class HangError(Exception):
    """A run took longer than it may: the loader waits on something it should refuse."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`HangError` in the running code after ``seconds``."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise HangError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def copy_data(target: Path, data: Path = ROOT / "data") -> Path:
    """A project folder in ``target`` holding a copy of ``data`` (the real data by default)."""
    shutil.copytree(data, target / "data", symlinks=True)
    return target


@dataclass(frozen=True)
class Run:
    code: int
    out: list[str]
    err: list[str]
    summary: str
    """What was appended to the step summary (``GITHUB_STEP_SUMMARY``)."""

    @property
    def problems(self) -> list[re.Match[str]]:
        return [match for line in self.out if (match := LOCATED.match(line))]

    def at(self, path: str) -> list[re.Match[str]]:
        """The problems located in the file ``path`` (``data/states.yml``)."""
        return [match for match in self.problems if match["path"] == path]

    @property
    def text(self) -> str:
        return "\n".join([*self.out, *self.err, self.summary])


def validate(project: Path, *, seconds: float = 20) -> Run:
    """``consultations validate`` in ``project``, in this process, with ``GITHUB_ACTIONS``
    set (annotations and a step summary too), stopped after ``seconds``."""
    summary = project.parent / f"{project.name}-summary.md"
    summary.unlink(missing_ok=True)
    out, err = io.StringIO(), io.StringIO()
    environment = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    saved = {name: os.environ.get(name) for name in environment}
    try:
        os.environ.update(environment)
        with (
            contextlib.chdir(project),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            time_limit(seconds),
        ):
            code = main(["validate", "data", "--today", TODAY.isoformat()])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    written = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return Run(code, out.getvalue().splitlines(), err.getvalue().splitlines(), written)


def unsafe_characters(text: str) -> list[str]:
    """Raw control characters (line ends aside) and bidirectional controls in ``text``."""
    found = []
    for char in set(text.replace("\r\n", "\n").replace("\n", "")):
        if unicodedata.category(char) == "Cc" or unicodedata.bidirectional(char) in {
            "LRE",
            "RLE",
            "LRO",
            "RLO",
            "PDF",
            "LRI",
            "RLI",
            "FSI",
            "PDI",
        }:
            found.append(f"U+{ord(char):04X}")
    return sorted(found)


def faults(run: Run, payloads: tuple[str, ...] = ()) -> list[str]:
    """How ``run`` breaks the rules every run keeps; ``payloads`` are values put in the
    input, of which no more than a short excerpt may be printed."""
    found: list[str] = []
    if run.code not in (0, 1):
        found.append(f"exit code {run.code}")
    for line in run.out:
        if not (LOCATED.match(line) or ANNOTATION.match(line) or line.startswith("OK: ")):
            found.append(f"a line that is neither a located problem nor an annotation: {line!r}")
    for line in run.err:
        if not COUNT.match(line):
            found.append(f"unexpected on stderr: {line!r}")
    errors = [match for match in run.problems if ": warning: " not in match.group(0)]
    if run.code == 1 and not errors:
        found.append("exit 1 without a located problem")
    if run.code == 0 and (errors or not any(line.startswith("OK: ") for line in run.out)):
        found.append("exit 0 with errors, or without the OK line")
    for line in [*run.out, *run.err, *run.summary.splitlines()]:
        if len(line) > LINE_LIMIT:
            found.append(f"a line of {len(line):,} characters: {line[:100]!r}...")
    unsafe = unsafe_characters(run.text)
    if unsafe:
        found.append(f"raw control characters in the output: {', '.join(unsafe)}")
    for payload in payloads:
        if len(payload) >= ECHO_LIMIT and payload[:ECHO_LIMIT] in run.text:
            found.append(f"the output echoes {ECHO_LIMIT} characters of a value")
    return found
