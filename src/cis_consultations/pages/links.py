"""Links relative to one page, reference marks, and the labels they show."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from ..core.addresses import (
    document_uri,
    meeting_uri,
    organization_uri,
    person_uri,
    source_uri,
    state_uri,
    topic_uri,
)
from ..core.changes import Term
from ..core.entries import Document, Organization, Person, Source, State, Topic
from ..core.model import Dataset, Meeting, Venue
from ..core.text import counted, markdown_text, markdown_url


@lru_cache(maxsize=1 << 16)
def _relative(uri: str, base: str) -> str:
    """``posixpath.relpath``, remembered: a build asks it the same few thousand questions.

    Worked out on the strings (``relpath`` asks the file system for the working folder
    twice a call): the parts the two paths share are dropped, each other part of
    ``base`` is a ``..``. An absolute path, or one that climbs (``..``), takes
    ``relpath`` itself.
    """
    target = [part for part in uri.split("/") if part and part != "."]
    start = [part for part in base.split("/") if part and part != "."]
    if not (target and base) or ".." in target or ".." in start or "/" in (uri[0], base[0]):
        return posixpath.relpath(uri, base)
    shared = 0
    for ours, theirs in zip(target, start, strict=False):
        if ours != theirs:
            break
        shared += 1
    return "/".join([".."] * (len(start) - shared) + target[shared:]) or "."


@lru_cache(maxsize=1 << 16)
def _link(uri: str, base: str, text: str) -> Markup:
    """A Markdown link with neutralised text, remembered: record pages repeat the same
    links to states, organizations and topics, and index pages the same dates."""
    return Markup(f"[{markdown_text(text)}]({_relative(uri, base)})")


def relative_cache_clear() -> None:
    """Forget the memos of relative links (after a site is generated)."""
    _relative.cache_clear()
    _link.cache_clear()


def ours_mark(field: str) -> Markup:
    """`` (our short title)``: said after a value of a registry entry that is ours, not a
    source's (the one way a page marks it; ``field`` is the entry's field name)."""
    return Markup(' <span class="ours">(our {})</span>').format(field.replace("_", " "))


OUR_NAME = ours_mark("name")
"""After a name that no source gives, wherever it is shown."""


class Links:
    """Markdown links relative to one page, so the site works under any sub-path."""

    def __init__(self, dataset: Dataset, page_uri: str) -> None:
        self.dataset = dataset
        self.base = posixpath.dirname(page_uri) or "."

    def to(self, uri: str, text: object) -> Markup:
        if isinstance(text, Markup):  # built in code: kept as it is, and not remembered
            return Markup(f"[{text}]({_relative(uri, self.base)})")
        return _link(uri, self.base, str(text))

    def external(self, url: str, text: object) -> Markup:
        return Markup(f"[{markdown_text(text)}]({markdown_url(url)})")

    def consultation(self, record: Meeting, text: object | None = None) -> Markup:
        """A link to a meeting's record, of any kind."""
        return self.to(meeting_uri(record), text if text is not None else record.title)

    def record_id(self, record_id: str, text: object | None = None) -> Markup:
        return self.consultation(self.dataset.by_id[record_id], text)

    def source(self, source_id: str, text: object | None = None) -> Markup:
        source = self.dataset.sources[source_id]
        return self.to(source_uri(source_id), text if text is not None else source_label(source))

    def document(self, document_id: str, *, short: bool = False) -> Markup:
        document = self.dataset.documents[document_id]
        return self.to(document_uri(document_id), document.label if short else document.title)

    def state(self, code: str) -> Markup:
        state = self.dataset.states[code]
        return self.to(state_uri(state), state.name)

    def organization(self, org_id: str, *, short: bool = False) -> Markup:
        organization = self.dataset.organizations[org_id]
        text = organization.short if short and organization.short else organization.name
        link = self.to(organization_uri(org_id), text)
        if "name" in organization.ours and text == organization.name:
            return link + OUR_NAME
        return link

    def person(self, person_id: str) -> Markup:
        person = self.dataset.people[person_id]
        link = self.to(person_uri(person_id), person.name)
        return link + OUR_NAME if "name" in person.ours else link

    def topic(self, topic_id: str) -> Markup:
        return self.to(topic_uri(topic_id), self.dataset.topics[topic_id].name)

    def venue(self, venue: Venue) -> Markup:
        """The parts of a place the source gives, in order, joined by commas; the country linked.

        ``Moscow, Russia``, ``Office, Moscow, Russia`` or ``Quillwort Hall (the source does
        not name the city)``: never a dangling comma, whichever parts are missing, and a
        named place without a city says that the source leaves the city out.
        """
        parts = [markdown_text(part) for part in (venue.name, venue.city) if part]
        if venue.country:
            parts.append(self.state(venue.country))
        joined = Markup(", ").join(parts)
        if venue.name and not venue.city:
            return joined + Markup(" (the source does not name the city)")
        return joined

    def value(self, term: Term) -> Markup:
        """One value of a fact in a list of changes: a registry entry linked by its name,
        a record by its title, the record's own text in quotation marks."""
        register, value = term
        match register:
            case None:
                return Markup("\u201c") + markdown_text(value) + Markup("\u201d")
            case "states":
                return self.state(value)
            case "organizations":
                return self.organization(value)
            case "people":
                return self.person(value)
            case "topics":
                return self.topic(value)
            case "documents":
                return self.document(value, short=True)
            case "sources":
                return self.source(value)
            case _:
                return self.record_id(value)

    def states(self, codes: Iterable[str]) -> Markup:
        return Markup(", ").join(self.state(code) for code in codes)

    def organizations(self, org_ids: Iterable[str], *, short: bool = False) -> Markup:
        return Markup("; ").join(self.organization(org_id, short=short) for org_id in org_ids)

    def topics(self, topic_ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.topic(topic_id) for topic_id in topic_ids)


