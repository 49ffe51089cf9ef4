"""Load and validate the whole dataset: registries first, then every record, then the
checks that span records.

Nothing is rendered from data that has not passed every check here; all problems
are collected and raised together as one :class:`DataError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ..core.layout import YAML_SUFFIXES
from ..core.model import Dataset, Meeting, MeetingKind
from ..core.problems import DataError, Problem, Severity, excerpt
from .discovery import display as _display
from .discovery import scan
from .records import RECORD_ID, check_record
from .registries import Registries, load_registries
from .yamlsafe import LocatedData, load_yaml_file

KIND_OF_FOLDER = {kind.folder: kind for kind in MeetingKind}
"""The kind of meeting each record folder holds."""


def _id_problems(files: list[Path], root: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Map each valid id to its file; report bad names and two files with one id."""
    problems: list[Problem] = []
    by_id: dict[str, Path] = {}
    folded: dict[str, Path] = {}
    for file_path in files:
        display = _display(file_path, root)
        record_id = file_path.stem
        if not RECORD_ID.match(record_id) or file_path.suffix not in YAML_SUFFIXES:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    "",
                    f"the file name {excerpt(file_path.name)} is not a record id; expected "
                    "the date as precise as it is known, e.g. 2022-12-06.yml, 2023-07.yml, "
                    "2023-H2.yml, or 2022-12-06-b.yml for a second record on one date",
                )
            )
            continue
        key = record_id.lower()
        if key in folded:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    "",
                    f"gives the same id as {_display(folded[key], root)}; keep one file per id",
                )
            )
            continue
        folded[key] = file_path
        by_id[record_id] = file_path
    return by_id, problems


def load_dataset(
    data_dir: Path,
    *,
    root: Path | None = None,
    today: dt.date | None = None,
    warnings: list[Problem] | None = None,
) -> Dataset:
    """Load and validate everything under ``data_dir``; raise :class:`DataError` on any problem.

    ``root`` is what file names in messages are relative to (the project folder);
    ``today`` decides which dates are in the future. What is worth saying but breaks
    nothing (a source that no record cites, a file in the data folder that is not read)
    comes back in ``Dataset.warnings``, and is appended to ``warnings`` as well; when the
    data is invalid the :class:`DataError` carries the warnings with the errors.
    """
    root = root if root is not None else data_dir.parent
    today = today if today is not None else dt.date.today()
    problems: list[Problem] = []
    layout = scan(data_dir, root)
    problems.extend(layout.problems)
    registries = load_registries(data_dir, root, problems, layout, today)
    kind_of: dict[Path, MeetingKind] = {}
    for folder, kind in KIND_OF_FOLDER.items():
        for file_path in layout.records.get(folder, ()):
            kind_of[file_path] = kind
    if not kind_of and MeetingKind.CONSULTATIONS.folder not in layout.refused:
        problems.append(
            Problem(
                _display(data_dir / MeetingKind.CONSULTATIONS.folder, root),
                0,
                0,
                "",
                "no records found (expected *.yml files)",
            )
        )
    by_id, id_problems = _id_problems(list(kind_of), root)
    problems.extend(id_problems)
    record_ids = set(by_id)
    records: list[Meeting] = []
    located_of: dict[str, LocatedData] = {}
    for record_id, file_path in by_id.items():
        located, found = load_yaml_file(file_path, _display(file_path, root))
        problems.extend(found)
        if located is None or found:
            continue
        record, found = check_record(
            located, record_id, registries, record_ids, today, kind=kind_of[file_path]
        )
        problems.extend(found)
        if record is not None:
            records.append(record)
            located_of[record.id] = located
    problems.extend(_number_problems(records, located_of))
    if not any(problem.is_error for problem in problems):
        # Only when every record was read: a record with an error cites nothing yet.
        problems.extend(_uncited_sources(registries, records))
    if any(problem.is_error for problem in problems):
        raise DataError(problems)
    found_warnings = sorted(problems)
    if warnings is not None:
        warnings.extend(found_warnings)
    records.sort(key=lambda record: (record.date.start, record.date.end, record.id), reverse=True)
    return Dataset(
        **registries.registers(),
        meetings=tuple(records),
        warnings=tuple(found_warnings),
    )


def _number_problems(records: list[Meeting], located_of: dict[str, LocatedData]) -> list[Problem]:
    """A number is unique within its series (the consultations, or one expert group).

    Reported at each later record (by id), naming the file and line of the first.
    """
    problems: list[Problem] = []
    first: dict[tuple[str, int], Meeting] = {}
    for record in sorted(records, key=lambda record: record.id):
        if record.number is None:
            continue
        other = first.setdefault((record.series, record.number), record)
        if other is record:
            continue
        line, _ = located_of[other.id].mark(("number",))
        series = "the consultations" if record.is_consultation else f"series {record.series!r}"
        problems.append(
            located_of[record.id].problem(
                ("number",),
                f"{record.number} is already the number of {other.source_path}:{line} in "
                f"{series}; a number is unique within its series (check both files against "
                "their sources, and leave the number out where none states it)",
            )
        )
    return problems


def _uncited_sources(registries: Registries, records: list[Meeting]) -> list[Problem]:
    cited = {source_id for record in records for source_id in record.all_sources()}
    for entries in (
        registries.states,
        registries.organizations,
        registries.people,
        registries.documents,
    ):
        for entry in entries.values():
            cited.update(spelling.source for spelling in getattr(entry, "also_spelled", ()))
    located = registries.located.get("sources")
    if located is None:
        return []
    return [
        dataclasses.replace(
            located.problem(
                (source_id,),
                "no record cites this source; cite it where it states a fact, or remove it",
                prefer_key=True,
            ),
            severity=Severity.WARNING,
        )
        for source_id in registries.sources
        if source_id not in cited
    ]
