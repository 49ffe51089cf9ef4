"""The downloads, parsed with real parsers and checked against the records."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import Any

import feedparser
import icalendar
import pytest
import yaml

from cis_consultations.core.addresses import SiteSettings
from cis_consultations.core.contract import CONSULTATION_SCHEMA, schema_version
from cis_consultations.core.model import Dataset
from cis_consultations.downloads.exports import Exporter
from cis_consultations.pages.citation import NOT_KNOWN, cite
from cis_consultations.pages.structured import StructuredData, script_json
from cis_consultations.reading.dataset import load_dataset
from cis_consultations.reading.validation import validator

from ..support.project import FIXTURES, ROOT, TODAY, history_of_one_day

SETTINGS = SiteSettings(
    site_name="Test record",
    repository_url="https://github.com/example/repo",
    site_url="https://example.org/record/",
)
CHANGED = dt.date(2025, 3, 4)


@pytest.fixture(scope="module", params=["real", "minimal"])
def dataset(request: pytest.FixtureRequest) -> Dataset:
    data = ROOT / "data" if request.param == "real" else FIXTURES / "minimal"
    return load_dataset(data, root=data.parent, today=TODAY)


def exporter(dataset: Dataset) -> Exporter:
    return Exporter(dataset, SETTINGS, history_of_one_day(dataset, CHANGED))


def unresolve(value: Any) -> Any:
    """A resolved reference back to the id or code the YAML file holds."""
    if isinstance(value, dict):
        if "code" in value:
            return value["code"]
        if "id" in value:
            return value["id"]
    if isinstance(value, list):
        return [unresolve(item) for item in value]
    return value


def as_yaml_record(exported: dict[str, Any]) -> dict[str, Any]:
    """The exported record in the shape its YAML file has."""
    record = {
        key: value
        for key, value in exported.items()
        if key not in {"id", "url", "file", "last_changed", "kind", "fact_sources"}
    }
    if exported["kind"] == "consultations":
        del record["series"]
    record["date"] = exported["date"]["text"]
    record_sources = exported["sources"]
    for key in ("announced_in",):
        if key in record:
            record[key] = unresolve(record[key])
    for key in ("venue", "chair", "opened_by", "participants"):
        if key in record:
            record[key] = {name: unresolve(value) for name, value in record[key].items()}

    def item_as_yaml(item: dict[str, Any]) -> dict[str, Any]:
        # Every item carries its sources in the export; the YAML gives them only where
        # they differ from the record's.
        return {
            name: value if name == "next_meeting" and isinstance(value, str) else unresolve(value)
            for name, value in item.items()
            if not (name == "sources" and value == record_sources)
        }

    if "questions" in record and "listed" in record["questions"]:
        record["questions"]["listed"] = [
            item_as_yaml(question) for question in record["questions"]["listed"]
        ]
    for key in ("contributions", "outcomes", "documents"):
        if key in record:
            record[key] = [item_as_yaml(item) for item in record[key]]
    for document in record.get("documents", []):
        if "signature_lines" in document:
            document["signature_lines"] = [
                {name: unresolve(value) for name, value in line.items()}
                for line in document["signature_lines"]
            ]
    if "people" in record.get("participants", {}):
        record["participants"]["people"] = [
            item_as_yaml(person) for person in exported["participants"]["people"]
        ]
    return record


def test_json_export_reproduces_every_record_exactly(dataset: Dataset) -> None:
    document = json.loads(exporter(dataset).json())
    assert document["schema_version"] == schema_version() == "3"
    assert document["schema"] == "https://example.org/record/schema/consultation.schema.json"
    exported = {record["id"]: record for record in document["meetings"]}
    assert list(exported) == [record.id for record in dataset.meetings]
    checker = validator(CONSULTATION_SCHEMA)
    for record in dataset.meetings:
        source = ROOT / record.source_path
        if not source.is_file():
            source = FIXTURES / record.source_path
        in_yaml = yaml.safe_load(source.read_text(encoding="utf-8"))
        back = as_yaml_record(exported[record.id])
        assert back == in_yaml, record.id
        assert list(checker.iter_errors(back)) == []
        assert (
            exported[record.id]["url"]
            == f"https://example.org/record/{record.kind.folder}/{record.id}/"
        )
        assert exported[record.id]["last_changed"] == "2025-03-04"


def test_json_export_resolves_names_from_the_registries() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    document = json.loads(exporter(dataset).json())
    meeting = next(r for r in document["meetings"] if r["id"] == "2022-12-06")
    assert meeting["venue"]["country"]["name"] == "Russia"
    assert meeting["chair"]["person"]["name"] == "Natalya Zorya"
    assert [state["formal_name"] for state in meeting["participants"]["states"]][:2] == [
        "Republic of Armenia",
        "Republic of Belarus",
    ]
    assert meeting["questions"] == {"discussed": 16, "listed": meeting["questions"]["listed"]}
    assert len(meeting["questions"]["listed"]) == 11
    planned = next(r for r in document["meetings"] if r["id"] == "2023-H2")
    assert "number" not in planned and "venue" not in planned
    assert planned["date"] == {
        "text": "2023-H2",
        "precision": "half",
        "earliest": "2023-07-01",
        "latest": "2023-12-31",
    }


def test_csv_rows_match_the_records(dataset: Dataset) -> None:
    out = exporter(dataset)
    rows = list(csv.DictReader(io.StringIO(out.consultations_csv())))
    assert [row["id"] for row in rows] == [record.id for record in dataset.meetings]
    for row, record in zip(rows, dataset.meetings, strict=True):
        assert row["title"] == record.title
        assert row["status"] == record.status.value
        assert row["date"] == record.date.text
        assert row["states"].split(";") == (list(record.states) or [""])
        assert row["number"] == (str(record.number) if record.number else "")
        assert int(row["questions_listed"]) == len(record.questions)
    participation = list(csv.DictReader(io.StringIO(out.participation_csv())))
    assert len(participation) == sum(
        len(record.participating_states) for record in dataset.meetings
    )
    pairs = {(row["meeting_id"], row["state_code"], row["role"]) for row in participation}
    assert pairs == {
        (record.id, code, record.role_of(code).value)  # type: ignore[union-attr]
        for record in dataset.meetings
        for code in record.participating_states
    }
    for row in participation:
        assert row["state_name"] == dataset.states[row["state_code"]].name


def test_calendar_has_held_meetings_as_all_day_events_and_no_plans(dataset: Dataset) -> None:
    calendar = icalendar.Calendar.from_ical(exporter(dataset).calendar())
    events = list(calendar.walk("VEVENT"))
    held = [r for r in dataset.meetings if r.is_held and r.date.is_exact]
    assert [str(event["summary"]) for event in events] == [
        record.title + ("" if record.is_consultation else f" ({record.kind.label.lower()})")
        for record in held
    ]
    for event, record in zip(events, held, strict=True):
        start = event.decoded("dtstart")
        assert type(start) is dt.date and start == record.date.start
        assert event.decoded("dtend") == record.date.start + dt.timedelta(days=1)
        assert str(event["uid"]) == f"consultation-{record.id}@example.org"
        assert str(event["url"]) == f"https://example.org/record/{record.kind.folder}/{record.id}/"
        assert str(event["status"]) == "CONFIRMED"
    planned = [r for r in dataset.meetings if not r.is_held]
    assert planned, "the data should have a planned meeting to leave out"
    summaries = {str(event["summary"]) for event in events}
    assert all(record.title not in summaries for record in planned)


def test_feed_is_valid_atom_with_one_entry_per_record(dataset: Dataset) -> None:
    parsed = feedparser.parse(exporter(dataset).feed())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Test record"
    assert [entry.id for entry in parsed.entries] == [
        f"https://example.org/record/{record.kind.folder}/{record.id}/"
        for record in dataset.meetings
    ]
    assert [entry.title for entry in parsed.entries] == [
        record.title for record in dataset.meetings
    ]
    assert all(entry.updated.startswith("2025-03-04") for entry in parsed.entries)


def test_feed_and_calendar_escape_text_from_records() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    record = dataset.consultations[0]
    hostile = 'Talks <b>&amp;</b> ]]> "quoted" </entry><entry>'
    changed = Dataset(
        states=dataset.states,
        organizations=dataset.organizations,
        people=dataset.people,
        topics=dataset.topics,
        meetings=(dataclasses.replace(record, title=hostile),),
        sources=dataset.sources,
    )
    parsed = feedparser.parse(exporter(changed).feed())
    assert not parsed.bozo and len(parsed.entries) == 1
    assert parsed.entries[0].title == hostile
    events = list(icalendar.Calendar.from_ical(exporter(changed).calendar()).walk("VEVENT"))
    assert [str(event["summary"]) for event in events] == [hostile]


def test_json_ld_agrees_with_the_record() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    data = StructuredData(dataset, SETTINGS)
    meeting = data.event(dataset.by_id["2022-12-06"])
    assert meeting["@type"] == "Event" and meeting["@context"] == "https://schema.org"
    assert meeting["name"] == dataset.by_id["2022-12-06"].title
    assert meeting["startDate"] == "2022-12-06"
    assert meeting["eventStatus"] == "https://schema.org/EventScheduled"
    assert meeting["location"]["name"] == "CIS Executive Committee Office"
    assert meeting["location"]["address"]["addressLocality"] == "Moscow"
    assert [item["alternateName"] for item in meeting["attendee"][:7]] == [
        dataset.states[code].name for code in dataset.by_id["2022-12-06"].states
    ]
    assert meeting["superEvent"]["@type"] == "EventSeries"
    # The founding press release first, then the second publisher of the same report.
    assert [item["url"] for item in meeting["citation"]][:2] == [
        "https://en.rcc.org.ru/events-copy/sobytiya-copy_568.html",
        "https://www.inform.kz/en/cis-countries-enhance-cooperation-in-information-security_a4011008/amp",
    ]
    assert "eventAttendanceMode" not in meeting  # no source gives the 2022 format
    hybrid = data.event(dataset.by_id["2021-07-08"])
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert "superEvent" not in hybrid  # not a meeting of the consultations series
    observed = data.event(dataset.by_id["2020-07-15"])
    assert [item["description"] for item in observed["attendee"] if "description" in item] == [
        "Took part as an observer."
    ]
    assert "organizer" not in meeting
    no_place = data.event(dataset.by_id["2024-12-19"])
    assert "location" not in no_place and no_place["startDate"] == "2024-12-19"
    planned = data.event(dataset.by_id["2023-H2"])
    for claim in ("startDate", "eventStatus", "location", "attendee", "organizer"):
        assert claim not in planned
    assert "no record of it being held" in planned["description"]


@pytest.mark.parametrize(
    "title", ["</script><script>alert(1)</script>", "a <!-- b & c --> d", "</SCRIPT >"]
)
def test_json_ld_cannot_close_its_script_element(title: str) -> None:
    text = script_json({"name": title})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": title}


def test_citation_gives_url_and_last_change_or_says_not_known() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    record = dataset.by_id["2022-12-06"]
    url = "https://example.org/record/consultations/2022-12-06/"
    known = cite(record, site_name="Test record", url=url, last_changed=CHANGED)
    assert known.reference == (
        f"Test record. “{record.title}”. Record 2022-12-06, last changed 4 March 2025. {url}"
    )
    assert known.bibtex.startswith("@misc{cis-consultations-2022-12-06,\n")
    assert f"url = {{{url}}}" in known.bibtex and "date = {2025-03-04}" in known.bibtex
    unknown = cite(record, site_name="Test record", url=url, last_changed=None)
    assert unknown.last_changed == NOT_KNOWN
    assert "date of last change not known" in unknown.reference
    assert "date =" not in unknown.bibtex and "last changed: not known" in unknown.bibtex


def test_bibtex_escapes_what_latex_would_read() -> None:
    dataset = load_dataset(ROOT / "data", today=TODAY)
    record = dataset.by_id["2022-12-06"]
    hostile = dataclasses.replace(record, title="50% of {x} & $y_1 #2} \\end")
    entry = cite(hostile, site_name="T", url="https://example.org/", last_changed=None).bibtex
    title = next(line for line in entry.splitlines() if line.startswith("  title"))
    assert title == r"  title = {50\% of \{x\} \& \$y\_1 \#2\} \textbackslash{}end},"
    depth = 0
    for index, char in enumerate(entry):
        if char in "{}" and (index == 0 or entry[index - 1] != "\\"):
            depth += 1 if char == "{" else -1
            assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(start: str) -> None:
    """OWASP's advice on CSV injection: such a cell starts with a single quote."""
    dataset = load_dataset(ROOT / "data", today=TODAY)
    record = dataset.consultations[0]
    title = f'{start}HYPERLINK("https://example.org/","click")'
    publisher = f"{start}SUM(1+1)*cmd|calc"
    source_id = record.sources[0]
    changed = dataclasses.replace(
        dataset,
        meetings=(dataclasses.replace(record, title=title),),
        sources={
            **dataset.sources,
            source_id: dataclasses.replace(dataset.sources[source_id], publisher=publisher),
        },
    )
    out = exporter(changed)
    (row,) = csv.DictReader(io.StringIO(out.consultations_csv()))
    assert row["title"] == f"'{title}"
    sources = {row["id"]: row for row in csv.DictReader(io.StringIO(out.sources_csv()))}
    assert sources[source_id]["publisher"] == f"'{publisher}"
    for text in (out.consultations_csv(), out.participation_csv(), out.sources_csv()):
        for cells in csv.reader(io.StringIO(text)):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_feed_and_calendar_carry_the_version_of_the_format(dataset: Dataset) -> None:
    """Where the standard allows: a foreign element in Atom, an X- property in iCalendar."""
    export = exporter(dataset)
    parsed = feedparser.parse(export.feed())
    assert not parsed.bozo
    schema_url = f"https://example.org/record/schema/{CONSULTATION_SCHEMA}"
    assert parsed.namespaces["record"] == schema_url
    assert parsed.feed.record_schema_version == schema_version()
    assert {"rel": "describedby", "type": "application/schema+json", "href": schema_url} in [
        dict(link) for link in parsed.feed.links
    ]
    calendar = icalendar.Calendar.from_ical(export.calendar())
    assert str(calendar["X-SCHEMA-VERSION"]) == schema_version()
    package = json.loads(export.datapackage())
    assert package["version"] == package["schema_version"] == schema_version()


