"""What every download needs: the dataset, the settings, the dates records last
changed, and each registry entry in the shape the downloads give it."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from ..core.changes import NO_HISTORY, History
from ..core.entries import Source
from ..core.model import Dataset, Meeting


class ExportBase:
    """One dataset, to be written in each published form."""

    def __init__(
        self, dataset: Dataset, settings: SiteSettings, history: History = NO_HISTORY
    ) -> None:
        self.dataset = dataset
        self.settings = settings
        self.history = history
        self.last_changed = history.last_changed()

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
        if organization.ours:
            resolved["ours"] = list(organization.ours)  # type: ignore[assignment]
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
        return known(
            id=source.id,
            publisher=source.publisher,
            title=source.title,
            published=source.published.text if source.published else None,
            language=source.language,
            url=source.url,
            retrieved=source.retrieved,
            archived=source.archived,
            note=source.note,
            reports_from=source.reports_from,
            via=source.via,
            held_text=source.held_text or None,
            page=self.settings.absolute_url(source_uri(source.id)),
        )

    def _document(self, document_id: str) -> dict[str, str]:
        document = self.dataset.documents[document_id]
        return known(
            id=document.id,
            title=document.title,
            short_title=document.short_title,
            implements=document.implements,
            ours=list(document.ours),
            url=self.settings.absolute_url(document_uri(document.id)),
        )

    def _record_link(self, record_id: str) -> dict[str, str]:
        return {"id": record_id, "url": self.record_url(self.dataset.by_id[record_id])}

    def _role(self, role: Any) -> dict[str, Any] | None:
        if role is None:
            return None
        return known(
            person=role.person and self._person(role.person),
            state=role.state and self._state(role.state),
            position=role.position,
            organization=role.organization and self._organization(role.organization),
        )


def known(**fields: Any) -> dict[str, Any]:
    """The fields that hold something: unknown (None) and empty ones are left out."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}
