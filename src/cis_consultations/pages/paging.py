"""Every list of meetings that grows with the series, a year a page: one mechanism.

A state's, an organization's, a person's, a document's, a source's and a topic's page
each list the meetings it appears at, as :class:`Entry` rows (one a meeting, with what
the entry did there). :func:`paginate` decides where they go:

- at most :data:`INLINE_LIMIT` entries: on the entity's own page, in sections by year
  (a person who chaired one meeting has it one click away, and no page of one line);
- more: the entity's page keeps a summary (counts, first and last, a row a year with a
  link to each of its pages), and the entries go on pages a year at a time
  (``states/armenia/2024/``), a year of more than :data:`PAGE_SIZE` entries split again
  (``states/armenia/2024/2/``). Every part is linked from the entity's page, so every
  entry stays two clicks from it; the year pages are out of search and navigation.

So no page grows with the series, whatever the shape of the data: a page lists at most
:data:`PAGE_SIZE` meetings, and an entity's page a row per year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from ..core.addresses import year_page_uri
from ..core.model import (
    Contribution,
    DocumentWork,
    Meeting,
    Outcome,
    Question,
    SignatureLine,
)
from .base import GeneratedPage, PageMaker

INLINE_LIMIT = 20
"""Entries an entity's page lists itself; above, they go on its year pages."""
PAGE_SIZE = 200
"""Entries a year page lists at most; a longer year is split into parts of this size."""


@dataclass
class Entry:
    """One meeting in an entity's list, and what the entity did or was there."""

    record: Meeting
    took_part: bool = False
    observer: bool = False
    hosted: bool = False
    of_series: bool = False
    """The meeting is one of this expert group's."""
    chaired: bool = False
    opened: bool = False
    questions: list[Question] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    named_in: list[Question | Contribution | Outcome] = field(default_factory=list)
    works: list[DocumentWork] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    position: str | None = None
    """A person listed among the participants: their position, as the source gives it."""
    listed: bool = False
    """A person listed among the participants (of a council session)."""
    signature_lines: list[tuple[DocumentWork, SignatureLine]] = field(default_factory=list)
    """A person's or a state's signature lines under the meeting's decisions."""
    chaired_as_state: bool = False
    """A state the source names as the chair."""
    planned_by: Meeting | None = None
    """A document's step that did nothing to it: the record whose outcome tied the plan
    to this session (our link)."""


class Entries:
    """Collects entries by meeting, then gives them newest meeting first."""

    def __init__(self) -> None:
        self._by_id: dict[str, Entry] = {}

    def at(self, record: Meeting) -> Entry:
        entry = self._by_id.get(record.id)
        if entry is None:
            entry = self._by_id[record.id] = Entry(record)
        return entry

    def newest_first(self) -> list[Entry]:
        return sorted(self._by_id.values(), key=lambda entry: entry.record.date, reverse=True)

    def oldest_first(self) -> list[Entry]:
        """For a list that tells a story forwards (what the meetings did with a document)."""
        return sorted(self._by_id.values(), key=lambda entry: entry.record.date)


@dataclass(frozen=True)
class Part:
    """One page of a year's entries."""

    uri: str
    year: int
    number: int
    """1 for the year's first (or only) page."""
    of: int
    """How many pages the year has."""
    entries: tuple[Entry, ...]
    first_index: int
    """Position of the first entry in the year, from 1."""

    @property
    def label(self) -> str:
        return str(self.year) if self.of == 1 else f"{self.year}, part {self.number}"

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.entries) - 1


@dataclass(frozen=True)
class YearParts:
    year: int
    parts: tuple[Part, ...]

    @property
    def count(self) -> int:
        return sum(len(part.entries) for part in self.parts)

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for part in self.parts for entry in part.entries)


