"""A valid new record never turns the tests red.

The project is copied, valid records of every shape are added the way an editor adds
them (``consultations new [--kind expert-group] <id>``, then filled in, citing sources
described in ``data/sources.yml``), the copy is built once, and every data-dependent
check of the real build (:data:`site_checks.CHECKS`) runs on it, with a search in
Chromium for a phrase only a new record holds. A check that assumes today's ``data/``
fails here.

The added records are test data, written only into the copy: their titles say so,
their sources are on example.org, their expert group is a test one, and they were
attended by Testland (``XT``, a code ISO 3166-1 leaves to its users) beside registered
states. Their ids are the first free ones for their dates, so that real records added
later never collide with them.
"""

from __future__ import annotations

import csv
import re
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
from scripts.serve_site import serve, site_path

from cis_consultations.core.model import Dataset, MeetingKind
from cis_consultations.downloads.exports import Exporter
from cis_consultations.reading.canonical import (
    canonical_record,
    canonical_registry,
    header_comments,
)
from cis_consultations.reading.dataset import load_dataset

from ..support.browser import assert_clean, search, visit
from ..support.project import article_text, copy_project, read_page, run_mkdocs
from ..support.site_checks import (
    CHECKS,
    Check,
    exported,
    listed_meetings,
    record_path,
    record_url,
    year_cell,
)

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


def add_record(
    project: Path,
    date: str,
    fields: dict[str, Any],
    kind: MeetingKind = MeetingKind.CONSULTATIONS,
) -> str:
    """Write a new record as an editor does; its id.

    The one place where a scaffold is filled in: ``consultations new`` writes the
    template, then every value it holds (the date) or leaves for the editor to decide
    (status, title, sources, an expert group's series) is replaced by ``fields``, and
    the file is written in the canonical form ``consultations fmt`` gives. A field the
    scaffold asks for and ``fields`` leaves empty stays empty, and the build refuses it.
    """
    record_id = free_id(project, date)
    result = run_cli(project, "new", "--kind", kind.value, record_id)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "data" / kind.folder / f"{record_id}.yml"
    scaffold = path.read_text(encoding="utf-8")
    record = {**yaml.safe_load(scaffold), **fields}
    path.write_text(canonical_record(record, header_comments(scaffold)), encoding="utf-8")
    return record_id


def example_source(number: int, **more: str) -> dict[str, str]:
    """A source of the test records, on example.org."""
    return {
        "publisher": "Test Publisher",
        "url": f"https://example.org/test-{number}",
        "language": "en",
        **more,
    }


