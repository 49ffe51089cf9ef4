"""Derive the tile map's positions from Natural Earth, as packaged by npm ``world-atlas``.

Rerun with ``make tile-positions`` (or ``.venv/bin/python scripts/derive_tile_positions.py``)
after ``make install``; it rewrites ``src/cis_consultations/pages/figures/tile_positions.json``.
The output is deterministic: the same ``world-atlas`` version gives the same bytes
(``tests/test_figures.py`` checks that the committed file is what this script writes).

What it computes, for every country that has an ISO 3166-1 numeric code in the atlas
(``countries-50m.json``: 1:50m, which has the small states that 1:110m leaves out):

1. The country's largest polygon, by area on the sphere. Areas and centroids are
   computed in a sinusoidal projection centred on each polygon's own meridian, which
   is equal-area and barely distorted near that meridian.
2. That polygon's centroid, projected into an Albers equal-area conic suited to the
   CIS (the region spans from Belarus to the Pacific), in kilometres, x east, y north.

No outline is kept: the site draws one tile per state, never a border, so no disputed
territory is drawn at all. Features without an ISO code in the atlas (Kosovo,
N. Cyprus, Somaliland and a few territories) are left out. The numeric codes are
mapped to alpha-2 with ``pycountry``; when two features share a code (Australia and
the Ashmore and Cartier Islands) the one with the larger polygon stands for it.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parents[1]
ATLAS = ROOT / "node_modules" / "world-atlas"
ATLAS_FILE = "countries-50m.json"
OUTPUT = ROOT / "src" / "cis_consultations" / "pages" / "figures" / "tile_positions.json"

EARTH_RADIUS_KM = 6371.0
CENTRAL_MERIDIAN = 75.0
"""Degrees east: between Belarus (about 28 E) and the Pacific coast (about 180 E)."""
ORIGIN_LATITUDE = 55.0
STANDARD_PARALLELS = (45.0, 65.0)
"""The conic touches the globe along these two parallels, across the region's middle."""

Point = tuple[float, float]
"""Longitude and latitude in degrees."""


@dataclass(frozen=True)
class Polygon:
    area: float
    """Square kilometres."""
    centroid: Point


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """The topology's arcs as absolute coordinates (quantized, delta-encoded in the file)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[Point]], indexes: Sequence[int]) -> list[Point]:
    """A closed ring from arc indexes; ``~i`` (a negative index) is arc ``i`` reversed."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any], arcs: list[list[Point]]) -> Iterator[list[list[Point]]]:
    """Each polygon of a feature as its rings (the first outer, the others holes)."""
    if geometry["type"] == "Polygon":
        yield [ring(arcs, indexes) for indexes in geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        for rings in geometry["arcs"]:
            yield [ring(arcs, indexes) for indexes in rings]


def _ring_moments(points: list[Point], meridian: float) -> tuple[float, float, float]:
    """Signed area and first moments of a ring in a sinusoidal projection on ``meridian``."""
    projected = []
    previous = meridian
    for raw_lon, lat in points:
        # Keep consecutive longitudes within half a turn of each other.
        lon = previous + (raw_lon - previous + 180) % 360 - 180
        previous = lon
        phi = math.radians(lat)
        projected.append(
            (EARTH_RADIUS_KM * math.radians(lon - meridian) * math.cos(phi), EARTH_RADIUS_KM * phi)
        )
    area = moment_x = moment_y = 0.0
    for (x0, y0), (x1, y1) in zip(projected, projected[1:] + projected[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        moment_x += (x0 + x1) * cross
        moment_y += (y0 + y1) * cross
    return area / 2, moment_x / 6, moment_y / 6


def measure(rings: list[list[Point]]) -> Polygon:
    """Area and centroid of one polygon (holes subtracted)."""
    meridian = rings[0][0][0]
    area = moment_x = moment_y = 0.0
    for number, points in enumerate(rings):
        ring_area, ring_x, ring_y = _ring_moments(points, meridian)
        # Orientation differs between files: the outer ring counts positive, holes negative.
        sign = (1 if number == 0 else -1) * (1 if ring_area >= 0 else -1)
        area += sign * ring_area
        moment_x += sign * ring_x
        moment_y += sign * ring_y
    x, y = moment_x / area, moment_y / area
    phi = y / EARTH_RADIUS_KM
    lon = meridian + math.degrees(x / (EARTH_RADIUS_KM * math.cos(phi)))
    return Polygon(area, ((lon + 180) % 360 - 180, math.degrees(phi)))


def albers(point: Point) -> tuple[float, float]:
    """Albers equal-area conic on the sphere, in kilometres (x east, y north)."""
    phi1, phi2 = (math.radians(value) for value in STANDARD_PARALLELS)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)

    def rho(latitude: float) -> float:
        return EARTH_RADIUS_KM * math.sqrt(c - 2 * n * math.sin(math.radians(latitude))) / n

    lon, lat = point
    delta = (lon - CENTRAL_MERIDIAN + 180) % 360 - 180
    theta = n * math.radians(delta)
    return rho(lat) * math.sin(theta), rho(ORIGIN_LATITUDE) - rho(lat) * math.cos(theta)


def derive(atlas: Path) -> dict[str, Any]:
    """The positions file's content, from the installed ``world-atlas`` package."""
    package = json.loads((atlas / "package.json").read_text(encoding="utf-8"))
    topology = json.loads((atlas / ATLAS_FILE).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    largest: dict[str, Polygon] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        country = pycountry.countries.get(numeric=numeric) if numeric else None
        if country is None:
            continue
        biggest = max((measure(rings) for rings in polygons(geometry, arcs)), key=_area)
        code = str(country.alpha_2)
        if code not in largest or biggest.area > largest[code].area:
            largest[code] = biggest
    positions = {}
    for code in sorted(largest):
        x, y = albers(largest[code].centroid)
        positions[code] = [round(x), round(y)]
    return {
        "about": (
            "Where each country's tile goes on the site's tile maps: the centroid of the "
            "country's largest polygon, projected. Derived by scripts/derive_tile_positions.py; "
            "do not edit by hand."
        ),
        "source": {
            "package": f"{package['name']}@{package['version']} ({ATLAS_FILE})",
            "data": "Natural Earth vector data (public domain), as packaged by world-atlas",
            "licence": (atlas / "LICENSE").read_text(encoding="utf-8").strip(),
        },
        "projection": {
            "name": "Albers equal-area conic (sphere)",
            "central_meridian": CENTRAL_MERIDIAN,
            "origin_latitude": ORIGIN_LATITUDE,
            "standard_parallels": list(STANDARD_PARALLELS),
            "radius_km": EARTH_RADIUS_KM,
        },
        "unit": "km, x east and y north",
        "positions": positions,
    }


def _area(polygon: Polygon) -> float:
    return polygon.area


def render(content: dict[str, Any]) -> str:
    """The file's text: one position a line, so a change reads well in a diff."""
    head = {key: value for key, value in content.items() if key != "positions"}
    lines = json.dumps(head, indent=2, ensure_ascii=False).rstrip("}").rstrip().rstrip(",")
    entries = ",\n".join(
        f'    "{code}": [{x}, {y}]' for code, (x, y) in content["positions"].items()
    )
    return f'{lines},\n  "positions": {{\n{entries}\n  }}\n}}\n'


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, default=ATLAS, help="the world-atlas package")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not (args.atlas / ATLAS_FILE).is_file():
        print(f"{args.atlas / ATLAS_FILE} is missing: run `make install` first.", file=sys.stderr)
        return 1
    content = derive(args.atlas)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render(content), encoding="utf-8")
    print(f"Wrote {len(content['positions'])} positions to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
