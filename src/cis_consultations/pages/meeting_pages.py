"""The home page, the meeting indexes and each meeting's record page."""

from __future__ import annotations

from ..core.addresses import (
    CONSULTATIONS_INDEX_URI,
    COUNCIL_SESSIONS_INDEX_URI,
    EXPERT_GROUPS_INDEX_URI,
    HOME_URI,
    meeting_uri,
)
from ..core.describe import record_description
from ..core.model import Meeting, MeetingKind, Status
from ..core.text import counted
from .base import CONSULTATION_SEARCH_BOOST, GeneratedPage, PageMaker
from .change_pages import RECORD_CHANGES_LISTED, RECORD_FACTS_LISTED
from .links import References


class MeetingPages(PageMaker):
    """Pages of meetings, of every kind."""

    def home(self) -> GeneratedPage:
        held = [record for record in self.dataset.consultations if record.is_held]
        return self._page(
            HOME_URI,
            "home.md.j2",
            "The public record of the interagency consultations of the CIS Member States on "
            "ensuring international information security: meetings, participants, questions "
            "and sources.",
            latest=held[0] if held else None,
            latest_citation=self._citation(held[0]) if held else None,
        )

    def consultation_index(self) -> GeneratedPage:
        return self._page(
            CONSULTATIONS_INDEX_URI,
            "consultations.md.j2",
            f"All {counted(len(self.dataset.consultations), 'record')} of the consultations, "
            "newest first, "
            "held and planned, with their status.",
        )

    def expert_group_index(self) -> GeneratedPage:
        meetings = self._of_kind(MeetingKind.EXPERT_GROUP)
        return self._page(
            EXPERT_GROUPS_INDEX_URI,
            "expert-groups.md.j2",
            f"All {counted(len(meetings), 'record')} of meetings of the CIS expert groups on "
            "information security documents, newest first, with what each did to its draft.",
            meetings=meetings,
        )

    def council_session_index(self) -> GeneratedPage:
        meetings = self._of_kind(MeetingKind.COUNCIL_SESSION)
        return self._page(
            COUNCIL_SESSIONS_INDEX_URI,
            "council-sessions.md.j2",
            f"All {counted(len(meetings), 'record')} of sessions of the CIS governing councils "
            "that took decisions on the documents on record, held and postponed, newest first.",
            meetings=meetings,
        )

    def _next_of_series(self, record: Meeting) -> Meeting | None:
        """The next meeting of the same series on record after a date, held or not."""
        later = [
            other
            for other in self.dataset.meetings
            if other.series == record.series and other.date.start > record.date.end
        ]
        return min(later, key=lambda other: other.date.start) if later else None

    def _of_kind(self, kind: MeetingKind) -> list[Meeting]:
        return [record for record in self.dataset.meetings if record.kind is kind]

    def _held_words(self, record: Meeting) -> dict[str, tuple[str, str]]:
        """The held source's own sentence on a fact: {fact: (source id, sentence)}."""
        words: dict[str, tuple[str, str]] = {}
        for fact in ("chair", "opened_by"):
            role = getattr(record, fact)
            if role is None or role.person is None:
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
            followed=self._next_of_series(record) if record.status is Status.POSTPONED else None,
            citation=self._citation(record),
            history_available=self.history.available,
            changes=self.history.of_record(record.id),
            changes_listed=RECORD_CHANGES_LISTED,
            facts_listed=RECORD_FACTS_LISTED,
            edit_url=self.settings.edit_url(record.source_path),
        )
