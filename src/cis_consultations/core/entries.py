"""The registries' entries: states, organizations, people, topics, documents and sources,
each described once in data/ and referred to by id from the records."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .dates import PartialDate


@lru_cache(maxsize=4096)
def slugify(text: str) -> str:
    """ASCII slug of a name: ``Kyrgyzstan`` -> ``kyrgyzstan``; empty if nothing is left.

    Remembered: a page's address comes from its state's name on every link to it.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Spelling:
    """A spelling or short name that a cited source uses for an entity."""

    name: str
    source: str
    """Id of the source (``data/sources.yml``) that writes it so."""


@dataclass(frozen=True)
class State:
    code: str
    """ISO 3166-1 alpha-2."""
    name: str
    formal_name: str
    formal_name_origin: str = "sources"
    """``sources`` or ``iso-3166-1`` (no source gives a formal name)."""
    ours: tuple[str, ...] = ()
    """The fields whose wording is ours, not a source's (``name``...)."""
    also_spelled: tuple[Spelling, ...] = ()
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
    category: str | None = None
    """Ours: ``expert-group`` or ``council`` where a record's series needs to know."""
    ours: tuple[str, ...] = ()
    """The fields whose wording is ours, not a source's (``name``, ``short_name``)."""
    also_spelled: tuple[Spelling, ...] = ()
    search_terms: tuple[str, ...] = ()
    """Editorial search words, ours: acronyms, synonyms, transliterations."""

    @property
    def short(self) -> str | None:
        """The short name to show in running text: never one that is ours (that one is
        shown on the entry's own page only, marked)."""
        return self.short_name if "short_name" not in self.ours else None

    @property
    def label(self) -> str:
        """The name with its short form, as a reader meets it first."""
        return f"{self.name} ({self.short})" if self.short else self.name


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    ours: tuple[str, ...] = ()
    also_spelled: tuple[Spelling, ...] = ()
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
class Document:
    id: str
    title: str
    short_title: str | None = None
    implements: str | None = None
    """Id of the document this one implements."""
    ours: tuple[str, ...] = ()
    """The fields whose wording is ours, not a source's (``title``, ``short_title``)."""
    also_spelled: tuple[Spelling, ...] = ()
    search_terms: tuple[str, ...] = ()
    """Editorial search words, ours: acronyms, synonyms, transliterations."""

    @property
    def label(self) -> str:
        """The short title in running text, unless it is ours (then the title)."""
        if self.short_title and "short_title" not in self.ours:
            return self.short_title
        return self.title


@dataclass(frozen=True)
class Source:
    """A publication, described once in ``data/sources.yml`` and cited by id."""

    id: str
    publisher: str
    url: str
    language: str
    title: str | None = None
    published: PartialDate | None = None
    retrieved: str | None = None
    archived: str | None = None
    note: str | None = None
    reports_from: str | None = None
    """The body the source has its report from, in our words (the same for one body)."""
    via: str | None = None
    """The publisher it came through."""
    held_text: bool = False
    """The project holds its full text (``data/texts/<id>.txt``), checked by the loader."""

    @property
    def publisher_name(self) -> str:
        """``Kazinform``: the publisher without its description."""
        return self.publisher.split(",")[0].split(" (")[0]

    @property
    def label(self) -> str:
        """``Kazinform, 8 December 2022``: a source as a reader recognises it in a list."""
        when = self.published.label() if self.published else "date not known"
        return f"{self.publisher_name}, {when}"
