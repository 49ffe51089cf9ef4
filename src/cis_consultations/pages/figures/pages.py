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

from markupsafe import Markup, escape

from ...core.addresses import (
    CONSULTATIONS_INDEX_URI,
    HOME_URI,
    INDEX_OF_KIND,
    PARTICIPATION_URI,
    SiteSettings,
    document_uri,
    meeting_uri,
    state_uri,
)
from ...core.dates import PartialDate
from ...core.describe import status_note
from ...core.entries import State
from ...core.model import Dataset, MeetingKind
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


_TITLE_MARK = "@@meeting-map-title@@"
"""Stands for a meeting map's title (its one varying text) in the map drawn once."""
_MAPS_KEPT = 64
"""Maps kept drawn at most (a build of spread-out data has few repeats)."""


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
    signatures: Mapping[str, Mapping[str, Role]]
    """Document id -> each state's signature line under the decision on it."""


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
                    **dict.fromkeys(record.states, "participant"),
                    **dict.fromkeys(record.observers, "observer"),
                },
                uri=meeting_uri(record),
                signatures={
                    work.document: {
                        line.state: "signed" if line.signed else "no-signature"
                        for line in work.signature_lines
                    }
                    for work in record.documents
                    if work.signature_lines
                },
            )
            for record in dataset.meetings
        }
        self.documents: dict[str, tuple[str, str]] = {
            document_uri(document_id): (meeting.id, document_id)
            for meeting in self.meetings.values()
            for document_id in meeting.signatures
        }
        """A document's page -> the meeting whose decision on it shows signature lines."""
        self.meeting_pages = {meeting.uri: meeting.id for meeting in self.meetings.values()}
        self.state_pages = {state_uri(state): code for code, state in self.states.items()}
        self.counts = {row.state.code: row.count for row in matrix.states}
        self.held = len(matrix.held)
        self._maps: dict[tuple[tuple[str, str], ...], Markup] = {}
        """A meeting's map by its states' roles, drawn once for every meeting with the
        same states (the usual case: the same states meet again and again)."""

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
        if name == "signatures":
            if src_uri in self.meeting_pages:
                meeting = self.meetings[self.meeting_pages[src_uri]]
                return self.signature_map(meeting, next(iter(meeting.signatures)))
            if src_uri in self.documents:
                meeting_id, document_id = self.documents[src_uri]
                return self.signature_map(self.meetings[meeting_id], document_id)
        if name == "timeline" and src_uri in {HOME_URI, CONSULTATIONS_INDEX_URI}:
            return self.timeline(src_uri)
        raise ValueError(f"{src_uri}: no figure {name!r} is made for this page")

    def _names(self, codes: Iterable[str]) -> str:
        names = sorted(self.states[code].name for code in codes)
        return ", ".join(names) if names else "none"

    def meeting_map(self, meeting: _Meeting) -> Markup:
        title = f"Map of the states that took part in the meeting of {meeting.date.label()}"
        key = tuple(sorted(meeting.roles.items()))
        drawn = self._maps.get(key)
        if drawn is None:
            if len(self._maps) >= _MAPS_KEPT:
                del self._maps[next(iter(self._maps))]
            drawn = self._maps[key] = self._meeting_map(meeting.roles)
        return Markup(drawn.replace(_TITLE_MARK, str(escape(title)), 1))

    def _meeting_map(self, roles: Mapping[str, Role]) -> Markup:
        """The map of a meeting with these states, its title left to be written in."""
        members = [code for code, role in roles.items() if role == "participant"]
        observers = [code for code, role in roles.items() if role == "observer"]
        others = [code for code in self.states if code not in roles]
        description = (
            f"{len(members)} of the {len(self.states)} states in the record took part"
            f"{' as participants' if observers else ''}: {self._names(members)}."
        )
        if observers:
            description += f" As observers: {self._names(observers)}."
        description += f" Not listed as taking part: {self._names(others)}."
        return participation_map(self.states, roles, title=_TITLE_MARK, description=description)

    def signature_map(self, meeting: _Meeting, document_id: str) -> Markup:
        lines = meeting.signatures[document_id]
        signed = [code for code, role in lines.items() if role == "signed"]
        unsigned = [code for code, role in lines.items() if role == "no-signature"]
        others = [code for code in self.states if code not in lines]
        return participation_map(
            self.states,
            lines,
            title=f"Map of the signature lines under the decision of {meeting.date.label()}",
            description=(
                f"Signature lines that show a signature: {self._names(signed)}. Lines that "
                f"show no signature (a dash or nothing): {self._names(unsigned)}. No line "
                f"(not listed): {self._names(others)}."
            ),
            figure_id=f"figure-signatures-{document_id}",
            plain_label="no signature line (not listed)",
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
        kinds_of_year: dict[int, set[str]] = {}
        for meeting in self.meetings.values():
            kinds_of_year.setdefault(meeting.date.start.year, set()).add(meeting.kind)

        def year_url(year: int) -> str:
            # A year mark opens that year in the index of the first kind (in the order of
            # MeetingKind: the consultations first) that has a meeting that year.
            kind = next(kind for kind in MeetingKind if kind.value in kinds_of_year[year])
            return url(INDEX_OF_KIND[kind], year_anchor(year))

        return timeline(items, year_url=year_url)
