"""The data products in a real build: downloads, head tags, JSON-LD, participation, citations."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from cis_consultations.load import load_dataset
from cis_consultations.model import Dataset
from cis_consultations.render import human_size

from .conftest import ROOT, TODAY, article_text, copy_project, read_page, run_mkdocs

pytestmark = pytest.mark.build

_SITE_URL = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
assert _SITE_URL is not None
SITE_URL = _SITE_URL[1]
DOWNLOADS = (
    "data/consultations.json",
    "data/consultations.csv",
    "data/participation.csv",
    "data/sources.csv",
    "data/consultations.ics",
    "feed.xml",
    "schema/consultation.schema.json",
)


def json_ld(page: BeautifulSoup) -> dict[str, Any]:
    scripts = page.select('head script[type="application/ld+json"]')
    assert len(scripts) == 1
    document: dict[str, Any] = json.loads(scripts[0].get_text())
    return document


def exported(site: Path) -> dict[str, dict[str, Any]]:
    document = json.loads((site / "data/consultations.json").read_text(encoding="utf-8"))
    return {record["id"]: record for record in document["meetings"]}


def real_data() -> Dataset:
    """The project's records: expectations over the real build come from them."""
    return load_dataset(ROOT / "data", today=TODAY)


def test_data_page_lists_every_download_with_its_size(built_site: Path) -> None:
    page = read_page(built_site, "data")
    rows = page.select("article table tbody tr")
    listed = {}
    for row in rows:
        link = row.find("a")
        assert link is not None
        target = urljoin(f"{SITE_URL}data/", str(link["href"])).removeprefix(SITE_URL)
        listed[target] = row.find_all("td")[1].get_text(strip=True)
    assert set(listed) == set(DOWNLOADS)
    for uri, size in listed.items():
        assert size == human_size((built_site / uri).stat().st_size), uri
    text = article_text(page)
    assert "planned for the second half of 2023" in text.split("What the calendar leaves out")[1]


def test_every_download_parses_with_a_real_parser(built_site: Path) -> None:
    dataset = real_data()
    records = exported(built_site)
    assert list(records) == [record.id for record in dataset.meetings]
    with (built_site / "data/consultations.csv").open(encoding="utf-8", newline="") as file:
        assert [row["id"] for row in csv.DictReader(file)] == list(records)
    with (built_site / "data/participation.csv").open(encoding="utf-8", newline="") as file:
        assert len(list(csv.DictReader(file))) == sum(
            len(record.participating_states) for record in dataset.meetings
        )
    with (built_site / "data/sources.csv").open(encoding="utf-8", newline="") as file:
        assert [row["id"] for row in csv.DictReader(file)] == list(dataset.sources)
    calendar = icalendar.Calendar.from_ical((built_site / "data/consultations.ics").read_bytes())
    assert [event.decoded("dtstart").isoformat() for event in calendar.walk("VEVENT")] == [
        record.date.text for record in dataset.meetings if record.is_held and record.date.is_exact
    ]
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == len(dataset.meetings)
    assert {entry.link for entry in feed.entries} == {record["url"] for record in records.values()}
    assert all(record["url"].startswith(SITE_URL) for record in records.values())


