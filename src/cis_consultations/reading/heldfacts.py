"""Facts cited to a held text must be stated in it: the checks of one record against
the texts the project holds (see :mod:`..core.heldtext`).
"""

from __future__ import annotations

from ..core.heldtext import COUNTED_NOUNS, MEETING_NOUNS, count_forms, date_forms, ordinal_forms
from ..core.layout import TEXTS_FOLDER
from ..core.model import Meeting, PersonRole
from ..core.problems import Problem, excerpt
from .registries import Registries
from .yamlsafe import FieldPath, LocatedData


def held_text_problems(
    located: LocatedData, record: Meeting, registries: Registries
) -> list[Problem]:
    """Every fact cited to a held text must be stated in it (see :mod:`.heldtext`)."""
    problems: list[Problem] = []

    def check(
        path: FieldPath,
        sources: tuple[str, ...],
        what: str,
        forms: list[str],
        before: tuple[str, ...] = (),
    ) -> None:
        for source_id in sources:
            held = registries.held_texts.get(source_id)
            if held is None:
                continue
            found = held.states_before(forms, before) if before else held.states_any(forms)
            if not found:
                problems.append(
                    located.problem(
                        path,
                        f"the held text of source {excerpt(source_id)} (data/{TEXTS_FOLDER}/"
                        f"{source_id}.txt) does not state {what}; correct the record, or cite "
                        "a source that states it",
                    )
                )

    if not any(source_id in registries.held_texts for source_id in record.all_sources()):
        return problems
    date_sources = record.cited("date")
    check(("date",), date_sources, f"the date {record.date.label()}", date_forms(record.date))
    venue_sources = record.cited("venue")
    if record.venue is not None:
        for part in ("name", "city"):
            value = getattr(record.venue, part)
            if value:
                check(("venue", part), venue_sources, f"the place {excerpt(value)}", [value])
    people = registries.people
    for role_name in ("chair", "opened_by"):
        role: PersonRole | None = getattr(record, role_name)
        if role is None or role.person is None:
            continue
        role_sources = record.cited(role_name)
        person = people.get(role.person)
        if person is None:  # the registry could not be read: reported there
            continue
        check(
            (role_name, "person"),
            role_sources,
            f"the name {excerpt(person.name)}",
            [person.name, *(spelling.name for spelling in person.also_spelled)],
        )
        if role.position:
            check(
                (role_name, "position"),
                role_sources,
                f"the position {excerpt(role.position)}",
                [role.position],
            )
    participant_sources = record.cited("participants")
    for field_name, codes in (("states", record.states), ("observers", record.observers)):
        for index, code in enumerate(codes):
            state = registries.states.get(code)
            if state is None:
                continue
            check(
                ("participants", field_name, index),
                participant_sources,
                f"the state {excerpt(state.formal_name)} ({code})",
                [
                    state.formal_name,
                    state.name,
                    *(spelling.name for spelling in state.also_spelled),
                ],
            )
    for index, org_id in enumerate(record.organizations):
        organization = registries.organizations.get(org_id)
        if organization is None:
            continue
        check(
            ("participants", "organizations", index),
            participant_sources,
            f"the organization {excerpt(organization.name)}",
            [
                organization.name,
                *([organization.short_name] if organization.short_name else []),
                *(spelling.name for spelling in organization.also_spelled),
            ],
        )
    if record.questions_discussed is not None:
        check(
            ("questions", "discussed"),
            record.cited("questions"),
            f"the count {record.questions_discussed}",
            count_forms(record.questions_discussed),
            before=COUNTED_NOUNS,
        )
    if record.number is not None:
        check(
            ("number",),
            record.cited("number"),
            f"the ordinal {record.number} ({' or '.join(ordinal_forms(record.number))})",
            ordinal_forms(record.number),
            before=MEETING_NOUNS,
        )
    for index, question in enumerate(record.questions):
        for source_id in question.sources:
            held = registries.held_texts.get(source_id)
            if held is not None and not held.lists_question(question.title):
                problems.append(
                    located.problem(
                        ("questions", "listed", index, "title"),
                        f"the held text of source {excerpt(source_id)} (data/{TEXTS_FOLDER}/"
                        f"{source_id}.txt) lists no question worded like this; keep the "
                        "source's wording (case, hyphens, punctuation and a leading 'on' may "
                        "differ, nothing else)",
                    )
                )
    return problems
