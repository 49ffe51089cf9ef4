"""The Atom feeds: of the records, and of the meetings of each state, organization,
topic and document, written by one piece of code."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence

from ..core.addresses import (
    FEED_URI,
    HOME_URI,
    SCHEMA_URI,
    document_uri,
    feed_uri,
    organization_uri,
    state_uri,
    topic_uri,
)
from ..core.contract import schema_version
from ..core.describe import record_summary
from ..core.model import Contribution, Dataset, Meeting, Outcome, Question
from .base import ExportBase

_ATOM = "http://www.w3.org/2005/Atom"
SCHEMA_PREFIX = "record"
SCHEMA_VERSION_TAG = "schema_version"
"""The feed's own element for the version of the record format (RFC 4287 lets a feed
carry elements of other namespaces; ours is the address of the published schema)."""


ENTITY_FEED_ENTRIES = 50
"""The newest meetings a feed of one state, organization, topic or document holds: a
reader follows what is new, and its page lists all of them (a state at nearly every
meeting would otherwise carry the whole series in each of a dozen feeds)."""


class FeedExport(ExportBase):
    """``feed.xml``, and a feed for each state, organization, topic and document."""

    def entry_updated(self, record: Meeting) -> dt.date:
        """Atom requires a date: when the record last changed, else its meeting's first day."""
        return self.changed(record) or record.date.start

    def feed(self) -> str:
        """An Atom feed (RFC 4287) of the records, newest meeting first."""
        return self._atom(
            FEED_URI,
            self.settings.site_name,
            "Records of the consultations, newest first.",
            HOME_URI,
            self.dataset.meetings,
        )

    def entity_feeds(self) -> Iterator[tuple[str, str]]:
        """``(address, Atom)``: for each state, organization, topic and document, a feed of
        the meetings it is recorded at (or in), newest first."""
        for page, name, records in followed(self.dataset):
            yield (
                feed_uri(page),
                self._atom(
                    feed_uri(page),
                    f"{self.settings.site_name}: {name}",
                    f"Meetings on record of {name}, newest first.",
                    page,
                    records[:ENTITY_FEED_ENTRIES],
                ),
            )

    def _atom(
        self, uri: str, title: str, subtitle: str, page: str, records: Sequence[Meeting]
    ) -> str:
        """One Atom feed at ``uri``, the alternate of ``page``: an entry per record, each
        linking its page and saying what the meeting was."""
        ET.register_namespace("", _ATOM)
        schema_url = self.settings.absolute_url(SCHEMA_URI)
        ET.register_namespace(SCHEMA_PREFIX, schema_url)

        def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> None:
            element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
            element.text = text

        updated = max((self.entry_updated(record) for record in records), default=None)
        root = ET.Element(f"{{{_ATOM}}}feed")
        sub(root, "id", self.settings.absolute_url(uri))
        sub(root, "title", title)
        sub(root, "subtitle", subtitle)
        sub(root, "updated", _atom_date(updated or dt.date(1970, 1, 1)))
        sub(root, "link", rel="self", href=self.settings.absolute_url(uri))
        sub(root, "link", rel="alternate", href=self.settings.absolute_url(page))
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


def followed(dataset: Dataset) -> Iterator[tuple[str, str, list[Meeting]]]:
    """``(page, name, meetings)`` for each state, organization, topic and document, in one
    pass over the records: the meetings it took part in, chaired, hosted, signed at, spoke
    at or was named in (a state, an organization), that discussed it (a topic) or worked
    on it (a document), newest first."""
    states = {code: state_uri(state) for code, state in dataset.states.items()}
    meetings: dict[str, dict[str, Meeting]] = {
        page: {}
        for page in (
            *states.values(),
            *map(organization_uri, dataset.organizations),
            *map(topic_uri, dataset.topics),
            *map(document_uri, dataset.documents),
        )
    }
    for record in dataset.meetings:
        codes, org_ids, topic_ids = _involved(record)
        pages = (
            [states[code] for code in codes]
            + [organization_uri(org_id) for org_id in org_ids if org_id in dataset.organizations]
            + [topic_uri(topic_id) for topic_id in topic_ids]
            + [document_uri(work.document) for work in record.documents]
        )
        for page in pages:
            meetings[page][record.id] = record
    names = (
        [(state_uri(state), state.name) for state in dataset.states.values()]
        + [(organization_uri(org.id), org.label) for org in dataset.organizations.values()]
        + [(topic_uri(topic.id), topic.name) for topic in dataset.topics.values()]
        + [(document_uri(doc.id), doc.label) for doc in dataset.documents.values()]
    )
    for page, name in names:
        yield page, name, list(meetings[page].values())


def _involved(record: Meeting) -> tuple[set[str], set[str], set[str]]:
    """The states, organizations and topics a record names, anywhere in it."""
    roles = [role for role in (record.opened_by, record.chair, *record.people) if role]
    tagged: list[Question | Contribution] = [*record.questions, *record.contributions]
    items: list[Question | Contribution | Outcome] = [*tagged, *record.outcomes]
    codes = {
        *record.participating_states,
        *(role.state for role in roles if role.state),
        *(line.state for work in record.documents for line in work.signature_lines),
    }
    if record.venue and record.venue.country:
        codes.add(record.venue.country)
    org_ids = {
        *record.organizations,
        record.series,
        *(role.organization for role in roles if role.organization),
        *(body for item in items for body in item.bodies),
        *(item.organization for item in record.contributions if item.organization),
    }
    topic_ids = {topic_id for item in tagged for topic_id in item.topics}
    return codes, org_ids, topic_ids


def _atom_date(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
