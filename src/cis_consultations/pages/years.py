"""Lists of meetings a year at a time: the sections of the indexes and their headings."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from markupsafe import Markup

from ..core.model import Dataset, Meeting
from .figures.timeline import GROUP_ABOVE


def year_anchor(year: int) -> str:
    """The id of a year's section in the consultations index (grouped timeline targets)."""
    return f"year-{year}"


def year_heading(year: int) -> Markup:
    """The Markdown heading of a year's section, with its id (``## 2022 {#year-2022}``).

    Out of the search index, as the list under it: a search for the year finds that
    year's records, not an index's section named after it.
    """
    return Markup(f"## {int(year)} {{#{year_anchor(year)} data-search-exclude}}")


def grouped(dataset: Dataset) -> bool:
    """Whether the timeline groups by year (and the meeting indexes have year sections)."""
    return len(dataset.meetings) > GROUP_ABOVE


def by_year(records: Iterable[Meeting]) -> list[tuple[int, list[Meeting]]]:
    """Records (newest first) in sections by year, newest year first: the index's sections."""
    return [
        (year, list(group))
        for year, group in groupby(records, key=lambda record: record.date.start.year)
    ]
