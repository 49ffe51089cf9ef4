"""A valid new record never turns the tests red.

The project is copied, valid records of every shape are added the way an editor adds
them (``consultations new <id>``, then filled in), the copy is built once, and every
data-dependent check of the real build (:data:`site_checks.CHECKS`) runs on it, with a
search in Chromium for a phrase only a new record holds. A check that assumes today's
``data/`` fails here.

The added records are test data, written only into the copy: their titles say so,
their sources are on example.org and they were attended by Testland (``XT``, a code
ISO 3166-1 leaves to its users) beside registered states. Their ids are the first free
ones for their dates, so that real records added later never collide with them.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import feedparser
import icalendar
import pytest
import yaml

from cis_consultations.canonical import canonical_record, canonical_registry, header_comments
from cis_consultations.exports import Exporter
from cis_consultations.load import load_dataset
from cis_consultations.model import Dataset

from .browser import assert_clean, search, serve, site_path, visit
from .conftest import article_text, copy_project, read_page, run_mkdocs
from .site_checks import CHECKS, SITE_URL, Check, exported

pytestmark = pytest.mark.build

SEARCH_PHRASE = "Quillwort Hall"
"""The venue of the record with a venue that has only a name: no other page has the word."""


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The ``consultations`` command, as an editor runs it in the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "cis_consultations.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def free_id(project: Path, date: str) -> str:
    """``date``, or ``date-b``, ``date-c``...: the first id no file in ``data/`` has yet."""
    taken = {path.stem.lower() for path in (project / "data").rglob("*.y*ml")}
    for suffix in ("", *(f"-{letter}" for letter in "bcdefgh")):
        if f"{date}{suffix}".lower() not in taken:
            return f"{date}{suffix}"
    raise AssertionError(f"no free id for {date}")


def add_registry_entries(project: Path, name: str, entries: dict[str, dict[str, Any]]) -> None:
    """Add entries to a registry of the copy, written in canonical form."""
    path = project / "data" / f"{name}.yml"
    text = path.read_text(encoding="utf-8")
    merged = {**yaml.safe_load(text), **entries}
    path.write_text(canonical_registry(name, merged, header_comments(text)), encoding="utf-8")


def add_record(project: Path, date: str, fields: dict[str, Any]) -> str:
    """Write a new record as an editor does; its id.

    The one place where a scaffold is filled in: ``consultations new`` writes the
    template, then every value it holds (the date) or leaves for the editor to decide
    (status, title, sources) is replaced by ``fields``, and the file is written in the
    canonical form ``consultations fmt`` gives. A field the scaffold asks for and
    ``fields`` leaves empty stays empty, and the build refuses it.
    """
    record_id = free_id(project, date)
    result = run_cli(project, "new", record_id)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "data" / "consultations" / f"{record_id}.yml"
    scaffold = path.read_text(encoding="utf-8")
    record = {**yaml.safe_load(scaffold), **fields}
    path.write_text(canonical_record(record, header_comments(scaffold)), encoding="utf-8")
    return record_id


def add_test_records(project: Path) -> dict[str, str]:
    """Records of every shape, and the registry entries they need; their ids by shape."""
    add_registry_entries(
        project, "states", {"XT": {"name": "Testland", "formal_name": "Republic of Testland"}}
    )
    add_registry_entries(project, "organizations", {"test-publisher": {"name": "Test Publisher"}})
    ids: dict[str, str] = {}
    ids["venue with only a name"] = add_record(
        project,
        "2013-05-14",
        {
            "title": "Test record: a meeting whose venue has only a name",
            "status": "held",
            "venue": {"name": SEARCH_PHRASE},
            "participants": {"states": ["AM", "XT"]},
            "questions": {
                "discussed": 2,
                "listed": [
                    {"title": "A test question on marsh cooperation", "topics": ["threats"]}
                ],
            },
            "sources": [{"url": "https://example.org/test-1", "publisher": "test-publisher"}],
        },
    )
    ids["no venue, several sources"] = add_record(
        project,
        "2013-09-10",
        {
            "title": "Test record: a meeting with no venue and three sources",
            "status": "held",
            "participants": {"states": ["KG", "RU", "XT"], "organizations": ["test-publisher"]},
            "contributions": [
                {
                    "organization": "test-publisher",
                    "summary": "Presented a test contribution.",
                    "topics": ["un-processes"],
                }
            ],
            "sources": [
                {"url": "https://example.org/test-2", "publisher": "test-publisher"},
                {
                    "url": "https://example.org/test-2-ru",
                    "publisher": "test-publisher",
                    "language": "ru",
                },
                {"url": "https://example.org/test-2-en", "publisher": "rcc", "language": "en"},
            ],
        },
    )
    ids["planned, partial date"] = add_record(
        project,
        "2014-H1",
        {
            "title": "Test record: a meeting planned for the first half of 2014",
            "status": "announced",
            "announced_in": ids["no venue, several sources"],
            "sources": [{"url": "https://example.org/test-2", "publisher": "test-publisher"}],
        },
    )
    return ids


@dataclass(frozen=True)
class Grown:
    """The copy with the added records, built once."""

    project: Path
    site: Path
    dataset: Dataset
    added: dict[str, str]
    """The added records' ids, by shape."""


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Grown:
    base = tmp_path_factory.mktemp("grown")
    project = copy_project(base / "project")
    added = add_test_records(project)
    result = run_mkdocs(project, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return Grown(project, base / "site", load_dataset(project / "data"), added)


def test_the_new_records_are_valid_canonical_and_built(grown: Grown) -> None:
    assert set(grown.added.values()) <= set(grown.dataset.by_id)
    assert run_cli(grown.project, "fmt", "--check").returncode == 0
    for record_id in grown.added.values():
        assert (grown.site / "consultations" / record_id / "index.html").is_file()


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_the_build_agrees_with_the_records(grown: Grown, check: Check) -> None:
    check(grown.site, grown.dataset)


def test_the_downloads_hold_the_new_records(grown: Grown) -> None:
    """site_checks compares the downloads with every record; here, the new ones by name."""
    new = set(grown.added.values())
    assert new <= set(exported(grown.site))
    with (grown.site / "data/consultations.csv").open(encoding="utf-8", newline="") as file:
        assert new <= {row["id"] for row in csv.DictReader(file)}
    feed = feedparser.parse((grown.site / "feed.xml").read_bytes())
    assert {f"{SITE_URL}consultations/{record_id}/" for record_id in new} <= {
        entry.link for entry in feed.entries
    }
    calendar = icalendar.Calendar.from_ical((grown.site / "data/consultations.ics").read_bytes())
    in_calendar = {str(event["url"]) for event in calendar.walk("VEVENT")}
    for record_id in new:
        url = f"{SITE_URL}consultations/{record_id}/"
        assert (url in in_calendar) == Exporter.in_calendar(grown.dataset.by_id[record_id])


def test_a_venue_with_only_a_name_reads_as_a_phrase(grown: Grown) -> None:
    page = read_page(grown.site, f"consultations/{grown.added['venue with only a name']}")
    places = [li.get_text() for li in page.select("article li") if "Place:" in li.get_text()]
    assert places == [f"Place: {SEARCH_PHRASE}"]


def test_the_planned_record_reads_as_a_plan(grown: Grown) -> None:
    record_id = grown.added["planned, partial date"]
    text = article_text(read_page(grown.site, f"consultations/{record_id}"))
    assert "Planned for the first half of 2014, as reported after the 10 September 2013" in text


@pytest.mark.browser
def test_search_finds_the_new_record_by_its_own_phrase(chromium: Any, grown: Grown) -> None:
    expected = f"consultations/{grown.added['venue with only a name']}/"
    with serve(grown.site, site_path()) as url, visit(chromium) as seen:
        seen.page.goto(url)
        found = [
            urlparse(link).path.removeprefix(site_path())
            for link in search(seen.page, SEARCH_PHRASE)
        ]
        assert found[0] == expected, found
        assert_clean(seen)
