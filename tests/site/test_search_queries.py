"""Search as researchers type it: a table of queries, each with the page it must find.

Ranking ("first", "in the top three") is asserted on a dataset this test owns
(``tests/fixtures/search/``: invented records, real names), built into a site of its
own, so that no new record in ``data/`` can move a result. Each row names its kind of
query; several rows a kind.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from cis_consultations.core.model import Dataset
from cis_consultations.pages.search_weights import QUESTION_SEARCH_BOOST
from cis_consultations.reading.dataset import load_dataset

from ..site.test_search import page_path
from ..support.browser import assert_clean, search, serve_built, visit
from ..support.project import FIXTURES, TODAY

pytestmark = [pytest.mark.build, pytest.mark.browser]

FIXTURE = FIXTURES / "search"


@dataclass(frozen=True)
class Expect:
    query: str
    page: str
    """The site path the query must find."""
    within: int
    """1: the first result; 3: among the first three."""

    def __str__(self) -> str:
        return self.query


QUERIES = {
    # Acronyms and short names: the entity's page, or the record that names it.
    "acronym": [
        Expect("ITU", "organizations/itu/", 3),  # a search term: the sources write it out
        Expect("OEWG", "organizations/un-oewg/", 3),  # the short name the source gives
        Expect("RCC", "organizations/rcc/", 3),
        Expect("WSIS", "consultations/2024-12-19/", 3),  # "(WSIS+20)": split at punctuation
    ],
    # Common synonyms of the editorial topics (search terms): the topic.
    "synonym": [
        Expect("cybercrime", "topics/cybercrime/", 3),
        Expect("cyber crime", "topics/cybercrime/", 3),
        Expect("cyber security", "topics/threats/", 3),
        Expect("cybersecurity", "topics/threats/", 3),
        Expect("data protection", "topics/personal-data/", 3),
    ],
    # Formal and short state names: the state's page first.
    "state": [
        Expect("Kyrgyz Republic", "states/kyrgyzstan/", 1),
        Expect("Kyrgyzstan", "states/kyrgyzstan/", 1),
        Expect("Russian Federation", "states/russia/", 1),
        Expect("Russia", "states/russia/", 1),
        Expect("Republic of Belarus", "states/belarus/", 1),
        Expect("Kirghizia", "states/kyrgyzstan/", 1),  # a spelling a source uses
    ],
    # A person's name as the sources write it, and other transliterations.
    "person": [
        Expect("Alexey Testov", "people/alexey-testov/", 1),
        Expect("Aleksei Testov", "people/alexey-testov/", 1),
        Expect("Alexei Testov", "people/alexey-testov/", 1),
        Expect("Natalya Primerova", "people/natalya-primerova/", 1),
        Expect("Natalia Primerova", "people/natalya-primerova/", 1),
        Expect("Primerova Natalia Evgenievna", "people/natalya-primerova/", 1),  # a source's
    ],
    # A document's title, its short title (ours) and a spelling a source uses.
    "document": [
        Expect("Joint Statement", "documents/joint-statement/", 3),
        Expect("Joint Declaration on information security", "documents/joint-statement/", 1),
        Expect("Joint Statement of the Test Heads of State", "documents/joint-statement/", 1),
    ],
    # A source by its title, and by its publisher: the source's page.
    "source": [
        Expect("Telecommunication regulators weigh", "sources/fixture-2024-12-19/", 1),
        Expect("Test News Agency", "sources/fixture-2024-03-20/", 3),
    ],
    # A phrase of one record's question or contribution: that record first, not the
    # topic, person and organization pages that list it too.
    "phrase": [
        Expect("neutralization of Internet resources", "consultations/2022-12-06/", 1),
        Expect("Harmonisation of national legislation", "consultations/2024-03-20/", 1),
        Expect("Exchange of data on computer incidents", "consultations/2023-10-10/", 1),
        Expect("regional contribution to the review", "consultations/2024-12-19/", 1),
        Expect("Coordination of efforts against information crime", "consultations/2022-06-14/", 1),
        Expect("reconciliation of the remaining comments", "expert-groups/2021-07-08/", 1),
    ],
    # A question's exact wording: the record where it was discussed, ahead of the topic
    # whose name, description and search terms repeat its words.
    "question": [
        Expect("Current threats to information security", "consultations/2022-06-14/", 1),
    ],
    # An entity's name: its page first, ahead of the records whose questions hold it.
    "name in a question": [
        Expect("Threats to information security", "topics/threats/", 1),
        Expect("Combating information crime", "topics/cybercrime/", 1),
        Expect("Personal data protection", "topics/personal-data/", 1),
        Expect("International Telecommunication Union", "organizations/itu/", 1),
    ],
}
CASES = [
    pytest.param(kind, expect, id=f"{kind}: {expect}")
    for kind, rows in QUERIES.items()
    for expect in rows
]

PERIODS = {
    # A year, a month and year: that period's records, ahead of every other page.
    "2024": (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    "2022": (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    "December 2024": (dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
    "March 2024": (dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
    "June 2022": (dt.date(2022, 6, 1), dt.date(2022, 6, 30)),
    "July 2021": (dt.date(2021, 7, 1), dt.date(2021, 7, 31)),  # an expert group's meeting
}


@pytest.fixture(scope="module")
def fixture_data() -> Dataset:
    return load_dataset(FIXTURE, today=TODAY)


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The search fixture built as a site of its own and served like the real one."""
    with serve_built(tmp_path_factory.mktemp("search-fixture"), FIXTURE) as url:
        yield url


