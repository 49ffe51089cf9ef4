"""The figures as the package draws them: tile layout, map, timeline, and which page gets what."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from cis_consultations.core.addresses import SiteSettings
from cis_consultations.core.dates import PartialDate
from cis_consultations.core.entries import State
from cis_consultations.pages.figures import GROUP_ABOVE, TimelineItem, participation_map, timeline
from cis_consultations.pages.figures.pages import SiteFigures, slot
from cis_consultations.pages.figures.tiles import POSITIONS_FILE, layout, positions
from cis_consultations.pages.participation import build_matrix
from cis_consultations.pages.relations import build_relations
from cis_consultations.reading.dataset import load_dataset

from ..support.project import ROOT, TODAY, require_tools, selected_text

MAP_BUDGET = 60_000
"""Bytes of one map, at most."""

ATLAS = ROOT / "node_modules" / "world-atlas"
FIGURES_DIR = ROOT / "src" / "cis_consultations" / "pages" / "figures"


def _states(*names: tuple[str, str]) -> dict[str, State]:
    return {code: State(code, name, f"Republic of {name}") for code, name in names}


CIS = _states(
    ("AM", "Armenia"),
    ("AZ", "Azerbaijan"),
    ("BY", "Belarus"),
    ("KG", "Kyrgyzstan"),
    ("KZ", "Kazakhstan"),
    ("RU", "Russia"),
    ("TJ", "Tajikistan"),
    ("UZ", "Uzbekistan"),
    ("MD", "Moldova"),
    ("TM", "Turkmenistan"),
)


def _svg(markup: str) -> Tag:
    svg = BeautifulSoup(markup, "html.parser").find("svg")
    assert isinstance(svg, Tag)
    return svg


def _tiles(markup: str, kind: str) -> set[str]:
    """Codes of the tiles of one kind (``member``, ``observer``, ``plain``, ``count-2``)."""
    return {
        (selected_text(tile, ".cis-tile__code"))
        for tile in _svg(markup).select(f"g.cis-tile--{kind}")
    }


def _accessible_text(markup: str) -> str:
    svg = _svg(markup)
    parts = []
    for attribute in ("aria-labelledby", "aria-describedby"):
        for ref in str(svg.get(attribute, "")).split():
            element = svg.find(id=ref)
            assert element is not None, ref
            parts.append(element.get_text())
    return " ".join(parts)


# --- positions and layout -------------------------------------------------------------


def test_the_committed_positions_are_what_the_script_derives(tmp_path: Path) -> None:
    require_tools(
        "rederiving the tile positions", {"world-atlas (`make install`)": ATLAS / "package.json"}
    )
    from scripts import derive_tile_positions

    output = tmp_path / "positions.json"
    assert derive_tile_positions.main(["--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == (FIGURES_DIR / POSITIONS_FILE).read_text(
        encoding="utf-8"
    ), "tile_positions.json differs from the script's output: run `make tile-positions`"


def test_the_positions_file_says_where_it_comes_from_and_carries_the_licence() -> None:
    source = positions().source
    assert source["package"].startswith("world-atlas@")
    assert "Natural Earth" in source["data"]
    assert "Permission to use, copy, modify, and/or distribute" in source["licence"]
    assert len(positions().points) > 200  # every country, so a new state places itself


def test_every_state_of_the_registry_has_a_position() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    missing = sorted(code for code in dataset.states if code not in positions().points)
    assert missing == [], f"no tile position for {missing}: is the code ISO 3166-1 alpha-2?"


def test_layout_gives_every_state_its_own_cell_whatever_the_order() -> None:
    codes = list(CIS)
    first = layout(codes)
    random.Random(4).shuffle(codes)
    assert layout(codes) == first
    assert len(set(first.cells.values())) == len(CIS)
    assert first.unplaced == ()
    assert all(
        0 <= column < first.columns and 0 <= row < first.rows
        for column, row in first.cells.values()
    )
    # No empty row or column is left inside the grid.
    assert {column for column, _ in first.cells.values()} == set(range(first.columns))
    assert {row for _, row in first.cells.values()} == set(range(first.rows))


def test_layout_keeps_the_geography() -> None:
    cells = layout(CIS).cells
    assert cells["BY"][0] < cells["KZ"][0] < cells["RU"][0]  # west to east
    assert cells["AM"][0] < cells["UZ"][0] < cells["KG"][0]
    assert cells["RU"][1] < cells["TJ"][1]  # north of
    assert cells["KZ"][1] < cells["TJ"][1]


def test_a_code_with_no_position_goes_to_the_fallback_row_and_is_named() -> None:
    states = {**CIS, **_states(("XQ", "Nowhere Land"))}
    grid = layout(states)
    assert grid.unplaced == ("XQ",)
    assert grid.cells["XQ"][1] == grid.rows - 1
    assert grid.cells["XQ"][1] > max(row for code, (_, row) in grid.cells.items() if code != "XQ")
    markup = participation_map(states, {}, title="t", description="d")
    assert "No position is known for Nowhere Land" in markup


# --- the map ---------------------------------------------------------------------------


def test_the_map_marks_exactly_the_participants_and_names_them() -> None:
    roles = {"AM": "participant", "BY": "participant", "RU": "participant"}
    markup = participation_map(CIS, roles, title="Who took part", description="Armenia, ...")  # type: ignore[arg-type]
    assert _tiles(markup, "participant") == set(roles)
    assert _tiles(markup, "plain") == set(CIS) - set(roles)
    assert _tiles(markup, "observer") == set()
    svg = _svg(markup)
    assert svg["role"] == "img"
    assert _accessible_text(markup) == "Who took part Armenia, ..."
    legend = BeautifulSoup(markup, "html.parser").select(".cis-figure__legend li")
    assert [item.get_text() for item in legend] == ["took part", "not listed as taking part"]


def test_observers_are_marked_differently_with_their_own_legend() -> None:
    markup = participation_map(
        CIS, {"AM": "participant", "MD": "observer"}, title="t", description="d"
    )
    assert _tiles(markup, "participant") == {"AM"}
    assert _tiles(markup, "observer") == {"MD"}
    observer_box = _svg(markup).select_one("g.cis-tile--observer rect.cis-tile__box")
    assert observer_box is not None and str(observer_box["fill"]).startswith("url(#")  # hatched
    legend = [item.get_text() for item in BeautifulSoup(markup, "html.parser").select("li")]
    assert "took part" in legend
    assert "took part as an observer" in legend


def test_the_picked_state_is_ringed_and_counts_are_written_in_the_tiles() -> None:
    counts = {"AM": 2, "AZ": 1, "BY": 2, "KG": 5}
    markup = participation_map(CIS, {}, highlight="KG", counts=counts, title="t", description="d")
    svg = _svg(markup)
    rings = svg.select("rect.cis-tile__ring")
    assert len(rings) == 1
    ringed = rings[0].find_parent("g")
    assert ringed is not None and "Kyrgyzstan" in ringed.get_text()
    written = {
        (selected_text(tile, ".cis-tile__code")): selected_text(tile, ".cis-tile__count")
        for tile in svg.select("g.cis-tile")
    }
    assert written == {code: str(counts.get(code, 0)) for code in CIS}
    assert _tiles(markup, "count-0") == set(CIS) - set(counts)
    legend = [item.get_text() for item in BeautifulSoup(markup, "html.parser").select("li")]
    assert legend[0] == "Kyrgyzstan, the state of this page"


def test_the_map_refuses_codes_outside_the_registry() -> None:
    with pytest.raises(ValueError, match="XX"):
        participation_map(CIS, {"XX": "participant"}, title="t", description="d")
    with pytest.raises(ValueError, match="roles must be"):
        participation_map(CIS, {"AM": "guest"}, title="t", description="d")  # type: ignore[dict-item]


def test_text_in_a_figure_is_escaped() -> None:
    hostile = "<script>alert(1)</script>"
    states = {**CIS, "GE": State("GE", hostile, hostile)}
    markup = participation_map(states, {"GE": "participant"}, title=hostile, description=hostile)
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup


def test_a_map_of_every_country_stays_within_its_budget() -> None:
    everyone = {
        code: State(code, f"State {code} of the long name", code) for code in positions().points
    }
    roles = dict.fromkeys(list(everyone)[::2], "participant")
    markup = participation_map(everyone, roles, title="t", description="d")  # type: ignore[arg-type]
    assert len(markup.encode()) <= MAP_BUDGET * 3  # 235 states; a registry is far smaller
    cis_map = participation_map(CIS, {"AM": "participant"}, title="t", description="d")
    assert len(cis_map.encode()) <= MAP_BUDGET


# --- the timeline ----------------------------------------------------------------------


def _item(record_id: str, *, held: bool = True, kind: str = "consultations") -> TimelineItem:
    date = re.sub(r"-[a-z]$", "", record_id)
    return TimelineItem(
        record_id, f"{record_id}/", f"Meeting {record_id}", PartialDate.parse(date), held, kind
    )


def test_the_timeline_has_one_named_link_per_item() -> None:
    items = [_item("2022-12-06"), _item("2023-H2", held=False), _item("2024-12-19")]
    markup = timeline(items)
    svg = _svg(markup)
    links = svg.select("a")
    assert [link["href"] for link in links] == ["2022-12-06/", "2023-H2/", "2024-12-19/"]
    for link, item in zip(links, items, strict=True):
        assert link.title is not None and item.label in link.title.get_text()
    assert svg["role"] == "group"
    assert "6 December 2022" in _accessible_text(markup)
    assert [link["class"][-1] for link in links] == [
        "cis-mark--held",
        "cis-mark--planned",
        "cis-mark--held",
    ]
    assert len(svg.select("line.cis-mark__span")) == 1  # the half-year is drawn over its span


def test_kinds_have_their_own_shape_and_legend() -> None:
    markup = timeline([_item("2020-07-15", kind="expert-group"), _item("2022-12-06")])
    svg = _svg(markup)
    assert len(svg.select("a path.cis-mark__shape")) == 1  # the diamond
    assert len(svg.select("a circle.cis-mark__shape")) == 1
    legend = [item.get_text() for item in BeautifulSoup(markup, "html.parser").select("li")]
    assert "shape: expert-group meeting" in legend
    assert "shape: consultations of the series" in legend
    with pytest.raises(ValueError, match="unknown kind"):
        timeline([_item("2022-12-06", kind="summit")])


def test_many_items_are_grouped_one_linked_mark_per_year() -> None:
    rng = random.Random(5)
    ids = sorted({f"{rng.randrange(2000, 2020)}-{rng.randrange(1, 13):02d}" for _ in range(80)})
    items = [_item(record_id, held=index % 4 != 0) for index, record_id in enumerate(ids)]
    assert len(items) > GROUP_ABOVE
    markup = timeline(items, year_url=lambda year: f"list/#year-{year}")
    years = sorted({item.date.start.year for item in items})
    links = _svg(markup).select("a")
    assert [link["href"] for link in links] == [f"list/#year-{year}" for year in years]
    for link, year in zip(links, years, strict=True):
        count = sum(1 for item in items if item.date.start.year == year)
        assert link.title is not None
        assert link.title.get_text().startswith(f"{year}: {count} meeting")
    assert len(markup.encode()) < 20_000
    with pytest.raises(ValueError, match="year_url"):
        timeline(items)


# --- which page gets what --------------------------------------------------------------


@pytest.fixture(scope="module")
def site_figures() -> SiteFigures:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    matrix = build_matrix(dataset, build_relations(dataset))
    settings = SiteSettings("Site", "https://example.org/repo", "https://example.org/site/")
    return SiteFigures(dataset, matrix, settings)


def test_slots_are_filled_and_other_pages_are_left_alone(site_figures: SiteFigures) -> None:
    page = f"<p>before</p>{slot('timeline')}<p>after</p>"
    filled = site_figures.insert("index.md", page)
    assert "figure-slot" not in filled and "<svg" in filled
    assert filled.startswith("<p>before</p><figure") and filled.endswith("</figure><p>after</p>")
    assert site_figures.insert("contributing.md", "<p>no slot</p>") == "<p>no slot</p>"
    with pytest.raises(ValueError, match="no figure 'timeline'"):
        site_figures.insert("topics/cybercrime.md", page)


def test_timeline_links_follow_the_site_urls(site_figures: SiteFigures) -> None:
    home = _svg(site_figures.figure("index.md", "timeline"))
    index = _svg(site_figures.figure("consultations/index.md", "timeline"))
    uris = sorted(
        meeting.uri.removesuffix(".md") + "/" for meeting in site_figures.meetings.values()
    )
    assert sorted(str(a["href"]) for a in home.select("a")) == uris
    # From the consultations index, links are relative to consultations/.
    assert sorted(str(a["href"]) for a in index.select("a")) == sorted(
        uri.removeprefix("consultations/") if uri.startswith("consultations/") else f"../{uri}"
        for uri in uris
    )


def test_a_meeting_map_says_who_took_part_in_words(site_figures: SiteFigures) -> None:
    for meeting in site_figures.meetings.values():
        if not meeting.roles:
            continue
        markup = site_figures.figure(meeting.uri, "map")
        text = _accessible_text(markup)
        for code in site_figures.states:
            assert site_figures.states[code].name in text
        members = {code for code, role in meeting.roles.items() if role == "participant"}
        observers = {code for code, role in meeting.roles.items() if role == "observer"}
        assert _tiles(markup, "participant") == members
        assert _tiles(markup, "observer") == observers
        assert meeting.date.label() in text


def test_a_phone_keeps_the_year_labels_that_have_room_at_its_larger_size() -> None:
    """On a phone the labels are drawn larger; those that would touch are left to wide
    screens (marked minor), never the first, and never two shown side by side."""
    from cis_consultations.pages.figures.timeline import DIGIT_WIDTH, _Axis

    for first, last in ((2020, 2024), (2014, 2025), (1985, 2023), (1990, 2035)):
        axis = _Axis(first, last)
        shown = [tick for tick in axis.ticks() if tick.label and not tick.minor]
        assert shown[0].label == str(first)
        room = axis.phone_label * (DIGIT_WIDTH * 4 + 0.5)
        assert all(
            right.label_x - left.label_x >= room for left, right in itertools.pairwise(shown)
        )
    assert not any(tick.minor for tick in _Axis(2020, 2024).ticks())
