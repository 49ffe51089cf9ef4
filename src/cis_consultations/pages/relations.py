"""Who did what where: the reverse links from registries to records, built in one pass."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..core.entries import Spelling
from ..core.model import (
    FACTS,
    Contribution,
    Dataset,
    DocumentWork,
    Meeting,
    Outcome,
    PersonRole,
    Question,
    SignatureLine,
)


@dataclass
class OrganizationRoles:
    attended: list[Meeting] = field(default_factory=list)
    chaired: list[Meeting] = field(default_factory=list)
    named_in: list[tuple[Meeting, Question | Contribution | Outcome]] = field(default_factory=list)
    contributed: list[tuple[Meeting, Contribution]] = field(default_factory=list)
    series: list[Meeting] = field(default_factory=list)
    """For an expert group: its meetings."""

    @property
    def is_empty(self) -> bool:
        return not (
            self.attended or self.chaired or self.named_in or self.contributed or self.series
        )


@dataclass
class PersonRoles:
    chaired: list[Meeting] = field(default_factory=list)
    opened: list[Meeting] = field(default_factory=list)
    took_part: list[tuple[Meeting, PersonRole]] = field(default_factory=list)
    """Meetings whose source lists them among the participants, with their position."""
    signed: list[tuple[Meeting, DocumentWork, SignatureLine]] = field(default_factory=list)
    contributed: list[tuple[Meeting, Contribution]] = field(default_factory=list)


@dataclass
class TopicItems:
    questions: list[tuple[Meeting, Question]] = field(default_factory=list)
    contributions: list[tuple[Meeting, Contribution]] = field(default_factory=list)

    def consultations(self) -> list[Meeting]:
        """The records that touch the topic, in dataset order (newest first), once each."""
        return [group.record for group in self.by_consultation()]

    def by_consultation(self) -> list[TopicGroup]:
        """Questions and contributions grouped by record, newest record first."""
        groups: dict[str, TopicGroup] = {}
        for record, question in self.questions:
            groups.setdefault(record.id, TopicGroup(record)).questions.append(question)
        for record, contribution in self.contributions:
            groups.setdefault(record.id, TopicGroup(record)).contributions.append(contribution)
        return sorted(groups.values(), key=lambda group: group.record.date, reverse=True)

    def by_year(self) -> dict[int, list[TopicGroup]]:
        """:meth:`by_consultation` by the year of each record, newest year first."""
        years: dict[int, list[TopicGroup]] = {}
        for group in self.by_consultation():
            years.setdefault(group.record.date.start.year, []).append(group)
        return years


@dataclass
class TopicGroup:
    record: Meeting
    questions: list[Question] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class SourceUse:
    """What one source supports in one record: the facts and list items cited to it."""

    record: Meeting
    facts: list[str] = field(default_factory=list)


@dataclass
class Relations:
    attended_by_state: dict[str, list[Meeting]]
    """Meetings a state took part in, as a member or an observer, newest first."""
    organizations: dict[str, OrganizationRoles]
    people: dict[str, PersonRoles]
    topics: dict[str, TopicItems]
    children: dict[str, list[str]]
    documents: dict[str, list[tuple[Meeting, DocumentWork]]]
    """What each meeting did with each document, oldest meeting first."""
    implemented_by: dict[str, list[str]]
    sources: dict[str, list[SourceUse]]
    """The records that cite each source, newest first, with what they cite it for."""
    follow_ups: dict[str, list[tuple[Meeting, str]]]
    """Meetings reported as planned or decided in a record: (that meeting, how)."""
    spellings: dict[str, list[tuple[str, Any, Spelling]]]
    """By source id: (kind of entry, the entry, the spelling) for each spelling it gives."""
    chaired_by_state: dict[str, list[Meeting]] = field(default_factory=dict)
    """Meetings whose source names a state, not a person, as the chair; newest first."""
    signature_lines: dict[str, list[tuple[Meeting, DocumentWork, SignatureLine]]] = field(
        default_factory=dict
    )
    """Each state's signature lines under decisions, as the sources show them."""


_FACT_WORDS = {
    "date": "date",
    "status": "status",
    "series": "series",
    "number": "number in the series",
    "announced_in": "where the plan was reported",
    "venue": "place",
    "format": "format",
    "opened_by": "who opened it",
    "chair": "chair",
    "participants": "participants",
    "agencies": "who represented the states",
    "themes": "themes",
    "questions": "count of questions",
}
_ITEM_WORDS = {
    "questions": "listed questions",
    "contributions": "contributions",
    "outcomes": "outcomes",
    "documents": "work on documents",
    "people": "people who took part",
}