@dataclass(frozen=True)
class Paged:
    """An entity's list of meetings, and where each entry is shown."""

    owner_uri: str
    """The entity's page (``states/armenia.md``)."""
    kind: str
    """``state``, ``organization``, ``person``, ``document``, ``source`` or ``topic``."""
    name: str
    """The entity's name, for the year pages' titles."""
    entries: tuple[Entry, ...]
    """Newest meeting first, or oldest first (:attr:`newest_first`)."""
    years: tuple[YearParts, ...]
    """In the order of the entries."""
    inline: bool
    """Whether the entity's page lists the entries itself (and there are no year pages)."""
    page_size: int = PAGE_SIZE
    newest_first: bool = True

    @property
    def split(self) -> bool:
        """Whether a year is split into parts."""
        return any(len(year.parts) > 1 for year in self.years)

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def first(self) -> Meeting | None:
        return min((entry.record for entry in self.entries), key=lambda r: r.date, default=None)

    @property
    def last(self) -> Meeting | None:
        return max((entry.record for entry in self.entries), key=lambda r: r.date, default=None)

    def parts(self) -> list[Part]:
        """Every year page, in the order of the list (newest first)."""
        return [part for year in self.years for part in year.parts]


def paginate(
    owner_uri: str,
    kind: str,
    name: str,
    entries: Iterable[Entry],
    *,
    inline_limit: int | None = None,
    page_size: int | None = None,
    newest_first: bool = True,
) -> Paged:
    """Entries (newest first, else oldest first) in years, and each year in parts of
    ``page_size`` (by default :data:`INLINE_LIMIT` and :data:`PAGE_SIZE`, read at each
    call)."""
    inline_limit = INLINE_LIMIT if inline_limit is None else inline_limit
    page_size = PAGE_SIZE if page_size is None else page_size
    listed = tuple(entries)
    years = []
    for year, group in groupby(listed, key=lambda entry: entry.record.date.start.year):
        of_year = tuple(group)
        count = -(-len(of_year) // page_size)
        years.append(
            YearParts(
                year,
                tuple(
                    Part(
                        uri=year_page_uri(owner_uri, year, number + 1),
                        year=year,
                        number=number + 1,
                        of=count,
                        entries=of_year[number * page_size : (number + 1) * page_size],
                        first_index=number * page_size + 1,
                    )
                    for number in range(count)
                ),
            )
        )
    return Paged(
        owner_uri,
        kind,
        name,
        listed,
        tuple(years),
        len(listed) <= inline_limit,
        page_size,
        newest_first,
    )


JsonLd = Callable[[tuple[Entry, ...]], dict[str, Any] | None]
"""The JSON-LD of a page from the entries it lists (a state's node and its events)."""


class PagedLists(PageMaker):
    """Writes the year pages of any paged list, whatever kind of entity it belongs to.

    An entity's list is made once (:meth:`_paged`) for its page and its year pages, and
    forgotten once its year pages are written.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lists: dict[str, Paged] = {}

    def _paged(self, owner_uri: str, make: Callable[[], Paged]) -> Paged:
        paged = self._lists.get(owner_uri)
        if paged is None:
            paged = self._lists[owner_uri] = make()
        return paged

    def year_pages(self, paged: Paged, json_ld: JsonLd | None = None) -> Iterator[GeneratedPage]:
        """The pages a year (or a part of a year) at a time; none when the list is inline."""
        self._lists.pop(paged.owner_uri, None)
        if paged.inline:
            return
        parts = paged.parts()
        for index, part in enumerate(parts):
            before = parts[index - 1] if index > 0 else None
            after = parts[index + 1] if index + 1 < len(parts) else None
            yield self._page(
                part.uri,
                "year-page.md.j2",
                f"{paged.name} in {part.label}: the meetings on record, a year at a time.",
                title=f"{paged.name} in {part.label}",
                searchable=False,
                json_ld=json_ld(part.entries) if json_ld else None,
                paged=paged,
                part=part,
                later=before if paged.newest_first else after,
                earlier=after if paged.newest_first else before,
            )
