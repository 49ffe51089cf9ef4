"""Editing safely: the schema everywhere, the scaffold, the canonical form, fuzzed input."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import jsonschema_rs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cis_consultations.cli import main
from cis_consultations.core.contract import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, schema
from cis_consultations.core.layout import REGISTRIES as REGISTRY_FILES
from cis_consultations.core.problems import Problem
from cis_consultations.reading.canonical import SCHEMA_COMMENT, canonical_record, header_comments
from cis_consultations.reading.records import check_record
from cis_consultations.reading.registries import load_registries
from cis_consultations.reading.validation import schema_problems, validator
from cis_consultations.reading.yamlsafe import parse_yaml

from ..support.project import BROKEN, FIXTURES, ROOT, TODAY, value_paths

VALID_RECORD = (FIXTURES / "minimal/consultations/2021-05-04.yml").read_text()
REGISTRIES = load_registries(FIXTURES / "minimal", FIXTURES, [])


def check_text(text: str) -> list[Problem]:
    """Everything the loader does to one record's text; must never raise."""
    located, problems = parse_yaml(text, "record.yml")
    if located is None or problems:
        return problems
    record, problems = check_record(located, "2021-05-04", REGISTRIES, {"2021-05-04"}, TODAY)
    assert (record is None) == bool(problems)
    return problems


def test_the_published_schema_gives_the_loaders_verdicts(built_site: Path) -> None:
    """An independent validator (jsonschema-rs) on the schema the build published."""
    published = json.loads((built_site / "schema/consultation.schema.json").read_text())
    independent = jsonschema_rs.validator_for(published)
    compared: dict[bool, int] = {True: 0, False: 0}
    record_files = [
        *sorted(BROKEN.glob("[0-9]*.yml")),
        *sorted((ROOT / "data/consultations").glob("*.yml")),
        *sorted((FIXTURES / "minimal/consultations").glob("*.yml")),
    ]
    for path in record_files:
        located, problems = parse_yaml(path.read_text(errors="replace"), path.name)
        if located is None or problems:
            continue  # a YAML-level problem: no data for a schema to judge
        try:
            json.dumps(located.data)
        except TypeError:
            continue  # holds a YAML date object, which JSON has no type for
        loader_valid = not schema_problems(located, validator(CONSULTATION_SCHEMA))
        assert independent.is_valid(located.data) == loader_valid, path.name
        compared[loader_valid] += 1
    assert compared[True] >= 5 and compared[False] >= 15, compared


def test_new_writes_a_commented_record_and_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")  # owned here: no 2025-H2 in it
    monkeypatch.chdir(tmp_path)
    assert main(["new", "2025-H2"]) == 0
    written = tmp_path / "data/consultations/2025-H2.yml"
    text = written.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    assert 'date: "2025-H2"' in text
    for field in ("title", "status", "venue", "chair", "participants", "questions", "sources"):
        assert f"{field}:" in text
    scaffold = yaml.safe_load(text)
    # What the editor must decide is left empty, so that forgetting it is an error.
    assert scaffold["status"] == "" and scaffold["sources"] == []
    output = capsys.readouterr().out
    for problem in (
        "title: is empty; expected text",
        "status: is empty; expected one of held, announced, postponed, cancelled",
        "sources: must not be empty; expected the id of at least one source in data/sources.yml",
    ):
        located = rf"^data/consultations/2025-H2\.yml:[1-9]\d*:[1-9]\d*: {re.escape(problem)}"
        assert re.search(located, output, re.MULTILINE), (problem, output)
    assert main(["new", "2025-H2"]) == 2  # never overwrites
    assert main(["new", "next-meeting"]) == 2
    assert main(["new", "2025-02-30"]) == 2


def test_fmt_rewrites_a_messy_record_and_check_shows_the_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    record = tmp_path / "data/consultations/2021-05-04.yml"
    messy = (
        "# a note kept at the top\n"
        "sources:\n    - {url: 'https://example.org/meeting-1', publisher: parent-body}\n"
        "status: 'held'\ndate: '2021-05-04'\ntitle: \"First test meeting\"\n"
        "participants: {states: ['AM', 'KG', 'NO']}\n"
    )
    record.write_text(messy)
    monkeypatch.chdir(tmp_path)
    assert main(["fmt", "--check", "data"]) == 1
    assert "+title: First test meeting" in capsys.readouterr().out
    assert main(["fmt", "data"]) == 0
    formatted = record.read_text()
    assert SCHEMA_COMMENT.endswith("/src/cis_consultations/schema/consultation.schema.json")
    assert formatted.splitlines()[:4] == [
        SCHEMA_COMMENT,
        "# a note kept at the top",
        "title: First test meeting",
        "status: held",
    ]
    assert 'states: ["AM", "KG", "NO"]' in formatted
    assert yaml.safe_load(formatted) == yaml.safe_load(messy)
    assert main(["fmt", "--check", "data"]) == 0