def _facts_of(record: Meeting) -> list[tuple[str, tuple[str, ...]]]:
    """Each fact the record states, in words, with the sources that state it."""
    facts = [(_FACT_WORDS[fact], record.cited(fact)) for fact in FACTS if record.states_fact(fact)]
    items: dict[str, tuple[Question | Contribution | Outcome | DocumentWork | PersonRole, ...]] = {
        "questions": record.questions,
        "contributions": record.contributions,
        "outcomes": record.outcomes,
        "documents": record.documents,
        "people": record.people,
    }
    for name, values in items.items():
        for item in values:
            facts.append((_ITEM_WORDS[name], item.sources))
    return facts


def _inverse(parent_of: dict[str, str]) -> dict[str, list[str]]:
    """Each parent's children, in the registry's order (an organization's parts, the
    documents that implement one)."""
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in parent_of.items():
        children[parent].append(child)
    return children


def _spellings(dataset: Dataset) -> dict[str, list[tuple[str, Any, Spelling]]]:
    """By source id: each spelling of an entry that the source gives."""
    spellings: dict[str, list[tuple[str, Any, Spelling]]] = defaultdict(list)
    for kind, registry in (
        ("state", dataset.states),
        ("organization", dataset.organizations),
        ("person", dataset.people),
        ("document", dataset.documents),
    ):
        for entry in registry.values():
            for spelling in entry.also_spelled:
                spellings[spelling.source].append((kind, entry, spelling))
    return spellings


def build_relations(dataset: Dataset) -> Relations:
    attended: dict[str, list[Meeting]] = defaultdict(list)
    organizations: dict[str, OrganizationRoles] = defaultdict(OrganizationRoles)
    people: dict[str, PersonRoles] = defaultdict(PersonRoles)
    topics: dict[str, TopicItems] = defaultdict(TopicItems)
    documents: dict[str, list[tuple[Meeting, DocumentWork]]] = defaultdict(list)
    sources: dict[str, list[SourceUse]] = defaultdict(list)
    follow_ups: dict[str, list[tuple[Meeting, str]]] = defaultdict(list)
    chaired_by_state: dict[str, list[Meeting]] = defaultdict(list)
    signature_lines: dict[str, list[tuple[Meeting, DocumentWork, SignatureLine]]] = defaultdict(
        list
    )
    for record in dataset.meetings:
        for code in record.participating_states:
            attended[code].append(record)
        if record.chair is not None and record.chair.state:
            chaired_by_state[record.chair.state].append(record)
        if not record.is_consultation:
            organizations[record.series].series.append(record)
        if record.opened_by is not None and record.opened_by.person:
            people[record.opened_by.person].opened.append(record)
        for role in record.people:
            if role.person:
                people[role.person].took_part.append((record, role))
        for work in record.documents:
            documents[work.document].append((record, work))
            for line in work.signature_lines:
                signature_lines[line.state].append((record, work, line))
                if line.person:
                    people[line.person].signed.append((record, work, line))
        uses: dict[str, SourceUse] = {}
        for words, source_ids in _facts_of(record):
            for source_id in source_ids:
                use = uses.setdefault(source_id, SourceUse(record))
                if words not in use.facts:
                    use.facts.append(words)
        for source_id, use in uses.items():
            sources[source_id].append(use)
        if record.announced_in:
            follow_ups[record.announced_in].append((record, "announced"))
        for outcome in record.outcomes:
            if outcome.next_meeting:
                follow_ups[record.id].append((dataset.by_id[outcome.next_meeting], "decided"))
        for org_id in record.organizations:
            organizations[org_id].attended.append(record)
        if record.chair is not None and record.chair.person:
            people[record.chair.person].chaired.append(record)
            if record.chair.organization:
                organizations[record.chair.organization].chaired.append(record)
        for question in record.questions:
            for topic_id in question.topics:
                topics[topic_id].questions.append((record, question))
            for body in question.bodies:
                organizations[body].named_in.append((record, question))
        for contribution in record.contributions:
            if contribution.person:
                people[contribution.person].contributed.append((record, contribution))
            if contribution.organization:
                organizations[contribution.organization].contributed.append((record, contribution))
            for topic_id in contribution.topics:
                topics[topic_id].contributions.append((record, contribution))
            for body in contribution.bodies:
                organizations[body].named_in.append((record, contribution))
        for outcome in record.outcomes:
            for body in outcome.bodies:
                organizations[body].named_in.append((record, outcome))
    for works in documents.values():
        # Oldest meeting first (a document's story reads forwards), each meeting's steps
        # in the order its record gives them.
        works.sort(key=lambda pair: pair[0].date)
    return Relations(
        attended_by_state=attended,
        organizations=organizations,
        people=people,
        topics=topics,
        children=_inverse(
            {org.id: org.parent for org in dataset.organizations.values() if org.parent}
        ),
        documents=documents,
        implemented_by=_inverse(
            {doc.id: doc.implements for doc in dataset.documents.values() if doc.implements}
        ),
        sources=sources,
        follow_ups=follow_ups,
        spellings=_spellings(dataset),
        chaired_by_state=chaired_by_state,
        signature_lines=signature_lines,
    )
