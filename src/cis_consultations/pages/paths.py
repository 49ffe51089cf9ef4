"""A document's path across the meetings: every step in date order, whatever the kind of
meeting, with the postponed sessions that a plan was tied to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.model import Dataset, DocumentWork, Meeting

CONCLUSIVE = ("adopted", "approved", "decision-signed")
"""The actions that settle what became of a document, strongest first."""


@dataclass(frozen=True)
class Step:
    """One step: a meeting, and what it did to the document (none for a postponed plan)."""

    meeting: Meeting
    work: DocumentWork | None
    planned_by: Meeting | None = None
    """For a postponed session: the record whose outcome tied the plan to it (our link)."""

    @property
    def sources(self) -> tuple[str, ...]:
        if self.work is not None:
            return self.work.sources
        return self.meeting.cited("status")


def path_of(works: Iterable[tuple[Meeting, DocumentWork]], dataset: Dataset) -> list[Step]:
    """Every step, oldest first; a session that a plan was tied to (``followed_by``) and
    that did nothing to the document comes in as a step of its own."""
    listed = list(works)
    steps = [Step(meeting, work) for meeting, work in listed]
    worked = {meeting.id for meeting, _ in listed}
    for meeting in dict.fromkeys(meeting for meeting, _ in listed):
        for outcome in meeting.outcomes:
            followed = outcome.followed_by
            if followed and followed not in worked:
                worked.add(followed)
                steps.append(Step(dataset.by_id[followed], None, planned_by=meeting))
    return sorted(steps, key=lambda step: (step.meeting.date.start, step.meeting.id))


def furthest_step(
    works: Iterable[tuple[Meeting, DocumentWork]],
) -> tuple[Meeting, DocumentWork] | None:
    """The strongest conclusive step on record (adopted, approved, a decision signed)."""
    conclusive = [(meeting, work) for meeting, work in works if work.action in CONCLUSIVE]
    if not conclusive:
        return None
    return min(conclusive, key=lambda pair: CONCLUSIVE.index(pair[1].action))
