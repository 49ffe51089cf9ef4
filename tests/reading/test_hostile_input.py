"""Bad input, found by fuzzing: each ends in located problems, never in a traceback, a
hang, a long echo of a value, or a control character that passes into the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.runs import Run, copy_data, faults, validate

RECORD = "data/consultations/2022-12-06.yml"
"""The record checked against the held text."""
SOURCES = "data/sources.yml"


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_line(project: Path, name: str, start: str, line: str) -> None:
    """Replace the first line of ``name`` that starts with ``start``."""
    path = project / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(number for number, text in enumerate(lines) if text.startswith(start))
    lines[index] = f"{line}\n"
    path.write_text("".join(lines), encoding="utf-8")


def refused(run: Run, path: str, *words: str, payloads: tuple[str, ...] = ()) -> None:
    """The run failed with a problem in ``path`` holding ``words``, and kept every rule."""
    assert faults(run, payloads) == [], run.text[:3000]
    assert run.code == 1, run.text[:3000]
    lines = [match.group(0) for match in run.at(path)]
    assert any(all(word in line for word in words) for line in lines), run.text[:3000]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "project")


def test_the_real_data_is_valid_as_ci_checks_it(project: Path) -> None:
    run = validate(project)
    assert run.code == 0 and faults(run) == [], run.text


# 1. A registry that could not be read ----------------------------------------------------


@pytest.mark.parametrize("registry", ["states", "people", "organizations"])
def test_an_empty_registry_is_a_located_problem_not_a_crash(project: Path, registry: str) -> None:
    (project / f"data/{registry}.yml").write_text("")
    refused(validate(project), f"data/{registry}.yml", "the file is empty")


# 2. Deep nesting -------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [40, 500, 999, 5000])
def test_deep_nesting_is_refused_where_it_starts(project: Path, depth: int) -> None:
    edit(project, RECORD, "themes:", "zz: " + "[" * depth + "x" + "]" * depth + "\nthemes:")
    text = (project / RECORD).read_text()
    line = text[: text.index("zz:")].count("\n") + 1
    run = validate(project)
    refused(run, RECORD)
    assert any(int(match["line"]) == line for match in run.at(RECORD)), run.text[:2000]


# 3. Messages name a value by a short excerpt ----------------------------------------------


def test_the_held_text_check_names_a_long_value_by_an_excerpt(project: Path) -> None:
    city = "Moscow" * 33_000
    edit(project, RECORD, "city: Moscow", f"city: {city}")
    refused(validate(project), RECORD, "venue.city", "does not state", payloads=(city,))


@pytest.mark.parametrize("field", ["number: 2", "discussed: 16"])
def test_a_number_of_four_thousand_digits_is_named_short(project: Path, field: str) -> None:
    name, _ = field.split(": ")
    digits = "7" * 4000
    edit(project, RECORD, field, f"{name}: {digits}")
    refused(validate(project), RECORD, name, payloads=(digits,))


def test_the_letter_case_hint_for_a_long_id_is_short(project: Path) -> None:
    key = "A" * 5000
    # an explicit key (?): an implicit one may not be longer than 1024 characters
    edit(project, "data/organizations.yml", "rcc:\n", f"? {key}\n: name: Long\nrcc:\n")
    refused(validate(project), "data/organizations.yml", "lower case", payloads=(key, key.lower()))
