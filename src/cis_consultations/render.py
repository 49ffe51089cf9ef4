"""Generate the site's Markdown pages from a validated dataset, as plain functions.

Markup lives in ``templates/``. Templates neutralise every value by default
(``finalize``): text from records is shown, never interpreted; only links built
here and macro output (both :class:`~markupsafe.Markup`) pass through unchanged.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .model import Consultation, Dataset, Organization, State, Status, Topic
from .relations import Relations, build_relations
from .text import html_attribute, markdown_text, markdown_url, plain, shorten


@dataclass(frozen=True)
class SiteSettings:
    """What the pages need from the site's configuration (``mkdocs.yml``)."""

    site_name: str
    repository_url: str
    """Web address of the repository, for "edit this record" links."""
    edit_branch: str = "main"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page stands among the docs, ``/``-separated (``states/armenia.md``)."""
    content: str


def consultation_uri(record_id: str) -> str:
    return f"consultations/{record_id}.md"


def state_uri(state: State) -> str:
    return f"states/{state.slug}.md"


def organization_uri(org_id: str) -> str:
    return f"organizations/{org_id}.md"


def person_uri(person_id: str) -> str:
    return f"people/{person_id}.md"


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it: the same YAML, ten times faster."""


@lru_cache(maxsize=1 << 16)
def _relative(uri: str, base: str) -> str:
    """``posixpath.relpath``, remembered: a build asks it the same few thousand questions."""
    return posixpath.relpath(uri, base)


class Links:
    """Markdown links relative to one page, so the site works under any sub-path."""

    def __init__(self, dataset: Dataset, page_uri: str) -> None:
        self.dataset = dataset
        self.base = posixpath.dirname(page_uri) or "."

    def to(self, uri: str, text: object) -> Markup:
        target = _relative(uri, self.base)
        return Markup(f"[{markdown_text(text)}]({target})")

    def external(self, url: str, text: object) -> Markup:
        return Markup(f"[{markdown_text(text)}]({markdown_url(url)})")

    def consultation(self, record: Consultation, text: object | None = None) -> Markup:
        return self.to(consultation_uri(record.id), text if text is not None else record.title)

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

    def states(self, codes: Iterable[str]) -> Markup:
        return Markup(", ").join(self.state(code) for code in codes)

    def organizations(self, org_ids: Iterable[str], *, short: bool = False) -> Markup:
        return Markup("; ").join(self.organization(org_id, short=short) for org_id in org_ids)

    def topics(self, topic_ids: Iterable[str]) -> Markup:
        return Markup(", ").join(self.topic(topic_id) for topic_id in topic_ids)


def status_label(record: Consultation) -> str:
    return {
        Status.HELD: "Held",
        Status.ANNOUNCED: "Planned; no record of it being held",
        Status.CANCELLED: "Cancelled",
    }[record.status]


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def questions_summary(record: Consultation) -> str | None:
    """What the source says about the questions, in one honest sentence."""
    listed = len(record.questions)
    discussed = record.questions_discussed
    if discussed is None and not listed:
        return None
    if discussed is None:
        return f"The source lists {listed} question{'s' if listed != 1 else ''}; it gives no total."
    if not listed:
        return f"The source says {discussed} questions were discussed and names none of them."
    if listed == discussed:
        return f"The source lists all {discussed} questions discussed."
    return (
        f"The source lists {listed} of the {discussed} questions discussed; "
        f"the other {discussed - listed} are not named."
    )


def record_description(record: Consultation, dataset: Dataset) -> str:
    """One plain sentence for the meta description and listings."""
    when = record.date.label()
    parts = [f"{record.title}:"]
    if record.status is Status.HELD:
        parts.append(f"held {'on' if record.date.is_exact else 'in'} {when}")
        if record.venue and record.venue.city:
            parts.append(f"in {record.venue.city}")
    elif record.status is Status.ANNOUNCED:
        parts.append(f"planned for {when}; no record of it being held")
    else:
        parts.append(f"planned for {when}; cancelled")
    sentence = " ".join(parts)
    if record.states:
        sentence += f", with {len(record.states)} states"
    summary = questions_summary(record)
    if summary and record.questions_discussed:
        sentence += f"; {len(record.questions)} of {record.questions_discussed} questions listed"
    return shorten(sentence + ".")


class Renderer:
    """Renders every page of the site for one dataset."""

    def __init__(self, dataset: Dataset, settings: SiteSettings) -> None:
        self.dataset = dataset
        self.settings = settings
        self.relations: Relations = build_relations(dataset)
        self.environment = jinja2.Environment(
            loader=jinja2.PackageLoader(__package__, "templates"),
            undefined=jinja2.StrictUndefined,
            finalize=markdown_text,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Macros then return Markup, so what they built is not neutralised twice.
            # Never join record text with ``~``: it would only be HTML-escaped.
            autoescape=True,
        )
        self.environment.globals.update(
            dataset=dataset,
            relations=self.relations,
            settings=settings,
            Status=Status,
            status_label=status_label,
            ordinal=ordinal,
            questions_summary=questions_summary,
            describe=lambda record: record_description(record, dataset),
        )

    def _page(self, uri: str, template: str, description: str, **context: Any) -> GeneratedPage:
        front_matter = yaml.dump(
            # Material writes page.meta.description into <head> without escaping it.
            {"description": html_attribute(description)},
            Dumper=_SafeDumper,
            allow_unicode=True,
            width=10_000,
        )
        body = self.environment.get_template(template).render(
            link=Links(self.dataset, uri), page_uri=uri, **context
        )
        return GeneratedPage(uri, f"---\n{front_matter}---\n\n{body}")

    def home(self) -> GeneratedPage:
        held = [record for record in self.dataset.consultations if record.is_held]
        return self._page(
            "index.md",
            "home.md.j2",
            "The public record of the interagency consultations of the CIS Member States on "
            "ensuring international information security: meetings, participants, questions "
            "and sources.",
            latest=held[0] if held else None,
        )

    def consultation_index(self) -> GeneratedPage:
        return self._page(
            "consultations/index.md",
            "consultations.md.j2",
            f"All {len(self.dataset.consultations)} records of the consultations, newest first, "
            "held and planned, with their status.",
        )

    def consultation(self, record: Consultation) -> GeneratedPage:
        announced_in = self.dataset.by_id.get(record.announced_in) if record.announced_in else None
        return self._page(
            consultation_uri(record.id),
            "consultation.md.j2",
            record_description(record, self.dataset),
            record=record,
            announced_in=announced_in,
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
            f"international information security: attended {len(attended)} of the "
            f"{sum(record.is_held for record in self.dataset.consultations)} held consultations "
            "on record.",
            state=state,
            attended=attended,
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
            topic=topic,
            items=self.relations.topics.get(topic.id),
        )

    def data_page(self) -> GeneratedPage:
        return self._page(
            "data/index.md",
            "data.md.j2",
            "Download the record of the consultations as data, and the JSON Schema of the "
            "record format.",
        )

    def pages(self) -> Iterator[GeneratedPage]:
        """Every generated page of the site."""
        yield self.home()
        yield self.consultation_index()
        for record in self.dataset.consultations:
            yield self.consultation(record)
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