def other_names(
    entry: State | Organization | Person | Topic | Document, *names: str | None
) -> tuple[str, ...]:
    """What else search should find an entry's page by, each shown on the page and labelled.

    ``names``: a formal name, a short name or title (those that are set); then the
    spellings its sources use (``also_spelled``, with the source named on the page) and
    our editorial search terms (shown as such, never as a source's wording).
    """
    spellings = () if isinstance(entry, Topic) else entry.also_spelled
    return (
        *(name for name in names if name),
        *(spelling.name for spelling in spellings),
        *entry.search_terms,
    )


def source_label(source: Source) -> str:
    """``Kazinform, 8 December 2022``: a source as a reader recognises it in a list."""
    return source.label


@dataclass(frozen=True)
class Origins:
    """How many publishers and how many independent origins stand behind a fact.

    A source's origin is the body it says it has its report from (``reports_from``),
    else its own publisher: two agencies relaying one press service are one origin.
    """

    publishers: int
    origins: int

    @classmethod
    def of(cls, sources: Iterable[Source]) -> Origins:
        listed = list(sources)
        return cls(
            len({source.publisher_name for source in listed}),
            len({source.reports_from or source.publisher_name for source in listed}),
        )

    def __str__(self) -> str:
        """``3 publishers, 2 origins``."""
        return f"{counted(self.publishers, 'publisher')}, {counted(self.origins, 'origin')}"


class References:
    """Numbered reference marks for one record page, linking to its source list.

    Sources are numbered in the order the record cites them (its own list first), so
    the marks and the list at the foot of the page always agree.
    """

    def __init__(self, record: Meeting | None, dataset: Dataset, also: Iterable[str] = ()) -> None:
        """``also``: sources of other records this page cites (what came next); a page that
        is not a record's (a document's path) has only these."""
        cited = dict.fromkeys(record.all_sources() if record else ())
        cited.update(dict.fromkeys(also))
        self.sources = [dataset.sources[source_id] for source_id in cited]
        self.number = {source.id: index for index, source in enumerate(self.sources, 1)}
        # A page repeats a few marks many times (a source per fact, per question): each
        # mark, and each run of marks, is written once.
        self._marks = {
            source.id: Markup('<a href="#source-{0}" title="{1}">{0}</a>').format(
                number, source_label(source)
            )
            for number, source in enumerate(self.sources, 1)
        }
        self._written: dict[tuple[str, ...], Markup] = {}

    def __call__(self, source_ids: Iterable[str]) -> Markup:
        key = tuple(source_ids)
        written = self._written.get(key)
        if written is None:
            marks = [self._marks[source_id] for source_id in key]
            written = Markup("")
            if len(marks) == 1:
                written = Markup('<sup class="ref">[') + marks[0] + Markup("]</sup>")
            elif marks:
                # Several sources: say how many independent reports they are, and show it
                # where relays make the marks look like more than there are.
                origins = Origins.of(self.sources[self.number[source_id] - 1] for source_id in key)
                written = (
                    Markup('<sup class="ref" title="{}">[').format(origins)
                    + Markup(", ").join(marks)
                    + (
                        Markup(" &middot; {}").format(origins)
                        if origins.origins < origins.publishers
                        else Markup("")
                    )
                    + Markup("]</sup>")
                )
            self._written[key] = written
        return written