def found_pages(chromium: Any, site_url: str, query: str) -> list[str]:
    """The pages search lists for ``query``, best first (one entry per page)."""
    with visit(chromium) as seen:
        seen.page.goto(site_url)
        found = [page_path(url, site_url) for url in search(seen.page, query)]
        assert seen.page.evaluate("window.__xss") is None
        assert_clean(seen)
    return found


def ranked(found: list[str]) -> str:
    return "\n".join(f"  {rank}. /{path}" for rank, path in enumerate(found[:8], start=1))


@pytest.mark.parametrize(("kind", "expect"), CASES)
def test_a_query_finds_its_page_in_its_place(
    chromium: Any, search_site: str, kind: str, expect: Expect
) -> None:
    found = found_pages(chromium, search_site, expect.query)
    place = "first" if expect.within == 1 else f"in the top {expect.within}"
    assert expect.page in found[: expect.within], (
        f"{kind} query {expect.query!r}: expected {expect.page} {place}; found:\n{ranked(found)}"
    )


@pytest.mark.parametrize("query", PERIODS)
def test_a_period_finds_its_records_ahead_of_topic_and_index_pages(
    chromium: Any, search_site: str, fixture_data: Dataset, query: str
) -> None:
    first, last = PERIODS[query]
    wanted = {
        f"{record.kind.folder}/{record.id}/"
        for record in fixture_data.meetings
        if first <= record.date.start and record.date.end <= last
    }
    assert wanted, "the fixture has no record in the period"
    found = found_pages(chromium, search_site, query)
    assert set(found[: len(wanted)]) == wanted, (
        f"period query {query!r}: expected {sorted(wanted)} first; found:\n{ranked(found)}"
    )


def test_search_terms_are_text_in_the_results_never_markup(chromium: Any, search_site: str) -> None:
    """A search term is indexed as the page's tags, which the results write as HTML."""
    with visit(chromium) as seen:
        seen.page.goto(search_site)
        found = [page_path(url, search_site) for url in search(seen.page, "Deltaterm")]
        assert found[0] == "organizations/markup-body/"
        results = seen.page.locator(".md-search-result")
        assert results.locator("img, b").count() == 0
        # The page's text shows its search terms, labelled; the tags are not shown.
        assert "Search terms (ours, not the sources' wording)" in results.inner_text()
        tags = results.locator(".md-tags")
        assert tags.count() > 0 and not tags.first.is_visible()
        assert seen.page.evaluate("window.__xss") is None
        assert_clean(seen)


def test_the_lists_that_repeat_records_are_out_of_the_index(search_site: str) -> None:
    """One hit per fact: only records hold their questions; paged lists are not indexed."""
    with urllib.request.urlopen(f"{search_site}search/search_index.json") as response:
        index = json.load(response)
    phrase = "neutralization of Internet resources"
    holding = {doc["location"] for doc in index["docs"] if phrase in doc["title"] + doc["text"]}
    # Each question is a section of its record, titled with the question's wording.
    assert holding == {"consultations/2022-12-06/#question-2"}
    # Its section holds the wording alone (its sources' marks and topics stay out), and
    # weighs by the wording's length.
    first = "consultations/2022-06-14/#question-1"
    question = next(doc for doc in index["docs"] if doc["location"] == first)
    assert question["title"] == "Current threats to information security"
    assert question["text"] == ""
    assert question["boost"] == QUESTION_SEARCH_BOOST
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"consultations/2022-12-06/", "expert-groups/2021-07-08/"} <= locations
    # A record's citation block repeats its title: out of the index, for both kinds.
    assert not [doc for doc in index["docs"] if doc["location"].endswith("#cite-this-record")]
    # A document's meetings and a source's records are the records' facts.
    assert not [doc for doc in index["docs"] if doc["location"].endswith("#across-the-meetings")]
    assert not [doc for doc in index["docs"] if doc["location"].endswith("#what-it-supports")]
    assert not [path for path in locations if path.startswith("participation/2")]
    assert not [path for path in locations if path.count("/") > 2 and path.startswith("topics/")]
    # Entity pages are found by their own sentence, which reads as one.
    state = next(doc for doc in index["docs"] if doc["location"] == "states/kyrgyzstan/")
    assert state["text"].startswith("<p>Kyrgyzstan (Kyrgyz Republic; ISO 3166-1 code KG)")
