"""Checks of a built site against the records it was built from.

Each check takes the built site and the dataset loaded from the same ``data/`` and
derives every expectation from the records: counts, ids, columns, which states
attended. None names a record, so none turns red when a valid record is added. The
real build (``test_build.py``) and a copy with added records (``test_new_records.py``)
run the same list, :data:`CHECKS`. Facts of one named record, and exact wording, are
tested elsewhere: on the named record, or on fixtures the tests own.
"""

from __future__ import annotations

import csv
import json
import re
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import feedparser
import icalendar
from bs4 import BeautifulSoup
from scripts.serve_site import site_path

from cis_consultations.core.addresses import meeting_uri, state_uri
from cis_consultations.core.entries import State
from cis_consultations.core.model import Dataset, Meeting, MeetingKind
from cis_consultations.downloads.exports import Exporter
from cis_consultations.pages.render import human_size
from cis_consultations.pages.structured import ATTENDANCE_MODES, EVENT_STATUS

from .project import ROOT, article_text, read_page

_SITE_URL = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
assert _SITE_URL is not None
SITE_URL = _SITE_URL[1]
"""The published address (``site_url`` in ``mkdocs.yml``); every test build keeps it."""
SITE_ORIGIN = "http://site.test"
DOWNLOADS = (
    "data/consultations.json",
    "data/consultations.csv",
    "data/participation.csv",
    "data/sources.csv",
    "data/datapackage.json",
    "data/consultations.ics",
    "feed.xml",
    "changes.xml",
    "schema/consultation.schema.json",
)

Check = Callable[[Path, Dataset], None]


# Helpers -------------------------------------------------------------------------------


def json_ld(page: BeautifulSoup) -> dict[str, Any]:
    """The page's one JSON-LD document."""
    scripts = page.select('head script[type="application/ld+json"]')
    assert len(scripts) == 1
    document: dict[str, Any] = json.loads(scripts[0].get_text())
    return document


def exported(site: Path) -> dict[str, dict[str, Any]]:
    """The records of the JSON download, by id, in the file's order."""
    document = json.loads((site / "data/consultations.json").read_text(encoding="utf-8"))
    return {record["id"]: record for record in document["meetings"]}


def record_path(record: Meeting) -> str:
    """``consultations/2022-12-06``, ``expert-groups/2021-07-08``: the page's place."""
    return meeting_uri(record).removesuffix(".md")


def record_url(record: Meeting) -> str:
    return f"{SITE_URL}{record_path(record)}/"


def state_url(state: State) -> str:
    return f"{SITE_URL}{state_uri(state).removesuffix('.md')}/"


def held_oldest_first(dataset: Dataset) -> list[Meeting]:
    """The held meetings of every kind, oldest first: the participation table's columns."""
    return sorted((r for r in dataset.meetings if r.is_held), key=lambda r: r.date)


def presence(state: State, record: Meeting) -> str:
    """What a state's cell for one held record says, from the record alone."""
    if state.code in record.states:
        return "attended"
    if state.code in record.observers:
        return "observer"
    return "not listed" if record.participating_states else "no list in source"


def took_part(state: State, held: list[Meeting]) -> list[Meeting]:
    """The meetings a state took part in, as a member or an observer, in ``held``'s order."""
    return [record for record in held if state.code in record.participating_states]


def column_heading(record: Meeting) -> str:
    """A meeting's column heading in the participation table: its date, and its kind."""
    return record.date.label() + (f" ({record.kind.tag})" if record.kind.tag else "")


def by_name(dataset: Dataset) -> list[State]:
    """The states in the order of the participation tables' columns: by name."""
    return sorted(dataset.states.values(), key=lambda state: state.name)


def headers(table: Any) -> list[str]:
    return [th.get_text(" ", strip=True) for th in table.select("thead th")]


