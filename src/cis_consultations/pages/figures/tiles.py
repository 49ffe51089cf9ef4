"""Where each state's tile goes: geographic positions snapped to a small grid.

The positions come from ``tile_positions.json``, derived from Natural Earth by
``scripts/derive_tile_positions.py`` (never edited by hand): one point per country,
in kilometres of an equal-area conic centred on the CIS. A map draws only the states
of the registry, so their points are scaled to a grid about ``1.5 * sqrt(n)`` cells
across, each state takes the cell nearest its point, and a collision goes to the
nearest free cell. Empty rows and columns are then dropped, which keeps the map
compact and the states' order (west to east, north to south) as it was.

Every step is deterministic: states are placed in order of how well their point fits
its cell (then by code), and ties between free cells are broken by row, then column.

A state whose code has no position (a code the atlas does not know) is not guessed
at: it goes into a fallback row under the map, in code order, and the map's note
names it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

POSITIONS_FILE = "tile_positions.json"
SPREAD = 1.5
"""Grid cells across the wider side of the states' extent, per square root of their number."""
FALLBACK_WIDTH = 5
"""The fallback row wraps after this many tiles, or after the grid's width if wider."""

Cell = tuple[int, int]
"""Column and row, from the top left."""


@dataclass(frozen=True)
class Positions:
    points: Mapping[str, tuple[float, float]]
    """ISO 3166-1 alpha-2 code -> (x east, y north) in kilometres."""
    source: Mapping[str, Any]
    """Where the points come from: package, data and licence."""


@cache
def positions() -> Positions:
    """The committed positions, read once."""
    text = resources.files(__package__).joinpath(POSITIONS_FILE).read_text(encoding="utf-8")
    content = json.loads(text)
    points = {code: (float(x), float(y)) for code, (x, y) in content["positions"].items()}
    return Positions(points, content["source"])


@dataclass(frozen=True)
class TileLayout:
    cells: Mapping[str, Cell]
    """Every state's cell, fallback row included."""
    columns: int
    rows: int
    unplaced: tuple[str, ...]
    """Codes with no known position, in the fallback row(s) at the bottom."""


def layout(
    codes: Iterable[str], points: Mapping[str, tuple[float, float]] | None = None
) -> TileLayout:
    """The grid for these states (``points`` defaults to the committed positions)."""
    known = positions().points if points is None else points
    codes = sorted(set(codes))
    placed_codes = [code for code in codes if code in known]
    unplaced = tuple(code for code in codes if code not in known)
    cells = _snap({code: known[code] for code in placed_codes})
    columns = max((column for column, _ in cells.values()), default=-1) + 1
    rows = max((row for _, row in cells.values()), default=-1) + 1
    if unplaced:
        width = max(columns, min(FALLBACK_WIDTH, len(unplaced)))
        first_row = rows + 1 if cells else 0  # an empty row between the map and the rest
        for index, code in enumerate(unplaced):
            cells[code] = (index % width, first_row + index // width)
        columns = max(columns, width)
        rows = first_row + (len(unplaced) - 1) // width + 1
    return TileLayout(cells, columns, rows, unplaced)


def _snap(points: Mapping[str, tuple[float, float]]) -> dict[str, Cell]:
    if not points:
        return {}
    # Grid units, y growing southwards as on screen.
    xs = [x for x, _ in points.values()]
    ys = [-y for _, y in points.values()]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    across = max(2, math.ceil(math.sqrt(len(points)) * SPREAD) + 1)
    size = extent / across if extent > 0 else 1.0
    scaled = {
        code: ((x - min(xs)) / size, (-y - min(ys)) / size) for code, (x, y) in points.items()
    }

    def misfit(code: str) -> tuple[float, str]:
        x, y = scaled[code]
        return (math.dist((x, y), (round(x), round(y))), code)

    taken: dict[Cell, str] = {}
    for code in sorted(scaled, key=misfit):
        taken[_nearest_free(scaled[code], taken)] = code
    columns = sorted({column for column, _ in taken})
    rows = sorted({row for _, row in taken})
    column_index = {column: index for index, column in enumerate(columns)}
    row_index = {row: index for index, row in enumerate(rows)}
    return {code: (column_index[column], row_index[row]) for (column, row), code in taken.items()}


def _nearest_free(point: tuple[float, float], taken: Mapping[Cell, str]) -> Cell:
    """The free cell nearest ``point``; ties go to the upper row, then the left column."""

    def free_within(radius: int) -> list[Cell]:
        x, y = point
        return [
            (column, row)
            for column in range(math.floor(x) - radius, math.ceil(x) + radius + 1)
            for row in range(math.floor(y) - radius, math.ceil(y) + radius + 1)
            if (column, row) not in taken
        ]

    def key(cell: Cell) -> tuple[float, int, int]:
        return (math.dist(cell, point), cell[1], cell[0])

    radius = 0
    while not (free := free_within(radius)):
        radius += 1
    # A corner of this square can be farther than a cell just outside it: look as far
    # as the best distance found, so the nearest cell wins wherever it is.
    return min(free_within(math.ceil(key(min(free, key=key))[0])), key=key)
