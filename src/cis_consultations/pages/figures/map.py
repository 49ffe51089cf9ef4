"""The participation map: one labelled tile per state of the registry, no borders.

A tile map draws no outline of any country, so it takes no side on a disputed
territory (Natural Earth draws de facto control: Crimea inside Russia's polygon).
The tiles are placed roughly by geography (:mod:`.tiles`); what a tile means is said
three ways at once: its fill (solid, hatched or plain), its outline (solid, dashed,
thin) and, for counts, the number written in it. The accessible name and description
are given by the caller and say in words what the map shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from ...core.entries import State
from .svg import render_figure
from .tiles import TileLayout, layout

Role = Literal["participant", "observer", "signed", "no-signature"]
ROLES: tuple[Role, ...] = ("participant", "observer", "signed", "no-signature")
"""How a tile is marked: a state at a meeting, or a state's signature line under a
decision (signed: the line gives a name; no-signature: a dash or nothing)."""

TILE_WIDTH = 104
TILE_HEIGHT = 60
GAP = 8
MARGIN = 5
"""Room around the grid for the ring that picks out a state."""
NAME_FONT = 13
LINE_CHARACTERS = 12
"""Names longer than this are broken at a space into two lines."""
SQUEEZE_CHARACTERS = 14
"""A line longer than this is squeezed to the tile's width (``textLength``)."""
COUNT_STEPS = 3
"""Shades for counts above zero; the number is written in the tile as well."""

TILE_NOTE = (
    "Each tile is one state of the record's registry, placed roughly by geography from "
    "Natural Earth; no borders are drawn, so the map takes no side on any disputed territory."
)


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    x: int
    y: int
    kind: str
    """A :data:`Role`, ``plain`` or ``count-N`` (a shade, 0 for none)."""
    lines: tuple[tuple[str, int, bool], ...]
    """The name's lines: text, baseline, and whether it is squeezed to fit the tile."""
    code_y: int
    """Baseline of the code, shown instead of the name on narrow screens."""
    tooltip: str
    count: int | None
    highlighted: bool


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    label: str


def participation_map(
    states: Mapping[str, State],
    roles: Mapping[str, Role],
    *,
    highlight: str | None = None,
    counts: Mapping[str, int] | None = None,
    count_label: str = "meetings attended",
    title: str,
    description: str,
    figure_id: str = "figure-map",
    plain_label: str = "not listed as taking part",
) -> Markup:
    """The registry's states as tiles: those in ``roles`` marked, ``highlight`` ringed.

    With ``counts``, tiles are shaded by count and show it (``count_label`` says what
    is counted, in the legend). ``title`` and ``description`` are the figure's
    accessible name and description: say in words what it shows.
    """
    unknown = sorted(
        ({*roles, *(counts or {})} | ({highlight} if highlight else set())) - set(states)
    )
    if unknown:
        raise ValueError(f"not in the registry of states: {', '.join(unknown)}")
    wrong = sorted(code for code, role in roles.items() if role not in ROLES)
    if wrong:
        raise ValueError(f"roles must be one of {', '.join(ROLES)}: {', '.join(wrong)}")
    grid = layout(states)
    steps = _steps(counts.get(code, 0) for code in states) if counts is not None else []
    tiles = [
        _tile(
            states[code],
            grid,
            role=roles.get(code),
            counts=counts,
            steps=steps,
            highlighted=highlight == code,
            plain_label=plain_label,
        )
        for code in sorted(grid.cells, key=lambda code: grid.cells[code][::-1])
    ]
    return render_figure(
        "figures/map.html.j2",
        figure_id=figure_id,
        width=2 * MARGIN + grid.columns * TILE_WIDTH + (grid.columns - 1) * GAP,
        height=2 * MARGIN + grid.rows * TILE_HEIGHT + (grid.rows - 1) * GAP,
        tiles=tiles,
        tile_width=TILE_WIDTH,
        tile_height=TILE_HEIGHT,
        title=title,
        description=description,
        legend=_legend(
            states,
            roles,
            counts=counts,
            steps=steps,
            count_label=count_label,
            highlight=highlight,
            plain_label=plain_label,
        ),
        key=[(code, states[code].name) for code in sorted(states)],
        note=TILE_NOTE,
        unplaced=[states[code].name for code in grid.unplaced],
    )


