"""The typed, immutable records the site is built from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

from .dates import PartialDate


def slugify(text: str) -> str:
    """ASCII slug of a name: ``Kyrgyzstan`` -> ``kyrgyzstan``; empty if nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Status(Enum):
    HELD = "held"
    ANNOUNCED = "announced"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class State:
    code: str
    """ISO 3166-1 alpha-2."""
    name: str
    formal_name: str
    search_terms: tuple[str, ...] = ()
    """Editorial search words, ours: acronyms, synonyms, transliterations."""

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    short_name: str | None = None
    parent: str | None = None
    search_terms: tuple[str, ...] = ()
    """Editorial search words, ours: acronyms, synonyms, transliterations."""

    @property
    def label(self) -> str:
        """The name with its short form, as a reader meets it first."""
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    search_terms: tuple[str, ...] = ()
    """Editorial search words, ours: acronyms, synonyms, transliterations."""


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str
    search_terms: tuple[str, ...] = ()
    """Editorial search words, ours: acronyms, synonyms, transliterations."""


@dataclass(frozen=True)
class Venue:
    name: str | None = None
    city: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Chair:
    person: str
    position: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class Question:
    title: str
    topics: tuple[str, ...]
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contribution:
    summary: str
    person: str | None = None
    position: str | None = None
    organization: str | None = None
    topics: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    url: str
    publisher: str
    title: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Consultation:
    id: str
    """The file name without extension."""
    source_path: str
    """The record's file, relative to the project root (for "edit this record")."""
    title: str
    status: Status
    date: PartialDate
    sources: tuple[Source, ...]
    number: int | None = None
    announced_in: str | None = None
    venue: Venue | None = None
    chair: Chair | None = None
    states: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    questions_discussed: int | None = None
    questions: tuple[Question, ...] = ()
    contributions: tuple[Contribution, ...] = ()

    @property
    def is_held(self) -> bool:
        return self.status is Status.HELD


@dataclass(frozen=True)
class Dataset:
    """Everything validated: registries by id, consultations newest first."""

    states: dict[str, State]
    organizations: dict[str, Organization]
    people: dict[str, Person]
    topics: dict[str, Topic]
    consultations: tuple[Consultation, ...]
    by_id: dict[str, Consultation] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {record.id: record for record in self.consultations})
