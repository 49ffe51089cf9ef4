"""Problems as GitHub Actions annotations, and a summary for the run's page.

When ``GITHUB_ACTIONS`` is set, each problem is also printed as a workflow command
(``::error file=...,line=...,col=...,title=...::message``): GitHub shows it on the
pull request's diff, at the line. A short Markdown summary is appended to the file
named by ``GITHUB_STEP_SUMMARY``. Elsewhere nothing here prints anything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from .core.problems import Problem
from .core.templating import markdown_environment

SUMMARY_ROWS = 50
"""Problems listed in the summary; the rest are counted (every one is annotated)."""


def on_github(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this runs in GitHub Actions (``GITHUB_ACTIONS`` set and not empty)."""
    return bool((os.environ if environ is None else environ).get("GITHUB_ACTIONS"))


def _escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, so it stays one command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property's value: also ``:`` and ``,``, which would end the value."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` (``::warning`` for warnings).

    A problem with the file as a whole (line 0) has no line: GitHub shows it on the file.
    """
    properties = {"file": problem.path.replace(os.sep, "/")}
    if problem.line:
        properties["line"] = str(problem.line)
        if problem.column:
            properties["col"] = str(problem.column)
    kind = "Data error" if problem.is_error else "Data warning"
    properties["title"] = f"{kind} in {problem.field}" if problem.field else kind
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in properties.items())
    return f"::{problem.severity} {joined}::{_escape_data(problem.what)}"


def summary(problems: Sequence[Problem], step: str, outcome: str) -> str:
    """The Markdown for the run's summary page."""
    template = markdown_environment().get_template("github-summary.md.j2")
    return template.render(
        step=step,
        outcome=outcome,
        problems=[
            {"where": problem.where, "problem": problem} for problem in problems[:SUMMARY_ROWS]
        ],
        more=max(0, len(problems) - SUMMARY_ROWS),
    )


def report(
    problems: Sequence[Problem],
    *,
    step: str,
    outcome: str,
    environ: Mapping[str, str] | None = None,
    out: TextIO | None = None,
) -> None:
    """On GitHub, print an annotation for each problem and append the run's summary."""
    environ = os.environ if environ is None else environ
    if not on_github(environ):
        return
    stream = sys.stdout if out is None else out
    for problem in problems:
        print(annotation(problem), file=stream)
    stream.flush()
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with Path(summary_path).open("a", encoding="utf-8") as handle:
            handle.write(summary(problems, step, outcome))
