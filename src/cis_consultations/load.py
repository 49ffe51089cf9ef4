"""Load and validate the whole dataset: registries first, then every record.

Nothing is rendered from data that has not passed every check here; all problems
are collected and raised together as one :class:`DataError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import DATE_PATTERN, PartialDate
from .discovery import OPTIONAL_REGISTRIES, REGISTRIES, YAML_SUFFIXES, DataLayout, scan
from .discovery import display as _display
from .heldtext import (
    COUNTED_NOUNS,
    MEETING_NOUNS,
    HeldText,
    count_forms,
    date_forms,
    ordinal_forms,
)
from .model import (
    CONSULTATIONS_SERIES,
    Contribution,
    Dataset,
    Document,
    DocumentWork,
    Meeting,
    MeetingKind,
    Organization,
    Outcome,
    Person,
    PersonRole,
    Question,
    Source,
    Spelling,
    State,
    Status,
    Topic,
    Venue,
    slugify,
)
from .problems import DataError, Problem, Severity, excerpt
from .schema import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, schema_problems, suggest, validator
from .yamlsafe import FieldPath, LocatedData, load_yaml_file

RECORD_ID = re.compile(rf"^(?P<date>{DATE_PATTERN})(?:-(?P<suffix>[a-z]))?$")
REGISTRY_FILES = REGISTRIES
TEXTS_FOLDER = "texts"
"""``data/texts/<source-id>.txt``: the full texts the project holds, checked by the loader."""
KIND_OF_FOLDER = {kind.folder: kind for kind in MeetingKind}
"""The kind of meeting each record folder holds (the folders are :mod:`.discovery`'s)."""


@dataclass(frozen=True)
class Registries:
    states: dict[str, State]
    organizations: dict[str, Organization]
    people: dict[str, Person]
    topics: dict[str, Topic]
    sources: dict[str, Source]
    documents: dict[str, Document]
    held_texts: dict[str, HeldText]
    located: dict[str, LocatedData]
    """The registries as read, to locate what is found about them later."""
    unavailable: frozenset[str] = frozenset()
    """Registries that could not be read: references to them are not checked."""


def load_registries(
    data_dir: Path,
    root: Path,
    problems: list[Problem],
    layout: DataLayout | None = None,
    today: dt.date | None = None,
) -> Registries:
    """Read the registries; problems are appended, bad entries left out.

    ``layout`` is the data folder as :func:`~.discovery.scan` found it (and reported on);
    without it the folder is scanned here and its problems appended too.
    """
    if layout is None:
        layout = scan(data_dir, root)
        problems.extend(layout.problems)
    today = today if today is not None else dt.date.today()
    raw: dict[str, dict[str, dict[str, Any]]] = {}
    unavailable: set[str] = set()
    spellings: dict[str, LocatedData] = {}
    for name in REGISTRY_FILES:
        if name in layout.refused:  # a link or two files: reported by the scan
            raw[name] = {}
            unavailable.add(name)
            continue
        file_path = layout.registries.get(name, data_dir / f"{name}.yml")
        display = _display(file_path, root)
        if not file_path.exists():
            raw[name] = {}
            if name not in OPTIONAL_REGISTRIES:
                problems.append(Problem(display, 0, 0, "", f"the {name} registry is missing"))
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
        if not schema_found:
            problems.extend(_internal_reference_problems(name, located))
        if name == "sources" and not schema_found:
            date_problems = _source_problems(located, today)
            if date_problems:
                problems.extend(date_problems)
                raw[name] = {}
                unavailable.add(name)
        if not schema_found:
            spellings[name] = located
    held_texts = _held_texts(
        layout.texts.get(TEXTS_FOLDER, ()), root, set(raw["sources"]), problems
    )
    source_ids = set(raw["sources"])
    if "sources" not in unavailable:
        for located in spellings.values():
            for entry_id, entry in located.data.items():
                for index, spelling in enumerate(entry.get("also_spelled", ())):
                    if spelling["source"] not in source_ids:
                        problems.append(
                            located.problem(
                                (entry_id, "also_spelled", index, "source"),
                                _unknown_source(spelling["source"], source_ids),
                            )
                        )
    return Registries(
        states={code: State(code, **_fields(entry)) for code, entry in raw["states"].items()},
        organizations={
            key: Organization(key, **_fields(entry)) for key, entry in raw["organizations"].items()
        },
        people={key: Person(key, **_fields(entry)) for key, entry in raw["people"].items()},
        topics={key: Topic(key, **_fields(entry)) for key, entry in raw["topics"].items()},
        sources={
            key: Source(
                key,
                **{
                    **entry,
                    "published": PartialDate.parse(entry["published"])
                    if "published" in entry
                    else None,
                },
                held_text=key in held_texts,
            )
            for key, entry in raw["sources"].items()
        },
        documents={key: Document(key, **_fields(entry)) for key, entry in raw["documents"].items()},
        held_texts=held_texts,
        located=spellings,
        unavailable=frozenset(unavailable),
    )


_SIBLING_REFERENCES = {
    "organizations": ("parent", "parent"),
    "documents": ("implements", "document"),
}
"""Registry -> (field, what it names): an id of another entry of the same registry."""


def _internal_reference_problems(name: str, located: LocatedData) -> list[Problem]:
    """Ids a registry's entries give to each other (a parent, what a document implements),
    and the page addresses its names make."""
    problems: list[Problem] = []
    if name in _SIBLING_REFERENCES:
        field_name, what = _SIBLING_REFERENCES[name]
        for entry_id, entry in located.data.items():
            target = entry.get(field_name)
            if target is not None and (target not in located.data or target == entry_id):
                problems.append(
                    located.problem(
                        (entry_id, field_name),
                        f"unknown {what} {excerpt(target)}; expected another id in this file"
                        f"{suggest(target, set(located.data) - {entry_id})}",
                    )
                )
    if name == "states":
        slugs: dict[str, str] = {}
        for code, entry in located.data.items():
            slug = slugify(entry["name"])
            if not slug:
                problems.append(
                    located.problem((code, "name"), "gives no letters for a page address")
                )
            elif slug in slugs:
                problems.append(
                    located.problem((code, "name"), f"gives the same page address as {slugs[slug]}")
                )
            slugs[slug] = code
    return problems


def _fields(entry: dict[str, Any]) -> dict[str, Any]:
    """A registry entry's fields as the model takes them (lists become tuples)."""
    if "also_spelled" not in entry and "search_terms" not in entry:
        return entry
    fields = dict(entry)
    if "also_spelled" in entry:
        fields["also_spelled"] = tuple(Spelling(**spelling) for spelling in entry["also_spelled"])
    if "search_terms" in entry:
        fields["search_terms"] = tuple(entry["search_terms"])
    return fields


def _unknown_source(value: str, known: set[str]) -> str:
    return (
        f"unknown source {excerpt(value)}{suggest(value, known)}; expected an id from "
        "data/sources.yml (describe the source there first if it is new)"
    )


_SOURCE_DATES = {
    "published": "give the date the source was published",
    "retrieved": "give the day the source was actually read, or leave the field out",
}
"""The dates a source may carry, and what to do when one is in the future."""


def _source_problems(located: LocatedData, today: dt.date) -> list[Problem]:
    """Dates in the sources registry that the schema's patterns let through."""
    problems: list[Problem] = []
    for source_id, entry in located.data.items():
        for name, advice in _SOURCE_DATES.items():
            if name not in entry:
                continue
            try:
                date = PartialDate.parse(entry[name])
            except ValueError as error:
                problems.append(located.problem((source_id, name), str(error)))
                continue
            if date.start > today:
                problems.append(
                    located.problem(
                        (source_id, name),
                        f"{entry[name]} is in the future (today is {today}); {advice}",
                    )
                )
    return problems


def _held_texts(
    files: Iterable[Path], root: Path, source_ids: set[str], problems: list[Problem]
) -> dict[str, HeldText]:
    """The texts in ``data/texts/`` (as the scan found them), each read once; each must
    belong to a source."""
    texts: dict[str, HeldText] = {}
    for file_path in files:
        display = _display(file_path, root)
        if file_path.stem not in source_ids:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    "",
                    f"holds the text of an unknown source {excerpt(file_path.stem)}"
                    f"{suggest(file_path.stem, source_ids)}; name the file after a source id "
                    "in data/sources.yml",
                )
            )
            continue
        try:
            text = file_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            problems.append(Problem(display, 0, 0, "", "cannot be read as UTF-8 text"))
            continue
        texts[file_path.stem] = HeldText(file_path.stem, text)
    return texts


