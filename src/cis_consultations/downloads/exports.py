"""The record as data: JSON, CSV, iCalendar and an Atom feed, made from validated records.

Every export is a plain function of the dataset, the site's settings and the dates the
records last changed; none is kept by hand. Absolute URLs (ids, UIDs, links) come from
``SiteSettings.site_url``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import icalendar

from ..core.addresses import (
    SiteSettings,
    document_uri,
    meeting_uri,
    organization_uri,
    person_uri,
    source_uri,
    state_uri,
    topic_uri,
)
from ..core.contract import CONSULTATION_SCHEMA, schema_version
from ..core.describe import record_summary
from ..core.model import FACTS, Dataset, Meeting, Source, State, Status

SCHEMA_URI = f"schema/{CONSULTATION_SCHEMA}"
JSON_URI = "data/consultations.json"
CONSULTATIONS_CSV_URI = "data/consultations.csv"
PARTICIPATION_CSV_URI = "data/participation.csv"
SOURCES_CSV_URI = "data/sources.csv"
CALENDAR_URI = "data/consultations.ics"
FEED_URI = "feed.xml"

LastChanged = Mapping[str, dt.date]
"""A record's file (``Meeting.source_path``) -> the date it last changed."""

_ATOM = "http://www.w3.org/2005/Atom"


