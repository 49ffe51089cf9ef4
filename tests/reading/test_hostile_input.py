"""Bad input, found by fuzzing: each ends in located problems, never in a traceback, a
hang, a long echo of a value, or a control character that passes into the site."""

from __future__ import annotations

import functools
import os
import resource
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cis_consultations.cli import main
from cis_consultations.core.contract import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, schema

from ..support.runs import Run, copy_data, faults, time_limit, validate

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


def test_a_long_tag_is_named_short(project: Path) -> None:
    tag = "!" + "t" * 5000
    edit(project, RECORD, "city: Moscow", f"city: {tag} Moscow")
    refused(validate(project), RECORD, "YAML tags such as", payloads=(tag,))


def test_the_letter_case_hint_for_a_long_id_is_short(project: Path) -> None:
    key = "A" * 5000
    # an explicit key (?): an implicit one may not be longer than 1024 characters
    edit(project, "data/organizations.yml", "rcc:\n", f"? {key}\n: name: Long\nrcc:\n")
    refused(validate(project), "data/organizations.yml", "lower case", payloads=(key, key.lower()))


# 4. Patterns match the whole value -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "words"),
    [
        (SOURCES, "language: en\n", 'language: "en\\n"\n', ("rcc-2022-12-06.language",)),
        ("data/states.yml", '"AM":', '"AM\\n":', ("the key", "is not valid")),
        ("data/people.yml", "mikhail-myskin:", '"mikhail-myskin\\n":', ("the key",)),
        (RECORD, 'date: "2022-12-06"', 'date: "2022-12-06\\n"', (": date: ",)),
    ],
    ids=["language", "state-code", "person-id", "date"],
)
def test_a_trailing_newline_is_not_part_of_a_valid_value(
    project: Path, name: str, old: str, new: str, words: tuple[str, ...]
) -> None:
    edit(project, name, old, new)
    refused(validate(project), name, *words)


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


PATTERNS = sorted(
    {
        found
        for name in (CONSULTATION_SCHEMA, REGISTRIES_SCHEMA)
        for found in _patterns(schema(name))
    }
)


@functools.cache
def _engines(pattern: str) -> dict[str, Callable[[str], bool]]:
    """The pattern as each engine reads it: the two the loader runs, and an independent
    one (jsonschema-rs, ECMA 262 regular expressions) for the published schema."""
    document = {"type": "string", "pattern": pattern}
    fast = fastjsonschema.compile(document)

    def fast_valid(value: str) -> bool:
        try:
            fast(value)
        except fastjsonschema.JsonSchemaValueException:
            return False
        return True

    return {
        "fastjsonschema": fast_valid,
        "jsonschema": jsonschema.Draft202012Validator(document).is_valid,
        "jsonschema-rs": jsonschema_rs.validator_for(document).is_valid,
    }


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_pattern_matches_the_whole_value_in_every_engine(
    pattern: str, data: st.DataObject
) -> None:
    body = pattern.removeprefix("^").removesuffix("(?!\\n)").removesuffix("$")
    value = data.draw(st.from_regex(body, fullmatch=True).filter(lambda text: "\n" not in text))
    for engine, is_valid in _engines(pattern).items():
        assert is_valid(value), (engine, value)
        assert not is_valid(f"{value}\n"), (engine, f"{value}\n")


def test_a_file_name_with_a_newline_is_not_a_record_id(project: Path) -> None:
    record = project / "data/consultations/2024-12-19.yml"
    record.rename(record.with_name("2024-12-19\n.yml"))
    refused(validate(project), "'data/consultations/2024-12-19\\n.yml'", "is not a record id")


# 5. Control characters, bidirectional controls, blank text, addresses -----------------------


@pytest.mark.parametrize(
    ("escape", "named"),
    [
        ("\\0", "U+0000"),
        ("\\e", "U+001B"),
        ("\\a", "U+0007"),
        ("\\u202e", "U+202E"),
        ("\\t", "U+0009"),
        ("\\n", "U+000A"),
    ],
)
def test_a_control_character_in_free_text_is_named_and_placed(
    project: Path, escape: str, named: str
) -> None:
    edit(project, RECORD, "city: Moscow", f'city: "Mos{escape}cow"')
    refused(validate(project), RECORD, "venue.city", named, "character 4")


@pytest.mark.parametrize("escape", ["\\0", "\\e", "\\u200b", "\\u202e", "\\u00a0"])
def test_an_address_holds_no_invisible_character(project: Path, escape: str) -> None:
    edit(
        project,
        SOURCES,
        "url: https://en.rcc.org.ru/events-copy/sobytiya-copy_568.html",
        f'url: "https://en.rcc.org.ru/events{escape}-copy/sobytiya-copy_568.html"',
    )
    refused(validate(project), SOURCES, "rcc-2022-12-06.url", "character 29")


@pytest.mark.parametrize("title", ["   ", "\\u200b\\u200b\\u200b", "\\u2003 \\u2060"])
def test_blank_free_text_is_refused(project: Path, title: str) -> None:
    set_line(project, "data/consultations/2024-12-19.yml", "title: ", f'title: "{title}"')
    refused(validate(project), "data/consultations/2024-12-19.yml", "title", "blank")


# 6. Files that are not files, and sizes before reading ------------------------------------


@pytest.mark.parametrize(
    "name",
    ["data/consultations/2025-01-01.yml", "data/states.yml", "data/texts/rcc-2022-12-06.txt"],
)
def test_a_named_pipe_is_refused_without_waiting_on_it(project: Path, name: str) -> None:
    path = project / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    refused(validate(project, seconds=10), name, "not a regular file")


def test_the_formatter_refuses_a_named_pipe_without_waiting_on_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(project / "data/consultations/2025-01-01.yml")
    monkeypatch.chdir(project)
    with time_limit(10):
        assert main(["fmt", "--check", "data"]) == 1
    assert "2025-01-01.yml: is not a regular file but a named pipe" in capsys.readouterr().out


def test_a_character_device_is_refused_unread(project: Path) -> None:
    path = project / "data/consultations/2025-01-01.yml"
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero
    except PermissionError:
        pytest.skip("this user may not make a device file")
    refused(validate(project, seconds=10), "data/consultations/2025-01-01.yml", "regular file")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("data/consultations/2024-12-19.yml", 2**31),
        ("data/texts/rcc-2022-12-06.txt", 54 * 2**20),
    ],
)
def test_a_large_file_is_refused_by_its_size_before_it_is_read(
    project: Path, name: str, size: int
) -> None:
    with (project / name).open("r+b") as handle:
        handle.truncate(size)  # sparse: nothing is written but the size
    before = _peak_mb()
    refused(validate(project), name, f"{size:,} bytes")
    assert _peak_mb() - before < 50, "the file was read"


# 8. Bounds on numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("number: 2", "number: 1001", "number", "at most 1000"),
        ("discussed: 16", "discussed: 1001", "questions.discussed", "at most 1000"),
        ("number: 2", "number: 2.0", "number", "expected a whole number"),
        ("discussed: 16", "discussed: 16.0", "questions.discussed", "expected a whole number"),
    ],
)
def test_numbers_are_whole_and_bounded(
    project: Path, old: str, new: str, field: str, words: str
) -> None:
    edit(project, RECORD, old, new)
    refused(validate(project), RECORD, f": {field}: ", words)
