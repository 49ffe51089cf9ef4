"""The timeline: every meeting on one time axis, each mark a link to its record.

A mark's shape tells the kind of meeting (a circle for the consultations series, a
diamond for an expert-group meeting, a square for a council session), its fill
whether it was held (solid) or not
(hollow, dashed outline); a date known only to a month, quarter, half-year or year
is drawn as a bar over that span with the mark in its middle. Above
:data:`GROUP_ABOVE` records the marks are grouped: one linked mark per year, a bar
per kind whose height counts that year's meetings (held solid, the rest hatched),
linking to the list of that year's records, so the figure stays small.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup

from ...core.dates import PartialDate
from .svg import render_figure

GROUP_ABOVE = 24
"""With more records than this, the timeline shows one mark per year."""

KINDS = {
    # kind: (shape, words for the legend and the description)
    "consultations": ("circle", "consultations of the series"),
    "expert-group": ("diamond", "expert-group meeting"),
    "council-session": ("square", "council session"),
}

WIDTH = 720
NARROW_WIDTH = 480
"""A timeline of a few years is drawn narrower, so its print stays large on a phone."""
YEAR_WIDTH = 60
"""Room per year below which the full width is used."""
SIDE = 18
"""Room left and right of the axis."""
MARK_RADIUS = 8
LANE = 26
"""Height of a row of marks; marks closer than :data:`MIN_SPACING` go to the next row."""
MIN_SPACING = 22
LABEL_SPACING = 96
"""Marks are labelled with their dates when no two are closer than this."""
LABELLED_AT_MOST = 8
BAR_HEIGHT = 90
AXIS_ROOM = 34
"""Below the axis: ticks and year labels."""
LABEL_ROOM = 24
"""Above the marks: their date labels, when shown."""
YEARS_LABELLED_EACH = 12
"""Up to this many years every year is labelled; beyond, every fifth."""
PHONE_WIDTH = 320
"""The narrowest the figure is drawn on a phone, in CSS pixels (a 390 px wide phone
gives it about 340): the year labels are sized for it."""
PHONE_LABEL_PX = 13
"""The year labels' size on a phone, in CSS pixels, at :data:`PHONE_WIDTH`."""
DIGIT_WIDTH = 0.6
"""A digit's width, in ems, with room to spare."""


@dataclass(frozen=True)
class TimelineItem:
    id: str
    url: str
    """Where the mark links, relative to the page the timeline is on."""
    label: str
    """The meeting in words, with its status (a title and "held" or "planned, ...")."""
    date: PartialDate
    held: bool
    kind: str = "consultations"
    """A key of :data:`KINDS`."""


@dataclass(frozen=True)
class Mark:
    url: str
    name: str
    """The link's accessible name (and tooltip)."""
    x: float
    y: float
    span: tuple[float, float] | None
    """Left and right ends of the bar of an imprecise date."""
    shape: str
    held: bool
    label: str | None
    label_x: float = 0.0


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    held_top: float
    held_height: float
    planned_top: float
    planned_height: float
    shape: str | None
    """The kind's shape on top of the bar, when the timeline has several kinds."""


@dataclass(frozen=True)
class YearMark:
    url: str
    name: str
    x: float
    width: float
    bars: tuple[Bar, ...]
    count: int
    count_shown: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label_x: float
    label: str | None
    minor: bool = False
    """Labelled on a wide screen only: on a phone its neighbours' larger labels need the room."""