def _steps(counts: Iterable[int]) -> list[tuple[int, int]]:
    """Count ranges for the shades, over the counts above zero: one per count up to
    three distinct values, else three near-equal ranges from the least to the most."""
    positive = [count for count in counts if count > 0]
    if not positive:
        return []
    low, high = min(positive), max(positive)
    if high - low < COUNT_STEPS:
        return [(count, count) for count in range(low, high + 1)]
    size = (high - low + 1) / COUNT_STEPS
    edges = [low + math.ceil(size * step) for step in range(COUNT_STEPS)] + [high + 1]
    return [(edges[index], edges[index + 1] - 1) for index in range(COUNT_STEPS)]


def _shade(count: int, steps: list[tuple[int, int]]) -> int:
    return next((index + 1 for index, (low, high) in enumerate(steps) if low <= count <= high), 0)


def _tile(
    state: State,
    grid: TileLayout,
    *,
    role: Role | None,
    counts: Mapping[str, int] | None,
    steps: list[tuple[int, int]],
    highlighted: bool,
    plain_label: str,
) -> Tile:
    column, row = grid.cells[state.code]
    lines = _lines(state.name)
    count = counts.get(state.code, 0) if counts is not None else None
    if count is not None:
        kind = f"count-{_shade(count, steps)}"
        tooltip = f"{state.name}: {count}"
    else:
        kind = role or "plain"
        tooltip = f"{state.name}: {_ROLE_WORDS.get(kind, plain_label)}"
    return Tile(
        code=state.code,
        name=state.name,
        x=MARGIN + column * (TILE_WIDTH + GAP),
        y=MARGIN + row * (TILE_HEIGHT + GAP),
        kind=kind,
        lines=tuple(
            (line, baseline, len(line) > SQUEEZE_CHARACTERS)
            for line, baseline in zip(lines, _BASELINES[count is not None, len(lines)], strict=True)
        ),
        code_y=28 if count is not None else 37,
        tooltip=tooltip,
        count=count,
        highlighted=highlighted,
    )


_BASELINES = {
    # (with a count, number of lines): baselines of the name's lines in a tile
    (False, 1): (35,),
    (False, 2): (27, 43),
    (True, 1): (22,),
    (True, 2): (17, 31),
}
_ROLE_WORDS = {
    "participant": "took part",
    "observer": "took part as an observer",
    "signed": "its signature line shows a signature",
    "no-signature": "its signature line shows no signature (a dash or nothing)",
}


def _lines(name: str) -> list[str]:
    """One line, or two broken at the space nearest the middle."""
    if len(name) <= LINE_CHARACTERS or " " not in name:
        return [name]
    spaces = [index for index, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda index: (abs(index - len(name) / 2), index))
    return [name[:cut], name[cut + 1 :]]


def _legend(
    states: Mapping[str, State],
    roles: Mapping[str, Role],
    *,
    counts: Mapping[str, int] | None,
    steps: list[tuple[int, int]],
    count_label: str,
    highlight: str | None,
    plain_label: str,
) -> list[LegendEntry]:
    """What the map shows, and only that: each entry a swatch and words."""
    entries = []
    if highlight is not None:
        entries.append(
            LegendEntry("highlight", f"{states[highlight].name}, the state of this page")
        )
    if counts is not None:
        if any(not counts.get(code) for code in states):
            entries.append(LegendEntry("count-0", "0: none recorded"))
        for index, (low, high) in enumerate(steps, start=1):
            label = str(low) if low == high else f"{low} to {high}"
            entries.append(LegendEntry(f"count-{index}", label))
        entries.append(LegendEntry("count-note", f"Number in each tile: {count_label}"))
        return entries
    present = set(roles.values())
    entries.extend(LegendEntry(role, _ROLE_WORDS[role]) for role in ROLES if role in present)
    entries.append(LegendEntry("plain", plain_label))
    return entries
