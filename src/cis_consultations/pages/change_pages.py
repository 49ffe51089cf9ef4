"""The pages of recent changes: every change git holds to the records, newest first,
grouped by day, a bounded number a page: whole days, older days on further pages (a
single day of more changes than a page holds fills pages of its own)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from itertools import groupby

from ..core.addresses import changes_page_uri
from ..core.changes import RecordChange
from ..core.dates import PartialDate
from ..core.model import Meeting
from .base import GeneratedPage, PageMaker

CHANGES_PAGE_SIZE = 100
"""Record changes a page of recent changes lists at most; older ones go on further pages."""
FACTS_LISTED = 12
"""Fact lines a page of recent changes shows for one change; the record's page has more."""
RECORD_CHANGES_LISTED = 20
"""Changes a record's page lists, newest first; the repository's history has the rest."""
RECORD_FACTS_LISTED = 40
"""Fact lines a record's page shows for one change; the commit shows the whole change."""


class ChangePages(PageMaker):
    def change_pages(self) -> Iterator[GeneratedPage]:
        """``changes/``, then ``changes/2/``...: out of search, as every paged list is."""
        parts = _pages_of_days(self.history.changes)
        for number, part in enumerate(parts, start=1):
            yield self._page(
                changes_page_uri(number),
                "changes.md.j2",
                "Every change to the records, newest first, with what it changed fact by fact"
                " and the sources of the new values.",
                title="Recent changes" if number == 1 else f"Recent changes, page {number}",
                searchable=False,
                available=self.history.available,
                days=self._days(part),
                part=number,
                parts=len(parts),
                facts_listed=FACTS_LISTED,
                changes_page_uri=changes_page_uri,
            )

    def _days(
        self, groups: list[_Day]
    ) -> list[tuple[str, list[tuple[RecordChange, Meeting | None]]]]:
        return [
            (
                PartialDate.of_day(day).label(),
                [(change, self.dataset.by_id.get(change.record_id)) for change in day_changes],
            )
            for day, day_changes in groups
        ]


_Day = tuple[dt.date, list[RecordChange]]
"""One day's changes (on one page)."""


def _pages_of_days(changes: Sequence[RecordChange]) -> list[list[_Day]]:
    """The changes, newest first, by day, cut into pages at the turn of a day."""
    pages: list[list[_Day]] = [[]]
    size = 0
    for day, same_day in groupby(changes, key=lambda change: change.commit.day):
        left = list(same_day)
        if size and size + len(left) > CHANGES_PAGE_SIZE:
            pages.append([])
            size = 0
        while left:
            taken, left = left[: CHANGES_PAGE_SIZE - size], left[CHANGES_PAGE_SIZE - size :]
            pages[-1].append((day, taken))
            size += len(taken)
            if left:
                pages.append([])
                size = 0
    return pages
