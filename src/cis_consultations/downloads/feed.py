"""The Atom feeds: of the records, of the changes to them, and of the meetings of each
state, organization, topic and document with the changes to those meetings, written by
one piece of code."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..core.addresses import (
    CHANGES_ANCHOR,
    CHANGES_FEED_URI,
    CHANGES_URI,
    FEED_URI,
    HOME_URI,
    SCHEMA_URI,
    document_uri,
    feed_uri,
    organization_uri,
    state_uri,
    topic_uri,
)
from ..core.changes import ChangeKind, RecordChange, fact_sentence, term_name
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
"""The newest meetings a feed of one state, organization, topic or document holds (and
the newest changes to its meetings): a reader follows what is new, and its page lists
all of them (a state at nearly every meeting would otherwise carry the whole series in
each of a dozen feeds)."""
CHANGES_FEED_ENTRIES = 50
"""The newest changes the feed of changes holds; the pages of recent changes have all."""


@dataclass(frozen=True)
class _Entry:
    """One Atom entry, whatever it reports (a record, or a change to one)."""

    id: str
    title: str
    updated: dt.datetime
    """UTC."""
    link: str
    summary: str
    categories: tuple[str, ...]


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
            [self._record_entry(record) for record in self.dataset.meetings],
        )

    def changes_feed(self) -> str:
        """An Atom feed of the changes to the records, newest first, each saying what it
        changed fact by fact (a file only reformatted is left out: it changed nothing)."""
        subtitle = (
            "Changes to the records, newest first, with what each changed; the labels are ours."
            if self.history.available
            else "The history of the records is not available in this build."
        )
        return self._atom(
            CHANGES_FEED_URI,
            f"{self.settings.site_name}: changes",
            subtitle,
            CHANGES_URI,
            [
                self._change_entry(change)
                for change in _followed_changes(self.history.changes)[:CHANGES_FEED_ENTRIES]
            ],
        )

    def entity_feeds(self) -> Iterator[tuple[str, str]]:
        """``(address, Atom)``: for each state, organization, topic and document, a feed of
        the meetings it is recorded at (or in), newest first, and of the changes to them."""
        for page, name, records in followed(self.dataset):
            changes = sorted(
                _followed_changes(
                    [change for record in records for change in self.history.of_record(record.id)]
                ),
                key=lambda change: change.commit.time,
                reverse=True,
            )
            yield (
                feed_uri(page),
                self._atom(
                    feed_uri(page),
                    f"{self.settings.site_name}: {name}",
                    f"Meetings on record of {name}, newest first, and the changes to them.",
                    page,
                    [self._record_entry(record) for record in records[:ENTITY_FEED_ENTRIES]]
                    + [self._change_entry(change) for change in changes[:ENTITY_FEED_ENTRIES]],
                ),
            )

    def _record_entry(self, record: Meeting) -> _Entry:
        url = self.record_url(record)
        return _Entry(
            url,
            record.title,
            dt.datetime.combine(self.entry_updated(record), dt.time(), dt.UTC),
            url,
            f"{record.kind.label}. {record_summary(record)}",
            (record.status.value, record.kind.value),
        )

    def _change_entry(self, change: RecordChange) -> _Entry:
        """A change: what the commit said and what it changed, in words (names, not ids)."""
        record = self.dataset.by_id.get(change.record_id)
        if record is not None:
            page = f"{self.record_url(record)}#{CHANGES_ANCHOR}"
            title = f"{change.label}: {record.title}"
        else:
            page = self.settings.absolute_url(CHANGES_URI)
            title = f"{change.label}: record {change.record_id} (no longer on record)"
        said = [f"{change.commit.subject} (commit {change.commit.short})."]
        if change.is_correction and change.commit.correction:
            said.append(f"What was wrong, as the commit says: {change.commit.correction}.")
        said += [
            fact_sentence(fact, lambda term: term_name(term, self.dataset)) + "."
            for fact in change.facts
        ]
        return _Entry(
            f"{self.settings.absolute_url(CHANGES_URI)}#{change.entry_id}",
            title,
            change.commit.time,
            page,
            " ".join(said),
            ("change", change.kind.value, *(("correction",) if change.is_correction else ())),
        )

    def _atom(
        self, uri: str, title: str, subtitle: str, page: str, entries: Sequence[_Entry]
    ) -> str:
        """One Atom feed at ``uri``, the alternate of ``page``: an entry per record or
        change, each linking its page and saying what it reports."""
        ET.register_namespace("", _ATOM)
        schema_url = self.settings.absolute_url(SCHEMA_URI)
        ET.register_namespace(SCHEMA_PREFIX, schema_url)

        def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> None:
            element = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
            element.text = text

        updated = max((entry.updated for entry in entries), default=None)
        root = ET.Element(f"{{{_ATOM}}}feed")
        sub(root, "id", self.settings.absolute_url(uri))
        sub(root, "title", title)
        sub(root, "subtitle", subtitle)
        sub(root, "updated", _atom_date(updated or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)))
        sub(root, "link", rel="self", href=self.settings.absolute_url(uri))
        sub(root, "link", rel="alternate", href=self.settings.absolute_url(page))
        sub(root, "link", rel="describedby", type="application/schema+json", href=schema_url)
        author = ET.SubElement(root, f"{{{_ATOM}}}author")
        sub(author, "name", self.settings.site_name)
        version = ET.SubElement(root, f"{{{schema_url}}}{SCHEMA_VERSION_TAG}")
        version.text = schema_version()
        for item in entries:
            entry = ET.SubElement(root, f"{{{_ATOM}}}entry")
            sub(entry, "id", item.id)
            sub(entry, "title", item.title)
            sub(entry, "updated", _atom_date(item.updated))
            sub(entry, "link", rel="alternate", type="text/html", href=item.link)
            sub(entry, "summary", item.summary)
            for term in item.categories:
                sub(entry, "category", term=term)
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


def _followed_changes(changes: Sequence[RecordChange]) -> list[RecordChange]:
    """What a feed reader follows: the changes that changed something (not a reformatting)."""
    return [change for change in changes if change.kind is not ChangeKind.REFORMATTED]


def _atom_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
