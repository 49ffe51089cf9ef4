"""The one mechanism that pages every growing list: short lists inline, long ones a year
a page, a long year split again; each part linked from its entity's page."""

from __future__ import annotations

import re

import pytest
import yaml

from cis_consultations.core.addresses import year_page_uri
from cis_consultations.core.model import Dataset
from cis_consultations.pages import paging
from cis_consultations.pages.paging import Entry, paginate
from cis_consultations.reading.dataset import load_dataset

from ..support.project import ROOT, TODAY
from .test_render import pages_of

ENTITIES = ("states", "organizations", "people", "documents", "sources", "topics")


@pytest.fixture(scope="module")
def real() -> Dataset:
    return load_dataset(ROOT / "data", today=TODAY)


def test_year_pages_have_their_addresses() -> None:
    assert year_page_uri("states/armenia.md", 2024) == "states/armenia/2024.md"
    assert year_page_uri("states/armenia.md", 2024, 2) == "states/armenia/2024/2.md"


def test_a_long_year_is_split_and_a_short_list_stays_inline(real: Dataset) -> None:
    record = real.meetings[0]
    later = [Entry(record) for _ in range(5)]
    paged = paginate("people/x.md", "person", "X", later, inline_limit=4, page_size=2)
    assert not paged.inline and paged.split
    [year] = paged.years
    assert [part.uri for part in year.parts] == [
        f"people/x/{record.date.start.year}.md",
        f"people/x/{record.date.start.year}/2.md",
        f"people/x/{record.date.start.year}/3.md",
    ]
    assert [len(part.entries) for part in year.parts] == [2, 2, 1]
    assert [part.first_index for part in year.parts] == [1, 3, 5]
    assert paginate("people/x.md", "person", "X", later, inline_limit=5).inline


def test_every_entry_is_on_a_page_linked_from_its_entity(
    real: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every list paged and a page a meeting, each entity's page links every part of
    every year, each part lists one meeting, and no part is in search."""
    monkeypatch.setattr(paging, "INLINE_LIMIT", 0)
    monkeypatch.setattr(paging, "PAGE_SIZE", 1)
    pages = pages_of(real)
    parts = [
        uri for uri in pages if re.fullmatch(rf"({'|'.join(ENTITIES)})/.+/\d{{4}}(/\d+)?\.md", uri)
    ]
    assert any(uri.endswith("/2.md") for uri in parts)  # a year split in parts
    # A document's path is paged too, oldest first, its steps kept whole: what each
    # meeting did, and the session a plan was tied to that did nothing to it.
    document_parts = [uri for uri in parts if uri.startswith("documents/")]
    assert document_parts
    assert "| Date | Meeting | What was done |" not in "".join(
        pages[f"documents/{document_id}.md"] for document_id in real.documents
    )
    document_text = "".join(pages[uri] for uri in document_parts)
    assert "    - Decision signed." in document_text
    assert "reported it was to be adopted (this link is ours)" in document_text
    for uri in parts:
        owner = re.sub(r"/\d{4}(/\d+)?\.md$", ".md", uri)
        relative = uri.removeprefix(owner.rsplit("/", 1)[0] + "/")
        assert f"]({relative})" in pages[owner], uri  # one click from the entity's page
        front_matter, body = pages[uri].split("---\n", 2)[1:]
        assert yaml.safe_load(front_matter)["search"] == {"exclude": True}, uri
        records = re.findall(
            r"^- .*\]\((\.\./)+(consultations|expert-groups|council-sessions)/", body, re.M
        )
        assert len(records) == 1, uri  # two clicks from the entity's page: the record
    # Every state that took part in a meeting has its year pages, and the page no list.
    for state in real.states.values():
        years = {
            record.date.start.year
            for record in real.meetings
            if state.code in record.participating_states
        }
        for year in years:
            assert f"states/{state.slug}/{year}.md" in pages, (state.slug, year)
        assert "    - Took part" not in pages[f"states/{state.slug}.md"]
