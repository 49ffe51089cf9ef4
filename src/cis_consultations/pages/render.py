"""Generate the site's Markdown pages from a validated dataset, as plain functions.

Markup lives in ``templates/``. Templates neutralise every value by default
(``finalize``): text from records is shown, never interpreted; only links built
here and macro output (both :class:`~markupsafe.Markup`) pass through unchanged.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from markupsafe import Markup

from ..core.addresses import (
    PARTICIPATION_URI,
    SiteSettings,
    document_uri,
    meeting_uri,
    organization_uri,
    participation_year_uri,
    person_uri,
    source_uri,
    state_uri,
    topic_uri,
    topic_year_uri,
)
from ..core.dates import PartialDate
from ..core.describe import (
    ordinal,
    questions_summary,
    record_description,
    status_label,
    status_note,
)
from ..core.model import (
    DOCUMENT_ACTIONS,
    Dataset,
    Document,
    Meeting,
    MeetingKind,
    Organization,
    Person,
    Role,
    Source,
    State,
    Status,
    Topic,
    Venue,
)
from ..core.problems import Problem
from ..core.templating import markdown_environment
from ..core.text import (
    counted,
    html_attribute,
    markdown_text,
    markdown_url,
    plain,
    search_text,
    verbatim,
)
from .citation import NOT_KNOWN, Citation, cite
from .figures.pages import by_year, grouped, slot, year_heading
from .participation import Matrix, Year, build_matrix, presence
from .relations import Relations, build_relations
from .structured import StructuredData, script_json

# libyaml's emitter when PyYAML has it: the pure-Python one takes ~7 ms per record page
# (its JSON-LD is a long string).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

CONSULTATION_SEARCH_BOOST = 3.0
"""Weight of a meeting's page, of either kind, in Material's search (``search.boost``).

A record's questions and contributions sit in sections below its first, which Material
ranks lower than a page's first section; the boost evens that out, so that a phrase
finds its record ahead of a page that only shares a word of it in its name (with the
field weights in mkdocs.yml; tests/test_search_queries.py holds the cases).
"""
SOURCE_SEARCH_BOOST = 0.5
"""Weight of a source's page in search: its title is a publisher and a date
("Kazinform, 8 December 2022"), which would otherwise put it ahead of the records of
that date in a search for the month or the year. Its own publisher and title still find
it (tests/test_search_queries.py)."""
WIDE_PAGE = ("toc",)
"""Material's ``hide`` for pages whose tables need the width: no table of contents."""

