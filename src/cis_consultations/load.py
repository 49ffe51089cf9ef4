"""Load and validate the whole dataset: registries first, then every record.

Nothing is rendered from data that has not passed every check here; all problems
are collected and raised together as one :class:`DataError`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import DATE_PATTERN, PartialDate
from .model import (
    Chair,
    Consultation,
    Contribution,
    Dataset,
    Organization,
    Person,
    Question,
    Source,
    State,
    Status,
    Topic,
    Venue,
    slugify,
)
from .problems import DataError, Problem
from .schema import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, schema_problems, suggest, validator
from .yamlsafe import FieldPath, LocatedData, load_yaml_file

RECORD_ID = re.compile(rf"^(?P<date>{DATE_PATTERN})(?:-(?P<suffix>[a-z]))?$")
RECORD_SUFFIXES = (".yml", ".yaml")
REGISTRY_FILES = ("states", "organizations", "people", "topics")


@dataclass(frozen=True)
class Registries:
    states: dict[str, State]
    organizations: dict[str, Organization]
    people: dict[str, Person]
    topics: dict[str, Topic]
    unavailable: frozenset[str] = frozenset()
    """Registries that could not be read: references to them are not checked."""


def _display(path: Path, root: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return str(path)


def registry_file(data_dir: Path, name: str) -> Path:
    for suffix in RECORD_SUFFIXES:
        candidate = data_dir / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    return data_dir / f"{name}.yml"


def load_registries(data_dir: Path, root: Path, problems: list[Problem]) -> Registries:
    """Read the four registries; problems are appended, bad entries left out."""
    raw: dict[str, dict[str, dict[str, Any]]] = {}
    unavailable: set[str] = set()
    for name in REGISTRY_FILES:
        file_path = registry_file(data_dir, name)
        display = _display(file_path, root)
        if not file_path.exists():
            problems.append(Problem(display, 0, 0, "", f"the {name} registry is missing"))
            raw[name] = {}
            unavailable.add(name)
            continue
        located, found = load_yaml_file(file_path, display)
        problems.extend(found)
        if located is None or found:
            raw[name] = {}
            unavailable.add(name)
            continue
        schema_found = schema_problems(located, validator(REGISTRIES_SCHEMA, name))
        problems.extend(schema_found)
        raw[name] = located.data if not schema_found else {}
        if schema_found:
            unavailable.add(name)
        if name == "organizations" and not schema_found:
            for org_id, entry in located.data.items():
                parent = entry.get("parent")
                if parent is not None and (parent not in located.data or parent == org_id):
                    problems.append(
                        located.problem(
                            (org_id, "parent"),
                            f"unknown parent {parent!r}; expected another id in this file"
                            f"{suggest(parent, set(located.data) - {org_id})}",
                        )
                    )
        if name == "states" and not schema_found:
            slugs: dict[str, str] = {}
            for code, entry in located.data.items():
                slug = slugify(entry["name"])
                if not slug:
                    problems.append(
                        located.problem((code, "name"), "gives no letters for a page address")
                    )
                elif slug in slugs:
                    problems.append(
                        located.problem(
                            (code, "name"), f"gives the same page address as {slugs[slug]}"
                        )
                    )
                slugs[slug] = code
    return Registries(
        states={code: State(code, **entry) for code, entry in raw["states"].items()},
        organizations={
            key: Organization(key, **entry) for key, entry in raw["organizations"].items()
        },
        people={key: Person(key, **entry) for key, entry in raw["people"].items()},
        topics={key: Topic(key, **entry) for key, entry in raw["topics"].items()},
        unavailable=frozenset(unavailable),
    )


def record_files(records_dir: Path) -> list[Path]:
    """The record files, sorted; other files (a README, dotfiles) are not records."""
    if not records_dir.is_dir():
        return []
    return sorted(
        path
        for path in records_dir.iterdir()
        if path.is_file()
        and path.suffix.lower() in RECORD_SUFFIXES
        and not path.name.startswith(".")
    )


_REGISTRY_OF_KIND = {
    "state": "states",
    "organization": "organizations",
    "person": "people",
    "topic": "topics",
}


class _RecordChecker:
    """Cross-checks one schema-valid record against the registries and the rest."""

    def __init__(self, located: LocatedData, registries: Registries, record_ids: set[str]) -> None:
        self.located = located
        self.registries = registries
        self.record_ids = record_ids
        self.problems: list[Problem] = []

    def reference(self, path: FieldPath, value: str | None, kind: str) -> None:
        if value is None:
            return
        registry = _REGISTRY_OF_KIND[kind]
        if registry in self.registries.unavailable:
            return  # its own problems are reported; do not repeat them here
        known_ids: set[str] = set(getattr(self.registries, registry))
        if value not in known_ids:
            self.problems.append(
                self.located.problem(
                    path,
                    f"unknown {kind} {value!r}{suggest(value, known_ids)}; "
                    f"expected an id from data/{registry}.yml (add it there first if it is new)",
                )
            )

    def references(self, path: FieldPath, values: Iterable[str], kind: str) -> None:
        for index, value in enumerate(values):
            self.reference((*path, index), value, kind)


def _build_record(
    record_id: str, display: str, data: dict[str, Any], date: PartialDate
) -> Consultation:
    venue = data.get("venue")
    chair = data.get("chair")
    participants = data.get("participants", {})
    questions = data.get("questions", {})
    return Consultation(
        id=record_id,
        source_path=display.replace(os.sep, "/"),
        title=data["title"],
        status=Status(data["status"]),
        date=date,
        sources=tuple(Source(**source) for source in data["sources"]),
        number=data.get("number"),
        announced_in=data.get("announced_in"),
        venue=Venue(**venue) if venue else None,
        chair=Chair(**chair) if chair else None,
        states=tuple(participants.get("states", ())),
        organizations=tuple(participants.get("organizations", ())),
        themes=tuple(data.get("themes", ())),
        questions_discussed=questions.get("discussed"),
        questions=tuple(
            Question(item["title"], tuple(item["topics"]), tuple(item.get("bodies", ())))
            for item in questions.get("listed", ())
        ),
        contributions=tuple(
            Contribution(
                summary=item["summary"],
                person=item.get("person"),
                position=item.get("position"),
                organization=item.get("organization"),
                topics=tuple(item.get("topics", ())),
                bodies=tuple(item.get("bodies", ())),
            )
            for item in data.get("contributions", ())
        ),
    )


def check_record(
    located: LocatedData,
    record_id: str,
    registries: Registries,
    record_ids: set[str],
    today: dt.date,
) -> tuple[Consultation | None, list[Problem]]:
    """Validate one parsed record completely; the record only if it has no problem."""
    problems = schema_problems(located, validator(CONSULTATION_SCHEMA))
    if problems:
        return None, problems
    data: dict[str, Any] = located.data
    checker = _RecordChecker(located, registries, record_ids)
    try:
        date = PartialDate.parse(data["date"])
    except ValueError as error:
        return None, [located.problem(("date",), str(error))]
    id_date = RECORD_ID.match(record_id)
    if id_date is not None and id_date["date"] != data["date"]:
        checker.problems.append(
            located.problem(
                ("date",),
                f"the file name says {id_date['date']} but the date is {data['date']}; "
                f"rename the file to {data['date']}.yml or correct the date",
            )
        )
    if data["status"] == "held" and date.start > today:
        checker.problems.append(
            located.problem(
                ("status",),
                f"a meeting dated {data['date']} cannot have been held yet (today is "
                f"{today.isoformat()}); use status: announced",
            )
        )
    announced_in = data.get("announced_in")
    if announced_in is not None and (announced_in not in record_ids or announced_in == record_id):
        checker.problems.append(
            located.problem(
                ("announced_in",),
                f"unknown record {announced_in!r}"
                f"{suggest(announced_in, record_ids - {record_id})}; "
                "expected the id (file name) of another record",
            )
        )
    venue = data.get("venue", {})
    checker.reference(("venue", "country"), venue.get("country"), "state")
    chair = data.get("chair", {})
    checker.reference(("chair", "person"), chair.get("person"), "person")
    checker.reference(("chair", "organization"), chair.get("organization"), "organization")
    participants = data.get("participants", {})
    checker.references(("participants", "states"), participants.get("states", ()), "state")
    checker.references(
        ("participants", "organizations"), participants.get("organizations", ()), "organization"
    )
    questions = data.get("questions", {})
    listed = questions.get("listed", [])
    for index, item in enumerate(listed):
        checker.references(("questions", "listed", index, "topics"), item["topics"], "topic")
        checker.references(
            ("questions", "listed", index, "bodies"), item.get("bodies", ()), "organization"
        )
    discussed = questions.get("discussed")
    if discussed is not None and len(listed) > discussed:
        checker.problems.append(
            located.problem(
                ("questions", "listed"),
                f"lists {len(listed)} questions but says only {discussed} were discussed",
            )
        )
    for index, item in enumerate(data.get("contributions", [])):
        base: FieldPath = ("contributions", index)
        checker.reference((*base, "person"), item.get("person"), "person")
        checker.reference((*base, "organization"), item.get("organization"), "organization")
        checker.references((*base, "topics"), item.get("topics", ()), "topic")
        checker.references((*base, "bodies"), item.get("bodies", ()), "organization")
    for index, source in enumerate(data["sources"]):
        checker.reference(("sources", index, "publisher"), source["publisher"], "organization")
    if checker.problems:
        return None, checker.problems
    return _build_record(record_id, located.path, data, date), []


def _id_problems(files: list[Path], root: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Map each valid id to its file; report bad names and two files with one id."""
    problems: list[Problem] = []
    by_id: dict[str, Path] = {}
    folded: dict[str, Path] = {}
    for file_path in files:
        display = _display(file_path, root)
        record_id = file_path.stem
        if not RECORD_ID.match(record_id) or file_path.suffix not in RECORD_SUFFIXES:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    "",
                    f"the file name {file_path.name!r} is not a record id; expected the date as "
                    "precise as it is known, e.g. 2022-12-06.yml, 2023-07.yml, 2023-H2.yml, "
                    "or 2022-12-06-b.yml for a second record on one date",
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


