"""Page generation as plain functions: no MkDocs involved."""

from __future__ import annotations

import dataclasses
import html
import re
from collections import defaultdict

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from cis_consultations.core.dates import PartialDate
from cis_consultations.core.entries import Person
from cis_consultations.core.model import Dataset, MeetingKind, Question, Venue
from cis_consultations.core.text import markdown_text
from cis_consultations.pages.base import CONSULTATION_SEARCH_BOOST, SOURCE_SEARCH_BOOST
from cis_consultations.pages.render import Renderer, SiteSettings
from cis_consultations.reading.dataset import load_dataset

from ..support.project import FIXTURES, ROOT, TODAY

SETTINGS = SiteSettings(
    site_name="Test site",
    repository_url="https://github.com/example/repo",
    site_url="https://example.org/record/",
)

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><script>alert(1)</script>',
    "[click](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "*emphasis* _under_ `code` {: onclick=alert(1) }",
    "# heading\n\n- list",
]


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(ROOT / "data", today=TODAY)


def pages_of(dataset: Dataset) -> dict[str, str]:
    return {page.src_uri: page.content for page in Renderer(dataset, SETTINGS).pages()}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_from_records_is_shown_never_interpreted(payload: str) -> None:
    rendered = markdown.markdown(str(markdown_text(payload)), extensions=["attr_list", "tables"])
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<em>" not in rendered and "<code>" not in rendered and "<h1" not in rendered
    # What the reader sees is the text itself (whitespace folded).
    visible = re.sub(r"<[^>]+>", "", rendered)
    assert html.unescape(visible) == " ".join(payload.split())


def test_every_page_of_the_site_is_generated(real: Dataset) -> None:
    pages = pages_of(real)
    expected = {
        "index.md",
        "consultations/index.md",
        "states/index.md",
        "organizations/index.md",
        "people/index.md",
        "topics/index.md",
        "participation/index.md",
        "expert-groups/index.md",
        "council-sessions/index.md",
        "sources/index.md",
        "documents/index.md",
        "changes/index.md",
        *(f"{record.kind.folder}/{record.id}.md" for record in real.meetings),
        *(f"sources/{source_id}.md" for source_id in real.sources),
        *(f"documents/{document_id}.md" for document_id in real.documents),
        *(f"states/{state.slug}.md" for state in real.states.values()),
        *(f"organizations/{org_id}.md" for org_id in real.organizations),
        *(f"people/{person_id}.md" for person_id in real.people),
        *(f"topics/{topic_id}.md" for topic_id in real.topics),
        # A page per year of participation.
        *(
            f"participation/{record.date.start.year}.md"
            for record in real.meetings
            if record.is_held or record.questions or any(c.topics for c in record.contributions)
        ),
    }
    assert expected <= set(pages)
    # The others are the year pages of a long list of an entity's meetings (test_paging.py).
    for uri in set(pages) - expected:
        found = re.fullmatch(r"(\w+/[^/]+)/(\d{4})(/\d+)?\.md", uri)
        assert found is not None and f"{found[1]}.md" in expected, uri
    assert "states/kyrgyzstan.md" in pages


def test_consultation_page_says_how_many_questions_are_listed(real: Dataset) -> None:
    page = pages_of(real)["consultations/2022-12-06.md"]
    assert "The source lists 11 of the 16 questions discussed" in page
    questions = page.split("## Questions discussed")[1].split("\n## ")[0]
    assert len(re.findall(r"^\d+\. ", questions, flags=re.MULTILINE)) == 11


def test_announced_meeting_is_a_reported_plan_not_an_upcoming_event(real: Dataset) -> None:
    page = pages_of(real)["consultations/2023-H2.md"]
    assert "Planned for the second half of 2023, as reported after the" in page
    assert "no record of it being held" in page
    assert "(2022-12-06.md)" in page  # links to the record that reported the plan
    for claim in ("upcoming", "will be held", "third", "Third", "Number in the series"):
        assert claim not in page


def test_pages_link_relative_so_the_site_works_under_a_sub_path(real: Dataset) -> None:
    for uri, content in pages_of(real).items():
        for target in re.findall(r"\]\(([^)]+)\)", content):
            assert not target.startswith("/"), (uri, target)


def test_record_strings_never_reach_markdown_raw(real: Dataset) -> None:
    payload = PAYLOADS[2] + PAYLOADS[3]
    first = real.meetings[-1]
    hostile = dataclasses.replace(first, title=payload, themes=(payload,))
    people = {key: Person(key, payload) for key in real.people}
    dataset = Dataset(
        states=real.states,
        organizations=real.organizations,
        people=people,
        topics=real.topics,
        meetings=(hostile, *real.meetings[:-1]),
        sources=real.sources,
        documents=real.documents,
        held_texts=real.held_texts,
    )
    pages = pages_of(dataset)
    page = pages[f"{first.kind.folder}/{first.id}.md"]
    _, front_matter, body = page.split("---\n", 2)
    assert "<script" not in body and "](javascript" not in body
    assert "&lt;script&gt;" in front_matter  # the meta description, escaped for <head>
    html_page = markdown.markdown(body, extensions=["attr_list", "tables"])
    assert "<script" not in html_page and 'href="javascript' not in html_page


