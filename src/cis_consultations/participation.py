"""Participation over time: states x meetings and topics x meetings.

Both views read in time (oldest meeting first), over every kind of meeting (each column
says its kind). The state view has a column per held meeting: a planned meeting had no
participants to record. A cell says what the source says: the state took part as a
member or as an observer, is not listed, or the source lists no states at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from .model import Consultation, Dataset, State, Topic
from .relations import Relations


class Presence(Enum):
    ATTENDED = "attended"
    OBSERVER = "observer"
    NOT_LISTED = "not listed"
    NOT_STATED = "no list in source"
    """The source names no participating states at all."""


@dataclass(frozen=True)
class StateRow:
    state: State
    cells: tuple[Presence, ...]
    """One per column of :attr:`Matrix.held`, oldest first."""
    attended: tuple[Consultation, ...]
    """Oldest first."""

    @property
    def count(self) -> int:
        return len(self.attended)

    @property
    def first(self) -> Consultation | None:
        return self.attended[0] if self.attended else None

    @property
    def last(self) -> Consultation | None:
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

    @property
    def consultations(self) -> int:
        return sum(1 for cell in self.cells if cell.total)

    @property
    def recurs(self) -> bool:
        return self.consultations > 1


@dataclass(frozen=True)
class Matrix:
    held: tuple[Consultation, ...]
    """Columns of the state view: held consultations, oldest first."""
    states: tuple[StateRow, ...]
    """Most consultations attended first, then by name."""
    topical: tuple[Consultation, ...]
    """Columns of the topic view: consultations with a tagged question or contribution."""
    topics: tuple[TopicRow, ...]
    """Recurring topics first, then by name."""

    def state_row(self, code: str) -> StateRow:
        return next(row for row in self.states if row.state.code == code)

    def topic_row(self, topic_id: str) -> TopicRow:
        return next(row for row in self.topics if row.topic.id == topic_id)

    def state_cells(self, row: StateRow) -> list[tuple[Consultation, Presence]]:
        """The row's cells with their consultations, oldest first."""
        return list(zip(self.held, row.cells, strict=True))

    def topic_cells(self, row: TopicRow) -> list[tuple[Consultation, TopicCell]]:
        return list(zip(self.topical, row.cells, strict=True))


def build_matrix(dataset: Dataset, relations: Relations) -> Matrix:
    held = tuple(sorted((r for r in dataset.meetings if r.is_held), key=lambda r: r.date))
    state_rows = []
    for state in dataset.states.values():
        cells = tuple(
            Presence.ATTENDED
            if state.code in record.states
            else Presence.OBSERVER
            if state.code in record.observers
            else Presence.NOT_LISTED
            if record.participating_states
            else Presence.NOT_STATED
            for record in held
        )
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
        topic_rows.append(TopicRow(topic, counts))
    topic_rows.sort(key=lambda row: (-row.consultations, row.topic.name))
    return Matrix(held, tuple(state_rows), topical, tuple(topic_rows))
