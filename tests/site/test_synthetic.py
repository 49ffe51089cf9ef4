"""The synthetic benchmark data: valid for the real loader, deterministic, fixed registries."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from bench.synthetic import (
    EXPERT_GROUPS,
    ORGANIZATION_COUNT,
    PERSON_COUNT,
    STATE_COUNT,
    TOPIC_COUNT,
    write_synthetic_data,
)

from cis_consultations.reading.dataset import load_dataset
from cis_consultations.reading.records import RECORD_ID

from ..support.project import TODAY


def _files(data_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(data_dir).as_posix(): path.read_bytes()
        for path in sorted(data_dir.rglob("*.yml"))
    }


@pytest.mark.parametrize("count", [1, 10, 120])
def test_generated_data_passes_the_real_loader(tmp_path: Path, count: int) -> None:
    written = write_synthetic_data(tmp_path / "data", count, seed=7)
    dataset = load_dataset(written.data_dir, today=TODAY)
    assert len(dataset.meetings) == count
    assert sorted(dataset.by_id) == sorted(written.record_ids)
    assert all(RECORD_ID.match(record_id) for record_id in written.record_ids)


def test_records_are_at_least_as_large_as_the_2022_record(tmp_path: Path) -> None:
    written = write_synthetic_data(tmp_path / "data", 60, seed=3)
    dataset = load_dataset(written.data_dir, today=TODAY)
    for record in dataset.meetings:
        assert len(record.questions) >= 10
        assert record.questions_discussed is not None
        assert record.questions_discussed >= len(record.questions)
        assert len(record.states) >= 5
        assert record.sources
        assert record.chair is not None
    statuses = {record.status.value for record in dataset.meetings}
    assert statuses == {"held", "announced"}


def test_registries_have_fixed_sizes(tmp_path: Path) -> None:
    sizes = set()
    for count in (5, 200):
        dataset = load_dataset(write_synthetic_data(tmp_path / str(count), count).data_dir)
        sizes.add(
            (
                len(dataset.states),
                len(dataset.organizations),
                len(dataset.people),
                len(dataset.topics),
            )
        )
    assert sizes == {(STATE_COUNT, ORGANIZATION_COUNT, PERSON_COUNT, TOPIC_COUNT)}
    assert len({state.slug for state in dataset.states.values()}) == STATE_COUNT


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    first = _files(write_synthetic_data(tmp_path / "a", 50, seed=11).data_dir)
    second = _files(write_synthetic_data(tmp_path / "b", 50, seed=11).data_dir)
    other = _files(write_synthetic_data(tmp_path / "c", 50, seed=12).data_dir)
    assert first == second
    assert first != other


def test_codes_and_dates_are_quoted_as_editors_write_them(tmp_path: Path) -> None:
    written = write_synthetic_data(tmp_path / "data", 3, seed=1)
    files = [
        *written.data_dir.glob("consultations/*.yml"),
        *written.data_dir.glob("expert-groups/*.yml"),
    ]
    text = next(path for path in files if path.stem == written.record_ids[0]).read_text()
    assert 'date: "' in text
    assert 'country: "' in text
    assert 'states: ["' in text


def test_never_writes_into_an_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(FileExistsError):
        write_synthetic_data(tmp_path / "data", 3)


def test_the_repeated_shape_has_the_same_at_every_record(tmp_path: Path) -> None:
    """The real series' shape: every state and one organization at every record, one chair
    for them all, a record every fortnight."""
    written = write_synthetic_data(tmp_path / "data", 60, seed=5, shape="repeated")
    dataset = load_dataset(written.data_dir, today=TODAY)
    assert len(dataset.meetings) == 60
    organization = f"org-{EXPERT_GROUPS:02d}"
    for record in dataset.meetings:
        assert len(record.participating_states) == STATE_COUNT
        assert organization in record.organizations
        assert record.chair is not None and record.chair.person == "person-000"
        assert record.contributions
    dates = sorted(record.date.start for record in dataset.meetings)
    assert {(later - earlier).days for earlier, later in pairwise(dates)} == {14}
    with pytest.raises(ValueError):
        write_synthetic_data(tmp_path / "other", 10, shape="clustered")
