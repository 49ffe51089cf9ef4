"""The history of the records as the site tells it: each commit's change to a record,
the facts it changed (found by :mod:`.comparison`), and how a fact's change is said.

The words for each fact (``participating states``, ``question 3: wording``) and the
labels of the changes are ours; the values are the record's own (ids that pages turn
into names, or the record's text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from markupsafe import Markup

from .model import Dataset


class Term(NamedTuple):
    """One value of a fact: an id in a registry (``register``), or the record's text."""

    register: str | None
    """``states``, ``organizations``, ``people``, ``topics``, ``sources``, ``documents``
    or ``meetings``; ``None`` for text (a date, a wording, a number)."""
    value: str


@dataclass(frozen=True)
class FactChange:
    """One fact of a record, before and after a commit."""

    subject: str
    """Our words for the fact: ``date``, ``participating states``, ``question 3: wording``."""
    removed: tuple[Term, ...]
    added: tuple[Term, ...]
    sources: tuple[str, ...]
    """The sources the record cites for the fact's new value (none when it was removed)."""
    replacement: bool = False
    """One value replaced by another (a date, a wording), rather than values of a list
    added and removed."""
    about: Term | None = None
    """The item the fact belongs to, where its number alone would not say (a document)."""

    @property
    def verb(self) -> str:
        """``added``, ``removed`` or ``changed``."""
        if not self.removed:
            return "added"
        if not self.added:
            return "removed"
        return "changed"


class ChangeKind(Enum):
    """What one commit did to one record's file."""

    ADDED = "added"
    """The file first appears: the record was added."""
    CHANGED = "changed"
    """A fact the record states changed (added, removed or replaced)."""
    REFORMATTED = "reformatted"
    """The file changed but no fact did."""
    REMOVED = "removed"
    """The file was deleted."""
    UNREADABLE = "unreadable"
    """One of the two versions does not pass today's checks, so no fact-by-fact comparison
    can be made (an id it names is no longer in the registries, say)."""

    @property
    def label(self) -> str:
        return _CHANGE_LABELS[self]


_CHANGE_LABELS = {
    ChangeKind.ADDED: "Record added",
    ChangeKind.CHANGED: "Facts changed",
    ChangeKind.REFORMATTED: "No fact changed",
    ChangeKind.REMOVED: "Record removed",
    ChangeKind.UNREADABLE: "Changed (not compared)",
}


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime
    """When the commit was made (UTC)."""
    subject: str
    """The first line of the commit's message: why the change was made."""
    correction: str | None = None
    """What its ``Correction:`` trailer says was wrong ("" if it gives no words); ``None``
    when the commit does not say it corrects an error (it may add what a new source says)."""

    @property
    def short(self) -> str:
        return self.sha[:10]

    @property
    def day(self) -> dt.date:
        return self.time.date()


@dataclass(frozen=True)
class RecordChange:
    """One commit's change to one record's file."""

    commit: Commit
    record_id: str
    """The record's id now (a file renamed later is followed to its current name)."""
    path: str
    """The record's file after the commit, relative to the project root."""
    kind: ChangeKind
    facts: tuple[FactChange, ...] = ()
    renamed_from: str | None = None
    """The file before the commit, when the commit renamed or moved it."""

    @property
    def is_correction(self) -> bool:
        """Said to correct an error (its commit's ``Correction:`` trailer), and changing a
        fact (or not comparable): a reformatting is never a correction, whatever it says."""
        return self.commit.correction is not None and self.kind in (
            ChangeKind.CHANGED,
            ChangeKind.UNREADABLE,
        )

    @property
    def label(self) -> str:
        """``Correction``, else what the change did (ours: ``Facts changed``...)."""
        return "Correction" if self.is_correction else self.kind.label

    @property
    def entry_id(self) -> str:
        """Unique among the changes: one commit changes a file once."""
        return f"{self.commit.sha}-{self.path}"


@dataclass(frozen=True)
class History:
    """Every change to the record files that git holds, newest first."""

    available: bool
    """False when this build has no usable history (no git, a shallow clone, an archive)."""
    changes: tuple[RecordChange, ...] = ()

    def of_record(self, record_id: str) -> tuple[RecordChange, ...]:
        return self._by_record.get(record_id, ())

    def last_changed(self) -> dict[str, dt.date]:
        """File path -> the day of the newest commit that changed it."""
        return self._last_changed

    # Worked out once: the pages and the downloads of a build ask for them alike.
    @cached_property
    def _last_changed(self) -> dict[str, dt.date]:
        days: dict[str, dt.date] = {}
        for change in self.changes:
            days.setdefault(change.path, change.commit.day)
        return days

    @cached_property
    def _by_record(self) -> dict[str, tuple[RecordChange, ...]]:
        grouped: dict[str, list[RecordChange]] = {}
        for change in self.changes:
            grouped.setdefault(change.record_id, []).append(change)
        return {record_id: tuple(found) for record_id, found in grouped.items()}


NO_HISTORY = History(available=False)


def fact_sentence(fact: FactChange, render: Callable[[Term], str]) -> str:
    """``Participating states: added Belarus (source of the new value: ...)``, each value as
    ``render`` writes it: a link on a page (then the sentence is Markup), a name in a feed."""

    def values(terms: tuple[Term, ...]) -> str:
        return _join(", ", [render(term) for term in terms])

    item, _, field = fact.subject.rpartition(": ")
    pieces: list[str] = [(item or field)[:1].upper() + (item or field)[1:]]
    if fact.about is not None:
        pieces += [" (", render(fact.about), ")"]
    pieces += [": ", field, ": "] if item else [": "]
    if fact.replacement:
        pieces += [values(fact.removed), " \u2192 ", values(fact.added)]
    else:
        if fact.added:
            pieces += ["added ", values(fact.added)]
        if fact.added and fact.removed:
            pieces.append("; ")
        if fact.removed:
            pieces += ["removed ", values(fact.removed)]
    if fact.sources and any(term.register != "sources" for term in fact.added):
        # (a change of sources names the new ones already)
        plural = "s" if len(fact.sources) > 1 else ""
        written = [render(Term("sources", source_id)) for source_id in fact.sources]
        pieces += [f" (source{plural} of the new value: ", _join("; ", written), ")"]
    return _join("", pieces)


def _join(separator: str, pieces: list[str]) -> str:
    """Joined as Markup when any piece is (the rest escaped), else as plain text."""
    if any(isinstance(piece, Markup) for piece in pieces):
        return Markup(separator).join(pieces)
    return separator.join(pieces)


def term_name(term: Term, dataset: Dataset) -> str:
    """A value in plain text: a registry entry by its name, a record by its title."""
    register, value = term
    match register:
        case None:
            return f"\u201c{value}\u201d"
        case "states" | "organizations" | "people" | "topics":
            entry = getattr(dataset, register).get(value)
            return entry.name if entry else value
        case "documents":
            document = dataset.documents.get(value)
            return document.label if document else value
        case "sources":
            source = dataset.sources.get(value)
            return source.label if source else value
        case _:
            record = dataset.by_id.get(value)
            return record.title if record else value
