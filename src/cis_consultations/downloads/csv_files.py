"""The CSV files: the records, participation in long form, and the sources."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..core.entries import State
from .base import ExportBase


class CsvExport(ExportBase):
    """``data/*.csv``: one row per record, per state at a meeting, per source."""

    CONSULTATION_COLUMNS = (
        "id",
        "url",
        "kind",
        "series",
        "title",
        "status",
        "date",
        "date_precision",
        "date_earliest",
        "date_latest",
        "number",
        "announced_in",
        "venue_name",
        "venue_city",
        "venue_country",
        "format",
        "opened_by",
        "chair",
        "chair_state",
        "chair_position",
        "chair_organization",
        "states",
        "observers",
        "organizations",
        "questions_discussed",
        "questions_listed",
        "contributions",
        "outcomes",
        "documents",
        "sources",
        "last_changed",
    )
    PARTICIPATION_COLUMNS = (
        "meeting_id",
        "meeting_kind",
        "meeting_date",
        "role",
        "state_code",
        "state_name",
        "state_formal_name",
    )

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
                    "states": ";".join(record.states),
                    "observers": ";".join(record.observers),
                    "organizations": ";".join(record.organizations),
                    "questions_discussed": record.questions_discussed,
                    "questions_listed": len(record.questions),
                    "contributions": len(record.contributions),
                    "outcomes": len(record.outcomes),
                    "documents": ";".join(
                        dict.fromkeys(item.document for item in record.documents)
                    ),
                    "sources": ";".join(record.all_sources()),
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

    SOURCE_COLUMNS = (
        "id",
        "publisher",
        "title",
        "published",
        "language",
        "url",
        "retrieved",
        "archived",
        "held_text",
        "cited_by",
        "note",
    )

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
                "cited_by": ";".join(cited_by.get(source.id, [])),
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