def test_every_page_has_a_canonical_link_open_graph_and_the_feed(built_site: Path) -> None:
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) >= 35
    for html_file in pages:
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        canonical = page.select('head link[rel="canonical"]')
        assert len(canonical) == 1, html_file
        url = str(canonical[0]["href"])
        path = html_file.parent.relative_to(built_site).as_posix()
        assert url == SITE_URL + ("" if path == "." else f"{path}/")
        og = {
            str(tag["property"]): str(tag["content"])
            for tag in page.select('head meta[property^="og:"]')
        }
        assert og["og:url"] == url
        assert og["og:title"] and og["og:description"] and og["og:site_name"]
        feeds = page.select('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(feeds) == 1
        target = urljoin(url, str(feeds[0]["href"]))
        assert target == f"{SITE_URL}feed.xml", html_file


def test_json_ld_in_record_pages_agrees_with_the_record(built_site: Path) -> None:
    records = exported(built_site)
    dataset = real_data()
    for record_id, record in records.items():
        meeting = dataset.by_id[record_id]
        event = json_ld(read_page(built_site, f"{meeting.kind.folder}/{record_id}"))
        assert event["@type"] == "Event"
        assert event["name"] == record["title"]
        assert event["url"] == record["url"]
        if record["date"]["precision"] == "day":
            assert event["startDate"] == record["date"]["text"]
        else:
            assert "startDate" not in event
        venue = record.get("venue")
        if venue:
            # Any part of a venue may be unknown: a building without its city is valid.
            assert event["location"].get("name") == venue.get("name")
            address = event["location"].get("address", {})
            assert address.get("addressLocality") == venue.get("city")
            assert address.get("addressCountry") == venue.get("country", {}).get("code")
        else:
            assert "location" not in event
        participants = record.get("participants", {})
        expected = [
            state["formal_name"]
            for state in [*participants.get("states", []), *participants.get("observers", [])]
        ] + [org["name"] for org in participants.get("organizations", [])]
        assert [item["name"] for item in event.get("attendee", [])] == expected
        assert [item["url"] for item in event["citation"]] == [
            dataset.sources[source_id].url for source_id in meeting.all_sources()
        ]
        if meeting.is_consultation:
            assert event["superEvent"]["@type"] == "EventSeries"
        else:
            assert "superEvent" not in event
    planned = json_ld(read_page(built_site, "consultations/2023-H2"))
    assert "startDate" not in planned and "eventStatus" not in planned
    held = json_ld(read_page(built_site, "consultations/2022-12-06"))
    assert held["eventStatus"] == "https://schema.org/EventScheduled"


def test_state_and_organization_json_ld_match_the_event_attendees(built_site: Path) -> None:
    event = json_ld(read_page(built_site, "consultations/2022-12-06"))
    attendees = {item["@id"]: item for item in event["attendee"]}
    state = json_ld(read_page(built_site, "states/kyrgyzstan"))
    assert state["@id"] in attendees and state["name"] == "Kyrgyz Republic"
    assert attendees[state["@id"]]["name"] == state["name"]
    dataset = real_data()
    assert {item["url"] for item in state["@reverse"]["attendee"]} == {
        f"{SITE_URL}{record.kind.folder}/{record.id}/"
        for record in dataset.meetings
        if "KG" in record.participating_states
    }
    organization = json_ld(read_page(built_site, "organizations/rcc-executive-committee"))
    assert organization["@id"] in attendees
    assert organization["parentOrganization"]["name"] == (
        "Regional Commonwealth in the Field of Communications"
    )


def test_participation_page_is_a_real_table_in_words(built_site: Path) -> None:
    home = read_page(built_site, "")
    hrefs = {str(a["href"]) for a in home.select("article a[href]")}
    assert {"participation/", "data/"} <= hrefs
    page = read_page(built_site, "participation")
    states, topics = page.select("article table")
    dataset = real_data()
    held = sorted((r for r in dataset.meetings if r.is_held), key=lambda record: record.date)
    headers = [th.get_text(" ", strip=True) for th in states.select("thead th")]
    assert headers == [
        "State",
        *(
            record.date.label() + ("" if record.is_consultation else " (expert group)")
            for record in held
        ),
        "Attended",
        "First",
        "Last",
    ]
    rows = {
        cells[0]: cells[1:]
        for cells in (
            [td.get_text(" ", strip=True) for td in row.find_all("td")]
            for row in states.select("tbody tr")
        )
    }
    for state in dataset.states.values():
        took_part = [record for record in held if state.code in record.participating_states]
        expected = [
            "attended"
            if state.code in record.states
            else "observer"
            if state.code in record.observers
            else "not listed"
            if record.participating_states
            else "no list in source"
            for record in held
        ]
        assert rows[state.name] == [
            *expected,
            f"{len(took_part)} of {len(held)}",
            took_part[0].date.label() if took_part else "never",
            took_part[-1].date.label() if took_part else "never",
        ], state.name
    assert topics.select("tbody tr")
    topic_page = read_page(built_site, "topics/un-processes")
    assert "Tagged in " in article_text(topic_page)
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary > ul > li > a")]
    assert "Participation" in nav


def test_record_pages_have_a_citation_with_url_and_change_date(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2024-12-19")
    text = article_text(page)
    url = f"{SITE_URL}consultations/2024-12-19/"
    assert f"Record 2024-12-19 (date of last change not known). {url}" in text
    # The test build copies the project outside git: the date is said to be unknown.
    assert "Last changed: not known" in text
    bibtex = page.select_one("article pre.citation")
    assert bibtex is not None
    entry = bibtex.get_text()
    assert entry.startswith("@misc{cis-consultations-2024-12-19,\n")
    assert f"  url = {{{url}}},\n" in entry


HOSTILE = '</script><script>alert(1)</script> & <b>"quoted"</b>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    record = data / "consultations" / "2024-12-19.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace("title: Joint interdepartmental", f"title: {json.dumps(HOSTILE)} # Joint", 1),
        encoding="utf-8",
    )
    project = copy_project(base / "project", data)
    site = base / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_text_from_records_cannot_break_out_of_the_head(hostile_site: Path) -> None:
    html = (hostile_site / "consultations/2024-12-19/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = BeautifulSoup(html, "html.parser")
    assert page.title is not None and page.title.get_text().startswith(HOSTILE)
    for script in page.find_all("script"):
        assert "alert(1)" not in script.get_text() or script.get("type") == ("application/ld+json")
    assert json_ld(page)["name"] == HOSTILE
    og_title = page.select_one('head meta[property="og:title"]')
    assert og_title is not None and og_title["content"] == HOSTILE
    feed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert not feed.bozo and HOSTILE in {entry.title for entry in feed.entries}
    assert exported(hostile_site)["2024-12-19"]["title"] == HOSTILE


def test_a_build_without_site_url_stops_and_says_why(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        re.sub(r"^site_url: .*$", "", config.read_text(encoding="utf-8"), flags=re.MULTILINE),
        encoding="utf-8",
    )
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert "set site_url in mkdocs.yml" in result.stderr + result.stdout