_REGISTRY_OF_KIND = {
    "state": "states",
    "organization": "organizations",
    "person": "people",
    "topic": "topics",
    "source": "sources",
    "document": "documents",
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
                    _unknown_source(value, known_ids)
                    if kind == "source"
                    else f"unknown {kind} {excerpt(value)}{suggest(value, known_ids)}; "
                    f"expected an id from data/{registry}.yml (add it there first if it is new)",
                )
            )

    def references(self, path: FieldPath, values: Iterable[str], kind: str) -> None:
        for index, value in enumerate(values):
            self.reference((*path, index), value, kind)

    def record_reference(self, path: FieldPath, value: str | None, own_id: str) -> None:
        if value is not None and (value not in self.record_ids or value == own_id):
            self.problems.append(
                self.located.problem(
                    path,
                    f"unknown record {excerpt(value)}{suggest(value, self.record_ids - {own_id})}; "
                    "expected the id (file name) of another record",
                )
            )

    def person_role(self, name: str, role: dict[str, Any]) -> None:
        self.reference((name, "person"), role.get("person"), "person")
        self.reference((name, "organization"), role.get("organization"), "organization")


def _sources(item: dict[str, Any], default: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item["sources"]) if "sources" in item else default


def _person_role(data: dict[str, Any] | None) -> PersonRole | None:
    return PersonRole(**data) if data else None