class Exporter:
    """Serialises one dataset in each published form."""

    def __init__(self, dataset: Dataset, settings: SiteSettings, last_changed: LastChanged) -> None:
        self.dataset = dataset
        self.settings = settings
        self.last_changed = last_changed

    def record_url(self, record: Meeting) -> str:
        return self.settings.absolute_url(meeting_uri(record))

    def changed(self, record: Meeting) -> dt.date | None:
        return self.last_changed.get(record.source_path)

    # JSON -----------------------------------------------------------------------------

    def _state(self, code: str) -> dict[str, str]:
        state = self.dataset.states[code]
        return {
            "code": state.code,
            "name": state.name,
            "formal_name": state.formal_name,
            "url": self.settings.absolute_url(state_uri(state)),
        }

    def _organization(self, org_id: str) -> dict[str, str]:
        organization = self.dataset.organizations[org_id]
        resolved = {"id": organization.id, "name": organization.name}
        if organization.short_name:
            resolved["short_name"] = organization.short_name
        if organization.parent:
            resolved["parent"] = organization.parent
        resolved["url"] = self.settings.absolute_url(organization_uri(org_id))
        return resolved

    def _person(self, person_id: str) -> dict[str, str]:
        return {
            "id": person_id,
            "name": self.dataset.people[person_id].name,
            "url": self.settings.absolute_url(person_uri(person_id)),
        }

    def _topic(self, topic_id: str) -> dict[str, str]:
        return {
            "id": topic_id,
            "name": self.dataset.topics[topic_id].name,
            "url": self.settings.absolute_url(topic_uri(topic_id)),
        }

    def _source(self, source: Source) -> dict[str, str]:
        return _known(
            id=source.id,
            publisher=source.publisher,
            title=source.title,
            published=source.published.text if source.published else None,
            language=source.language,
            url=source.url,
            retrieved=source.retrieved,
            archived=source.archived,
            note=source.note,
            held_text=source.held_text or None,
            page=self.settings.absolute_url(source_uri(source.id)),
        )

    def _document(self, document_id: str) -> dict[str, str]:
        document = self.dataset.documents[document_id]
        return _known(
            id=document.id,
            title=document.title,
            short_title=document.short_title,
            implements=document.implements,
            url=self.settings.absolute_url(document_uri(document.id)),
        )

    def _record_link(self, record_id: str) -> dict[str, str]:
        return {"id": record_id, "url": self.record_url(self.dataset.by_id[record_id])}

    def _role(self, role: Any) -> dict[str, Any] | None:
        if role is None:
            return None
        return _known(
            person=self._person(role.person),
            position=role.position,
            organization=role.organization and self._organization(role.organization),
        )

    def record(self, record: Meeting) -> dict[str, Any]:
        """One record in the shape of its YAML file, with every reference resolved.

        A field the record leaves out (unknown) is left out here too.
        """
        changed = self.changed(record)
        venue = record.venue
        org = self._organization
        return {
            "id": record.id,
            "url": self.record_url(record),
            "file": record.source_path,
            "last_changed": changed.isoformat() if changed else None,
            **_known(
                title=record.title,
                kind=record.kind.value,
                series=record.series,
                number=record.number,
                status=record.status.value,
                date={
                    "text": record.date.text,
                    "precision": record.date.precision.value,
                    "earliest": record.date.start.isoformat(),
                    "latest": record.date.end.isoformat(),
                },
                announced_in=record.announced_in and self._record_link(record.announced_in),
                venue=venue
                and _known(
                    name=venue.name,
                    city=venue.city,
                    country=venue.country and self._state(venue.country),
                ),
                format=record.format,
                opened_by=self._role(record.opened_by),
                chair=self._role(record.chair),
                participants=_known(
                    states=[self._state(code) for code in record.states],
                    observers=[self._state(code) for code in record.observers],
                    organizations=[org(org_id) for org_id in record.organizations],
                    agencies=record.agencies,
                ),
                themes=list(record.themes),
                questions=_known(
                    discussed=record.questions_discussed,
                    listed=[
                        _known(
                            title=question.title,
                            topics=[self._topic(topic_id) for topic_id in question.topics],
                            bodies=[org(body) for body in question.bodies],
                            sources=list(question.sources),
                        )
                        for question in record.questions
                    ],
                ),
                contributions=[
                    _known(
                        person=item.person and self._person(item.person),
                        position=item.position,
                        organization=item.organization and org(item.organization),
                        summary=item.summary,
                        topics=[self._topic(topic_id) for topic_id in item.topics],
                        bodies=[org(body) for body in item.bodies],
                        sources=list(item.sources),
                    )
                    for item in record.contributions
                ],
                outcomes=[
                    _known(
                        summary=item.summary,
                        next_meeting=item.next_meeting and self._record_link(item.next_meeting),
                        bodies=[org(body) for body in item.bodies],
                        sources=list(item.sources),
                    )
                    for item in record.outcomes
                ],
                documents=[
                    _known(
                        document=self._document(item.document),
                        action=item.action,
                        note=item.note,
                        sources=list(item.sources),
                    )
                    for item in record.documents
                ],
                sources=list(record.sources),
                cite={fact: list(ids) for fact, ids in record.citations},
                fact_sources={
                    fact: list(record.cited(fact)) for fact in FACTS if record.states_fact(fact)
                },
            ),
        }

    def json(self) -> str:
        """The whole dataset: records newest first, then the registries."""
        document = {
            "schema_version": schema_version(),
            "schema": self.settings.absolute_url(SCHEMA_URI),
            "site": self.settings.absolute_url("index.md"),
            "meetings": [self.record(record) for record in self.dataset.meetings],
            "sources": [self._source(source) for source in self.dataset.sources.values()],
            "documents": [self._document(document_id) for document_id in self.dataset.documents],
            "states": [self._state(code) for code in self.dataset.states],
            "organizations": [self._organization(org_id) for org_id in self.dataset.organizations],
            "people": [self._person(person_id) for person_id in self.dataset.people],
            "topics": [
                {**self._topic(topic.id), "description": topic.description}
                for topic in self.dataset.topics.values()
            ],
        }
        # Compact: the download is for programs; at a thousand records the indented
        # form took 1.6 times the bytes (14.7 MB against 9.2 MB), held while the site builds.
        return json.dumps(document, ensure_ascii=True, separators=(",", ":")) + "\n"

    # CSV ------------------------------------------------------------------------------

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
                    if record.opened_by
                    else None,
                    "chair": self.dataset.people[chair.person].name if chair else None,
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

    @staticmethod
    def in_calendar(record: Meeting) -> bool:
        """Only meetings a source reports as held on a known day.

        A planned meeting (or one known only to the month or half-year) would show as a
        day, or months, blocked in a reader's calendar: it stays out, and the data page
        says so. Every record is still in the JSON and CSV files.
        """
        return record.status is Status.HELD and record.date.is_exact

    def calendar(self) -> bytes:
        """RFC 5545: each held meeting as an all-day event."""
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{self.settings.site_name}//consultations//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", self.settings.site_name)
        host = urlsplit(self.settings.site_url).netloc
        for record in self.dataset.meetings:
            if not self.in_calendar(record):
                continue
            event = icalendar.Event()
            event.add("uid", f"consultation-{record.id}@{host}")
            # A stamp that does not move between builds: the day the record last changed,
            # or the meeting's own day when history is not available.
            stamp = self.changed(record) or record.date.start
            event.add("dtstamp", dt.datetime.combine(stamp, dt.time(), dt.UTC))
            event.add("dtstart", record.date.start)
            event.add("dtend", record.date.start + dt.timedelta(days=1))
            kind = "" if record.is_consultation else f" ({record.kind.label.lower()})"
            event.add("summary", record.title + kind)
            event.add("status", "CONFIRMED")
            event.add("transp", "TRANSPARENT")
            event.add("url", self.record_url(record))
            event.add(
                "description",
                f"{record_summary(record)}\n"
                "Sources: "
                + " ".join(
                    self.dataset.sources[source_id].url for source_id in record.all_sources()
                ),
            )
            if record.venue:
                event.add("location", venue_text(record, self.dataset))
            calendar.add_component(event)
        return bytes(calendar.to_ical())

    # Atom -----------------------------------------------------------------------------

    def entry_updated(self, record: Meeting) -> dt.date:
        """Atom requires a date: when the record last changed, else its meeting's first day."""
        return self.changed(record) or record.date.start

    def feed(self) -> str:
        """An Atom feed (RFC 4287) of the records, newest meeting first."""
        ET.register_namespace("", _ATOM)

        def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> None:
            element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
            element.text = text

        records = self.dataset.meetings
        updated = max((self.entry_updated(record) for record in records), default=None)
        root = ET.Element(f"{{{_ATOM}}}feed")
        sub(root, "id", self.settings.absolute_url(FEED_URI))
        sub(root, "title", self.settings.site_name)
        sub(root, "subtitle", "Records of the consultations, newest first.")
        sub(root, "updated", _atom_date(updated or dt.date(1970, 1, 1)))
        sub(root, "link", rel="self", href=self.settings.absolute_url(FEED_URI))
        sub(root, "link", rel="alternate", href=self.settings.absolute_url("index.md"))
        author = ET.SubElement(root, f"{{{_ATOM}}}author")
        sub(author, "name", self.settings.site_name)
        for record in records:
            entry = ET.SubElement(root, f"{{{_ATOM}}}entry")
            sub(entry, "id", self.record_url(record))
            sub(entry, "title", record.title)
            sub(entry, "updated", _atom_date(self.entry_updated(record)))
            sub(entry, "link", rel="alternate", type="text/html", href=self.record_url(record))
            sub(entry, "summary", f"{record.kind.label}. {record_summary(record)}")
            sub(entry, "category", term=record.status.value)
            sub(entry, "category", term=record.kind.value)
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _known(**fields: Any) -> dict[str, Any]:
    """The fields that hold something: unknown (None) and empty ones are left out."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


def venue_text(record: Meeting, dataset: Dataset) -> str:
    venue = record.venue
    assert venue is not None
    parts = [venue.name, venue.city, dataset.states[venue.country].name if venue.country else None]
    return ", ".join(part for part in parts if part)


def _atom_date(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
