"""Which page shows which figure, and what each says in words.

The page templates put a placeholder where a figure goes (:func:`slot`); the site
engine hands each page's finished HTML to :meth:`SiteFigures.insert` just before
writing it, which draws the figures and puts them in. So the figures are never in
the Markdown, never in the search index, and never held in memory for the whole
build: only the small facts they are drawn from are kept (:class:`SiteFigures`
keeps no record, only ids, dates, titles and codes).

- every meeting page whose source lists participating states: a map, participants marked;
- every state page: the map of attendance counts, that state ringed;
- the participation page: the map of attendance counts;
- the home page and the consultations index: the timeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ...core.addresses import (
    CONSULTATIONS_INDEX_URI,
    EXPERT_GROUPS_INDEX_URI,
    HOME_URI,
    PARTICIPATION_URI,
    SiteSettings,
    meeting_uri,
    state_uri,
)
from ...core.dates import PartialDate
from ...core.describe import status_note
from ...core.model import Dataset, MeetingKind, State
from ..participation import Matrix
from ..years import year_anchor
from .map import Role, participation_map
from .timeline import TimelineItem, timeline

_SLOT = re.compile(r'<div class="figure-slot" data-figure="([a-z]+)"></div>')


def slot(name: str) -> Markup:
    """The placeholder a page template writes where figure ``name`` goes."""
    markup = Markup('<div class="figure-slot" data-figure="{}"></div>').format(name)
    assert _SLOT.fullmatch(markup), name
    return markup


@dataclass(frozen=True)
class _Meeting:
    """What the figures need of a record, and nothing more."""

    id: str
    label: str
    date: PartialDate
    held: bool
    kind: str
    roles: Mapping[str, Role]
    uri: str


class SiteFigures:
    """The figures of one build, drawn on demand as each page is written."""

    def __init__(self, dataset: Dataset, matrix: Matrix, settings: SiteSettings) -> None:
        self.settings = settings
        self.states: dict[str, State] = dict(dataset.states)
        self.meetings: dict[str, _Meeting] = {
            record.id: _Meeting(
                id=record.id,
                label=f"{record.title} ({status_note(record)})",
                date=record.date,
                held=record.is_held,
                kind=record.kind.value,
                roles={
                    **dict.fromkeys(record.states, "member"),
                    **dict.fromkeys(record.observers, "observer"),
                },
                uri=meeting_uri(record),
            )
            for record in dataset.meetings
        }
        self.meeting_pages = {meeting.uri: meeting.id for meeting in self.meetings.values()}
        self.state_pages = {state_uri(state): code for code, state in self.states.items()}
        self.counts = {row.state.code: row.count for row in matrix.states}
        self.held = len(matrix.held)

    def insert(self, src_uri: str, html: str) -> str:
        """The page's HTML with each placeholder replaced by its figure."""
        if 'class="figure-slot"' not in html:
            return html
        return _SLOT.sub(lambda match: self.figure(src_uri, match[1]), html)

    def figure(self, src_uri: str, name: str) -> Markup:
        if name == "map":
            if src_uri in self.meeting_pages:
                return self.meeting_map(self.meetings[self.meeting_pages[src_uri]])
            if src_uri in self.state_pages:
                return self.attendance_map(self.state_pages[src_uri])
            if src_uri == PARTICIPATION_URI:
                return self.attendance_map(None)
        if name == "timeline" and src_uri in {HOME_URI, CONSULTATIONS_INDEX_URI}:
            return self.timeline(src_uri)
        raise ValueError(f"{src_uri}: no figure {name!r} is made for this page")

    def _names(self, codes: Iterable[str]) -> str:
        names = sorted(self.states[code].name for code in codes)
        return ", ".join(names) if names else "none"

    def meeting_map(self, meeting: _Meeting) -> Markup:
        members = [code for code, role in meeting.roles.items() if role == "member"]
        observers = [code for code, role in meeting.roles.items() if role == "observer"]
        others = [code for code in self.states if code not in meeting.roles]
        when = meeting.date.label()
        description = (
            f"{len(members)} of the {len(self.states)} states in the record took part"
            f"{' as members' if observers else ''}: {self._names(members)}."
        )
        if observers:
            description += f" As observers: {self._names(observers)}."
        description += f" Not listed as taking part: {self._names(others)}."
        return participation_map(
            self.states,
            meeting.roles,
            title=f"Map of the states that took part in the meeting of {when}",
            description=description,
        )

    def attendance_map(self, code: str | None) -> Markup:
        each = "; ".join(
            f"{state.name} {self.counts.get(state.code, 0)}"
            for state in sorted(self.states.values(), key=lambda state: state.name)
        )
        counted = f"of the {self.held} held meetings on record"
        if code is None:
            title = f"Map of how many {counted} each state attended"
            description = f"Consultations attended, {counted}: {each}."
        else:
            state = self.states[code]
            title = f"Map of {state.name} among the states in the record, with attendance"
            description = (
                f"{state.name}, ringed, attended {self.counts.get(code, 0)} {counted}. "
                f"Every state's count: {each}."
            )
        return participation_map(
            self.states,
            {},
            highlight=code,
            counts=self.counts,
            count_label=f"held meetings attended, {counted}",
            title=title,
            description=description,
        )

    def timeline(self, src_uri: str) -> Markup:
        def url(target: str, anchor: str = "") -> str:
            if target == src_uri and anchor:
                return f"#{anchor}"
            return self.settings.relative_url(target, src_uri) + (f"#{anchor}" if anchor else "")

        items = [
            TimelineItem(
                id=meeting.id,
                url=url(meeting.uri),
                label=meeting.label,
                date=meeting.date,
                held=meeting.held,
                kind=meeting.kind,
            )
            for meeting in self.meetings.values()
        ]
        consultation_years = {
            meeting.date.start.year
            for meeting in self.meetings.values()
            if meeting.kind == MeetingKind.CONSULTATIONS.value
        }

        def year_url(year: int) -> str:
            # A year mark opens that year in the consultations index, or, for a year with
            # only expert-group meetings, in the expert groups' index.
            index = (
                CONSULTATIONS_INDEX_URI if year in consultation_years else EXPERT_GROUPS_INDEX_URI
            )
            return url(index, year_anchor(year))

        return timeline(items, year_url=year_url)