def _build_record(
    record_id: str, display: str, data: dict[str, Any], date: PartialDate, kind: MeetingKind
) -> Meeting:
    venue = data.get("venue")
    participants = data.get("participants", {})
    questions = data.get("questions", {})
    record_sources = tuple(data["sources"])
    return Meeting(
        id=record_id,
        source_path=display.replace(os.sep, "/"),
        title=data["title"],
        status=Status(data["status"]),
        date=date,
        sources=record_sources,
        kind=kind,
        series=data.get("series", CONSULTATIONS_SERIES),
        number=data.get("number"),
        announced_in=data.get("announced_in"),
        venue=Venue(**venue) if venue else None,
        format=data.get("format"),
        opened_by=_person_role(data.get("opened_by")),
        chair=_person_role(data.get("chair")),
        states=tuple(participants.get("states", ())),
        observers=tuple(participants.get("observers", ())),
        organizations=tuple(participants.get("organizations", ())),
        agencies=participants.get("agencies"),
        themes=tuple(data.get("themes", ())),
        questions_discussed=questions.get("discussed"),
        questions=tuple(
            Question(
                item["title"],
                tuple(item["topics"]),
                tuple(item.get("bodies", ())),
                _sources(item, record_sources),
            )
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
                sources=_sources(item, record_sources),
            )
            for item in data.get("contributions", ())
        ),
        outcomes=tuple(
            Outcome(
                summary=item["summary"],
                next_meeting=item.get("next_meeting"),
                bodies=tuple(item.get("bodies", ())),
                sources=_sources(item, record_sources),
            )
            for item in data.get("outcomes", ())
        ),
        documents=tuple(
            DocumentWork(
                document=item["document"],
                action=item["action"],
                note=item.get("note"),
                sources=_sources(item, record_sources),
            )
            for item in data.get("documents", ())
        ),
        citations=tuple((fact, tuple(ids)) for fact, ids in data.get("cite", {}).items()),
    )


