"""The Atom feed of the records."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..core.addresses import (
    FEED_URI,
    HOME_URI,
    SCHEMA_URI,
)
from ..core.contract import schema_version
from ..core.describe import record_summary
from ..core.model import Meeting
from .base import ExportBase

_ATOM = "http://www.w3.org/2005/Atom"
SCHEMA_PREFIX = "record"
SCHEMA_VERSION_TAG = "schema_version"
"""The feed's own element for the version of the record format (RFC 4287 lets a feed
carry elements of other namespaces; ours is the address of the published schema)."""


class FeedExport(ExportBase):
    """``feed.xml``."""

    def entry_updated(self, record: Meeting) -> dt.date:
        """Atom requires a date: when the record last changed, else its meeting's first day."""
        return self.changed(record) or record.date.start

    def feed(self) -> str:
        """An Atom feed (RFC 4287) of the records, newest meeting first."""
        ET.register_namespace("", _ATOM)
        schema_url = self.settings.absolute_url(SCHEMA_URI)
        ET.register_namespace(SCHEMA_PREFIX, schema_url)

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
        sub(root, "link", rel="alternate", href=self.settings.absolute_url(HOME_URI))
        sub(root, "link", rel="describedby", type="application/schema+json", href=schema_url)
        author = ET.SubElement(root, f"{{{_ATOM}}}author")
        sub(author, "name", self.settings.site_name)
        version = ET.SubElement(root, f"{{{schema_url}}}{SCHEMA_VERSION_TAG}")
        version.text = schema_version()
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


def _atom_date(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