def add_test_records(project: Path) -> dict[str, str]:
    """Records of every shape, and the registry entries they need; their ids by shape."""
    add_registry_entries(
        project, "states", {"XT": {"name": "Testland", "formal_name": "Republic of Testland"}}
    )
    add_registry_entries(
        project,
        "organizations",
        {
            "test-body": {"name": "Test Body"},
            "test-expert-group": {
                "name": "Test expert group on marsh cooperation",
                "category": "expert-group",
            },
            "test-council": {"name": "Test Council of Heads of Marsh", "category": "council"},
        },
    )
    add_registry_entries(project, "people", {"test-head": {"name": "Tess Head"}})
    add_registry_entries(
        project, "documents", {"test-accord": {"title": "Test Accord on marsh cooperation"}}
    )
    add_registry_entries(
        project,
        "sources",
        {
            "test-1": example_source(1, title="Report of a test meeting", published="2013-05-15"),
            "test-2": example_source(2),
            "test-2-ru": example_source(3, language="ru", title="Test report, Russian edition"),
            "test-2-en": example_source(4, publisher="Another Test Publisher", published="2013-09"),
            "test-3": example_source(5),
        },
    )
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
            "sources": ["test-1"],
        },
    )
    ids["no venue, several sources, one fact cited apart"] = add_record(
        project,
        "2013-09-10",
        {
            "title": "Test record: a meeting with no venue and three sources",
            "status": "held",
            "participants": {"states": ["KG", "RU", "XT"], "organizations": ["test-body"]},
            "contributions": [
                {
                    "organization": "test-body",
                    "summary": "Presented a test contribution.",
                    "topics": ["un-processes"],
                    "sources": ["test-2-en"],
                }
            ],
            "sources": ["test-2", "test-2-ru"],
            "cite": {"participants": ["test-2-ru"]},
        },
    )
    ids["planned, partial date"] = add_record(
        project,
        "2014-H1",
        {
            "title": "Test record: a meeting planned for the first half of 2014",
            "status": "announced",
            "announced_in": ids["no venue, several sources, one fact cited apart"],
            "sources": ["test-2"],
        },
    )
    ids["expert group, with an observer"] = add_record(
        project,
        "2013-11-20",
        {
            "title": "Test record: the first meeting of a test expert group",
            "series": "test-expert-group",
            "number": 1,
            "status": "held",
            "format": "videoconference",
            "participants": {"states": ["AM", "KG"], "observers": ["XT"]},
            "outcomes": [{"summary": "Agreed on a test outcome."}],
            "sources": ["test-3"],
        },
        MeetingKind.EXPERT_GROUP,
    )
    ids["council session, postponed"] = add_record(
        project,
        "2014-02-03",
        {
            "title": "Test record: a council session planned in Testville",
            "series": "test-council",
            "status": "postponed",
            "venue": {"city": "Testville", "country": "XT"},
            "sources": ["test-3"],
        },
        MeetingKind.COUNCIL_SESSION,
    )
    ids["council session, held, with signature lines"] = add_record(
        project,
        "2014-04-04",
        {
            "title": "Test record: a council session that signed a decision",
            "series": "test-council",
            "status": "held",
            "format": "videoconference",
            "chair": {"state": "XT"},
            "participants": {
                "states": ["AM", "XT"],
                "people": [{"person": "test-head", "position": "Head of Testland", "state": "XT"}],
            },
            "documents": [
                {
                    "document": "test-accord",
                    "action": "decision-signed",
                    "signature_lines": [
                        {"state": "XT", "shows": "signature", "person": "test-head"},
                        {"state": "AM", "shows": "dash"},
                    ],
                }
            ],
            "sources": ["test-3"],
        },
        MeetingKind.COUNCIL_SESSION,
    )
    ids["council session, held, no signature lines"] = add_record(
        project,
        "2014-03-03",
        {
            "title": "Test record: a council session that agreed a text",
            "series": "test-council",
            "status": "held",
            "documents": [{"document": "test-accord", "action": "text-agreed"}],
            "sources": ["test-3"],
        },
        MeetingKind.COUNCIL_SESSION,
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
        record = grown.dataset.by_id[record_id]
        assert (grown.site / record_path(record) / "index.html").is_file()
    kinds = {grown.dataset.by_id[record_id].kind for record_id in grown.added.values()}
    assert kinds == set(MeetingKind)


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_the_build_agrees_with_the_records(grown: Grown, check: Check) -> None:
    check(grown.site, grown.dataset)


def test_the_downloads_hold_the_new_records(grown: Grown) -> None:
    """site_checks compares the downloads with every record; here, the new ones by name."""
    new = [grown.dataset.by_id[record_id] for record_id in grown.added.values()]
    assert {record.id for record in new} <= set(exported(grown.site))
    with (grown.site / "data/consultations.csv").open(encoding="utf-8", newline="") as file:
        assert {record.id for record in new} <= {row["id"] for row in csv.DictReader(file)}
    with (grown.site / "data/sources.csv").open(encoding="utf-8", newline="") as file:
        cited_by = {row["id"]: row["cited_by"] for row in csv.DictReader(file)}
    assert cited_by["test-2-ru"] == grown.added["no venue, several sources, one fact cited apart"]
    feed = feedparser.parse((grown.site / "feed.xml").read_bytes())
    assert {record_url(record) for record in new} <= {entry.link for entry in feed.entries}
    calendar = icalendar.Calendar.from_ical((grown.site / "data/consultations.ics").read_bytes())
    in_calendar = {str(event["url"]) for event in calendar.walk("VEVENT")}
    for record in new:
        assert (record_url(record) in in_calendar) == Exporter.in_calendar(record)


def _text_without_marks(item: Any) -> str:
    """An element's text without the numbers of its sources."""
    for mark in item.select("sup.ref"):
        mark.decompose()
    return " ".join(item.get_text().split())


def test_a_venue_with_only_a_name_reads_as_a_phrase(grown: Grown) -> None:
    page = read_page(grown.site, f"consultations/{grown.added['venue with only a name']}")
    places = [_text_without_marks(li) for li in page.select("article li") if "Place:" in li.text]
    assert places == [f"Place: {SEARCH_PHRASE} (the source does not name the city)"]


def _marks(element: Any) -> str:
    """The first source marks in an element: ``[1, 2]``."""
    assert element is not None
    mark = element.select_one("sup.ref")
    assert mark is not None, element
    return str(mark.get_text())


def test_a_fact_cited_apart_carries_its_own_source(grown: Grown) -> None:
    record_id = grown.added["no venue, several sources, one fact cited apart"]
    page = read_page(grown.site, f"consultations/{record_id}")
    # Sources are numbered in the order the record cites them: test-2, test-2-ru, test-2-en.
    assert _marks(page.select_one("article li")) == "[1, 2]"  # the date: the record's sources
    participants = page.find("h2", id="participants")
    assert participants is not None
    assert _marks(participants.find_next("p")) == "[2]"  # cite: participants
    contributions = page.find("h2", id="contributions")
    assert contributions is not None
    assert _marks(contributions.find_next("li")) == "[3]"  # the item's own sources


def test_the_expert_group_meeting_reads_as_one(grown: Grown) -> None:
    record_id = grown.added["expert group, with an observer"]
    text = article_text(read_page(grown.site, f"expert-groups/{record_id}"))
    assert "Expert-group meeting of the Test expert group on marsh cooperation" in text
    assert "1st meeting of this expert group, as the source states" in text
    assert "Format: videoconference" in text
    assert "Observers: Testland." in text.replace(" [1]", "")
    testland = dict(listed_meetings(grown.site, "states/testland"))
    assert testland[f"expert-groups/{record_id}"] == ["Took part as an observer"]
    cell = year_cell(grown.site, 2013, "20 November 2013 (expert group)", "Testland")
    assert cell == "observer"


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


def test_council_sessions_read_as_what_the_sources_say(grown: Grown) -> None:
    """A postponed session is a plan; a decision shows its signature lines and its map; the
    document's page tells its path in date order and what became of it."""
    postponed = grown.added["council session, postponed"]
    text = article_text(read_page(grown.site, f"council-sessions/{postponed}"))
    assert "Postponed: planned, not held on the date planned" in text
    page = read_page(grown.site, f"council-sessions/{postponed}")
    note = page.select_one("article .admonition")
    assert note is not None and "reported postponed" in note.get_text(), "the note holds it"
    assert "Planned place: Testville, Testland" in text
    assert "Place:" not in text.replace("Planned place:", "")
    assert "next session of the Test Council of Heads of Marsh on record" in text
    signed = grown.added["council session, held, with signature lines"]
    page = read_page(grown.site, f"council-sessions/{signed}")
    text = article_text(page)
    assert "Chair: Testland (the chairing state; the source names no person)" in text
    assert "decision signed (a decision on the document was signed;" in text
    assert re.search(r"Testland\s*:\s*Tess Head\s*;\s*Armenia\s*:\s*a dash, no signature\.", text)
    assert page.select("svg .cis-tile--signed") and page.select("svg .cis-tile--no-signature")
    testland = article_text(read_page(grown.site, "states/testland"))
    assert "The chairing state, as the source names it" in testland
    assert "(council session)" in testland
    assert re.search(
        r"Signature line under the decision on the\s+Test Accord on marsh cooperation\s*: "
        r"a signature",
        testland,
    )
    document = article_text(read_page(grown.site, "documents/test-accord"))
    assert "What became of it, as the sources state: decision signed" in document
    agreed, decided = document.find("text agreed"), document.find("decision signed (")
    assert 0 < agreed < decided, "the path is in date order"
