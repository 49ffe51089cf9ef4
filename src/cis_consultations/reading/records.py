"""Check one record against the schema and the registries, and build its typed form."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from typing import Any

from ..core.contract import CONSULTATION_SCHEMA
from ..core.dates import DATE_PATTERN, PartialDate
from ..core.model import (
    CONSULTATIONS_SERIES,
    Contribution,
    DocumentWork,
    Meeting,
    MeetingKind,
    Outcome,
    PersonRole,
    Question,
    SignatureLine,
    Status,
    Venue,
)
from ..core.problems import Problem, excerpt
from .heldfacts import held_text_problems
from .registries import Registries, unknown_source
from .validation import suggest, validator, value_problems
from .yamlsafe import FieldPath, LocatedData

RECORD_ID = re.compile(rf"^(?P<date>{DATE_PATTERN})(?:-(?P<suffix>[a-z]))?\Z")
"""A record's id: its file name, the date as precise as known, and a letter for a second."""


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
                    unknown_source(value, known_ids)
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

    def person_role(self, path: str | FieldPath, role: dict[str, Any]) -> None:
        base: FieldPath = (path,) if isinstance(path, str) else path
        self.reference((*base, "person"), role.get("person"), "person")
        self.reference((*base, "organization"), role.get("organization"), "organization")
        self.reference((*base, "state"), role.get("state"), "state")
        self.references((*base, "sources"), role.get("sources", ()), "source")


def _sources(item: dict[str, Any], default: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(item["sources"]) if "sources" in item else default


def _person_role(data: dict[str, Any] | None, default: tuple[str, ...] = ()) -> PersonRole | None:
    if not data:
        return None
    return PersonRole(**{**data, "sources": _sources(data, default)})


def _signature_lines(item: dict[str, Any]) -> tuple[SignatureLine, ...]:
    return tuple(SignatureLine(**line) for line in item.get("signature_lines", ()))


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
        people=tuple(
            role
            for item in participants.get("people", ())
            if (role := _person_role(item, record_sources)) is not None
        ),
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
                followed_by=item.get("followed_by"),
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
                signature_lines=_signature_lines(item),
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
    against_held_texts: bool = True,
) -> tuple[Meeting | None, list[Problem]]:
    """Validate one parsed record completely; the record only if it has no problem.

    ``against_held_texts=False`` reads an earlier version of a record (its history): that
    the record agrees with the texts the project holds is asked of the data as it is now,
    and a correction is what makes it agree."""
    problems = value_problems(located, validator(CONSULTATION_SCHEMA))
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
    _check_items(located, data, record_id, checker)
    checker.references(("sources",), data["sources"], "source")
    for fact, source_ids in data.get("cite", {}).items():
        stated = fact in data or (fact == "questions" and "discussed" in questions)
        if fact == "agencies":
            stated = "agencies" in data.get("participants", {})
        if not stated:
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
    if not against_held_texts:
        return record, []
    return record, held_text_problems(located, record, registries)


def _check_items(
    located: LocatedData, data: dict[str, Any], record_id: str, checker: _RecordChecker
) -> None:
    """The references of the contributions, outcomes and documents."""
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
        checker.record_reference((*base, "followed_by"), item.get("followed_by"), record_id)
        checker.references((*base, "bodies"), item.get("bodies", ()), "organization")
        checker.references((*base, "sources"), item.get("sources", ()), "source")
    for index, item in enumerate(data.get("documents", [])):
        base = ("documents", index)
        checker.reference((*base, "document"), item["document"], "document")
        checker.references((*base, "sources"), item.get("sources", ()), "source")
        _check_signature_lines(located, (*base, "signature_lines"), item, checker)


def _check_participants(
    located: LocatedData, participants: dict[str, Any], checker: _RecordChecker
) -> None:
    members = participants.get("states", ())
    checker.references(("participants", "states"), members, "state")
    for index, person in enumerate(participants.get("people", ())):
        checker.person_role(("participants", "people", index), person)
    observers = participants.get("observers", ())
    checker.references(("participants", "observers"), observers, "state")
    for index, code in enumerate(observers):
        if code in members:
            checker.problems.append(
                located.problem(
                    ("participants", "observers", index),
                    f"{code!r} is listed both as a participant (participants.states) and as an "
                    "observer; keep it under the one the source states",
                )
            )
    checker.references(
        ("participants", "organizations"), participants.get("organizations", ()), "organization"
    )


_SERIES_OF_KIND = {
    MeetingKind.EXPERT_GROUP: ("expert-group", "an expert-group meeting", "expert group"),
    MeetingKind.COUNCIL_SESSION: ("council", "a council session", "council"),
}
"""The kinds of meeting that name their series: the category the series must have."""


def _check_kind(
    located: LocatedData, data: dict[str, Any], kind: MeetingKind, checker: _RecordChecker
) -> None:
    """Fields that belong to some kinds of meeting only; a series of the right category."""
    if kind not in _SERIES_OF_KIND:
        if "series" in data:
            checker.problems.append(
                located.problem(
                    ("series",),
                    "belongs to expert-group meetings and council sessions; the consultations "
                    "are their own series: remove it, or move the file to data/expert-groups/ "
                    "or data/council-sessions/",
                    prefer_key=True,
                )
            )
        return
    category, what, body = _SERIES_OF_KIND[kind]
    series = data.get("series")
    if series is None:
        checker.problems.append(
            located.problem(
                (),
                f"missing required field 'series': {what} names its {body} (an id from "
                "data/organizations.yml)",
            )
        )
        return
    before = len(checker.problems)
    checker.reference(("series",), series, "organization")
    organization = checker.registries.organizations.get(series)
    if len(checker.problems) == before and organization and organization.category != category:
        checker.problems.append(
            located.problem(
                ("series",),
                f"{excerpt(series)} is not {'an' if body[0] in 'aeiou' else 'a'} {body} in "
                f"data/organizations.yml (its category is "
                f"{organization.category or 'not given'}); {what} names its {body}, an entry "
                f"with category: {category}",
            )
        )


def _check_signature_lines(
    located: LocatedData, path: FieldPath, item: dict[str, Any], checker: _RecordChecker
) -> None:
    """Each state once; a name only on a line that shows a signature."""
    seen: set[str] = set()
    for index, line in enumerate(item.get("signature_lines", ())):
        checker.reference((*path, index, "state"), line["state"], "state")
        checker.reference((*path, index, "person"), line.get("person"), "person")
        if line["state"] in seen:
            checker.problems.append(
                located.problem(
                    (*path, index, "state"),
                    f"{line['state']!r} has two signature lines; give each state's line once",
                )
            )
        seen.add(line["state"])
        if line.get("person") and line["shows"] != "signature":
            checker.problems.append(
                located.problem(
                    (*path, index, "person"),
                    f"a line that shows {line['shows']} gives no name; write shows: signature "
                    "if the line gives one",
                )
            )
