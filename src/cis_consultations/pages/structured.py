"""schema.org JSON-LD for the pages: what search engines and citation tools read.

Only what a record states goes in. A date known to less than a day gives no
``startDate``; a planned meeting gets no ``eventStatus`` (schema.org's only "not
cancelled" value, ``EventScheduled``, would claim it is going ahead). No record states
who organised a meeting, so there is no ``organizer``.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.addresses import (
    HOME_URI,
    SiteSettings,
    document_uri,
    meeting_uri,
    organization_uri,
    state_uri,
)
from ..core.describe import record_summary
from ..core.entries import Organization, State
from ..core.model import Dataset, Meeting, Status

SERIES_NAME = (
    "Interagency consultations of the CIS Member States on ensuring international "
    "information security"
)
EVENT_STATUS = {
    Status.HELD: "https://schema.org/EventScheduled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
    Status.CANCELLED: "https://schema.org/EventCancelled",
}
"""schema.org's status for a record's status; none for an announced meeting."""
ATTENDANCE_MODES = {
    # schema.org's modes for the formats a source can state; none is set when unknown.
    "in person": "https://schema.org/OfflineEventAttendanceMode",
    "videoconference": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
"""schema.org's mode for each format that says how people attended ("videoconferencing
used" does not: it gets none)."""
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(document: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">``: no ``<``, ``>`` or ``&``.

    The escapes are JSON's own, so the parsed value is unchanged, and no text from a
    record can close the script element.
    """
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).translate(
        _SCRIPT_ESCAPES
    )


class StructuredData:
    """JSON-LD documents for the record, state and organization pages."""

    def __init__(self, dataset: Dataset, settings: SiteSettings) -> None:
        self.dataset = dataset
        self.settings = settings

    def _url(self, src_uri: str) -> str:
        return self.settings.absolute_url(src_uri)

    def series(self) -> dict[str, Any]:
        return {
            "@type": "EventSeries",
            "@id": f"{self._url(HOME_URI)}#series",
            "name": SERIES_NAME,
            "url": self._url(HOME_URI),
        }

    def state_node(self, state: State) -> dict[str, Any]:
        """A state as a participant: its government, which sent the representatives."""
        url = self._url(state_uri(state))
        return {
            "@type": "GovernmentOrganization",
            "@id": f"{url}#state",
            "name": state.formal_name,
            "alternateName": state.name,
            "url": url,
            "areaServed": {"@type": "Country", "name": state.name, "identifier": state.code},
        }

    def organization_node(self, organization: Organization) -> dict[str, Any]:
        url = self._url(organization_uri(organization.id))
        node: dict[str, Any] = {
            "@type": "Organization",
            "@id": f"{url}#organization",
            "name": organization.name,
            "url": url,
        }
        if organization.short_name:
            node["alternateName"] = organization.short_name
        return node

    def event(self, record: Meeting) -> dict[str, Any]:
        url = self._url(meeting_uri(record))
        event: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            "@id": f"{url}#event",
            "name": record.title,
            "description": record_summary(record),
            "url": url,
        }
        if record.date.is_exact:
            event["startDate"] = record.date.start.isoformat()
        if record.status in EVENT_STATUS:
            event["eventStatus"] = EVENT_STATUS[record.status]
        if record.format in ATTENDANCE_MODES:
            event["eventAttendanceMode"] = ATTENDANCE_MODES[record.format]
        if record.documents:
            # What the meeting did to each document (for a council session, its decisions),
            # in the record's vocabulary and its meaning.
            event["about"] = [
                {
                    "@type": "CreativeWork",
                    "name": self.dataset.documents[work.document].title,
                    "url": self._url(document_uri(work.document)),
                    "description": f"{work.action_label}: {work.action_meaning}",
                }
                for work in record.documents
            ]
        if record.venue:
            place: dict[str, Any] = {"@type": "Place"}
            if record.venue.name:
                place["name"] = record.venue.name
            address: dict[str, Any] = {"@type": "PostalAddress"}
            if record.venue.city:
                address["addressLocality"] = record.venue.city
            if record.venue.country:
                address["addressCountry"] = record.venue.country
            if len(address) > 1:
                place["address"] = address
            event["location"] = place
        attendees = [self.state_node(self.dataset.states[code]) for code in record.states]
        # schema.org has no property for an observer: the role is said in words.
        attendees += [
            {
                **self.state_node(self.dataset.states[code]),
                "description": "Took part as an observer.",
            }
            for code in record.observers
        ]
        attendees += [
            self.organization_node(self.dataset.organizations[org_id])
            for org_id in record.organizations
        ]
        if attendees:
            event["attendee"] = attendees
        if record.is_consultation:
            event["superEvent"] = self.series()
        event["citation"] = [
            {
                "@type": "CreativeWork",
                "url": source.url,
                **({"name": source.title} if source.title else {}),
                "publisher": {"@type": "Organization", "name": source.publisher},
                **({"datePublished": source.published.text} if source.published else {}),
                "inLanguage": source.language,
            }
            for source in (self.dataset.sources[source_id] for source_id in record.all_sources())
        ]
        return event

    def _event_reference(self, record: Meeting) -> dict[str, Any]:
        url = self._url(meeting_uri(record))
        return {"@type": "Event", "@id": f"{url}#event", "name": record.title, "url": url}

    def state(self, state: State, attended: list[Meeting]) -> dict[str, Any]:
        """The node the events name as ``attendee``, with those events (``@reverse``)."""
        node: dict[str, Any] = {"@context": "https://schema.org", **self.state_node(state)}
        if attended:
            node["@reverse"] = {"attendee": [self._event_reference(record) for record in attended]}
        return node

    def organization(self, organization: Organization, attended: list[Meeting]) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@context": "https://schema.org",
            **self.organization_node(organization),
        }
        if organization.parent:
            node["parentOrganization"] = self.organization_node(
                self.dataset.organizations[organization.parent]
            )
        if attended:
            node["@reverse"] = {"attendee": [self._event_reference(record) for record in attended]}
        return node
