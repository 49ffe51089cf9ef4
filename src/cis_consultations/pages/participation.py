"""Participation over time: states x meetings and topics x meetings.

Both views read in time (oldest meeting first), over every kind of meeting (each column
says its kind). The state view has a column per held meeting: a planned meeting had no
participants to record. A cell says what the source says: the state took part as a
member or as an observer, is not listed, or the source lists no states at all.

The pages show the views a year at a time (:attr:`Matrix.years`), so that no page
grows with the whole series: the overview has a row per year, and each year's page a
row per meeting, with a column per state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from ..core.entries import State, Topic
from ..core.model import Dataset, Meeting, MeetingKind
from .relations import Relations


class Presence(Enum):
    ATTENDED = "attended"
    OBSERVER = "observer"
    NOT_LISTED = "not listed"
    NOT_STATED = "no list in source"
    """The source names no participating states at all."""


def presence(record: Meeting, code: str) -> Presence:
    """What the record's source says about one state."""
    if code in record.states:
        return Presence.ATTENDED
    if code in record.observers:
        return Presence.OBSERVER
    return Presence.NOT_LISTED if record.participating_states else Presence.NOT_STATED


@dataclass(frozen=True)
class StateRow:
    state: State
    cells: tuple[Presence, ...]
    """One per column of :attr:`Matrix.held`, oldest first."""
    attended: tuple[Meeting, ...]
    """Oldest first."""

    @property
    def count(self) -> int:
        return len(self.attended)

    def count_of(self, kind: MeetingKind) -> int:
        """Meetings of one kind it took part in: a head of state at a council session is
        not a delegation at the consultations, so the kinds are counted apart."""
        return sum(1 for record in self.attended if record.kind is kind)

    @property
    def first(self) -> Meeting | None:
        return self.attended[0] if self.attended else None

    @property
    def last(self) -> Meeting | None:
        return self.attended[-1] if self.attended else None


@dataclass(frozen=True)
class TopicCell:
    questions: int
    contributions: int

    @property
    def total(self) -> int:
        return self.questions + self.contributions


@dataclass(frozen=True)
class TopicRow:
    topic: Topic
    cells: tuple[TopicCell, ...]
    """One per column of :attr:`Matrix.topical`, oldest first."""
    tagged: tuple[Meeting, ...] = ()
    """The meetings with a question or contribution on the topic, oldest first."""

    @property
    def consultations(self) -> int:
        return len(self.tagged)

    @property
    def recurs(self) -> bool:
        return self.consultations > 1

    @property
    def questions(self) -> int:
        return sum(cell.questions for cell in self.cells)

    @property
    def contributions(self) -> int:
        return sum(cell.contributions for cell in self.cells)

    @property
    def first(self) -> Meeting | None:
        return self.tagged[0] if self.tagged else None

    @property
    def last(self) -> Meeting | None:
        return self.tagged[-1] if self.tagged else None


@dataclass(frozen=True)
class Year:
    """One calendar year of the series (a record's year is that of its first possible day)."""

    year: int
    held: tuple[Meeting, ...]
    """Held meetings of the year (every kind), oldest first."""
    attended: dict[str, int]
    """State code -> how many of :attr:`held` it took part in (as a member or an observer)."""
    topical: tuple[Meeting, ...]
    """Meetings of the year with a tagged question or contribution, oldest first."""

    def topics(self, record: Meeting) -> list[tuple[str, TopicCell]]:
        """The topics a record's questions and contributions are tagged with, and how often."""
        questions: Counter[str] = Counter()
        contributions: Counter[str] = Counter()
        for question in record.questions:
            questions.update(question.topics)
        for contribution in record.contributions:
            contributions.update(contribution.topics)
        return [
            (topic_id, TopicCell(questions[topic_id], contributions[topic_id]))
            for topic_id in dict.fromkeys([*questions, *contributions])
        ]


@dataclass(frozen=True)
class Matrix:
    held: tuple[Meeting, ...]
    """Columns of the state view: held consultations, oldest first."""
    states: tuple[StateRow, ...]
    """Most consultations attended first, then by name."""
    topical: tuple[Meeting, ...]
    """Columns of the topic view: consultations with a tagged question or contribution."""
    topics: tuple[TopicRow, ...]
    """Recurring topics first, then by name."""
    years: tuple[Year, ...] = ()
    """Every year with a held or a tagged meeting, newest first."""

    @property
    def kinds(self) -> list[MeetingKind]:
        """The kinds of the held meetings, in the order of :class:`MeetingKind`."""
        present = {record.kind for record in self.held}
        return [kind for kind in MeetingKind if kind in present]

    def held_of(self, kind: MeetingKind) -> int:
        return self._held_by_kind.get(kind, 0)

    @cached_property
    def _held_by_kind(self) -> Counter[MeetingKind]:
        """Counted once: every state's row and page asks for it."""
        return Counter(record.kind for record in self.held)

    def state_row(self, code: str) -> StateRow:
        return next(row for row in self.states if row.state.code == code)

    def topic_row(self, topic_id: str) -> TopicRow:
        return next(row for row in self.topics if row.topic.id == topic_id)

    def state_cells(self, row: StateRow) -> list[tuple[Meeting, Presence]]:
        """The row's cells with their consultations, oldest first."""
        return list(zip(self.held, row.cells, strict=True))

    def topic_cells(self, row: TopicRow) -> list[tuple[Meeting, TopicCell]]:
        return list(zip(self.topical, row.cells, strict=True))


def build_matrix(dataset: Dataset, relations: Relations) -> Matrix:
    held = tuple(sorted((r for r in dataset.meetings if r.is_held), key=lambda r: r.date))
    state_rows = []
    for state in dataset.states.values():
        cells = tuple(presence(record, state.code) for record in held)
        attended = tuple(record for record in held if state.code in record.participating_states)
        state_rows.append(StateRow(state, cells, attended))
    state_rows.sort(key=lambda row: (-row.count, row.state.name))

    topical_ids = {
        record.id for items in relations.topics.values() for record in items.consultations()
    }
    topical = tuple(
        sorted((r for r in dataset.meetings if r.id in topical_ids), key=lambda r: r.date)
    )
    topic_rows = []
    for topic in dataset.topics.values():
        items = relations.topics.get(topic.id)
        questions = Counter(record.id for record, _ in items.questions) if items else Counter()
        contributions = (
            Counter(record.id for record, _ in items.contributions) if items else Counter()
        )
        counts = tuple(
            TopicCell(questions[record.id], contributions[record.id]) for record in topical
        )
        tagged = tuple(record for record, cell in zip(topical, counts, strict=True) if cell.total)
        topic_rows.append(TopicRow(topic, counts, tagged))
    topic_rows.sort(key=lambda row: (-row.consultations, row.topic.name))
    return Matrix(held, tuple(state_rows), topical, tuple(topic_rows), _years(held, topical))


def _years(held: tuple[Meeting, ...], topical: tuple[Meeting, ...]) -> tuple[Year, ...]:
    by_year: dict[int, tuple[list[Meeting], list[Meeting]]] = {}
    for record in held:
        by_year.setdefault(record.date.start.year, ([], []))[0].append(record)
    for record in topical:
        by_year.setdefault(record.date.start.year, ([], []))[1].append(record)
    years = []
    for year in sorted(by_year, reverse=True):
        year_held, year_topical = by_year[year]
        attended: Counter[str] = Counter()
        for record in year_held:
            attended.update(record.participating_states)
        years.append(Year(year, tuple(year_held), dict(attended), tuple(year_topical)))
    return tuple(years)