def timeline(
    items: Sequence[TimelineItem],
    *,
    year_url: Callable[[int], str] | None = None,
    title: str | None = None,
    description: str | None = None,
    figure_id: str = "figure-timeline",
) -> Markup:
    """The items on one time axis; grouped by year above :data:`GROUP_ABOVE` items.

    ``year_url(year)`` is where a grouped year mark links (a list of that year's
    records); it is needed only when the items are grouped. The accessible name and
    description default to words made from the items.
    """
    if not items:
        raise ValueError("a timeline needs at least one item")
    unknown = sorted({item.kind for item in items} - set(KINDS))
    if unknown:
        raise ValueError(
            f"unknown kind of meeting: {', '.join(unknown)} (known: {', '.join(KINDS)})"
        )
    grouped = len(items) > GROUP_ABOVE
    if grouped and year_url is None:
        raise ValueError(f"more than {GROUP_ABOVE} items are grouped by year: give year_url")
    first = min(item.date.start.year for item in items)
    last = max(item.date.end.year for item in items)
    axis = _Axis(first, last)
    kinds = [kind for kind in KINDS if any(item.kind == kind for item in items)]
    context: dict[str, object]
    if grouped:
        assert year_url is not None
        year_marks = _year_marks(items, axis, kinds, year_url)
        height = BAR_HEIGHT + 20 + AXIS_ROOM
        context = {"year_marks": year_marks, "marks": [], "axis_y": BAR_HEIGHT + 20}
    else:
        marks, lanes, labelled = _marks(items, axis)
        top = (LABEL_ROOM if labelled else 0) + MARK_RADIUS + 4
        axis_y = top + lanes * LANE
        marks = [
            Mark(
                m.url,
                m.name,
                m.x,
                axis_y - LANE / 2 - m.y * LANE,
                m.span,
                m.shape,
                m.held,
                m.label,
                axis.label_x(m.x),
            )
            for m in marks
        ]
        height = axis_y + AXIS_ROOM
        context = {"year_marks": [], "marks": marks, "axis_y": axis_y}
    statuses = {item.held for item in items}
    return render_figure(
        "figures/timeline.html.j2",
        figure_id=figure_id,
        width=axis.width,
        height=round(height),
        ticks=axis.ticks(),
        phone_label=axis.phone_label,
        axis_left=SIDE,
        axis_right=axis.width - SIDE,
        title=title or default_title(items, first, last),
        description=description or default_description(items, grouped),
        legend=_legend(kinds, statuses, grouped),
        grouped=grouped,
        group_above=GROUP_ABOVE,
        **context,
    )


class _Axis:
    def __init__(self, first: int, last: int) -> None:
        self.first = first
        self.last = last
        self.start = dt.date(first, 1, 1)
        self.days = (dt.date(last + 1, 1, 1) - self.start).days
        self.width = min(WIDTH, max(NARROW_WIDTH, YEAR_WIDTH * (last - first + 1)))
        self.span = self.width - 2 * SIDE

    def label_x(self, x: float) -> float:
        """A label's centre, kept far enough from the ends for its text to fit."""
        return min(max(x, SIDE + LABEL_SPACING / 2), self.width - SIDE - LABEL_SPACING / 2)

    def x(self, day: dt.date) -> float:
        return round(SIDE + (day - self.start).days / self.days * self.span, 1)

    def year_band(self, year: int) -> tuple[float, float]:
        return self.x(dt.date(year, 1, 1)), self.x(dt.date(year + 1, 1, 1))

    @property
    def phone_label(self) -> float:
        """The year labels' size on a phone, in the figure's units: the figure is scaled
        down to the phone's width, so its labels are drawn larger to stay readable."""
        return round(PHONE_LABEL_PX * self.width / PHONE_WIDTH, 1)

    def ticks(self) -> list[Tick]:
        """A tick a year; the labelled ones, and those a phone leaves out (every other
        one, or more, where the larger labels would touch)."""
        every = 1 if self.last - self.first < YEARS_LABELLED_EACH else 5
        ticks = []
        shown_at: float | None = None
        for year in range(self.first, self.last + 1):
            left, right = self.year_band(year)
            centre = round((left + right) / 2, 1)
            label = str(year)
            shown = year % every == 0 or (every > 1 and year == self.first)
            room = self.phone_label * (DIGIT_WIDTH * len(label) + 0.5)
            minor = shown and shown_at is not None and centre - shown_at < room
            if shown and not minor:
                shown_at = centre
            ticks.append(Tick(left, centre, label if shown else None, minor))
        return ticks


def _midpoint(date: PartialDate) -> dt.date:
    return date.start + (date.end - date.start) / 2


def _marks(items: Sequence[TimelineItem], axis: _Axis) -> tuple[list[Mark], int, bool]:
    """Marks with their row (in ``y``, 0 nearest the axis), how many rows, and labels or not."""
    ordered = sorted(items, key=lambda item: (item.date, item.id))
    ends: list[float] = []  # the last x in each row
    placed = []
    for item in ordered:
        x = axis.x(_midpoint(item.date))
        row = next((index for index, end in enumerate(ends) if x - end >= MIN_SPACING), len(ends))
        if row == len(ends):
            ends.append(x)
        ends[row] = x
        span = None if item.date.is_exact else (axis.x(item.date.start), axis.x(item.date.end))
        placed.append((item, x, row, span))
    xs = [x for _, x, _, _ in placed]
    labelled = (
        len(ends) == 1
        and len(placed) <= LABELLED_AT_MOST
        and all(right - left >= LABEL_SPACING for left, right in pairwise(xs))
    )
    marks = [
        Mark(
            url=item.url,
            name=f"{item.date.label()}: {item.label}",
            x=x,
            y=row,
            span=span,
            shape=KINDS[item.kind][0],
            held=item.held,
            label=item.date.short_label() if labelled else None,
        )
        for item, x, row, span in placed
    ]
    return marks, len(ends), labelled