CONSULTATIONS_SERIES = "consultations"


def series_of(record: Consultation) -> str:
    """The series a record's ``number`` counts in: the consultations, or one expert group.

    Every record is of the consultations series today; a record of an expert group's
    meeting will return that group's key, so that its numbers count apart.
    """
    return CONSULTATIONS_SERIES


@dataclass(frozen=True)
class Numbered:
    """Where a record gives its number, kept until every record is read."""

    series: str
    number: int
    path: str
    line: int
    column: int


def number_problems(numbered: list[Numbered]) -> list[Problem]:
    """A number given twice in one series: reported at each later file, naming the first."""
    problems: list[Problem] = []
    first: dict[tuple[str, int], Numbered] = {}
    for entry in sorted(numbered, key=lambda entry: entry.path):
        taken = first.setdefault((entry.series, entry.number), entry)
        if taken is entry:
            continue
        problems.append(
            Problem(
                entry.path,
                entry.line,
                entry.column,
                "number",
                f"{entry.number} is already the number of {taken.path}:{taken.line} in the "
                f"{entry.series} series; a number is unique within its series (check both "
                "files against their sources, and leave the number out where none states it)",
            )
        )
    return problems


def load_dataset(
    data_dir: Path, *, root: Path | None = None, today: dt.date | None = None
) -> Dataset:
    """Load and validate everything under ``data_dir``; raise :class:`DataError` on any problem.

    ``root`` is what file names in messages are relative to (the project folder);
    ``today`` decides which dates are in the future.
    """
    root = root if root is not None else data_dir.parent
    today = today if today is not None else dt.date.today()
    problems: list[Problem] = []
    registries = load_registries(data_dir, root, problems)
    records_dir = data_dir / "consultations"
    files = record_files(records_dir)
    if not files:
        problems.append(
            Problem(
                _display(records_dir, root), 0, 0, "", "no records found (expected *.yml files)"
            )
        )
    by_id, id_problems = _id_problems(files, root)
    problems.extend(id_problems)
    record_ids = set(by_id)
    records: list[Consultation] = []
    numbered: list[Numbered] = []
    for record_id, file_path in by_id.items():
        located, found = load_yaml_file(file_path, _display(file_path, root))
        problems.extend(found)
        if located is None or found:
            continue
        record, found = check_record(located, record_id, registries, record_ids, today)
        problems.extend(found)
        if record is not None:
            records.append(record)
            if record.number is not None:
                line, column = located.mark(("number",))
                numbered.append(
                    Numbered(series_of(record), record.number, located.path, line, column)
                )
    problems.extend(number_problems(numbered))
    if problems:
        raise DataError(problems)
    records.sort(key=lambda record: (record.date.start, record.date.end, record.id), reverse=True)
    return Dataset(
        states=registries.states,
        organizations=registries.organizations,
        people=registries.people,
        topics=registries.topics,
        consultations=tuple(records),
    )
