"""Who did what where: the reverse links from registries to records, built in one pass."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Consultation, Contribution, Dataset, Question


@dataclass
class OrganizationRoles:
    attended: list[Consultation] = field(default_factory=list)
    chaired: list[Consultation] = field(default_factory=list)
    named_in: list[tuple[Consultation, Question | Contribution]] = field(default_factory=list)
    contributed: list[tuple[Consultation, Contribution]] = field(default_factory=list)
    published: list[Consultation] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.attended or self.chaired or self.named_in or self.contributed or self.published
        )


@dataclass
class PersonRoles:
    chaired: list[Consultation] = field(default_factory=list)
    contributed: list[tuple[Consultation, Contribution]] = field(default_factory=list)


@dataclass
class TopicItems:
    questions: list[tuple[Consultation, Question]] = field(default_factory=list)
    contributions: list[tuple[Consultation, Contribution]] = field(default_factory=list)

    def consultations(self) -> list[Consultation]:
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
    record: Consultation
    questions: list[Question] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class Relations:
    attended_by_state: dict[str, list[Consultation]]
    organizations: dict[str, OrganizationRoles]
    people: dict[str, PersonRoles]
    topics: dict[str, TopicItems]
    children: dict[str, list[str]]


def build_relations(dataset: Dataset) -> Relations:
    attended: dict[str, list[Consultation]] = defaultdict(list)
    organizations: dict[str, OrganizationRoles] = defaultdict(OrganizationRoles)
    people: dict[str, PersonRoles] = defaultdict(PersonRoles)
    topics: dict[str, TopicItems] = defaultdict(TopicItems)
    for record in dataset.consultations:
        for code in record.states:
            attended[code].append(record)
        for org_id in record.organizations:
            organizations[org_id].attended.append(record)
        if record.chair is not None:
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
        for publisher in dict.fromkeys(source.publisher for source in record.sources):
            organizations[publisher].published.append(record)
    children: dict[str, list[str]] = defaultdict(list)
    for organization in dataset.organizations.values():
        if organization.parent:
            children[organization.parent].append(organization.id)
    return Relations(
        attended_by_state=attended,
        organizations=organizations,
        people=people,
        topics=topics,
        children=children,
    )
