"""The pages of states, organizations and people, and their indexes."""

from __future__ import annotations

from ..core.addresses import (
    ORGANIZATIONS_INDEX_URI,
    PEOPLE_INDEX_URI,
    STATES_INDEX_URI,
    organization_uri,
    person_uri,
    state_uri,
)
from ..core.model import (
    Organization,
    State,
)
from ..core.text import (
    counted,
)

# libyaml's emitter when PyYAML has it: the pure-Python one takes ~7 ms per record page
from .base import (
    GeneratedPage,
    PageMaker,
)
from .links import other_names


class EntityPages(PageMaker):
    """Who took part: states, organizations, people."""

    def state_index(self) -> GeneratedPage:
        return self._page(
            STATES_INDEX_URI,
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
            follow=state.name,
            json_ld=self.structured.state(state, attended),
            keywords=other_names(state, state.formal_name),
            state=state,
            row=self.matrix.state_row(state.code),
        )

    def organization_index(self) -> GeneratedPage:
        return self._page(
            ORGANIZATIONS_INDEX_URI,
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
            follow=organization.label,
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
            PEOPLE_INDEX_URI,
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