def test_minimal_fixture_renders_people_and_topics(tmp_path: object) -> None:
    dataset = load_dataset(FIXTURES / "minimal", today=TODAY)
    pages = pages_of(dataset)
    assert "[First test meeting](../consultations/2021-05-04.md)" in pages["people/ann-example.md"]
    topic = pages["topics/alpha.md"]
    assert "Question about alpha" in topic and "Question about beta" in topic  # a short list
    state = pages["states/norway.md"]
    assert "| 1 of 1 |" in state
    assert "| attended |" in pages["participation/2021.md"]


def test_only_meeting_pages_are_boosted_and_source_pages_lowered_in_search(
    real: Dataset,
) -> None:
    for uri, content in pages_of(real).items():
        front_matter = yaml.safe_load(content.split("---\n")[1])
        boost = front_matter.get("search", {}).get("boost")
        folders = {record.kind.folder for record in real.meetings}
        folder, _, name = uri.partition("/")
        if folder in folders and name != "index.md":
            assert boost == CONSULTATION_SEARCH_BOOST, uri
        elif folder == "sources" and name != "index.md":
            assert boost == SOURCE_SEARCH_BOOST, uri
        else:
            assert boost is None, uri


def page_html(page: str) -> str:
    """A generated page's body as HTML, with the site's Markdown extensions that shape it."""
    body = page.split("---\n", 2)[2]
    html_text: str = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html"])
    return html_text


def page_text(page: str) -> str:
    """What a reader sees of a generated page's body, as one line."""
    return " ".join(BeautifulSoup(page_html(page), "html.parser").get_text().split())


def _table_cells(html_text: str, index: int) -> tuple[list[str], dict[str, list[str]]]:
    """The headers and the rows ({first cell: the others}) of the page's ``index``-th table."""
    table = BeautifulSoup(html_text, "html.parser").select("table")[index]
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    rows = {}
    for row in table.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        rows[cells[0]] = cells[1:]
    return headers, rows


def test_participation_tables_read_in_words() -> None:
    """Exact wording and totals, on data the test owns: the minimal fixture and one more."""
    minimal = load_dataset(FIXTURES / "minimal", today=TODAY)
    first = minimal.by_id["2021-05-04"]
    later = dataclasses.replace(
        first,
        id="2021-11-02",
        date=PartialDate.parse("2021-11-02"),
        states=("AM",),
        questions=(Question("Question about beta again", ("beta",)),),
    )
    expert_group = dataclasses.replace(
        first,
        id="2021-12-01",
        kind=MeetingKind.EXPERT_GROUP,
        series="child-body",
        number=None,
        date=PartialDate.parse("2021-12-01"),
        states=("AM",),
        observers=("NO",),
        questions=(),
        questions_discussed=None,
    )
    meetings = (expert_group, minimal.by_id["2022-H1"], later, first)
    dataset = dataclasses.replace(minimal, meetings=meetings)
    renderer = Renderer(dataset, SETTINGS)
    html_text = page_html(renderer.participation().content)
    headers, states = _table_cells(html_text, 0)
    # The kinds counted apart: two consultations and one expert-group meeting were held.
    assert headers == ["State", "Consultations", "Expert-group meetings", "First", "Last"]
    assert states == {
        "Armenia": ["2 of 2", "1 of 1", "4 May 2021", "1 December 2021"],
        "Kyrgyzstan": ["1 of 2", "0 of 1", "4 May 2021", "4 May 2021"],
        "Norway": ["1 of 2", "1 of 1", "4 May 2021", "1 December 2021"],
    }
    headers, years = _table_cells(html_text, 1)
    assert headers == ["Year", "Armenia", "Kyrgyzstan", "Norway"]
    assert years == {"2021": ["3 of 3", "1 of 3", "2 of 3"]}
    headers, topics = _table_cells(html_text, 2)
    assert headers == ["Topic", "Meetings", "Questions", "Contributions", "First", "Last"]
    assert topics == {
        "Beta": ["2 (recurs)", "2", "0", "4 May 2021", "2 November 2021"],
        "Alpha": ["1", "2", "0", "4 May 2021", "4 May 2021"],
    }
    (year,) = renderer.participation_years()
    assert year.src_uri == "participation/2021.md"
    html_text = page_html(year.content)
    headers, rows = _table_cells(html_text, 0)
    assert headers == ["Meeting", "Armenia", "Kyrgyzstan", "Norway"]
    assert rows == {
        "1 December 2021 (expert group)": ["attended", "not listed", "observer"],
        "2 November 2021": ["attended", "not listed", "not listed"],
        "4 May 2021": ["attended", "attended", "attended"],
    }
    headers, tagged = _table_cells(html_text, 1)
    assert headers == ["Date", "Topics"]
    assert tagged == {
        "2 November 2021": ["Beta (1 question)"],
        "4 May 2021": ["Alpha (2 questions); Beta (1 question)"],
    }
    beta = renderer.topic(dataset.topics["beta"]).content
    assert "Tagged in 2 of the 2 meetings with tagged questions or contributions" in beta
    norway = page_text(renderer.state(dataset.states["NO"]).content)
    assert (
        "recorded at 2 of the 3 held meetings on record (1 of 2 consultations, 1 of 1 "
        "expert-group meetings): first on 4 May 2021, last on 1 December 2021"
    ) in norway
    _, rows = _table_cells(page_html(renderer.state(dataset.states["NO"]).content), 0)
    assert rows == {"2021": ["2 of 3"]}
    # ...and its meetings, newest first, each with its role (a short list: on the page).
    assert re.search(
        r"1 December 2021: .* \(expert group\) Took part as an observer "
        r"(?:(?!Took part).)*4 May 2021: .* Took part",
        norway,
    ), norway
    kyrgyzstan = page_text(renderer.state(dataset.states["KG"]).content)
    assert "recorded at 1 of the 3 held meetings on record (1 of 2 consultations," in kyrgyzstan
    assert "0 of 1 expert-group meetings), on 4 May 2021." in kyrgyzstan


