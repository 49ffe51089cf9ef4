"""The CSV files: the records, participation in long form, and the sources."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from ..core.contract import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, field_description
from ..core.dates import Precision
from ..core.entries import State
from ..core.model import MeetingKind, Role, Status
from .base import ExportBase

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    """A column of a CSV file, as the data package describes it (a Table Schema field).

    Its description is the schema's, where the column holds a record's field (``field``,
    a path in the record schema) or a registry's (``registry``); else ``description``.
    """

    name: str
    type: str = "string"
    description: str = ""
    field: tuple[str, ...] = ()
    registry: tuple[str, ...] = ()
    enum: tuple[str, ...] = ()
    format: str | None = None
    listed: bool = False
    """A list, its items ``;``-separated."""

    def described(self) -> str:
        if self.field:
            text = field_description(CONSULTATION_SCHEMA, *self.field)
        elif self.registry:
            text = field_description(REGISTRIES_SCHEMA, *self.registry)
        else:
            text = self.description
        return f'{text} Separated by "{LIST_SEPARATOR}".' if self.listed else text


class CsvExport(ExportBase):
    """``data/*.csv``: one row per record, per state at a meeting, per source."""

    CONSULTATION_FIELDS = (
        Column("id", description="The record's id: its file name (the date as precise as known)."),
        Column("url", description="The record's page on the site.", format="uri"),
        Column(
            "kind",
            description="The kind of meeting (the folder its record is in).",
            enum=tuple(kind.value for kind in MeetingKind),
        ),
        Column("series", field=("series",)),
        Column("title", field=("title",)),
        Column("status", field=("status",), enum=tuple(status.value for status in Status)),
        Column("date", field=("date",)),
        Column(
            "date_precision",
            description="How precise the date is.",
            enum=tuple(precision.value for precision in Precision),
        ),
        Column("date_earliest", "date", "The first day the date can mean."),
        Column("date_latest", "date", "The last day the date can mean."),
        Column("number", "integer", field=("number",)),
        Column("announced_in", field=("announced_in",)),
        Column("venue_name", field=("venue", "name")),
        Column("venue_city", field=("venue", "city")),
        Column("venue_country", field=("venue", "country")),
        Column("format", field=("format",)),
        Column(
            "opened_by",
            description="The name of the person who opened the meeting, when a "
            "source says so and it is not the chair.",
        ),
        Column(
            "chair", description="The name of the person who chaired, where a source names one."
        ),
        Column("chair_state", field=("chair", "state")),
        Column("chair_position", field=("chair", "position")),
        Column("chair_organization", field=("chair", "organization")),
        Column("states", field=("participants", "states"), listed=True),
        Column("observers", field=("participants", "observers"), listed=True),
        Column("organizations", field=("participants", "organizations"), listed=True),
        Column("questions_discussed", "integer", field=("questions", "discussed")),
        Column("questions_listed", "integer", "How many questions the record names."),
        Column("contributions", "integer", "How many contributions the record holds."),
        Column("outcomes", "integer", "How many outcomes the record holds."),
        Column("documents", description="Ids of the documents the meeting worked on.", listed=True),
        Column(
            "sources",
            description="Ids of every source the record cites, for any fact.",
            listed=True,
        ),
        Column(
            "last_changed",
            "date",
            "The day of the last commit that changed the record's file "
            "(empty: not known in this build).",
        ),
    )
    CONSULTATION_COLUMNS = tuple(column.name for column in CONSULTATION_FIELDS)
    PARTICIPATION_FIELDS = (
        Column("meeting_id", description="The meeting's record id."),
        Column(
            "meeting_kind",
            description="The kind of meeting.",
            enum=tuple(kind.value for kind in MeetingKind),
        ),
        Column("meeting_date", field=("date",)),
        Column(
            "role", description="How the state took part.", enum=tuple(role.value for role in Role)
        ),
        Column("state_code", description="The state's ISO 3166-1 alpha-2 code."),
        Column("state_name", registry=("states", "name")),
        Column("state_formal_name", registry=("states", "formal_name")),
    )
    PARTICIPATION_COLUMNS = tuple(column.name for column in PARTICIPATION_FIELDS)

    def consultations_csv(self) -> str:
        """One row per record; lists are ``;``-separated ids; unknown is an empty cell."""
        rows = []
        for record in self.dataset.meetings:
            venue = record.venue
            chair = record.chair
            changed = self.changed(record)
            rows.append(
                {
                    "id": record.id,
                    "url": self.record_url(record),
                    "kind": record.kind.value,
                    "series": record.series,
                    "title": record.title,
                    "status": record.status.value,
                    "date": record.date.text,
                    "date_precision": record.date.precision.value,
                    "date_earliest": record.date.start.isoformat(),
                    "date_latest": record.date.end.isoformat(),
                    "number": record.number,
                    "announced_in": record.announced_in,
                    "venue_name": venue.name if venue else None,
                    "venue_city": venue.city if venue else None,
                    "venue_country": venue.country if venue else None,
                    "format": record.format,
                    "opened_by": self.dataset.people[record.opened_by.person].name
                    if record.opened_by and record.opened_by.person
                    else None,
                    "chair": self.dataset.people[chair.person].name
                    if chair and chair.person
                    else None,
                    "chair_state": chair.state if chair else None,
                    "chair_position": chair.position if chair else None,
                    "chair_organization": chair.organization if chair else None,
                    "states": LIST_SEPARATOR.join(record.states),
                    "observers": LIST_SEPARATOR.join(record.observers),
                    "organizations": LIST_SEPARATOR.join(record.organizations),
                    "questions_discussed": record.questions_discussed,
                    "questions_listed": len(record.questions),
                    "contributions": len(record.contributions),
                    "outcomes": len(record.outcomes),
                    "documents": LIST_SEPARATOR.join(
                        dict.fromkeys(item.document for item in record.documents)
                    ),
                    "sources": LIST_SEPARATOR.join(record.all_sources()),
                    "last_changed": changed.isoformat() if changed else None,
                }
            )
        return _csv(self.CONSULTATION_COLUMNS, rows)

    def participation_csv(self) -> str:
        """Long form: one row per state listed as taking part in a meeting, with its role."""
        rows = []
        for record in self.dataset.meetings:
            for code in record.participating_states:
                state: State = self.dataset.states[code]
                role = record.role_of(code)
                rows.append(
                    {
                        "meeting_id": record.id,
                        "meeting_kind": record.kind.value,
                        "meeting_date": record.date.text,
                        "role": role.value if role else None,
                        "state_code": code,
                        "state_name": state.name,
                        "state_formal_name": state.formal_name,
                    }
                )
        return _csv(self.PARTICIPATION_COLUMNS, rows)

    SOURCE_FIELDS = (
        Column("id", description="The source's id, by which records cite it."),
        Column("publisher", registry=("sources", "publisher")),
        Column("title", registry=("sources", "title")),
        Column("published", registry=("sources", "published")),
        Column("language", registry=("sources", "language")),
        Column("url", registry=("sources", "url"), format="uri"),
        Column("retrieved", "date", registry=("sources", "retrieved")),
        Column("archived", registry=("sources", "archived"), format="uri"),
        Column("held_text", "boolean", "Whether the project holds the source's full text."),
        Column("cited_by", description="Ids of the records that cite it.", listed=True),
        Column("note", registry=("sources", "note")),
    )
    SOURCE_COLUMNS = tuple(column.name for column in SOURCE_FIELDS)

    def sources_csv(self) -> str:
        """One row per source; ``cited_by`` lists the ids of the records that cite it."""
        cited_by: dict[str, list[str]] = {}
        for record in self.dataset.meetings:
            for source_id in record.all_sources():
                cited_by.setdefault(source_id, []).append(record.id)
        rows = [
            {
                "id": source.id,
                "publisher": source.publisher,
                "title": source.title,
                "published": source.published.text if source.published else None,
                "language": source.language,
                "url": source.url,
                "retrieved": source.retrieved,
                "archived": source.archived,
                "held_text": "yes" if source.held_text else "no",
                "cited_by": LIST_SEPARATOR.join(cited_by.get(source.id, [])),
                "note": source.note,
            }
            for source in self.dataset.sources.values()
        ]
        return _csv(self.SOURCE_COLUMNS, rows)

    # iCalendar ------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def _cell(value: Any) -> Any:
    """A text a spreadsheet would run as a formula, with a single quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()
