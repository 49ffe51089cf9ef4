"""The data products in a real build: downloads, head tags, JSON-LD, participation, citations."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from cis_consultations.core.contract import schema_version

from ..support.project import ROOT, article_text, copy_project, read_page, run_mkdocs
from ..support.site_checks import SITE_URL, exported, json_ld

pytestmark = pytest.mark.build


def test_the_data_page_says_the_2023_plan_is_not_in_the_calendar(built_site: Path) -> None:
    text = article_text(read_page(built_site, "data"))
    assert "planned for the second half of 2023" in text.split("What the calendar leaves out")[1]
    assert "2023-H2" not in (built_site / "data/consultations.ics").read_text(encoding="utf-8")


def test_json_ld_of_the_named_records(built_site: Path) -> None:
    """Facts of named records; every record's JSON-LD is checked in site_checks."""
    planned = json_ld(read_page(built_site, "consultations/2023-H2"))
    assert "startDate" not in planned and "eventStatus" not in planned
    held = json_ld(read_page(built_site, "consultations/2022-12-06"))
    assert held["eventStatus"] == "https://schema.org/EventScheduled"
    assert held["location"] == {
        "@type": "Place",
        "name": "CIS Executive Committee Office",
        "address": {"@type": "PostalAddress", "addressLocality": "Moscow", "addressCountry": "RU"},
    }
    assert "location" not in json_ld(read_page(built_site, "consultations/2024-12-19"))
    expert_group = json_ld(read_page(built_site, "expert-groups/2020-07-15"))
    assert "superEvent" not in expert_group  # the series is the consultations'
    observers = [item for item in expert_group["attendee"] if item.get("description")]
    assert [(item["name"], item["description"]) for item in observers] == [
        ("Republic of Moldova", "Took part as an observer.")
    ]
    assert held["superEvent"]["@type"] == "EventSeries"


def test_state_and_organization_json_ld_match_the_event_attendees(built_site: Path) -> None:
    event = json_ld(read_page(built_site, "consultations/2022-12-06"))
    attendees = {item["@id"]: item for item in event["attendee"]}
    state = json_ld(read_page(built_site, "states/kyrgyzstan"))
    assert state["@id"] in attendees and state["name"] == "Kyrgyz Republic"
    assert attendees[state["@id"]]["name"] == state["name"]
    assert {
        f"{SITE_URL}consultations/2022-12-06/",
        f"{SITE_URL}consultations/2024-12-19/",
        f"{SITE_URL}expert-groups/2021-07-08/",
    } <= {item["url"] for item in state["@reverse"]["attendee"]}
    organization = json_ld(read_page(built_site, "organizations/rcc-executive-committee"))
    assert organization["@id"] in attendees
    assert organization["parentOrganization"]["name"] == (
        "Regional Commonwealth in the Field of Communications"
    )


def test_participation_page_is_linked_from_home_and_the_navigation(built_site: Path) -> None:
    """Its tables are checked against the records in site_checks, their wording in test_render."""
    home = read_page(built_site, "")
    hrefs = {str(a["href"]) for a in home.select("article a[href]")}
    assert {"participation/", "data/"} <= hrefs
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary > ul > li > a")]
    assert "Participation" in nav
    assert "Tagged in " in article_text(read_page(built_site, "topics/un-processes"))


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


def test_the_data_page_says_where_each_download_gives_the_version(built_site: Path) -> None:
    versions = article_text(read_page(built_site, "data")).split("Versions of the format")[1]
    for where in ("schema_version", "data package", "feeds", "X-SCHEMA-VERSION", "CSV"):
        assert where in versions, where
    assert f"now {schema_version()}" in versions


def test_a_state_s_feed_holds_its_meetings_and_its_page_links_it(built_site: Path) -> None:
    parsed = feedparser.parse((built_site / "feed-states-kyrgyzstan.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert {
        f"{SITE_URL}consultations/2022-12-06/",
        f"{SITE_URL}consultations/2024-12-19/",
        f"{SITE_URL}expert-groups/2021-07-08/",
    } <= {entry.link for entry in parsed.entries}
    page = read_page(built_site, "states/kyrgyzstan")
    (head,) = page.select('head link[rel="alternate"][href$="kyrgyzstan.xml"]')
    assert str(head["title"]).endswith(": Kyrgyzstan")
    assert "Follow Kyrgyzstan: its meetings as an Atom feed" in article_text(page)
