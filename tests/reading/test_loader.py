"""The loader and the model, on small fixtures and on the real data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cis_consultations.core.contract import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, schema
from cis_consultations.core.dates import DATE_PATTERN, PartialDate, Precision
from cis_consultations.core.model import Status
from cis_consultations.core.problems import DataError
from cis_consultations.reading.dataset import load_dataset

from ..support.project import FIXTURES, ROOT, TODAY


def minimal_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    return data


def test_minimal_fixture_loads_into_typed_records(tmp_path: Path) -> None:
    dataset = load_dataset(minimal_copy(tmp_path), today=TODAY)
    assert [record.id for record in dataset.consultations] == ["2022-H1", "2021-05-04"]
    first = dataset.by_id["2021-05-04"]
    assert first.status is Status.HELD
    assert first.states == ("AM", "KG", "NO")  # "NO" stays Norway, not false
    assert first.questions_discussed == 3
    assert [question.title for question in first.questions] == [
        "Question about alpha",
        "Question about beta",
    ]
    assert first.chair is not None and first.chair.person == "ann-example"
    planned = dataset.by_id["2022-H1"]
    assert planned.status is Status.ANNOUNCED and planned.announced_in == "2021-05-04"
    assert dataset.organizations["child-body"].parent == "parent-body"
    assert dataset.states["KG"].slug == "kyrgyzstan"


def test_real_data_has_the_facts_of_the_sources() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    meeting = dataset.by_id["2022-12-06"]
    assert meeting.number == 2
    assert meeting.venue is not None and meeting.venue.city == "Moscow"
    assert meeting.states == ("AM", "BY", "KZ", "KG", "RU", "TJ", "UZ")
    assert meeting.questions_discussed == 16 and len(meeting.questions) == 11
    assert meeting.chair is not None and meeting.chair.person == "natalya-zorya"
    planned = dataset.by_id["2023-H2"]
    assert planned.status is Status.ANNOUNCED and planned.number is None
    later = dataset.by_id["2024-12-19"]
    assert later.venue is None and later.chair is None and later.questions_discussed is None
    assert "AZ" in later.states and len(later.states) == 8
    assert {"rcc", "cis-executive-committee"} == set(later.organizations)
    assert dataset.organizations["rcc-executive-committee"].parent == "rcc"


@pytest.mark.parametrize(
    ("text", "precision", "label"),
    [
        ("2022-12-06", Precision.DAY, "6 December 2022"),
        ("2023-07", Precision.MONTH, "July 2023"),
        ("2023-Q3", Precision.QUARTER, "the third quarter of 2023"),
        ("2023-H2", Precision.HALF, "the second half of 2023"),
        ("2023", Precision.YEAR, "2023"),
    ],
)
def test_partial_dates_parse_and_read_plainly(text: str, precision: Precision, label: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert date.label() == label
    assert date.start <= date.end


@pytest.mark.parametrize("text", ["2022-02-30", "2023-13", "2023-Q5", "23-01-01", "2023-H3", ""])
def test_impossible_or_malformed_dates_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected a date|not a real date|no month"):
        PartialDate.parse(text)


def _break(tmp_path: Path, name: str, content: str) -> DataError:
    data = minimal_copy(tmp_path)
    (data / "consultations" / name).write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(data, root=tmp_path, today=TODAY)
    return caught.value


def test_every_problem_is_reported_at_once_with_file_line_and_field(tmp_path: Path) -> None:
    error = _break(
        tmp_path,
        "2021-05-04.yml",
        (FIXTURES / "minimal/consultations/2021-05-04.yml")
        .read_text()
        .replace('"KG"', "KG, UA")
        .replace("status: held", "status: hled")
        .replace("title: First test meeting", "titel: First test meeting"),
    )
    messages = [str(problem) for problem in error.problems]
    assert any(
        message.startswith("data/consultations/2021-05-04.yml:1:1: titel: unknown field 'titel'")
        and "did you mean 'title'" in message
        for message in messages
    ), messages
    assert any(
        ":3:9: status: expected one of held, announced, postponed, cancelled" in m for m in messages
    )
    assert any("missing required field 'title'" in message for message in messages)
    assert len(messages) >= 3


def test_references_are_checked_with_suggestions(tmp_path: Path) -> None:
    error = _break(
        tmp_path,
        "2021-05-04.yml",
        (FIXTURES / "minimal/consultations/2021-05-04.yml")
        .read_text()
        .replace("topics: [alpha]", "topics: [alpah]"),
    )
    (problem,) = error.problems
    assert problem.field == "questions.listed.0.topics.0"
    assert "unknown topic 'alpah' (did you mean 'alpha'?)" in problem.message
    assert (problem.line, problem.column) == (15, 16)


def test_unquoted_no_is_named_as_a_yaml_surprise(tmp_path: Path) -> None:
    error = _break(
        tmp_path,
        "2021-05-04.yml",
        (FIXTURES / "minimal/consultations/2021-05-04.yml").read_text().replace('"NO"', "NO"),
    )
    (problem,) = error.problems
    assert problem.field == "participants.states.2"
    assert "unquoted NO, which YAML reads as true/false" in problem.message
    assert 'write it in quotes: "NO"' in problem.message


def test_the_schema_and_the_loader_share_one_date_grammar() -> None:
    """The schema's date pattern (for editors' tools) accepts exactly the loader's forms."""
    pattern = re.compile(schema(CONSULTATION_SCHEMA)["properties"]["date"]["pattern"])
    samples = [
        "2022-12-06",
        "2023-07",
        "2023-Q3",
        "2023-H2",
        "2023",
        "2023-Q5",
        "23-01",
        "2023-H3",
        "2023-1",
        "June 2023",
        "2023-07-1",
        "2022-12-06-b",
    ]
    for sample in samples:
        assert bool(pattern.match(sample)) == bool(re.fullmatch(DATE_PATTERN, sample)), sample


@pytest.mark.parametrize("name", [CONSULTATION_SCHEMA, REGISTRIES_SCHEMA])
def test_the_shipped_schemas_are_valid_json_schemas(name: str) -> None:
    """The loader compiles them without checking them: this is where they are checked."""
    Draft202012Validator.check_schema(schema(name))