def _year_marks(
    items: Sequence[TimelineItem],
    axis: _Axis,
    kinds: list[str],
    year_url: Callable[[int], str],
) -> list[YearMark]:
    counts = Counter((item.date.start.year, item.kind, item.held) for item in items)
    years = sorted({item.date.start.year for item in items})
    largest = max(
        counts[year, kind, True] + counts[year, kind, False] for year in years for kind in kinds
    )
    axis_y = BAR_HEIGHT + 20
    marks = []
    for year in years:
        left, right = axis.year_band(year)
        band = right - left
        bar_width = min(band * 0.7 / len(kinds), 22.0)
        start = left + (band - bar_width * len(kinds)) / 2
        bars = []
        parts = []
        for index, kind in enumerate(kinds):
            held, planned = counts[year, kind, True], counts[year, kind, False]
            if held + planned == 0:
                continue
            held_height = _bar_height(held, largest)
            planned_height = _bar_height(planned, largest)
            bars.append(
                Bar(
                    x=round(start + index * bar_width, 1),
                    width=round(bar_width, 1),
                    held_top=axis_y - held_height,
                    held_height=held_height,
                    planned_top=axis_y - held_height - planned_height,
                    planned_height=planned_height,
                    shape=KINDS[kind][0] if len(kinds) > 1 else None,
                )
            )
            what = f"{KINDS[kind][1]}: " if len(kinds) > 1 else ""
            parts.append(f"{what}{held} held, {planned} not held")
        total = sum(counts[year, kind, held] for kind in kinds for held in (True, False))
        marks.append(
            YearMark(
                url=year_url(year),
                name=f"{year}: {total} meeting{'s' if total != 1 else ''} ({'; '.join(parts)}); "
                "the list of that year",
                x=left,
                width=band,
                bars=tuple(bars),
                count=total,
                count_shown=band >= 18,
            )
        )
    return marks


def _bar_height(count: int, largest: int) -> float:
    if not count:
        return 0.0
    return round(max(3.0, count / largest * BAR_HEIGHT), 1)


def default_title(items: Sequence[TimelineItem], first: int, last: int) -> str:
    years = str(first) if first == last else f"{first} to {last}"
    count = len(items)
    return f"Timeline of the {count} meeting{'s' if count != 1 else ''} on record, {years}"


def default_description(items: Sequence[TimelineItem], grouped: bool) -> str:
    """The dates and statuses in words, oldest first; per year when grouped."""
    several_kinds = len({item.kind for item in items}) > 1
    ordered = sorted(items, key=lambda item: (item.date, item.id))
    if grouped:
        per_year = Counter(item.date.start.year for item in ordered)
        held = Counter(item.date.start.year for item in ordered if item.held)
        years = "; ".join(
            f"{year}: {count} ({held[year]} held)" for year, count in sorted(per_year.items())
        )
        return f"One mark per year, its height the number of meetings. {years}."
    parts = []
    for item in ordered:
        kind = f"{KINDS[item.kind][1]}, " if several_kinds else ""
        when = item.date.label()
        parts.append(f"{kind}{'held' if item.held else 'not held'}, {when}")
    return "Oldest first: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    """``circle``, ``diamond``, ``square`` or ``bar``."""
    held: bool
    label: str
    neutral: bool = False
    """Drawn as an outline only: the entry tells a shape, not a status."""


def _legend(kinds: list[str], statuses: set[bool], grouped: bool) -> list[LegendEntry]:
    entries = []
    if grouped:
        if True in statuses:
            entries.append(LegendEntry("bar", True, "held"))
        if False in statuses:
            entries.append(LegendEntry("bar", False, "not recorded as held"))
    else:
        for held in (True, False):
            if held in statuses:
                words = "held" if held else "not recorded as held"
                entries.append(LegendEntry(KINDS[kinds[0]][0], held, words))
    if len(kinds) > 1:  # with one kind, the title and the marks' names say which
        for kind in kinds:
            shape, words = KINDS[kind]
            entries.append(LegendEntry(shape, True, f"shape: {words}", neutral=True))
    return entries
