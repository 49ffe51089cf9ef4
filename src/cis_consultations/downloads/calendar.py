"""The meetings held on a known day, as an iCalendar file (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar

from ..core.contract import schema_version
from ..core.describe import record_summary
from ..core.model import Dataset, Meeting, Status
from .base import ExportBase

SCHEMA_VERSION_PROPERTY = "x-schema-version"
"""The calendar's property for the version of the record format."""


class CalendarExport(ExportBase):
    """``data/consultations.ics``."""

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
        # RFC 5545 lets a calendar carry properties of its own, named X-...
        calendar.add(SCHEMA_VERSION_PROPERTY, schema_version())
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


def venue_text(record: Meeting, dataset: Dataset) -> str:
    venue = record.venue
    assert venue is not None
    parts = [venue.name, venue.city, dataset.states[venue.country].name if venue.country else None]
    return ", ".join(part for part in parts if part)