def body_rows(table: Any) -> list[list[str]]:
    """A table's body, each cell's text on one line (``a, b`` where the cell lists links)."""
    return [
        [cell.get_text(" ", strip=True).replace(" ,", ",") for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]


def table_rows(table: Any) -> dict[str, list[str]]:
    """A table's body as {first cell: the other cells}, each cell's text on one line."""
    rows = {}
    for row in table.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        rows[cells[0]] = cells[1:]
    return rows


def year_cell(site: Path, year: int, meeting: str, state: str) -> str:
    """One cell of a year's participation table: a meeting's row, a state's column."""
    table = read_page(site, f"participation/{year}").select_one("article .scroll-table table")
    assert table is not None
    headers = [cell.get_text(" ", strip=True) for cell in table.select("thead th")]
    for row in table.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        if cells[0] == meeting:
            return cells[headers.index(state)]
    raise AssertionError(f"no row {meeting!r} in participation/{year}")


def tagged(record: Meeting, topic_id: str) -> tuple[int, int]:
    """How many of the record's questions, and of its contributions, carry the topic."""
    return (
        sum(topic_id in question.topics for question in record.questions),
        sum(topic_id in item.topics for item in record.contributions),
    )


def topics_of(record: Meeting) -> list[str]:
    """The topics a record's questions and contributions carry, once each."""
    questions = [topic_id for question in record.questions for topic_id in question.topics]
    contributions = [topic_id for item in record.contributions for topic_id in item.topics]
    return list(dict.fromkeys([*questions, *contributions]))


# The checks ------------------------------------------------------------------------------


def check_downloads(site: Path, dataset: Dataset) -> None:
    """JSON, the three CSV files, the calendar and the feed hold exactly the records."""
    records = exported(site)
    ids = [record.id for record in dataset.meetings]
    assert list(records) == ids
    assert [record["url"] for record in records.values()] == [
        record_url(record) for record in dataset.meetings
    ]
    assert [record["kind"] for record in records.values()] == [
        record.kind.value for record in dataset.meetings
    ]
    with (site / "data/consultations.csv").open(encoding="utf-8", newline="") as file:
        assert [row["id"] for row in csv.DictReader(file)] == ids
    with (site / "data/participation.csv").open(encoding="utf-8", newline="") as file:
        rows = [(row["meeting_id"], row["state_code"], row["role"]) for row in csv.DictReader(file)]
    assert sorted(rows) == sorted(
        (record.id, code, "participant" if code in record.states else "observer")
        for record in dataset.meetings
        for code in record.participating_states
    )
    with (site / "data/sources.csv").open(encoding="utf-8", newline="") as file:
        cited_by = {row["id"]: row["cited_by"] for row in csv.DictReader(file)}
    assert list(cited_by) == list(dataset.sources)
    for source_id, citing in cited_by.items():
        assert (citing.split(";") if citing else []) == [
            record.id for record in dataset.meetings if source_id in record.all_sources()
        ], source_id
    calendar = icalendar.Calendar.from_ical((site / "data/consultations.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    in_calendar = [record for record in dataset.meetings if Exporter.in_calendar(record)]
    assert [str(event["url"]) for event in events] == [record_url(r) for r in in_calendar]
    assert [event.decoded("dtstart") for event in events] == [r.date.start for r in in_calendar]
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.link for entry in feed.entries] == [record_url(r) for r in dataset.meetings]


def check_data_page(site: Path, dataset: Dataset) -> None:
    """The data page lists every download with its size, and each record the calendar omits."""
    page = read_page(site, "data")
    listed = {}
    for row in page.select("article table tbody tr"):
        link = row.find("a")
        assert link is not None
        target = urljoin(f"{SITE_URL}data/", str(link["href"])).removeprefix(SITE_URL)
        listed[target] = row.find_all("td")[1].get_text(strip=True)
    assert set(listed) == set(DOWNLOADS)
    for uri, size in listed.items():
        assert size == human_size((site / uri).stat().st_size), uri
    left_out = article_text(page).split("What the calendar leaves out")[1]
    for record in dataset.meetings:
        assert (f"{record.title} — {record.date.label()}" in left_out) == (
            not Exporter.in_calendar(record)
        ), record.id


def check_record_json_ld(site: Path, dataset: Dataset) -> None:
    """Each record page's ``Event`` says what its record says, and nothing it leaves out."""
    for record in dataset.meetings:
        event = json_ld(read_page(site, record_path(record)))
        assert event["@type"] == "Event", record.id
        assert event["name"] == record.title
        assert event["url"] == record_url(record)
        if record.date.is_exact:
            assert event["startDate"] == record.date.text
        else:
            assert "startDate" not in event
        assert event.get("eventStatus") == EVENT_STATUS.get(record.status), record.id
        assert ("eventAttendanceMode" in event) == (record.format in ATTENDANCE_MODES), record.id
        assert [about["name"] for about in event.get("about", [])] == [
            dataset.documents[work.document].title for work in record.documents
        ], record.id
        venue = record.venue
        if venue is None:
            assert "location" not in event, record.id
        else:
            location = event["location"]
            assert location.get("name") == venue.name, record.id
            address = location.get("address", {})
            assert address.get("addressLocality") == venue.city, record.id
            assert address.get("addressCountry") == venue.country, record.id
            assert ("address" in location) == bool(venue.city or venue.country), record.id
        states = [dataset.states[code] for code in record.participating_states]
        organizations = [dataset.organizations[org_id] for org_id in record.organizations]
        attendees = event.get("attendee", [])
        assert [item["name"] for item in attendees] == [s.formal_name for s in states] + [
            o.name for o in organizations
        ], record.id
        assert [item["@id"] for item in attendees[: len(states)]] == [
            f"{state_url(state)}#state" for state in states
        ]
        observed = [item for item in attendees if item.get("description")]
        assert [item["@id"] for item in observed] == [
            f"{state_url(dataset.states[code])}#state" for code in record.observers
        ], record.id
        assert [item["url"] for item in event["citation"]] == [
            dataset.sources[source_id].url for source_id in record.all_sources()
        ], record.id
        if record.is_consultation:
            assert event["superEvent"]["@type"] == "EventSeries", record.id
        else:
            assert "superEvent" not in event, record.id


def check_record_sources(site: Path, dataset: Dataset) -> None:
    """Each record page lists at its foot every source the record cites, numbered in order.

    Sources the page cites for another record (what came next) follow them; every source
    listed is pointed to by a reference mark.
    """
    for record in dataset.meetings:
        page = read_page(site, record_path(record))
        heading = page.find("h2", id="sources")
        assert heading is not None, record.id
        listed = heading.find_next("ol")
        assert listed is not None, record.id
        items = listed.find_all("li", recursive=False)
        cited = [dataset.sources[source_id] for source_id in record.all_sources()]
        assert len(items) >= len(cited), record.id
        for item, source in zip(items, cited, strict=False):
            assert source.url in {str(anchor["href"]) for anchor in item.select("a[href]")}, (
                record.id,
                source.id,
            )
        # ...and lists no source that no mark on the page points to.
        marked = {str(mark["href"]) for mark in page.select("article sup.ref a[href^='#source-']")}
        for number in range(1, len(items) + 1):
            assert f"#source-{number}" in marked, (record.id, number)


def check_state_json_ld(site: Path, dataset: Dataset) -> None:
    """Each state page names the same node the events do, and the events it took part in."""
    for state in dataset.states.values():
        node = json_ld(read_page(site, f"states/{state.slug}"))
        assert node["@id"] == f"{state_url(state)}#state"
        assert node["name"] == state.formal_name
        attended = {record_url(r) for r in took_part(state, list(dataset.meetings))}
        # The events are named on the page that lists them: the state's, or a year's.
        reverse = [item["url"] for item in node.get("@reverse", {}).get("attendee", [])]
        folder = site / "states" / state.slug
        for html_file in sorted(folder.rglob("index.html")):
            if html_file.parent == folder:
                continue
            year_node = json_ld(BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser"))
            assert year_node["@id"] == node["@id"], html_file
            reverse += [item["url"] for item in year_node.get("@reverse", {}).get("attendee", [])]
        assert sorted(reverse) == sorted(attended), state.code


def check_participation(site: Path, dataset: Dataset) -> None:
    """The overview has a row per state, per year and per topic; a year's page a row per meeting.

    The overview's tables grow with the states, the years and the topics, never with the
    meetings: each year's page has a row per held meeting of the year (its kind said) and
    a column per state, and a row per meeting with tagged questions or contributions.
    """
    held = held_oldest_first(dataset)
    states = by_name(dataset)
    names = [state.name for state in states]
    page = read_page(site, "participation")
    summary, by_year, topics = page.select("article table")
    # The kinds are counted apart, a column each, in the order of MeetingKind.
    kinds = [kind for kind in MeetingKind if any(record.kind is kind for record in held)]
    assert headers(summary) == ["State", *(kind.plural for kind in kinds), "First", "Last"]
    rows = table_rows(summary)
    assert set(rows) == set(names)
    for state in states:
        attended = took_part(state, held)
        assert rows[state.name] == [
            *(
                f"{sum(1 for r in attended if r.kind is kind)} of "
                f"{sum(1 for r in held if r.kind is kind)}"
                for kind in kinds
            ),
            attended[0].date.label() if attended else "never",
            attended[-1].date.label() if attended else "never",
        ], state.name

    region = by_year.find_parent("div", class_="scroll-table")
    assert region is not None and region["role"] == "region" and region["tabindex"] == "0"
    assert str(region["aria-label"]).strip()
    assert headers(by_year) == ["Year", *names]
    years = sorted({record.date.start.year for record in held}, reverse=True)
    year_rows = table_rows(by_year)
    assert list(year_rows) == [str(year) for year in years]
    for year in years:
        of_year = [record for record in held if record.date.start.year == year]
        assert year_rows[str(year)] == [
            f"{len(took_part(state, of_year))} of {len(of_year)}" for state in states
        ], year
        meetings = read_page(site, f"participation/{year}").select_one(
            "article .scroll-table table"
        )
        assert meetings is not None, year
        assert headers(meetings) == ["Meeting", *names], year
        assert body_rows(meetings) == [
            [column_heading(record), *(presence(state, record) for state in states)]
            for record in reversed(of_year)
        ], year

    by_date = sorted(dataset.meetings, key=lambda record: record.date)
    assert headers(topics) == ["Topic", "Meetings", "Questions", "Contributions", "First", "Last"]
    topic_rows = table_rows(topics)
    assert set(topic_rows) == {topic.name for topic in dataset.topics.values()}
    for topic_id, topic in dataset.topics.items():
        touched = [record for record in by_date if any(tagged(record, topic_id))]
        recurs = " (recurs)" if len(touched) > 1 else ""
        assert topic_rows[topic.name] == [
            f"{len(touched)}{recurs}",
            str(sum(tagged(record, topic_id)[0] for record in touched)),
            str(sum(tagged(record, topic_id)[1] for record in touched)),
            touched[0].date.label() if touched else "never",
            touched[-1].date.label() if touched else "never",
        ], topic_id

    topical = [record for record in by_date if any(topics_of(record))]
    for year in sorted({record.date.start.year for record in topical}):
        of_year = [record for record in topical if record.date.start.year == year]
        table = read_page(site, f"participation/{year}").select("article table")[-1]
        assert headers(table) == ["Date", "Topics"], year
        rows_of_year = body_rows(table)
        assert [row[0] for row in rows_of_year] == [
            column_heading(record) for record in reversed(of_year)
        ], year
        for row, record in zip(rows_of_year, reversed(of_year), strict=True):
            for topic_id in topics_of(record):
                questions, contributions = tagged(record, topic_id)
                words = [
                    f"{questions} question{'s' if questions != 1 else ''}" if questions else "",
                    f"{contributions} contribution{'s' if contributions != 1 else ''}"
                    if contributions
                    else "",
                ]
                named = f"{dataset.topics[topic_id].name} ({', '.join(w for w in words if w)})"
                assert named in row[1], (record.id, named, row[1])


def listed_meetings(site: Path, path: str) -> list[tuple[str, list[str]]]:
    """The meetings an entity's page lists, on the page itself or on its year pages, in
    order: each as (the record's site path, the lines under it).

    A long list is a row a year on the entity's page, with a link to each of the year's
    pages; a short one is on the page itself. Each listed meeting is a list item with a
    link to its record and a list of what the entity did there.
    """
    page = read_page(site, path)
    pages = [(path, page)]
    for table in page.select("article table"):
        if headers(table) == ["Year", "Meetings", "Pages"]:
            targets = [
                urljoin(f"{SITE_ORIGIN}/{path}/", str(anchor["href"]))
                .removeprefix(f"{SITE_ORIGIN}/")
                .strip("/")
                for anchor in table.select("tbody td:nth-of-type(3) a")
            ]
            pages = [(target, read_page(site, target)) for target in targets]
    listed = []
    for where, html in pages:
        article = html.select_one("article.md-content__inner")
        assert article is not None, where
        for item in article.select("li"):
            lines = item.find("ul", recursive=False)
            if lines is None:
                continue
            anchor = item.find("a")
            assert anchor is not None, where
            target = urljoin(f"{SITE_ORIGIN}/{where}/", str(anchor["href"]))
            listed.append(
                (
                    target.removeprefix(f"{SITE_ORIGIN}/").strip("/"),
                    [" ".join(li.get_text().split()) for li in lines.find_all("li")],
                )
            )
    return listed


def newest_first(records: list[Meeting]) -> list[Meeting]:
    return sorted(records, key=lambda record: record.date, reverse=True)


def check_state_pages(site: Path, dataset: Dataset) -> None:
    """Each state page counts the held meetings it took part in, year by year, and lists
    every meeting it took part in or hosted, newest first (there or on its year pages)."""
    held = held_oldest_first(dataset)
    years = sorted({record.date.start.year for record in held}, reverse=True)
    for state in dataset.states.values():
        page = read_page(site, f"states/{state.slug}")
        text = article_text(page)
        assert state.formal_name in text, state.code
        found = re.search(r"recorded at (\d+) of the (\d+) held meeting", text)
        assert found is not None, state.code
        attended = took_part(state, held)
        assert (int(found[1]), int(found[2])) == (len(attended), len(held)), state.code
        table = page.select_one("article table")
        assert table is not None
        assert headers(table) == ["Year", "Took part"]
        expected = []
        for year in years:
            of_year = [record for record in held if record.date.start.year == year]
            there = took_part(state, of_year)
            unlisted = sum(1 for record in of_year if not record.participating_states)
            count = f"{len(there)} of {len(of_year)}"
            if unlisted:
                count += f" ({unlisted} with no list of states in the source)"
            expected.append([str(year), count])
        assert body_rows(table) == expected, state.code
        hosted = [record for record in held if record.venue and record.venue.country == state.code]
        meetings = newest_first(
            [
                record
                for record in dataset.meetings
                if state.code in record.participating_states
                or record in hosted
                or (record.chair is not None and record.chair.state == state.code)
                or any(
                    line.state == state.code
                    for work in record.documents
                    for line in work.signature_lines
                )
            ]
        )
        listed = listed_meetings(site, f"states/{state.slug}")
        assert [where for where, _ in listed] == [record_path(r) for r in meetings], state.code
        for (_, lines), record in zip(listed, meetings, strict=True):
            role = "Took part as an observer" if state.code in record.observers else "Took part"
            assert (role in lines) == (state.code in record.participating_states), record.id
            assert ("Hosted it" in lines) == (record in hosted), record.id


def check_topic_questions(site: Path, dataset: Dataset) -> None:
    """A topic's list (on its page or its year pages) has the records' questions under it,
    and no other question."""
    expected = sorted(
        (topic_id, question.title.lower())
        for record in dataset.meetings
        for question in record.questions
        for topic_id in question.topics
    )
    seen = []
    for topic_id in dataset.topics:
        tagged_records = newest_first(
            [record for record in dataset.meetings if any(tagged(record, topic_id))]
        )
        listed = listed_meetings(site, f"topics/{topic_id}")
        assert [where for where, _ in listed] == [record_path(r) for r in tagged_records]
        for _, lines in listed:
            seen += [
                (topic_id, line.removeprefix("Question: ").lower())
                for line in lines
                if line.startswith("Question: ")
            ]
    assert sorted(seen) == expected


def check_search_index(site: Path, dataset: Dataset) -> None:
    """Material's search index holds the page of every record and of every registry entry,
    and none of the pages a year at a time."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {
        *(f"{record_path(record)}/" for record in dataset.meetings),
        *(f"states/{state.slug}/" for state in dataset.states.values()),
        *(f"organizations/{org_id}/" for org_id in dataset.organizations),
        *(f"people/{person_id}/" for person_id in dataset.people),
        *(f"topics/{topic_id}/" for topic_id in dataset.topics),
        *(f"sources/{source_id}/" for source_id in dataset.sources),
        *(f"documents/{document_id}/" for document_id in dataset.documents),
    }
    assert expected - locations == set()
    # The lists paged by year repeat the records' facts: their pages stay out of the index.
    paged = {
        location
        for location in locations
        if re.fullmatch(
            r"(participation|(topics|states|organizations|people|documents|sources)/[^/]+)"
            r"/\d{4}/(\d+/)?",
            location,
        )
    }
    assert paged == set()


def check_reachable(site: Path, dataset: Dataset) -> None:
    """Every page, and every record's page, is reachable from home by following links."""
    pages = {path.relative_to(site).parent.as_posix() for path in site.rglob("index.html")}
    base = "http://site.test/"
    seen: set[str] = set()
    queue = deque([""])
    while queue:
        current = queue.popleft()
        if current in seen:
            continue
        seen.add(current)
        page = read_page(site, current)
        for anchor in page.select("a[href]"):
            href = str(anchor["href"])
            url = urlparse(urljoin(f"{base}{current}/" if current else base, href))
            if url.netloc != "site.test":
                continue
            target = url.path.strip("/")
            if target.endswith((".json", ".xml", ".css", ".js", ".ics", ".csv")):
                assert (site / target).is_file(), (current, href)
                continue
            assert (site / target / "index.html").is_file(), (current, href)
            queue.append(target)
    pages.discard(".")
    seen.discard("")
    assert pages - seen == set()
    assert {record_path(record) for record in dataset.meetings} <= seen


def check_head_tags(site: Path, dataset: Dataset) -> None:
    """Every page: a description, a canonical link, Open Graph, the feed (and a state's,
    organization's, topic's or document's own, linked from its text too); nothing off-host."""
    pages = sorted(site.rglob("index.html"))
    assert {record_path(record) for record in dataset.meetings} <= {
        path.parent.relative_to(site).as_posix() for path in pages
    }
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        description = page.find("meta", attrs={"name": "description"})
        assert description is not None and len(str(description["content"])) > 30, html_file
        assert "fonts.googleapis" not in html and "api.github.com" not in html
        for tag in page.select("script[src], link[href][rel=stylesheet], img[src]"):
            ref = str(tag.get("src") or tag.get("href"))
            assert not urlparse(ref).netloc, (html_file, ref)
    followed = {
        *(f"states/{state.slug}" for state in dataset.states.values()),
        *(f"organizations/{org_id}" for org_id in dataset.organizations),
        *(f"topics/{topic_id}" for topic_id in dataset.topics),
        *(f"documents/{document_id}" for document_id in dataset.documents),
    }
    """The pages with a feed of their own."""
    for html_file in pages:
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        canonical = page.select('head link[rel="canonical"]')
        assert len(canonical) == 1, html_file
        url = str(canonical[0]["href"])
        path = html_file.parent.relative_to(site).as_posix()
        assert url == SITE_URL + ("" if path == "." else f"{path}/")
        og = {
            str(tag["property"]): str(tag["content"])
            for tag in page.select('head meta[property^="og:"]')
        }
        assert og["og:url"] == url
        assert og["og:title"] and og["og:description"] and og["og:site_name"]
        feeds = page.select('head link[rel="alternate"][type="application/atom+xml"]')
        own = [f"{SITE_URL}feed-{path.replace('/', '-')}.xml"] if path in followed else []
        assert [urljoin(url, str(feed["href"])) for feed in feeds] == [
            f"{SITE_URL}feed.xml",
            *own,
        ], html_file
        if own:
            assert (site / f"feed-{path.replace('/', '-')}.xml").is_file(), path
            body = {urljoin(url, str(a["href"])) for a in page.select("article a[href]")}
            assert own[0] in body, path
            assert str(feeds[1]["title"]).startswith(str(og["og:site_name"]) + ": "), path
    assert followed <= {html_file.parent.relative_to(site).as_posix() for html_file in pages}


def _page_url(site: Path, html_file: Path) -> str:
    """The address a page is published at, under the site's path."""
    relative = html_file.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return f"{SITE_ORIGIN}{site_path()}{relative}"


def _target_file(site: Path, url: str) -> Path | None:
    """The file an internal URL resolves to, or None when it points outside the site."""
    parsed = urlparse(url)
    prefix = site_path()
    if f"{parsed.scheme}://{parsed.netloc}" != SITE_ORIGIN or not parsed.path.startswith(prefix):
        return None
    path = site / unquote(parsed.path.removeprefix(prefix))
    return path / "index.html" if parsed.path.endswith("/") else path


def check_internal_links(site: Path, dataset: Dataset | None = None) -> None:
    """Every internal link and anchor of every page resolves to a file and an id in it."""
    ids: dict[Path, set[str]] = {}

    def ids_of(html_file: Path) -> set[str]:
        if html_file not in ids:
            page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
            ids[html_file] = {str(tag["id"]) for tag in page.select("[id]")}
        return ids[html_file]

    broken: list[str] = []
    checked = anchors = 0
    for html_file in sorted(site.rglob("*.html")):
        base = _page_url(site, html_file)
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag in page.select("a[href], link[href], script[src], img[src]"):
            reference = str(tag.get("href") or tag.get("src"))
            url = urljoin(base, reference)
            target = _target_file(site, url)
            if target is None:
                assert urlparse(url).scheme in {"http", "https", "mailto"}, (html_file, url)
                continue
            checked += 1
            where = f"{html_file.relative_to(site)}: {reference}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(site)})")
                continue
            fragment = unquote(urlparse(url).fragment)
            if fragment and target.suffix == ".html":
                anchors += 1
                if fragment not in ids_of(target):
                    broken.append(f"{where} (no id {fragment!r} in the target)")
    assert broken == []
    assert checked > 500 and anchors > 100, (checked, anchors)


CHECKS: list[Check] = [
    check_downloads,
    check_data_page,
    check_record_json_ld,
    check_record_sources,
    check_state_json_ld,
    check_participation,
    check_state_pages,
    check_topic_questions,
    check_search_index,
    check_reachable,
    check_head_tags,
    check_internal_links,
]
"""Every data-dependent check of a built site, in the order they are reported."""
