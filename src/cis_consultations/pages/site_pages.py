"""The data page and the page that lists problems found in the data."""

from __future__ import annotations

from collections.abc import Mapping

from ..core.addresses import DATA_PAGE_URI, HOME_URI
from ..core.contract import schema_version
from ..core.model import Meeting
from ..core.problems import Problem
from .base import GeneratedPage, PageMaker


class SitePages(PageMaker):
    """Pages about the site itself."""

    def data_page(
        self, sizes: Mapping[str, int], not_in_calendar: list[Meeting], entity_feed_entries: int
    ) -> GeneratedPage:
        """The downloads, with their sizes in bytes (by site path)."""
        return self._page(
            DATA_PAGE_URI,
            "data.md.j2",
            "Download the record of the consultations as JSON and CSV (described as a data "
            "package), iCalendar and an Atom feed, and the JSON Schema of the record format.",
            size=lambda uri: human_size(sizes[uri]),
            not_in_calendar=not_in_calendar,
            schema_version=schema_version(),
            entity_feed_entries=entity_feed_entries,
        )

    def problems_page(self, problems: list[Problem]) -> GeneratedPage:
        return self._page(
            HOME_URI,
            "problems.md.j2",
            "The data has problems to fix before the site can be shown.",
            problems=[str(problem) for problem in problems],
        )


def human_size(size: int) -> str:
    """``532 bytes``, ``14.2 kB`` (decimal units, as browsers show downloads)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
