"""The figures on the built site: where they are, what they say, and what they cost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bench.synthetic import write_synthetic_data
from bs4 import BeautifulSoup, Tag

from cis_consultations.core.model import Dataset
from cis_consultations.pages.figures import GROUP_ABOVE, TILE_NOTE
from cis_consultations.reading.dataset import load_dataset

from ..support.project import ROOT, TODAY, copy_project, read_page, run_mkdocs, selected_text

pytestmark = pytest.mark.build

MAP_BUDGET = 60_000
PAGE_BUDGET = 400_000
STATES_2022 = {
    # The 2022 source's participants (tests/sources/): fixed facts, not today's data.
    "AM": "Armenia",
    "BY": "Belarus",
    "KZ": "Kazakhstan",
    "KG": "Kyrgyzstan",
    "RU": "Russia",
    "TJ": "Tajikistan",
    "UZ": "Uzbekistan",
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(ROOT / "data", today=TODAY)


def figures(page: BeautifulSoup) -> list[Tag]:
    return page.select("article figure.cis-figure")


def accessible_name(svg: Tag) -> str:
    """The text an SVG is named by (``aria-labelledby``), as one line."""
    refs = str(svg.get("aria-labelledby", "")).split()
    assert refs, "the figure has no aria-labelledby"
    root = svg.find_parent("html") or svg
    parts = []
    for ref in refs:
        element = root.find(id=ref)
        assert element is not None, f"aria-labelledby points at a missing id {ref!r}"
        parts.append(element.get_text())
    return " ".join(" ".join(parts).split())


def accessible_description(svg: Tag | None) -> str:
    assert svg is not None
    root = svg.find_parent("html") or svg
    element = root.find(id=str(svg["aria-describedby"]))
    assert element is not None
    return " ".join(element.get_text().split())


def member_codes(figure: Tag) -> set[str]:
    return {
        selected_text(tile, ".cis-tile__code")
        for tile in figure.select("svg.cis-figure__svg g.cis-tile--participant")
    }


def test_the_2022_map_names_its_seven_states_and_marks_exactly_those(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2022-12-06")
    [figure] = figures(page)
    svg = figure.find("svg")
    assert isinstance(svg, Tag) and svg["role"] == "img"
    words = accessible_name(svg) + " " + accessible_description(svg)
    assert "6 December 2022" in words
    assert "7 of the" in words
    took_part = words.split("took part:")[1].split(".")[0]
    assert sorted(name.strip() for name in took_part.split(",")) == sorted(STATES_2022.values())
    assert member_codes(figure) == set(STATES_2022)
    assert TILE_NOTE in figure.get_text()


def test_every_meeting_page_with_listed_states_has_its_map(
    built_site: Path, dataset: Dataset
) -> None:
    for record in dataset.consultations:
        found = figures(read_page(built_site, f"consultations/{record.id}"))
        if not record.states:
            assert found == [], record.id  # a map of nobody would say nothing
            continue
        [figure] = found
        assert member_codes(figure) == set(record.states), record.id
        words = accessible_description(figure.select_one("svg.cis-figure__svg"))
        for code in record.states:
            assert dataset.states[code].name in words


def test_each_state_page_rings_its_state_and_gives_its_attendance(
    built_site: Path, dataset: Dataset
) -> None:
    held = [record for record in dataset.meetings if record.is_held]
    for state in dataset.states.values():
        [figure] = figures(read_page(built_site, f"states/{state.slug}"))
        rings = figure.select("svg.cis-figure__svg rect.cis-tile__ring")
        assert len(rings) == 1
        ringed = rings[0].find_parent("g")
        assert ringed is not None
        assert selected_text(ringed, ".cis-tile__code") == state.code
        attended = sum(1 for record in held if state.code in record.participating_states)
        assert selected_text(ringed, ".cis-tile__count") == str(attended)
        words = accessible_description(figure.select_one("svg.cis-figure__svg"))
        assert f"{state.name}, ringed, attended {attended} of the {len(held)}" in words


def test_the_participation_map_counts_each_state(built_site: Path, dataset: Dataset) -> None:
    held = [record for record in dataset.meetings if record.is_held]
    [figure] = figures(read_page(built_site, "participation"))
    counts = {
        selected_text(tile, ".cis-tile__code"): selected_text(tile, ".cis-tile__count")
        for tile in figure.select("svg.cis-figure__svg g.cis-tile")
    }
    assert counts == {
        code: str(sum(1 for record in held if code in record.participating_states))
        for code in dataset.states
    }


@pytest.mark.parametrize("path", ["", "consultations/"])
def test_the_timeline_has_one_linked_mark_per_record(
    built_site: Path, dataset: Dataset, path: str
) -> None:
    assert len(dataset.meetings) <= GROUP_ABOVE, "the real data is grouped: test that"
    page = read_page(built_site, path)
    [figure] = figures(page)
    links = figure.select("svg a[href]")
    base = f"http://site.test/{path}"
    targets = sorted(urlparse(urljoin(base, str(link["href"]))).path for link in links)
    assert targets == sorted(f"/{record.kind.folder}/{record.id}/" for record in dataset.meetings)
    for link in links:
        assert link.title is not None and link.title.get_text().strip(), "a mark has no name"


def test_every_figure_has_an_accessible_name_and_no_slot_is_left(built_site: Path) -> None:
    counted = 0
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "figure-slot" not in html, html_file
        page = BeautifulSoup(html, "html.parser")
        for figure in figures(page):
            svg = figure.find("svg")
            assert isinstance(svg, Tag)
            assert svg["role"] in {"img", "group"}
            assert len(accessible_name(svg)) > 20, html_file
            assert len(accessible_description(svg)) > 20, html_file
            counted += 1
    assert counted >= 5


def test_figures_stay_out_of_the_search_index(built_site: Path) -> None:
    text = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(text)
    assert len(index["docs"]) > 30
    for piece in ("<svg", "svg", "cis-tile", "figure-slot", TILE_NOTE[:40], "Timeline of the"):
        assert piece not in text, piece


def test_maps_and_pages_stay_within_their_budgets(built_site: Path) -> None:
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert len(html.encode()) <= PAGE_BUDGET, html_file
        for figure in figures(BeautifulSoup(html, "html.parser")):
            if "cis-figure--map" in figure["class"]:
                assert len(str(figure).encode()) <= MAP_BUDGET, html_file


@pytest.fixture(scope="module")
def grouped_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Dataset]]:
    """A build with more records than the timeline shows one by one (synthetic data)."""
    base = tmp_path_factory.mktemp("grouped")
    written = write_synthetic_data(base / "data", GROUP_ABOVE + 16, seed=3)
    project = copy_project(base / "project", written.data_dir)
    result = run_mkdocs(project, base / "site")
    assert result.returncode == 0, result.stderr
    yield base / "site", load_dataset(written.data_dir)


@pytest.mark.parametrize("path", ["", "consultations/"])
def test_at_many_records_the_timeline_has_one_linked_mark_per_year(
    grouped_site: tuple[Path, Dataset], path: str
) -> None:
    site, dataset = grouped_site
    [figure] = figures(read_page(site, path))
    links = figure.select("svg a[href]")
    years = sorted({record.date.start.year for record in dataset.meetings})
    assert len(links) == len(years)
    for link, year in zip(links, years, strict=True):
        in_year = [record for record in dataset.meetings if record.date.start.year == year]
        # The year opens in the consultations index, or in the expert groups' index for a
        # year with expert-group meetings only; that index lists its kind's meetings.
        folder = (
            "consultations"
            if any(record.is_consultation for record in in_year)
            else "expert-groups"
        )
        url = urlparse(urljoin(f"http://site.test/{path}", str(link["href"])))
        assert url.path == f"/{folder}/" and url.fragment == f"year-{year}"
        section = read_page(site, folder).find(id=url.fragment)
        assert section is not None, f"no section {url.fragment} in the {folder} index"
        listed = section.find_next("table")
        assert listed is not None
        assert len(listed.select("tbody tr")) == sum(
            1 for record in in_year if record.kind.folder == folder
        )
        count = len(in_year)
        assert link.title is not None and link.title.get_text().startswith(f"{year}: {count} ")