def entries_by_what(parsed: Any) -> tuple[list[Any], list[Any]]:
    """A feed's entries of meetings, and its entries of changes to them."""
    changes = [entry for entry in parsed.entries if "change" in {tag.term for tag in entry.tags}]
    return [entry for entry in parsed.entries if entry not in changes], changes


def test_each_state_organization_topic_and_document_has_a_valid_feed(dataset: Dataset) -> None:
    feeds = dict(exporter(dataset).entity_feeds())
    assert len(feeds) == (
        len(dataset.states)
        + len(dataset.organizations)
        + len(dataset.topics)
        + len(dataset.documents)
    )
    for uri, feed in feeds.items():
        assert uri.startswith("feed-") and uri.endswith(".xml")
        parsed = feedparser.parse(feed)
        assert not parsed.bozo, (uri, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.id == f"https://example.org/record/{uri}"
        assert parsed.feed.record_schema_version == schema_version()
        updated = [entry.updated for entry in parsed.entries]
        meetings, changes = entries_by_what(parsed)
        assert all(entry.link == entry.id for entry in meetings)
        # Each change to one of those meetings links the changes on the meeting's page.
        assert all(entry.link.endswith("/#changes") for entry in changes)
        assert {change.link.split("#")[0] for change in changes} <= {
            meeting.link for meeting in meetings
        }
        assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)
        assert all(entry.summary for entry in parsed.entries)
        assert parsed.feed.updated == max(updated, default="1970-01-01T00:00:00Z")


def test_a_state_s_feed_holds_its_meetings_newest_first(dataset: Dataset) -> None:
    for state in dataset.states.values():
        parsed = feedparser.parse(
            dict(exporter(dataset).entity_feeds())[f"feed-states-{state.slug}.xml"]
        )
        links = [entry.link for entry in entries_by_what(parsed)[0]]
        took_part = [
            f"https://example.org/record/{record.kind.folder}/{record.id}/"
            for record in dataset.meetings
            if state.code in record.participating_states
        ]
        assert set(took_part) <= set(links), state.code
        order = [record.id for record in dataset.meetings]
        ids = [link.rstrip("/").rsplit("/", 1)[1] for link in links]
        assert ids == sorted(ids, key=order.index), state.code
        assert parsed.feed.title == f"Test record: {state.name}"
        assert parsed.feed.link == f"https://example.org/record/states/{state.slug}/"
