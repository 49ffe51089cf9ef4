"""One real ``mkdocs build --strict`` of the project, checked page by page."""

from __future__ import annotations

import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from cis_consultations.load import load_dataset

from .conftest import ROOT, TODAY, article_text, read_page

pytestmark = pytest.mark.build

SOURCE_2022 = Path(__file__).parent / "sources" / "cis-infosec-consultations-2022-12-06.txt"


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


def test_no_page_lists_a_question_the_sources_do_not(built_site: Path) -> None:
    known = set(source_questions())
    seen = 0
    for html_file in built_site.rglob("topics/*/index.html"):
        text = article_text(BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser"))
        for question in re.findall(
            r"Question: (.+?)(?= Question: | Contribution| \d{1,2} \w+ \d{4}:|$)", text
        ):
            assert question.strip().lower() in known, (html_file, question)
            seen += 1
    assert seen == 12  # 11 questions, one of them under two topics


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
    assert "WSIS+20" in text


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


def test_state_pages_show_participation_across_the_series(built_site: Path) -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    held = [record for record in dataset.meetings if record.is_held]
    for state in dataset.states.values():
        page = read_page(built_site, f"states/{state.slug}")
        text = article_text(page)
        assert state.formal_name in text
        took_part = [record for record in held if state.code in record.participating_states]
        assert f"recorded at {len(took_part)} of the {len(held)} held meetings" in text
        rows = page.select("article table tbody tr")
        cells = [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in rows]
        observed = [row for row in cells if row[-1] == "took part as an observer"]
        assert len(observed) == sum(state.code in record.observers for record in held)


def test_moldova_took_part_as_an_observer(built_site: Path) -> None:
    text = article_text(read_page(built_site, "states/moldova"))
    assert "took part as an observer" in text
    assert "ISO 3166-1's" in text  # no source gives its formal name


def test_every_page_is_reachable_from_home_and_every_link_resolves(built_site: Path) -> None:
    pages = {
        path.relative_to(built_site).parent.as_posix() for path in built_site.rglob("index.html")
    }
    base = "http://site.test/"
    seen: set[str] = set()
    queue = deque([""])
    while queue:
        current = queue.popleft()
        if current in seen:
            continue
        seen.add(current)
        page = read_page(built_site, current)
        for anchor in page.select("a[href]"):
            href = str(anchor["href"])
            url = urlparse(urljoin(f"{base}{current}/" if current else base, href))
            if url.netloc != "site.test":
                continue
            target = url.path.strip("/")
            if target.endswith((".json", ".xml", ".css", ".js", ".ics", ".csv")):
                assert (built_site / target).is_file(), (current, href)
                continue
            assert (built_site / target / "index.html").is_file(), (current, href)
            queue.append(target)
    pages.discard(".")
    seen.discard("")
    assert pages - seen == set()
    assert len(seen) >= 35


def test_every_page_has_a_description_and_nothing_leaves_the_host(built_site: Path) -> None:
    for html_file in built_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        description = page.find("meta", attrs={"name": "description"})
        assert description is not None and len(str(description["content"])) > 30, html_file
        assert "fonts.googleapis" not in html and "api.github.com" not in html
        for tag in page.select("script[src], link[href][rel=stylesheet], img[src]"):
            ref = str(tag.get("src") or tag.get("href"))
            assert not urlparse(ref).netloc, (html_file, ref)


def test_search_index_covers_every_record_and_registry_page(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for expected in (
        "consultations/2022-12-06/",
        "consultations/2023-H2/",
        "consultations/2024-12-19/",
        "states/kyrgyzstan/",
        "organizations/rcc-executive-committee/",
        "people/natalya-zorya/",
        "topics/cybercrime/",
    ):
        assert expected in locations


def test_the_schema_is_published_with_the_site(built_site: Path) -> None:
    published = json.loads((built_site / "schema" / "consultation.schema.json").read_text())
    shipped = json.loads(
        (ROOT / "src/cis_consultations/schema/consultation.schema.json").read_text()
    )
    assert published == shipped