@pytest.mark.parametrize(
    ("name", "city", "country", "place"),
    [
        ("Test Hall", "Yerevan", "AM", "Test Hall, Yerevan, Armenia"),
        ("Test Hall", "Yerevan", None, "Test Hall, Yerevan"),
        ("Test Hall", None, "AM", "Test Hall, Armenia (the source does not name the city)"),
        ("Test Hall", None, None, "Test Hall (the source does not name the city)"),
        (None, "Yerevan", "AM", "Yerevan, Armenia"),
        (None, "Yerevan", None, "Yerevan"),
        (None, None, "AM", "Armenia"),
    ],
)
def test_the_place_reads_as_a_phrase_whichever_parts_are_known(
    name: str | None, city: str | None, country: str | None, place: str
) -> None:
    minimal = load_dataset(FIXTURES / "minimal", today=TODAY)
    record = dataclasses.replace(
        minimal.by_id["2021-05-04"], venue=Venue(name=name, city=city, country=country)
    )
    body = Renderer(minimal, SETTINGS).consultation(record).content.split("---\n", 2)[2]
    page = BeautifulSoup(markdown.markdown(body), "html.parser")
    item = next(li for li in page.select("li") if li.get_text().startswith("Place:"))
    for mark in item.select("sup.ref"):
        mark.decompose()  # the numbers of the sources, after the place
    assert item.get_text() == f"Place: {place}"


@pytest.mark.parametrize(
    ("discussed", "listed", "states", "sentences"),
    [
        (None, 1, 1, ["The source lists 1 question; it gives no total.", "of 1 state:"]),
        (None, 2, 2, ["The source lists 2 questions; it gives no total.", "of 2 states:"]),
        (1, 0, 1, ["The source says 1 question was discussed and names none."]),
        (3, 0, 1, ["The source says 3 questions were discussed and names none."]),
        (1, 1, 1, ["The source lists the one question discussed."]),
        (2, 2, 1, ["The source lists all 2 questions discussed."]),
        (3, 2, 1, ["The source lists 2 of the 3 questions discussed; the other 1 is not named."]),
        (16, 2, 1, ["lists 2 of the 16 questions discussed; the other 14 are not named."]),
    ],
)
def test_counts_read_in_the_right_number(
    discussed: int | None, listed: int, states: int, sentences: list[str]
) -> None:
    minimal = load_dataset(FIXTURES / "minimal", today=TODAY)
    first = minimal.by_id["2021-05-04"]
    record = dataclasses.replace(
        first,
        questions_discussed=discussed,
        questions=first.questions[:listed],
        states=first.states[:states],
    )
    dataset = dataclasses.replace(minimal, meetings=(record,))
    renderer = Renderer(dataset, SETTINGS)
    page = page_text(renderer.consultation(record).content)
    for sentence in sentences:
        assert sentence in page
    state = page_text(renderer.state(dataset.states["AM"]).content)
    assert "recorded at 1 of the 1 held meeting on record" in state
    assert "All 1 record of the consultations" in renderer.consultation_index().content


def test_the_data_page_says_how_formulas_are_neutralised() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    page = Renderer(dataset, SETTINGS).data_page(defaultdict(int), [], 50)
    assert "formula" in page.content and "single quote" in page.content
