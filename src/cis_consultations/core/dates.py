"""Dates known to a day, a month, a quarter, a half-year or a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

DATE_PATTERN = (
    r"(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|Q(?P<quarter>[1-4])|H(?P<half>[12])))?"
)
"""The one grammar of dates; record ids (file names) are built from it too."""
_FORM = re.compile(rf"^{DATE_PATTERN}\Z")  # \Z: "$" would also match before a final newline
DATE_FORMS = '"2022-12-06", "2023-07", "2023-Q3", "2023-H2" or "2023"'
_MONTHS = [calendar.month_name[number] for number in range(13)]
_ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


class Precision(Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as a source makes it; ordered by its first possible day."""

    start: dt.date
    """The first day the date can mean."""
    end: dt.date
    """The last day the date can mean."""
    precision: Precision = field(compare=False)
    text: str
    """The ISO-like form editors write (``2023-H2``)."""

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse one of the documented forms; ``ValueError`` says what was expected."""
        match = _FORM.match(text)
        if match is None:
            raise ValueError(f"expected a date such as {DATE_FORMS}, found {text!r}")
        year = int(match["year"])
        if match["day"]:
            month, day = int(match["month"]), int(match["day"])
            try:
                start = dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"{text!r} is not a real date") from None
            return cls(start, start, Precision.DAY, text)
        if match["month"]:
            month = int(match["month"])
            if not 1 <= month <= 12:
                raise ValueError(f"{text!r} has no month {month}")
            last = calendar.monthrange(year, month)[1]
            return cls(dt.date(year, month, 1), dt.date(year, month, last), Precision.MONTH, text)
        if match["quarter"]:
            quarter = int(match["quarter"])
            first_month = 3 * quarter - 2
            last_month = first_month + 2
            last = calendar.monthrange(year, last_month)[1]
            return cls(
                dt.date(year, first_month, 1),
                dt.date(year, last_month, last),
                Precision.QUARTER,
                text,
            )
        if match["half"]:
            half = int(match["half"])
            if half == 1:
                return cls(dt.date(year, 1, 1), dt.date(year, 6, 30), Precision.HALF, text)
            return cls(dt.date(year, 7, 1), dt.date(year, 12, 31), Precision.HALF, text)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, text)

    @classmethod
    def of_day(cls, day: dt.date) -> PartialDate:
        """One known day (a commit's, not a source's)."""
        return cls(day, day, Precision.DAY, day.isoformat())

    @property
    def is_exact(self) -> bool:
        return self.precision is Precision.DAY

    def label(self) -> str:
        """Plain English: ``6 December 2022``, ``the second half of 2023``."""
        start = self.start
        match self.precision:
            case Precision.DAY:
                return f"{start.day} {_MONTHS[start.month]} {start.year}"
            case Precision.MONTH:
                return f"{_MONTHS[start.month]} {start.year}"
            case Precision.QUARTER:
                quarter = (start.month - 1) // 3 + 1
                return f"the {_ORDINAL_WORDS[quarter]} quarter of {start.year}"
            case Precision.HALF:
                half = 1 if start.month == 1 else 2
                return f"the {_ORDINAL_WORDS[half]} half of {start.year}"
            case Precision.YEAR:
                return str(start.year)

    def short_label(self) -> str:
        """For a figure's small print: ``6 Dec 2022``, ``2nd half 2023``, ``Q3 2023``."""
        start = self.start
        match self.precision:
            case Precision.DAY:
                return f"{start.day} {_MONTHS[start.month][:3]} {start.year}"
            case Precision.MONTH:
                return f"{_MONTHS[start.month][:3]} {start.year}"
            case Precision.QUARTER:
                return f"Q{(start.month - 1) // 3 + 1} {start.year}"
            case Precision.HALF:
                return f"{'1st' if start.month == 1 else '2nd'} half {start.year}"
            case Precision.YEAR:
                return str(start.year)