def check_record(
    located: LocatedData,
    record_id: str,
    registries: Registries,
    record_ids: set[str],
    today: dt.date,
    *,
    kind: MeetingKind = MeetingKind.CONSULTATIONS,
) -> tuple[Meeting | None, list[Problem]]:
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
    _check_kind(located, data, kind, checker)
    checker.record_reference(("announced_in",), data.get("announced_in"), record_id)
    venue = data.get("venue", {})
    checker.reference(("venue", "country"), venue.get("country"), "state")
    checker.person_role("chair", data.get("chair", {}))
    checker.person_role("opened_by", data.get("opened_by", {}))
    _check_participants(located, data.get("participants", {}), checker)
    questions = data.get("questions", {})
    listed = questions.get("listed", [])
    for index, item in enumerate(listed):
        checker.references(("questions", "listed", index, "topics"), item["topics"], "topic")
        checker.references(
            ("questions", "listed", index, "bodies"), item.get("bodies", ()), "organization"
        )
        checker.references(
            ("questions", "listed", index, "sources"), item.get("sources", ()), "source"
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
        checker.references((*base, "sources"), item.get("sources", ()), "source")
    for index, item in enumerate(data.get("outcomes", [])):
        base = ("outcomes", index)
        checker.record_reference((*base, "next_meeting"), item.get("next_meeting"), record_id)
        checker.references((*base, "bodies"), item.get("bodies", ()), "organization")
        checker.references((*base, "sources"), item.get("sources", ()), "source")
    for index, item in enumerate(data.get("documents", [])):
        base = ("documents", index)
        checker.reference((*base, "document"), item["document"], "document")
        checker.references((*base, "sources"), item.get("sources", ()), "source")
    checker.references(("sources",), data["sources"], "source")
    for fact, source_ids in data.get("cite", {}).items():
        if fact not in data and not (fact == "questions" and "discussed" in questions):
            checker.problems.append(
                located.problem(
                    ("cite", fact),
                    f"cites sources for {fact}, but the record gives no {fact}; "
                    "cite only facts the record states",
                    prefer_key=True,
                )
            )
        checker.references(("cite", fact), source_ids, "source")
    if checker.problems:
        return None, checker.problems
    record = _build_record(record_id, located.path, data, date, kind)
    return record, _held_text_problems(located, record, registries)


def _check_participants(
    located: LocatedData, participants: dict[str, Any], checker: _RecordChecker
) -> None:
    members = participants.get("states", ())
    checker.references(("participants", "states"), members, "state")
    observers = participants.get("observers", ())
    checker.references(("participants", "observers"), observers, "state")
    for index, code in enumerate(observers):
        if code in members:
            checker.problems.append(
                located.problem(
                    ("participants", "observers", index),
                    f"{code!r} is listed both as a member (participants.states) and as an "
                    "observer; keep it under the one the source states",
                )
            )
    checker.references(
        ("participants", "organizations"), participants.get("organizations", ()), "organization"
    )


def _check_kind(
    located: LocatedData, data: dict[str, Any], kind: MeetingKind, checker: _RecordChecker
) -> None:
    """Fields that belong to one kind of meeting only."""
    if kind is MeetingKind.EXPERT_GROUP:
        if "series" not in data:
            checker.problems.append(
                located.problem(
                    (),
                    "missing required field 'series': an expert-group meeting names its expert "
                    "group (an id from data/organizations.yml)",
                )
            )
        checker.reference(("series",), data.get("series"), "organization")
    elif "series" in data:
        checker.problems.append(
            located.problem(
                ("series",),
                "belongs to expert-group meetings (data/expert-groups/); the consultations are "
                "their own series: remove it, or move the file to data/expert-groups/",
                prefer_key=True,
            )
        )


def _held_text_problems(
    located: LocatedData, record: Meeting, registries: Registries
) -> list[Problem]:
    """Every fact cited to a held text must be stated in it (see :mod:`.heldtext`)."""
    problems: list[Problem] = []

    def check(
        path: FieldPath,
        sources: tuple[str, ...],
        what: str,
        forms: list[str],
        before: tuple[str, ...] = (),
    ) -> None:
        for source_id in sources:
            held = registries.held_texts.get(source_id)
            if held is None:
                continue
            found = held.states_before(forms, before) if before else held.states_any(forms)
            if not found:
                problems.append(
                    located.problem(
                        path,
                        f"the held text of source {source_id!r} (data/{TEXTS_FOLDER}/"
                        f"{source_id}.txt) does not state {what}; correct the record, or cite "
                        "a source that states it",
                    )
                )

    if not any(source_id in registries.held_texts for source_id in record.all_sources()):
        return problems
    date_sources = record.cited("date")
    check(("date",), date_sources, f"the date {record.date.label()}", date_forms(record.date))
    venue_sources = record.cited("venue")
    if record.venue is not None:
        for part in ("name", "city"):
            value = getattr(record.venue, part)
            if value:
                check(("venue", part), venue_sources, f"the place {value!r}", [value])
    people = registries.people
    for role_name in ("chair", "opened_by"):
        role: PersonRole | None = getattr(record, role_name)
        if role is None:
            continue
        role_sources = record.cited(role_name)
        person = people[role.person]
        check(
            (role_name, "person"),
            role_sources,
            f"the name {person.name!r}",
            [person.name, *(spelling.name for spelling in person.also_spelled)],
        )
        if role.position:
            check(
                (role_name, "position"),
                role_sources,
                f"the position {role.position!r}",
                [role.position],
            )
    participant_sources = record.cited("participants")
    for field_name, codes in (("states", record.states), ("observers", record.observers)):
        for index, code in enumerate(codes):
            state = registries.states[code]
            check(
                ("participants", field_name, index),
                participant_sources,
                f"the state {state.formal_name!r} ({code})",
                [
                    state.formal_name,
                    state.name,
                    *(spelling.name for spelling in state.also_spelled),
                ],
            )
    for index, org_id in enumerate(record.organizations):
        organization = registries.organizations[org_id]
        check(
            ("participants", "organizations", index),
            participant_sources,
            f"the organization {organization.name!r}",
            [
                organization.name,
                *([organization.short_name] if organization.short_name else []),
                *(spelling.name for spelling in organization.also_spelled),
            ],
        )
    if record.questions_discussed is not None:
        check(
            ("questions", "discussed"),
            record.cited("questions"),
            f"the count {record.questions_discussed}",
            count_forms(record.questions_discussed),
            before=COUNTED_NOUNS,
        )
    if record.number is not None:
        check(
            ("number",),
            record.cited("number"),
            f"the ordinal {record.number} ({' or '.join(ordinal_forms(record.number))})",
            ordinal_forms(record.number),
            before=MEETING_NOUNS,
        )
    for index, question in enumerate(record.questions):
        for source_id in question.sources:
            held = registries.held_texts.get(source_id)
            if held is not None and not held.lists_question(question.title):
                problems.append(
                    located.problem(
                        ("questions", "listed", index, "title"),
                        f"the held text of source {source_id!r} (data/{TEXTS_FOLDER}/"
                        f"{source_id}.txt) lists no question worded like this; keep the "
                        "source's wording (case, hyphens, punctuation and a leading 'on' may "
                        "differ, nothing else)",
                    )
                )
    return problems


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
        states=registries.states,
        organizations=registries.organizations,
        people=registries.people,
        topics=registries.topics,
        meetings=tuple(records),
        sources=registries.sources,
        documents=registries.documents,
        held_texts=registries.held_texts,
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
