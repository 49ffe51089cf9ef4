"""The typed, immutable records the site is built from."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any

from .contract import vocabulary
from .dates import PartialDate
from .entries import Document, Organization, Person, Source, State, Topic
from .heldtext import HeldText
from .layout import RECORD_FOLDERS
from .problems import Problem


class Status(Enum):
    HELD = "held"
    ANNOUNCED = "announced"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    @property
    def meaning(self) -> str:
        """What the word means, as the schema defines it."""
        return vocabulary("properties", "status")[self.value]

    @property
    def is_plan(self) -> bool:
        """A meeting that was to take place (announced or postponed): its place, format and
        date are the planned ones, never where or how it was held."""
        return self in (Status.ANNOUNCED, Status.POSTPONED)


class MeetingKind(Enum):
    """The kind of a meeting, given by the folder its record is in."""

    CONSULTATIONS = "consultations"
    """The interagency consultations: the primary series (``data/consultations/``)."""
    EXPERT_GROUP = "expert-group"
    """A meeting of an expert group around them (``data/expert-groups/``)."""
    COUNCIL_SESSION = "council-session"
    """A session of a CIS governing council (``data/council-sessions/``)."""

    @property
    def folder(self) -> str:
        return RECORD_FOLDERS[self.value]

    @property
    def label(self) -> str:
        """``Consultations`` / ``Expert-group meeting``: the kind beside a record in a list."""
        return _KIND_LABELS[self]

    @property
    def tag(self) -> str:
        """``expert group``, ``council session``: said after a date in a list of meetings of
        several kinds; nothing for the consultations, the primary series."""
        return _KIND_TAGS[self]

    @property
    def plural(self) -> str:
        """``Expert-group meetings``: the kind as a column heading."""
        return "Consultations" if self is MeetingKind.CONSULTATIONS else f"{self.label}s"


_KIND_LABELS = {
    MeetingKind.CONSULTATIONS: "Consultations",
    MeetingKind.EXPERT_GROUP: "Expert-group meeting",
    MeetingKind.COUNCIL_SESSION: "Council session",
}
_KIND_TAGS = {
    MeetingKind.CONSULTATIONS: "",
    MeetingKind.EXPERT_GROUP: "expert group",
    MeetingKind.COUNCIL_SESSION: "council session",
}
CONSULTATIONS_SERIES = "consultations"
"""The series of every consultations record; an expert group's series is its id."""


class Role(Enum):
    """How a state took part in a meeting."""

    PARTICIPANT = "participant"
    OBSERVER = "observer"


@dataclass(frozen=True)
class Venue:
    name: str | None = None
    city: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class PersonRole:
    """Someone in a role at a meeting (chair, opened it, took part), as the source names
    them; a chair may be a state where the source names a state, not a person."""

    person: str | None = None
    position: str | None = None
    organization: str | None = None
    state: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    title: str
    topics: tuple[str, ...]
    bodies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    """The sources that state it (the record's, unless the item says otherwise)."""