def test_every_real_file_is_in_canonical_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["fmt", "--check", "data"]) == 0


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 100),
    st.text(max_size=12),
    st.sampled_from(["NO", "yes", "2021-05-04", "AM", "alpha", "held", "<script>", "&a", "*a"]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_records(draw: st.DrawFn) -> str:
    data = yaml.safe_load(VALID_RECORD)
    for _ in range(draw(st.integers(1, 3))):
        paths = [path for path in value_paths(data) if path]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(_VALUES)
        if not isinstance(data, dict) or not data:
            break
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=draw(st.booleans()))


@settings(
    max_examples=150, deadline=dt.timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(st.text(max_size=300))
def test_random_text_only_ever_gives_located_problems(text: str) -> None:
    for problem in check_text(text):
        assert problem.path == "record.yml" and problem.message


@settings(
    max_examples=150, deadline=dt.timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow]
)
@given(mutated_records())
def test_mutated_records_are_valid_or_located_and_valid_ones_survive_formatting(
    text: str,
) -> None:
    problems = check_text(text)
    for problem in problems:
        assert problem.line >= 0 and problem.message
    if not problems:
        located, _ = parse_yaml(text, "record.yml")
        assert located is not None
        canonical = canonical_record(copy.deepcopy(located.data), header_comments(text))
        again, again_problems = parse_yaml(canonical, "record.yml")
        assert not again_problems and again is not None and again.data == located.data


@pytest.mark.parametrize(
    "title",
    [
        "00\x1f",
        "A\x7fB",
        "Next\x85line",
        "Tab\tinside",
        "Two\nlines",
        "Line\u2028separator",
        "\ufeffBOM",
        "\u202eRTL",
        "Tag\U000e0001",
    ],
)
def test_a_control_character_survives_formatting_escaped(title: str) -> None:
    # Found by the test above: a title YAML read from "00\x1F" was written back plain,
    # with the raw control character that YAML then refuses.
    text = (FIXTURES / "minimal" / "consultations" / "2021-05-04.yml").read_text()
    located, _ = parse_yaml(text, "record.yml")
    assert located is not None
    located.data["title"] = title
    canonical = canonical_record(copy.deepcopy(located.data), [])
    again, again_problems = parse_yaml(canonical, "record.yml")
    assert not again_problems and again is not None and again.data == located.data


GUIDE = ROOT / "docs" / "contributing.md"


def test_the_guide_in_the_repository_has_the_current_field_dictionary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run `make field-guide` when the schemas change; this fails until the guide is current."""
    assert main(["field-guide", "--check", str(GUIDE)]) == 0, capsys.readouterr()


def test_a_stale_field_dictionary_is_caught_and_rewritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "contributing.md"
    current = GUIDE.read_text(encoding="utf-8")
    stale = current.replace("cannot have the same number", "cannot share one")
    guide.write_text(stale, encoding="utf-8")
    assert main(["field-guide", "--check", str(guide)]) == 1
    captured = capsys.readouterr()
    assert "+| `number` | whole number | Number in its series" in captured.out
    assert "the field dictionary is out of date; run `make field-guide`" in captured.err
    assert main(["field-guide", str(guide)]) == 0
    assert guide.read_text(encoding="utf-8") == current
    guide.write_text("# A guide without markers\n", encoding="utf-8")
    assert main(["field-guide", "--check", str(guide)]) == 2
    assert "expected the markers" in capsys.readouterr().err


def test_every_field_of_every_record_and_registry_is_in_the_guide() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for name in REGISTRY_FILES:
        section = guide.split(f"\n`data/{name}.yml`: ")[1].split("####")[0]
        assert "| (the key) |" in section
        entry = schema(REGISTRIES_SCHEMA)["$defs"][name]["additionalProperties"]
        for field in entry["properties"]:
            assert f"| `{field}` |" in section, (name, field)
    for field in schema(CONSULTATION_SCHEMA)["properties"]:
        assert f"| `{field}` |" in guide, field
    assert "take ISO 3166-1's formal name" in guide


def test_the_guide_shows_a_message_exactly_as_the_checks_print_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The located line the guide tells an editor to look for in a failed CI log."""
    section = GUIDE.read_text(encoding="utf-8").split("## What CI checks")[1].split("\n## ")[0]
    assert "`make test`" in section and "make check-data" in section
    (example,) = [
        line.strip("`")
        for line in section.splitlines()
        if line.startswith("`data/") and line.endswith("`")
    ]
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "2025-06-10"]) == 0
    assert example in capsys.readouterr().out.splitlines()
