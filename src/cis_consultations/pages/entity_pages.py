"""The pages of states, organizations and people, and their indexes."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.addresses import (
    ORGANIZATIONS_INDEX_URI,
    PEOPLE_INDEX_URI,
    STATES_INDEX_URI,
    organization_uri,
    person_uri,
    state_uri,
)
from ..core.entries import Organization, State
from ..core.text import counted
from .base import GeneratedPage
from .links import other_names
from .paging import Entries, Paged, PagedLists, paginate


class EntityPages(PagedLists):
    """Who took part: states, organizations, people."""

    def state_index(self) -> GeneratedPage:
        return self._page(
            STATES_INDEX_URI,
            "states.md.j2",
            "The CIS Member States in the record, and how often each took part in the "
            "consultations.",
            states=sorted(self.dataset.states.values(), key=lambda state: state.name),
        )

    def state_list(self, state: State) -> Paged:
        """The meetings a state took part in or hosted."""

        def make() -> Paged:
            entries = Entries()
            for record in self.relations.attended_by_state.get(state.code, []):
                entry = entries.at(record)
                entry.took_part = True
                entry.observer = state.code in record.observers
            for record in self.matrix.held:
                if record.venue is not None and record.venue.country == state.code:
                    entries.at(record).hosted = True
            for record in self.relations.chaired_by_state.get(state.code, []):
                entries.at(record).chaired_as_state = True
            for record, work, line in self.relations.signature_lines.get(state.code, []):
                entries.at(record).signature_lines.append((work, line))
            return paginate(state_uri(state), "state", state.name, entries.newest_first())

        return self._paged(state_uri(state), make)

    def state(self, state: State) -> GeneratedPage:
        attended = self.relations.attended_by_state.get(state.code, [])
        paged = self.state_list(state)
        return self._page(
            state_uri(state),
            "state.md.j2",
            f"{state.name} ({state.formal_name}) in the consultations of the CIS Member States on "
            f"international information security: took part in {len(attended)} of the "
            f"{counted(len(self.matrix.held), 'held meeting')} on record.",
            title=state.name,
            follow=state.name,
            # The events it took part in are named on the page that lists them.
            json_ld=self.structured.state(state, attended if paged.inline else []),
            keywords=other_names(state, state.formal_name),
            state=state,
            row=self.matrix.state_row(state.code),
            paged=paged,
            hosted=sum(entry.hosted for entry in paged.entries),
        )

    def state_years(self, state: State) -> Iterator[GeneratedPage]:
        return self.year_pages(
            self.state_list(state),
            lambda entries: self.structured.state(
                state, [entry.record for entry in entries if entry.took_part]
            ),
        )

    def organization_index(self) -> GeneratedPage:
        return self._page(
            ORGANIZATIONS_INDEX_URI,
            "organizations.md.j2",
            "Organizations and bodies in the record: those that took part in the consultations "
            "and those the questions named.",
            organizations=sorted(self.dataset.organizations.values(), key=lambda org: org.name),
        )

    def organization_list(self, organization: Organization) -> Paged:
        """The meetings of an expert group, and those an organization took part in,
        chaired, contributed to or was named at."""

        def make() -> Paged:
            entries = Entries()
            roles = self.relations.organizations.get(organization.id)
            if roles is not None:
                for record in roles.series:
                    entries.at(record).of_series = True
                for record in roles.attended:
                    entries.at(record).took_part = True
                for record in roles.chaired:
                    entries.at(record).chaired = True
                for record, contribution in roles.contributed:
                    entries.at(record).contributions.append(contribution)
                for record, item in roles.named_in:
                    entries.at(record).named_in.append(item)
            uri = organization_uri(organization.id)
            return paginate(uri, "organization", organization.label, entries.newest_first())

        return self._paged(organization_uri(organization.id), make)

    def organization(self, organization: Organization) -> GeneratedPage:
        roles = self.relations.organizations.get(organization.id)
        paged = self.organization_list(organization)
        return self._page(
            organization_uri(organization.id),
            "organization.md.j2",
            f"{organization.label} in the record of the consultations of the CIS Member States "
            "on international information security.",
            title=organization.label,
            follow=organization.label,
            keywords=other_names(organization, organization.short_name),
            json_ld=self.structured.organization(
                organization, getattr(roles, "attended", []) if paged.inline else []
            ),
            organization=organization,
            roles=roles,
            children=self.relations.children.get(organization.id, []),
            paged=paged,
        )

    def organization_years(self, organization: Organization) -> Iterator[GeneratedPage]:
        return self.year_pages(
            self.organization_list(organization),
            lambda entries: self.structured.organization(
                organization, [entry.record for entry in entries if entry.took_part]
            ),
        )

    def people_index(self) -> GeneratedPage:
        return self._page(
            PEOPLE_INDEX_URI,
            "people.md.j2",
            "People named in the sources: who chaired the consultations and who presented what.",
            people=sorted(self.dataset.people.values(), key=lambda person: person.name),
        )

    def person_list(self, person_id: str) -> Paged:
        """The meetings a person chaired, opened or contributed to."""

        def make() -> Paged:
            entries = Entries()
            roles = self.relations.people.get(person_id)
            if roles is not None:
                for record in roles.chaired:
                    entries.at(record).chaired = True
                for record in roles.opened:
                    entries.at(record).opened = True
                for record, contribution in roles.contributed:
                    entries.at(record).contributions.append(contribution)
                for record, role in roles.took_part:
                    entry = entries.at(record)
                    entry.listed, entry.position = True, role.position
                for record, work, line in roles.signed:
                    entries.at(record).signature_lines.append((work, line))
            name = self.dataset.people[person_id].name
            return paginate(person_uri(person_id), "person", name, entries.newest_first())

        return self._paged(person_uri(person_id), make)

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
            paged=self.person_list(person_id),
        )

    def person_years(self, person_id: str) -> Iterator[GeneratedPage]:
        return self.year_pages(self.person_list(person_id))
