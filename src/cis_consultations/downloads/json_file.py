"""The whole dataset as one JSON file, each record in the shape of its YAML file."""

from __future__ import annotations

import json
from typing import Any

from ..core.addresses import HOME_URI, SCHEMA_URI
from ..core.contract import schema_version
from ..core.model import FACTS, Meeting
from .base import ExportBase, known


class JsonExport(ExportBase):
    """``data/consultations.json``."""

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
            **known(
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
                and known(
                    name=venue.name,
                    city=venue.city,
                    country=venue.country and self._state(venue.country),
                ),
                format=record.format,
                opened_by=self._role(record.opened_by),
                chair=self._role(record.chair),
                participants=known(
                    states=[self._state(code) for code in record.states],
                    observers=[self._state(code) for code in record.observers],
                    organizations=[org(org_id) for org_id in record.organizations],
                    agencies=record.agencies,
                    people=[
                        known(**(self._role(role) or {}), sources=list(role.sources))
                        for role in record.people
                    ],
                ),
                themes=list(record.themes),
                questions=known(
                    discussed=record.questions_discussed,
                    listed=[
                        known(
                            title=question.title,
                            topics=[self._topic(topic_id) for topic_id in question.topics],
                            bodies=[org(body) for body in question.bodies],
                            sources=list(question.sources),
                        )
                        for question in record.questions
                    ],
                ),
                contributions=[
                    known(
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
                    known(
                        summary=item.summary,
                        next_meeting=item.next_meeting and self._record_link(item.next_meeting),
                        followed_by=item.followed_by and self._record_link(item.followed_by),
                        bodies=[org(body) for body in item.bodies],
                        sources=list(item.sources),
                    )
                    for item in record.outcomes
                ],
                documents=[
                    known(
                        document=self._document(item.document),
                        action=item.action,
                        note=item.note,
                        signature_lines=[
                            known(
                                state=self._state(line.state),
                                shows=line.shows,
                                person=line.person and self._person(line.person),
                                position=line.position,
                            )
                            for line in item.signature_lines
                        ],
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
            "site": self.settings.absolute_url(HOME_URI),
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