__all__ = ["GeneratedPage", "Links", "Renderer", "SiteSettings", "human_size"]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page stands among the docs, ``/``-separated (``states/armenia.md``)."""
    content: str


@lru_cache(maxsize=1 << 16)
def _relative(uri: str, base: str) -> str:
    """``posixpath.relpath``, remembered: a build asks it the same few thousand questions."""
    return posixpath.relpath(uri, base)


@lru_cache(maxsize=1 << 16)
def _link(uri: str, base: str, text: str) -> Markup:
    """A Markdown link with neutralised text, remembered: record pages repeat the same
    links to states, organizations and topics, and index pages the same dates."""
    return Markup(f"[{markdown_text(text)}]({_relative(uri, base)})")


def relative_cache_clear() -> None:
    """Forget the memos of relative links (after a site is generated)."""
    _relative.cache_clear()
    _link.cache_clear()


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
        text = organization.short_name if short and organization.short_name else organization.name
        return self.to(organization_uri(org_id), text)

    def person(self, person_id: str) -> Markup:
        return self.to(person_uri(person_id), self.dataset.people[person_id].name)

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
    publisher = source.publisher.split(",")[0].split(" (")[0]
    when = source.published.label() if source.published else "date not known"
    return f"{publisher}, {when}"


class References:
    """Numbered reference marks for one record page, linking to its source list.

    Sources are numbered in the order the record cites them (its own list first), so
    the marks and the list at the foot of the page always agree.
    """

    def __init__(self, record: Meeting, dataset: Dataset, also: Iterable[str] = ()) -> None:
        """``also``: sources of other records this page cites (what came next)."""
        cited = dict.fromkeys(record.all_sources())
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
            written = (
                Markup('<sup class="ref">[') + Markup(", ").join(marks) + Markup("]</sup>")
                if marks
                else Markup("")
            )
            self._written[key] = written
        return written


class Renderer:
    """Renders every page of the site for one dataset."""

    def __init__(
        self,
        dataset: Dataset,
        settings: SiteSettings,
        last_changed: Mapping[str, dt.date] | None = None,
    ) -> None:
        self.dataset = dataset
        self.settings = settings
        self.last_changed = last_changed or {}
        self.relations: Relations = build_relations(dataset)
        self.matrix: Matrix = build_matrix(dataset, self.relations)
        self.structured = StructuredData(dataset, settings)
        self.environment = markdown_environment()
        self.environment.filters["verbatim"] = verbatim
        self.environment.globals.update(
            dataset=dataset,
            relations=self.relations,
            settings=settings,
            Status=Status,
            NOT_KNOWN=NOT_KNOWN,
            matrix=self.matrix,
            states=sorted(dataset.states.values(), key=lambda state: state.name),
            presence=presence,
            PARTICIPATION_URI=PARTICIPATION_URI,
            participation_year_uri=participation_year_uri,
            topic_year_uri=topic_year_uri,
            status_label=status_label,
            status_note=status_note,
            ordinal=ordinal,
            questions_summary=questions_summary,
            counted=counted,
            Role=Role,
            MeetingKind=MeetingKind,
            DOCUMENT_ACTIONS=DOCUMENT_ACTIONS,
            source_label=source_label,
            figure_slot=slot,
            grouped_by_year=grouped(dataset),
            by_year=by_year,
            year_heading=year_heading,
        )

    def _page(
        self,
        uri: str,
        template: str,
        description: str,
        *,
        title: str | None = None,
        json_ld: dict[str, Any] | None = None,
        search_boost: float | None = None,
        searchable: bool = True,
        hide: tuple[str, ...] = (),
        keywords: tuple[str, ...] = (),
        **context: Any,
    ) -> GeneratedPage:
        """One page; ``searchable=False`` keeps it out of the search index (a paged list).

        ``keywords`` are the other names search should find the page by, as strongly as
        by its title (:func:`other_names`): each must also be shown on the page, labelled
        for what it is.
        """
        # Material writes page.meta.description into <head> without escaping it. The
        # other keys are read by overrides/main.html, which escapes social_title and
        # writes json_ld (escaped for a script element by script_json) as is.
        meta: dict[str, Any] = {"description": html_attribute(description)}
        if hide:
            meta["hide"] = list(hide)
        if title is not None:
            meta["social_title"] = plain(title)
        if json_ld is not None:
            meta["og_type"] = "article"
            meta["json_ld"] = script_json(json_ld)
        if search_boost is not None:
            meta["search"] = {"boost": search_boost}
        if not searchable:
            meta["search"] = {"exclude": True}
        if keywords:
            # Material's search indexes page.meta.tags as a field of its own (weighted
            # as a title in mkdocs.yml; nothing shows it on the page without the tags
            # plugin) and writes it into the results as HTML: escaped here.
            meta["tags"] = [search_text(keyword) for keyword in dict.fromkeys(keywords)]
        front_matter = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, width=10_000)
        body = self.environment.get_template(template).render(
            link=Links(self.dataset, uri), **context
        )
        return GeneratedPage(uri, f"---\n{front_matter}---\n\n{body}")

    def _citation(self, record: Meeting) -> Citation:
        return cite(
            record,
            site_name=self.settings.site_name,
            url=self.settings.absolute_url(meeting_uri(record)),
            last_changed=self.last_changed.get(record.source_path),
        )

    def home(self) -> GeneratedPage:
        held = [record for record in self.dataset.consultations if record.is_held]
        return self._page(
            "index.md",
            "home.md.j2",
            "The public record of the interagency consultations of the CIS Member States on "
            "ensuring international information security: meetings, participants, questions "
            "and sources.",
            latest=held[0] if held else None,
            latest_citation=self._citation(held[0]) if held else None,
        )

    def consultation_index(self) -> GeneratedPage:
        return self._page(
            "consultations/index.md",
            "consultations.md.j2",
            f"All {counted(len(self.dataset.consultations), 'record')} of the consultations, "
            "newest first, "
            "held and planned, with their status.",
        )

    def expert_group_index(self) -> GeneratedPage:
        meetings = [record for record in self.dataset.meetings if not record.is_consultation]
        return self._page(
            "expert-groups/index.md",
            "expert-groups.md.j2",
            f"All {len(meetings)} records of the expert-group meetings around the consultations, "
            "newest first: the groups that drafted the documents the consultations build on.",
            meetings=meetings,
        )

    def _held_words(self, record: Meeting) -> dict[str, tuple[str, str]]:
        """The held source's own sentence on a fact: {fact: (source id, sentence)}."""
        words: dict[str, tuple[str, str]] = {}
        for fact in ("chair", "opened_by"):
            role = getattr(record, fact)
            if role is None:
                continue
            person = self.dataset.people[role.person]
            for source_id in record.cited(fact):
                held = self.dataset.held_texts.get(source_id)
                if held is None:
                    continue
                for name in (person.name, *(spelling.name for spelling in person.also_spelled)):
                    sentence = held.sentence_with(name)
                    if sentence:
                        words[fact] = (source_id, sentence)
                        break
        return words

    def consultation(self, record: Meeting) -> GeneratedPage:
        announced_in = self.dataset.by_id.get(record.announced_in) if record.announced_in else None
        uri = meeting_uri(record)
        follow_ups = self.relations.follow_ups.get(record.id, [])
        return self._page(
            uri,
            "consultation.md.j2",
            record_description(record, self.dataset),
            title=record.title,
            json_ld=self.structured.event(record),
            search_boost=CONSULTATION_SEARCH_BOOST,
            record=record,
            announced_in=announced_in,
            refs=References(
                record,
                self.dataset,
                # What came next cites where a later plan was reported; a decision to meet
                # again is this record's own outcome, cited with it.
                also=[
                    source_id
                    for later, how in follow_ups
                    if how == "announced"
                    for source_id in later.cited("announced_in")
                ],
            ),
            held_words=self._held_words(record),
            follow_ups=follow_ups,
            citation=self._citation(record),
            edit_url=(
                f"{self.settings.repository_url.rstrip('/')}/edit/"
                f"{self.settings.edit_branch}/{record.source_path}"
            ),
        )

    def state_index(self) -> GeneratedPage:
        return self._page(
            "states/index.md",
            "states.md.j2",
            "The CIS Member States in the record, and how often each took part in the "
            "consultations.",
            states=sorted(self.dataset.states.values(), key=lambda state: state.name),
        )

    def state(self, state: State) -> GeneratedPage:
        attended = self.relations.attended_by_state.get(state.code, [])
        return self._page(
            state_uri(state),
            "state.md.j2",
            f"{state.name} ({state.formal_name}) in the consultations of the CIS Member States on "
            f"international information security: took part in {len(attended)} of the "
            f"{counted(len(self.matrix.held), 'held meeting')} on record.",
            title=state.name,
            json_ld=self.structured.state(state, attended),
            keywords=other_names(state, state.formal_name),
            state=state,
            row=self.matrix.state_row(state.code),
        )

    def organization_index(self) -> GeneratedPage:
        return self._page(
            "organizations/index.md",
            "organizations.md.j2",
            "Organizations and bodies in the record: those that took part in the consultations "
            "and those the questions named.",
            organizations=sorted(self.dataset.organizations.values(), key=lambda org: org.name),
        )

    def organization(self, organization: Organization) -> GeneratedPage:
        return self._page(
            organization_uri(organization.id),
            "organization.md.j2",
            f"{organization.label} in the record of the consultations of the CIS Member States "
            "on international information security.",
            title=organization.label,
            keywords=other_names(organization, organization.short_name),
            json_ld=self.structured.organization(
                organization,
                getattr(self.relations.organizations.get(organization.id), "attended", []),
            ),
            organization=organization,
            roles=self.relations.organizations.get(organization.id),
            children=self.relations.children.get(organization.id, []),
        )

    def people_index(self) -> GeneratedPage:
        return self._page(
            "people/index.md",
            "people.md.j2",
            "People named in the sources: who chaired the consultations and who presented what.",
            people=sorted(self.dataset.people.values(), key=lambda person: person.name),
        )

    def person(self, person_id: str) -> GeneratedPage:
        person = self.dataset.people[person_id]
        return self._page(
            person_uri(person_id),
            "person.md.j2",
            f"{person.name} in the record of the consultations of the CIS Member States on "
            "international information security: chaired and presented.",
            title=person.name,
            keywords=other_names(person),
            person=person,
            roles=self.relations.people.get(person_id),
        )

    def topic_index(self) -> GeneratedPage:
        return self._page(
            "topics/index.md",
            "topics.md.j2",
            "Topics of the consultations, each with the questions and contributions on it across "
            "the series.",
            topics=sorted(self.dataset.topics.values(), key=lambda topic: topic.name),
        )

    def topic(self, topic: Topic) -> GeneratedPage:
        return self._page(
            topic_uri(topic.id),
            "topic.md.j2",
            f"{topic.name}: {plain(topic.description)} Questions and contributions on it across "
            "the consultations.",
            title=topic.name,
            keywords=other_names(topic),
            topic=topic,
            items=self.relations.topics.get(topic.id),
            row=self.matrix.topic_row(topic.id),
        )

    def topic_years(self, topic: Topic) -> Iterator[GeneratedPage]:
        """A page per year for a topic's questions and contributions, out of search."""
        items = self.relations.topics.get(topic.id)
        if items is None:
            return
        by_year = items.by_year()
        years = list(by_year)
        for index, year in enumerate(years):
            yield self._page(
                topic_year_uri(topic.id, year),
                "topic-year.md.j2",
                f"{topic.name} in {year}: the questions and contributions on it at the "
                f"meetings of {year}.",
                title=f"{topic.name} in {year}",
                searchable=False,
                topic=topic,
                year=year,
                groups=by_year[year],
                later=years[index - 1] if index > 0 else None,
                earlier=years[index + 1] if index + 1 < len(years) else None,
            )

    def data_page(self, sizes: Mapping[str, int], not_in_calendar: list[Meeting]) -> GeneratedPage:
        """The downloads, with their sizes in bytes (by site path)."""
        return self._page(
            "data/index.md",
            "data.md.j2",
            "Download the record of the consultations as JSON, CSV, iCalendar and an Atom "
            "feed, and the JSON Schema of the record format.",
            size=lambda uri: human_size(sizes[uri]),
            not_in_calendar=not_in_calendar,
        )

    def participation(self) -> GeneratedPage:
        return self._page(
            PARTICIPATION_URI,
            "participation.md.j2",
            "Participation over time: which states took part in which meetings, year by year, "
            "with first and last appearance, and which topics recur across the series.",
            hide=WIDE_PAGE,
        )

    def participation_years(self) -> Iterator[GeneratedPage]:
        """A page per year: who attended each meeting, and its topics; out of search."""
        years: tuple[Year, ...] = self.matrix.years
        for index, year in enumerate(years):
            yield self._page(
                participation_year_uri(year.year),
                "participation-year.md.j2",
                f"Participation in {year.year}: which states took part in each meeting of "
                f"{year.year}, and the topics of its questions and contributions.",
                title=f"Participation in {year.year}",
                searchable=False,
                hide=WIDE_PAGE,
                year=year,
                later=years[index - 1].year if index > 0 else None,
                earlier=years[index + 1].year if index + 1 < len(years) else None,
            )

    def problems_page(self, problems: list[Problem]) -> GeneratedPage:
        return self._page(
            "index.md",
            "problems.md.j2",
            "The data has problems to fix before the site can be shown.",
            problems=[str(problem) for problem in problems],
        )

    def source_index(self) -> GeneratedPage:
        return self._page(
            "sources/index.md",
            "sources.md.j2",
            "Every source the record cites: publisher, title, date, language and address, what "
            "each one supports, and which records cite it.",
            sources=sorted(
                self.dataset.sources.values(),
                key=lambda source: (source.published or _NO_DATE, source.id),
                reverse=True,
            ),
        )

    def source(self, source: Source) -> GeneratedPage:
        return self._page(
            source_uri(source.id),
            "source.md.j2",
            f"{source_label(source)}: a source of the record of the consultations of the CIS "
            "Member States on international information security, and the facts it supports.",
            title=source_label(source),
            search_boost=SOURCE_SEARCH_BOOST,
            # Its title is a name of the page (shown on it, labelled): search weighs it so.
            keywords=(source.title,) if source.title else (),
            source=source,
            uses=self.relations.sources.get(source.id, []),
            spellings=self.relations.spellings.get(source.id, []),
        )

    def document_index(self) -> GeneratedPage:
        return self._page(
            "documents/index.md",
            "documents.md.j2",
            "Documents the meetings worked on: drafts of statements and plans, followed across "
            "meetings as far as the sources go.",
            documents=sorted(self.dataset.documents.values(), key=lambda document: document.title),
        )

    def document(self, document: Document) -> GeneratedPage:
        return self._page(
            document_uri(document.id),
            "document.md.j2",
            f"{document.title}: what the meetings on record did with it, as the sources state.",
            title=document.label,
            keywords=other_names(document, document.short_title),
            document=document,
            works=self.relations.documents.get(document.id, []),
            implemented_by=self.relations.implemented_by.get(document.id, []),
        )

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page of the site."""
        yield self.home()
        yield self.consultation_index()
        yield self.expert_group_index()
        for record in self.dataset.meetings:
            yield self.consultation(record)
        yield self.source_index()
        for source in self.dataset.sources.values():
            yield self.source(source)
        yield self.document_index()
        for document in self.dataset.documents.values():
            yield self.document(document)
        yield self.state_index()
        for state in self.dataset.states.values():
            yield self.state(state)
        yield self.organization_index()
        for organization in self.dataset.organizations.values():
            yield self.organization(organization)
        yield self.people_index()
        for person_id in self.dataset.people:
            yield self.person(person_id)
        yield self.topic_index()
        for topic in self.dataset.topics.values():
            yield self.topic(topic)
            yield from self.topic_years(topic)
        yield self.participation()
        yield from self.participation_years()


_NO_DATE = PartialDate.parse("0001")


def human_size(size: int) -> str:
    """``532 bytes``, ``14.2 kB`` (decimal units, as browsers show downloads)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
