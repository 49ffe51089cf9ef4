"""Generate the site's Markdown pages from a validated dataset, as plain functions.

Markup lives in ``templates/``. Templates neutralise every value by default
(``finalize``): text from records is shown, never interpreted; only links built
here and macro output (both :class:`~markupsafe.Markup`) pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.addresses import SiteSettings
from .base import GeneratedPage
from .change_pages import ChangePages
from .entity_pages import EntityPages
from .links import Links, relative_cache_clear
from .meeting_pages import MeetingPages
from .site_pages import SitePages, human_size
from .source_pages import SourcePages
from .topic_pages import TopicPages

__all__ = [
    "GeneratedPage",
    "Links",
    "Renderer",
    "SiteSettings",
    "human_size",
    "relative_cache_clear",
]


class Renderer(MeetingPages, SourcePages, EntityPages, TopicPages, SitePages, ChangePages):
    """Renders every page of the site for one dataset: each kind of page is made by the
    part named after it; this class lists them in the order the site is written."""

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page of the site."""
        yield self.home()
        yield self.consultation_index()
        yield self.expert_group_index()
        yield self.council_session_index()
        for record in self.dataset.meetings:
            yield self.consultation(record)
        yield from self.change_pages()
        yield self.source_index()
        for source in self.dataset.sources.values():
            yield self.source(source)
            yield from self.source_years(source)
        yield self.document_index()
        for document in self.dataset.documents.values():
            yield self.document(document)
            yield from self.document_years(document)
        yield self.state_index()
        for state in self.dataset.states.values():
            yield self.state(state)
            yield from self.state_years(state)
        yield self.organization_index()
        for organization in self.dataset.organizations.values():
            yield self.organization(organization)
            yield from self.organization_years(organization)
        yield self.people_index()
        for person_id in self.dataset.people:
            yield self.person(person_id)
            yield from self.person_years(person_id)
        yield self.topic_index()
        for topic in self.dataset.topics.values():
            yield self.topic(topic)
            yield from self.topic_years(topic)
        yield self.participation()
        yield from self.participation_years()
