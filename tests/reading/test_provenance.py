"""Sources fact by fact, the founding text checked, and the expert-group meetings.

The refusals run through the real entry points (``consultations validate`` and
``mkdocs build --strict``) on a copy of the project; the page checks read the built
HTML of the real data, and only facts of named records that another record cannot
change.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..site.test_safe_build import snapshot
from ..support.project import ROOT, article_text, copy_project, read_page, run_mkdocs

pytestmark = pytest.mark.build

RECORD_2022 = Path("data/consultations/2022-12-06.yml")

# Each mistake, written into the 2022 record, and the field the refusal must name.
NOT_IN_THE_HELD_TEXT = {
    "a state the source does not list": (
        '["AM", "BY", "KZ", "KG", "RU", "TJ", "UZ"]',
        '["AM", "BY", "KZ", "KG", "RU", "TJ", "UZ", "AZ"]',
        "participants.states.7",
        "'Republic of Azerbaijan' (AZ)",
    ),
    "another person as chair": (
        "  person: natalya-zorya",
        "  person: alexey-borodin",
        "chair.person",
        "'Alexey Borodin'",
    ),
    "another city": ("city: Moscow", "city: Minsk", "venue.city", "'Minsk'"),
    "another count": ("discussed: 16", "discussed: 15", "questions.discussed", "count 15"),
    "another ordinal": ("number: 2", "number: 3", "number", "ordinal 3"),
    "a question with words added": (
        "- title: Current threats to information security",
        "- title: Current and emerging threats to information security",
        "questions.listed.0.title",
        "lists no question worded like this",
    ),
}


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("provenance")
    project = copy_project(base / "project")
    site = base / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, snapshot(site)


@pytest.mark.parametrize("case", list(NOT_IN_THE_HELD_TEXT), ids=list(NOT_IN_THE_HELD_TEXT))
def test_a_fact_the_held_text_does_not_state_is_refused(
    case: str, built_copy: tuple[Path, Path, dict[str, bytes]]
) -> None:
    project, site, before = built_copy
    old, new, field, words = NOT_IN_THE_HELD_TEXT[case]
    record = project / RECORD_2022
    good = record.read_text(encoding="utf-8")
    assert good.count(old) == 1, old
    record.write_text(good.replace(old, new), encoding="utf-8")
    try:
        line = next(
            number
            for number, text in enumerate(good.replace(old, new).splitlines(), 1)
            if new.strip() in text
        )
        checked = subprocess.run(
            [sys.executable, "-m", "cis_consultations.cli", "validate", "--today", "2026-01-01"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        built = run_mkdocs(project, site)
    finally:
        record.write_text(good, encoding="utf-8")
    for result in (checked, built):
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"data/consultations/2022-12-06.yml:{line}:" in output, output
        assert f": {field}: the held text of source 'rcc-2022-12-06'" in output, output
        assert words in output, output
        assert "Traceback" not in output
    assert snapshot(site) == before


def test_an_uncited_source_is_a_warning_that_does_not_fail_a_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sources = project / "data/sources.yml"
    described = sources.read_text(encoding="utf-8")
    sources.write_text(
        described
        + "unused-report:\n  publisher: Nobody\n  url: https://example.org/x\n  language: en\n",
        encoding="utf-8",
    )
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "unused-report: no record cites this source" in result.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "cis_consultations.cli", "validate"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0
    line = len(described.splitlines()) + 1
    assert f"data/sources.yml:{line}:1: warning: unused-report: no record cites" in checked.stdout


def test_the_2022_page_cites_fact_by_fact(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2022-12-06")
    text = article_text(page)
    marks = page.select("article sup.ref a[href^='#source-']")
    assert len(marks) >= 20  # date, place, chair, participants, count, 11 questions...
    for mark in marks:
        assert page.find(id=str(mark["href"])[1:]) is not None, mark
    # The place, the participants, the ordinal and the count are stated by both publishers.
    assert "Moscow, Russia[1, 2]" in text
    assert "2nd consultations, as the source states[1, 2]" in text
    assert "questions discussed; the other 5 are not named.[1, 2]" in text
    # ...the chair and the date only by the press release.
    assert "in the Field of Communications)[1]" in text
    assert "Date: 6 December 2022[1]" in text
    sources = page.find(id="sources")
    assert sources is not None
    listed = sources.find_next("ol")
    assert listed is not None
    items = [" ".join(item.get_text(" ").split()) for item in listed.find_all("li")]
    assert len(items) == 2
    assert "Regional Commonwealth in the Field of Communications" in items[0]
    assert "Kazinform" in items[1] and "8 December 2022" in items[1]
    assert "CIS countries enhance cooperation in information security" in items[1]
    assert "BelTA" in items[1] and "not an independent witness" in items[1]
    assert "Retrieved" not in text  # no retrieval date is known for either
    # The source's own sentence on how the chair was appointed, from the held text.
    assert "was appointed as the Chairman of the interdepartmental consultations" in text
    # What came next: the plan for the second half of 2023, linked.
    plan = page.find("a", string="the record of that plan")
    assert plan is not None and str(plan["href"]).endswith("2023-H2/")
    assert "planned for the second half of 2023" in text


def test_the_2024_page_cites_its_source(built_site: Path) -> None:
    page = read_page(built_site, "consultations/2024-12-19")
    assert page.select("article sup.ref a[href='#source-1']")
    assert page.select(
        "article a[href='https://en.rcc.org.ru/events-copy/sobytiya-copy_1035.html']"
    )
    assert "23 December 2024" in article_text(page)


def test_the_2021_meeting_shows_who_opened_and_who_chaired_and_no_city(built_site: Path) -> None:
    text = article_text(read_page(built_site, "expert-groups/2021-07-08"))
    assert (
        "Opened by: Mikhail Myskin (our name), Director of the Economic Cooperation Department"
        in text
    )
    assert (
        "Chair: Natalya Zorya, Deputy General Director of the Executive Committee of the "
        "Regional Commonwealth in the field of communications" in text
    )
    assert "Format: hybrid" in text
    assert (
        "Place: Office of the CIS Executive Committee (the source does not name the city)" in text
    )
    for city in ("Moscow", "Minsk"):
        assert city not in text
    assert "2nd meeting of this expert group" in text
    assert "consultations, as the source states" not in text


def test_the_joint_statement_follows_its_path_to_the_decision_and_claims_no_adoption(
    built_site: Path,
) -> None:
    """From the expert groups to the heads of state, in date order, each step in the
    weakest words its source supports: a decision signed, never an adoption."""
    text = article_text(read_page(built_site, "documents/joint-statement"))
    steps = [
        "15 July 2020",
        "main provisions agreed",
        "21 August 2020",
        "16 October 2020",
        "postponed",
        "10 December 2020",
        "text agreed",
        "18 December 2020",
        "decision signed (",
    ]
    places = [text.find(step, text.find("Its path across the meetings")) for step in steps]
    assert all(place > 0 for place in places) and places == sorted(places), places
    assert "What became of it, as the sources state: decision signed" in text
    assert "no source on record states" not in text
    assert not re.search(r"\badopted (on|in) \d", text)


def test_the_natalia_spelling_is_shown_with_its_source(built_site: Path) -> None:
    page = read_page(built_site, "people/natalya-zorya")
    text = article_text(page)
    assert "Also spelled: “Zorya Natalia Evgenievna”" in text
    assert page.select("article a[href$='sources/rcc-2021-07-08/']")


def test_the_held_text_lives_with_the_data() -> None:
    held = ROOT / "data/texts/rcc-2022-12-06.txt"
    founding = ROOT / "tests/sources/cis-infosec-consultations-2022-12-06.txt"
    assert held.read_bytes() == founding.read_bytes()
    assert shutil.which("git") is None or held.is_file()


def test_no_meeting_is_said_to_have_worked_on_the_strategy_itself(built_site: Path) -> None:
    text = article_text(read_page(built_site, "documents/strategy-2030"))
    assert "No meeting on record worked on this document itself" in text
    assert "Implemented by: Plan of priority measures" in text


def test_what_is_ours_is_marked_where_it_is_shown(built_site: Path) -> None:
    """A name no source gives carries "(our name)" wherever it is shown; our short name
    stays on the entry's own page, marked, and out of running text."""
    oewg = article_text(read_page(built_site, "organizations/un-oewg-2021-2025"))
    assert "Also written OEWG (our short name)" in oewg
    record = article_text(read_page(built_site, "consultations/2022-12-06"))
    assert "OEWG" not in record
    group = read_page(built_site, "expert-groups/2020-08-21")
    marks = group.select("article .ours")
    assert marks and all(mark.get_text() == "(our name)" for mark in marks)
    parent = marks[0].parent
    assert parent is not None and "Expert group on the draft Joint Statement" in parent.get_text()
    topic = article_text(read_page(built_site, "topics/cybercrime"))
    assert "The topic, its name and its description are ours" in topic


def test_a_fact_behind_relays_says_how_many_origins(built_site: Path) -> None:
    """UzA and Tashkent Times both report Uzbekistan's Foreign Ministry: with colsec.info
    they are three publishers but two origins, and the mark says so."""
    page = read_page(built_site, "expert-groups/2020-07-15")
    marks = [mark.get_text(" ", strip=True) for mark in page.select("article sup.ref")]
    assert any("3 publishers, 2 origins" in mark for mark in marks), marks
    assert any(mark.get("title") == "2 publishers, 2 origins" for mark in page.select("sup.ref"))
    sources = json.loads((built_site / "data" / "consultations.json").read_text())["sources"]
    by_id = {source["id"]: source for source in sources}
    assert (
        by_id["uza-2020-07-16"]["reports_from"] == by_id["tashkent-times-2020-07"]["reports_from"]
    )