@dataclass(frozen=True)
class Contribution:
    summary: str
    person: str | None = None
    position: str | None = None
    organization: str | None = None
    topics: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What a meeting agreed or decided, in our words."""

    summary: str
    next_meeting: str | None = None
    """Id of the record of the meeting this decision led to."""
    followed_by: str | None = None
    """Ours: id of the record of what became of this plan or decision."""
    bodies: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


DOCUMENT_ACTIONS: dict[str, str] = vocabulary(
    "properties", "documents", "items", "properties", "action"
)
"""What a meeting did to a document -> what the word means (the schema's vocabulary)."""
FORMATS: dict[str, str] = vocabulary("properties", "format")
"""How a meeting was held -> what the word means (the schema's vocabulary)."""


@dataclass(frozen=True)
class SignatureLine:
    """One state's signature line under a decision, as the source shows it."""

    state: str
    shows: str
    """``signature`` (a name), ``dash`` or ``blank``."""
    person: str | None = None
    position: str | None = None

    @property
    def signed(self) -> bool:
        return self.shows == "signature"


@dataclass(frozen=True)
class DocumentWork:
    """What one meeting did with one document."""

    document: str
    action: str
    note: str | None = None
    sources: tuple[str, ...] = ()
    signature_lines: tuple[SignatureLine, ...] = ()

    @property
    def action_label(self) -> str:
        """``main provisions agreed``: the word as a page says it."""
        return self.action.replace("-", " ")

    @property
    def action_meaning(self) -> str:
        return DOCUMENT_ACTIONS[self.action]


FACTS = (
    "date",
    "status",
    "series",
    "number",
    "announced_in",
    "venue",
    "format",
    "opened_by",
    "chair",
    "participants",
    "agencies",
    "themes",
    "questions",
)
"""The facts of a record that ``cite:`` can give their own sources (the list items have
their own ``sources:``)."""


@dataclass(frozen=True)
class Meeting:
    """One record: a meeting of the consultations or of an expert group."""

    id: str
    """The file name without extension."""
    source_path: str
    """The record's file, relative to the project root (for "edit this record")."""
    title: str
    status: Status
    date: PartialDate
    sources: tuple[str, ...]
    """Ids of the sources that state every fact unless :attr:`citations` says otherwise."""
    kind: MeetingKind = MeetingKind.CONSULTATIONS
    series: str = CONSULTATIONS_SERIES
    """``consultations``, or the id of the expert group (an organization)."""
    number: int | None = None
    announced_in: str | None = None
    venue: Venue | None = None
    format: str | None = None
    opened_by: PersonRole | None = None
    chair: PersonRole | None = None
    states: tuple[str, ...] = ()
    """States the source lists as taking part (participants)."""
    observers: tuple[str, ...] = ()
    """States that took part as observers."""
    organizations: tuple[str, ...] = ()
    agencies: str | None = None
    people: tuple[PersonRole, ...] = ()
    """People the source lists as taking part, with their positions."""
    themes: tuple[str, ...] = ()
    questions_discussed: int | None = None
    questions: tuple[Question, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    documents: tuple[DocumentWork, ...] = ()
    citations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``cite:``: (fact, source ids) where a fact's sources differ from :attr:`sources`."""

    @property
    def is_held(self) -> bool:
        return self.status is Status.HELD

    @property
    def is_consultation(self) -> bool:
        return self.kind is MeetingKind.CONSULTATIONS

    @property
    def is_council_session(self) -> bool:
        return self.kind is MeetingKind.COUNCIL_SESSION

    def cited(self, fact: str) -> tuple[str, ...]:
        """The ids of the sources that state one of :data:`FACTS`."""
        for name, source_ids in self.citations:
            if name == fact:
                return source_ids
        return self.sources

    def states_fact(self, fact: str) -> bool:
        """Whether the record states one of :data:`FACTS` (so that it has sources to list)."""
        if fact in ("date", "status"):
            return True
        if fact == "series":
            return not self.is_consultation
        if fact == "participants":
            return bool(self.participating_states or self.organizations or self.people)
        if fact == "questions":
            return self.questions_discussed is not None
        return getattr(self, fact) not in (None, ())

    def all_sources(self) -> tuple[str, ...]:
        """Every source the record cites, the record's own first, once each."""
        found = dict.fromkeys(self.sources)
        for _, source_ids in self.citations:
            found.update(dict.fromkeys(source_ids))
        for items in (
            self.questions,
            self.contributions,
            self.outcomes,
            self.documents,
            self.people,
        ):
            for item in items:
                found.update(dict.fromkeys(item.sources))
        return tuple(found)

    def role_of(self, code: str) -> Role | None:
        if code in self.states:
            return Role.PARTICIPANT
        if code in self.observers:
            return Role.OBSERVER
        return None

    @property
    def participating_states(self) -> tuple[str, ...]:
        """Participants then observers."""
        return self.states + self.observers


@dataclass(frozen=True, kw_only=True)
class Registers:
    """The registries by id, and the texts the project holds: the one list of them (the
    data folder's files are ``layout.REGISTRIES``, in the same order)."""

    states: dict[str, State]
    organizations: dict[str, Organization]
    people: dict[str, Person]
    topics: dict[str, Topic]
    sources: dict[str, Source] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    held_texts: dict[str, HeldText] = field(default_factory=dict, repr=False)
    """The full texts the project holds, by source id, as the loader read them once."""

    def registers(self) -> dict[str, Any]:
        """The registries alone, to hand to another :class:`Registers`."""
        return {name.name: getattr(self, name.name) for name in fields(Registers)}


@dataclass(frozen=True, kw_only=True)
class Dataset(Registers):
    """Everything validated: registries by id, consultations newest first."""

    meetings: tuple[Meeting, ...]
    """Every record, of every kind, newest first."""
    warnings: tuple[Problem, ...] = ()
    """What is worth fixing but breaks nothing (a source no record cites)."""
    by_id: dict[str, Meeting] = field(init=False, repr=False)
    consultations: tuple[Meeting, ...] = field(init=False, repr=False)
    """The consultations series only, newest first."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {record.id: record for record in self.meetings})
        object.__setattr__(
            self,
            "consultations",
            tuple(record for record in self.meetings if record.is_consultation),
        )
