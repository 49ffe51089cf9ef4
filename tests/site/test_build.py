"""One real ``mkdocs build --strict`` of the project, checked page by page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cis_consultations.core.layout import REGISTRIES
from cis_consultations.core.model import Dataset

from ..support.project import ROOT, SOURCES, article_text, read_page
from ..support.site_checks import CHECKS, Check, listed_meetings, year_cell

pytestmark = pytest.mark.build

SOURCE_2022 = SOURCES / "cis-infosec-consultations-2022-12-06.txt"


def source_questions() -> list[str]:
    """The questions the 2022 source lists, normalised as the record keeps them."""
    items = [
        line[1:].strip().rstrip(";.").strip()
        for line in SOURCE_2022.read_text(encoding="utf-8").splitlines()
        if line.startswith("- ")
    ]
    return [re.sub(r"^on ", "", item).lower() for item in items]


def test_the_2022_page_states_every_fact_of_its_source(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2022-12-06")
    # The map names every state of the registry, those not listed as such
    # (tests/test_figures_site.py checks what it marks): the text is read without it.
    for figure in page.select("figure.cis-figure"):
        figure.decompose()
    text = article_text(page)
    for fact in (
        "6 December 2022",
        "2nd consultations, as the source states",
        "CIS Executive Committee Office, Moscow, Russia",
        "Natalya Zorya, Deputy Director-General of the RCC Executive Committee",
        "The source lists 11 of the 16 questions discussed",
        "Cooperation in the field of information security implemented in the framework of "
        "international organizations",
        "The functioning and development of a secure Internet space",
        "Interagency cooperation",
    ):
        assert fact in text, fact
    states = [a.get_text() for a in page.select("article a[href*='states/']")]
    assert set(states) >= {
        "Armenia",
        "Belarus",
        "Kazakhstan",
        "Kyrgyzstan",
        "Russia",
        "Tajikistan",
        "Uzbekistan",
    }
    assert "Azerbaijan" not in text
    organizations = {a.get_text() for a in page.select("article a[href*='organizations/']")}
    assert {
        "CIS Executive Committee",
        "Executive Committee of the Regional Commonwealth in the Field of Communications",
    } <= organizations
    sources = [a["href"] for a in page.select("article a[href^='https://en.rcc.org.ru']")]
    assert sources == ["https://en.rcc.org.ru/events-copy/sobytiya-copy_568.html"]
    edit = page.find("a", string="Edit this record")
    assert edit is not None
    assert str(edit["href"]).endswith("/edit/main/data/consultations/2022-12-06.yml")


def test_the_2022_page_lists_exactly_the_questions_of_the_source(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2022-12-06")
    heading = page.find(id="questions-discussed")
    assert heading is not None
    listed = heading.find_next("ol")
    assert listed is not None
    titles = [
        re.sub(
            r" ?\[ ?\d+( ?, ?\d+)* ?\]", "", " ".join(item.get_text(" ").split()).replace(" ,", ",")
        )
        .split(" — names ")[0]
        .split(". Topics:")[0]
        for item in listed.find_all("li")
    ]
    assert [title.lower().strip() for title in titles] == source_questions()


def test_the_2024_page_claims_no_chair_place_or_count(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2024-12-19")
    text = article_text(page)
    assert "19 December 2024" in text
    assert "Place: not stated in the source" in text
    assert "Chair: not stated in the source" in text
    assert "Moscow" not in text and "Zorya" not in text
    assert "Questions discussed" not in text and "questions" not in text.lower().replace(
        "how to correct", ""
    )
    assert "Number in the series: not stated in the source" in text
    for state in (
        "Armenia",
        "Azerbaijan",
        "Belarus",
        "Kazakhstan",
        "Kyrgyzstan",
        "Russia",
        "Tajikistan",
        "Uzbekistan",
    ):
        assert state in text
    assert "Regional Commonwealth in the Field of Communications" in text
    assert "CIS Executive Committee" in text
    assert text.count("Alexey Borodin") == 3
    assert "World Summit on the Information Society" in text
    assert "WSIS" not in text  # our label, not the source's: a search term of the topic


def test_the_planned_meeting_never_reads_as_upcoming(built_site: Path) -> None:
    text = article_text(read_page(built_site, "consultations/2023-H2"))
    assert (
        "Planned for the second half of 2023, as reported after the 6 December 2022 "
        "consultations; no record of it being held." in text
    )
    for claim in ("upcoming", "will be held", "third", "Third", "scheduled"):
        assert claim not in text
    home = article_text(read_page(built_site, ""))
    assert "planned for the second half of 2023 (planned, no record of it being held)" in home


def test_the_2022_questions_are_on_their_topic_pages(built_site: Path) -> None:
    """Each question of the 2022 source is listed under the 2022 record by each topic it is
    tagged with (on the topic's page or its year pages)."""
    listed = {}
    for topic in sorted((built_site / "topics").iterdir()):
        if not (topic / "index.html").is_file() or topic.name == "index.html":
            continue
        for where, lines in listed_meetings(built_site, f"topics/{topic.name}"):
            if where == "consultations/2022-12-06":
                listed[topic.name] = " ".join(lines).lower()
    for question in source_questions():
        assert any(question in text for text in listed.values()), question
    assert "combating information crime" in listed["un-processes"]  # tagged with two topics
    assert "combating information crime" in listed["cybercrime"]


def state_meetings(site: Path, slug: str) -> dict[str, list[str]]:
    """What a state's list says of each meeting: {record path: its lines}."""
    return dict(listed_meetings(site, f"states/{slug}"))


def test_azerbaijan_is_listed_in_2024_and_not_in_2022(built_site: Path) -> None:
    """Two named records' facts; the counts across the records are checked in site_checks."""
    page = read_page(built_site, "states/azerbaijan")
    assert "Republic of Azerbaijan" in article_text(page)
    meetings = state_meetings(built_site, "azerbaijan")
    assert meetings["consultations/2024-12-19"] == ["Took part"]
    assert "consultations/2022-12-06" not in meetings
    assert year_cell(built_site, 2024, "19 December 2024", "Azerbaijan") == "attended"
    assert year_cell(built_site, 2022, "6 December 2022", "Azerbaijan") == "not listed"


def test_moldova_took_part_as_an_observer(built_site: Path) -> None:
    """The 2020-07-15 expert-group meeting names Moldova as an observer."""
    page = read_page(built_site, "states/moldova")
    text = article_text(page)
    assert "Republic of Moldova" in text and "ISO 3166-1's" not in text  # a source gives it
    meetings = state_meetings(built_site, "moldova")
    assert meetings["expert-groups/2020-07-15"] == ["Took part as an observer"]
    assert year_cell(built_site, 2020, "15 July 2020 (expert group)", "Moldova") == "observer"


@pytest.mark.parametrize("check", CHECKS, ids=[check.__name__ for check in CHECKS])
def test_the_build_agrees_with_the_records(
    built_site: Path, built_dataset: Dataset, check: Check
) -> None:
    """Every data-dependent check, on the real build (test_new_records runs them on a copy)."""
    check(built_site, built_dataset)


def test_the_contributing_page_shows_every_registry_field(built_site: Path) -> None:
    page = read_page(built_site, "contributing")
    for name in REGISTRIES:
        heading = page.find("h4", id=name)
        assert heading is not None, name
        paragraph = heading.find_next("p")
        assert paragraph is not None and paragraph.get_text().startswith(f"data/{name}.yml: ")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in page.select("article table tbody tr")
    ]
    formal_name = next(row for row in rows if row[0] == "formal_name")
    assert formal_name[1] == "text, required"
    assert "Where no source gives one, take ISO 3166-1's formal name" in formal_name[2]
    assert "<!-- field-dictionary" not in article_text(page)


def test_the_schema_is_published_with_the_site(built_site: Path) -> None:
    published = json.loads((built_site / "schema" / "consultation.schema.json").read_text())
    shipped = json.loads(
        (ROOT / "src/cis_consultations/schema/consultation.schema.json").read_text()
    )
    assert published == shipped
