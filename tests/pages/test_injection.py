"""Records full of HTML, JavaScript and Markdown payloads: nothing runs, all shows literally.

The site is built from ``tests/fixtures/hostile/``, where every free-text field carries
the payload below, and opened in Chromium: in the body, the ``<title>``, the meta
description and Material's search results the text must show as written.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from cis_consultations.core.entries import slugify
from cis_consultations.core.problems import DataError
from cis_consultations.pages.render import Renderer, SiteSettings
from cis_consultations.reading.dataset import load_dataset

from ..support.browser import assert_clean, search, serve_built, visit
from ..support.project import FIXTURES, TODAY

pytestmark = [pytest.mark.build, pytest.mark.browser]

HOSTILE = FIXTURES / "hostile"
MARKUP = '"></title></textarea><script>alert(1)</script><img src=x onerror="window.__xss=1">'
"""The payload's HTML part: it fits in a meta description, which is cut at 155 characters."""
PAYLOAD = f'{MARKUP} [click](javascript:alert(2)) <b>raw</b> *em* {{: onclick="alert(3)" }}'

# Page, and the field whose text (label + payload) must show literally on it.
PAGES = {
    "consultations/2021-05-04/": [
        "Meeting",
        "Hall",
        "City",
        "Chair",
        "Theme",
        "Question",
        "Speaker",
        "Summary",
        "Source",
        "Publisher",
        "Note",
        "Ann",
        "Host Body",
        "Armenia",
        "Alpha",
    ],
    "": ["Meeting"],
    "consultations/": ["Meeting"],
    "states/": ["Armenia", "Republic"],
    "people/ann-example/": ["Ann", "Meeting", "Chair"],
    "organizations/host-body/": ["Host Body", "Meeting", "Question"],
    "topics/": ["Alpha", "About alpha"],
    "topics/alpha/": ["Alpha", "About alpha", "Term", "Question", "Summary"],
    "organizations/": ["Host Body"],
    "people/": ["Ann"],
    "participation/": ["Armenia", "Alpha"],
    "participation/2021/": ["Armenia", "Alpha"],
    "data/": ["Plan"],
    "consultations/2022-H1/": ["Plan"],
    "expert-groups/2021-03-02/": [
        "Group meeting",
        "Hall",
        "Opener",
        "Agencies",
        "Document",
        "Step",
        "Outcome",
    ],
    "expert-groups/": ["Group meeting", "Host Body"],
    "sources/": ["Source"],
    "sources/hostile-report/": ["Publisher", "Source", "Note", "Meeting"],
    "documents/": ["Document"],
    "documents/host-document/": ["Document", "Step", "Group meeting"],
    f"states/{slugify('Armenia ' + PAYLOAD)}/": ["Armenia", "Republic", "Meeting"],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_built(tmp_path_factory.mktemp("hostile"), HOSTILE) as url:
        yield url


def expected_descriptions() -> dict[str, str]:
    """What each page's meta description must read, computed from the same records."""
    dataset = load_dataset(HOSTILE, today=TODAY)
    settings = SiteSettings(
        site_name="x", repository_url="https://x.test/", site_url="https://x.test/site/"
    )
    renderer = Renderer(dataset, settings)
    record = dataset.by_id["2021-05-04"]
    return {
        "consultations/2021-05-04/": _description(renderer.consultation(record).content),
        "people/ann-example/": _description(renderer.person("ann-example").content),
    }


def _description(markdown: str) -> str:
    front_matter = yaml.safe_load(markdown.split("---\n")[1])
    return html.unescape(str(front_matter["description"]))


def assert_nothing_ran(seen: Any) -> None:
    page = seen.page
    assert seen.dialogs == []
    assert page.evaluate("window.__xss") is None
    # JSON-LD is data, never run: the payload may stand in it, but only as JSON text
    # that cannot close the element (<, > and & are escaped as \u003c...).
    runnable = "script:not([src]):not([type='application/ld+json'])"
    assert (
        page.locator(runnable).evaluate_all(
            "scripts => scripts.filter(s => s.textContent.includes('alert')).length"
        )
        == 0
    )
    for data in page.locator("script[type='application/ld+json']").all_text_contents():
        assert "<" not in data and ">" not in data
    for selector in ("[onerror]", "[onclick]", "[onload]", "a[href^='javascript:']", "b"):
        assert page.locator(f"article {selector}").count() == 0, selector
    assert not [url for url in seen.requests if url.endswith("/x")], "an injected <img> loaded"
    assert_clean(seen)


@pytest.mark.parametrize("path", PAGES)
def test_payloads_show_literally_and_never_run(chromium: Any, hostile_site: str, path: str) -> None:
    with visit(chromium) as seen:
        seen.page.goto(hostile_site + path)
        seen.page.wait_for_load_state("load")
        text = seen.page.locator("article").inner_text()
        for label in PAGES[path]:
            assert f"{label} {PAYLOAD}" in text, label
        assert_nothing_ran(seen)


def test_title_and_description_carry_the_payload_as_text(chromium: Any, hostile_site: str) -> None:
    descriptions = expected_descriptions()
    for description in descriptions.values():
        assert MARKUP in description, description
    for path, description in descriptions.items():
        with visit(chromium) as seen:
            seen.page.goto(hostile_site + path)
            title = seen.page.title()
            meta = seen.page.locator("meta[name=description]").get_attribute("content")
            assert meta == description
            assert seen.page.locator("head meta[name=description]").count() == 1
            assert_nothing_ran(seen)
        assert PAYLOAD in title, title
        assert title.endswith(" - CIS Information Security Consultations")


def test_search_results_show_the_payload_as_text(chromium: Any, hostile_site: str) -> None:
    with visit(chromium) as seen:
        seen.page.goto(hostile_site)
        found = search(seen.page, "Meeting onerror")
        assert found, "search found nothing"
        shown = seen.page.locator(".md-search-result").inner_text()
        assert f"Meeting {PAYLOAD}" in shown
        assert_nothing_ran(seen)


def test_the_loader_rejects_a_javascript_source_url(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(HOSTILE, data)
    registry = data / "sources.yml"
    text = registry.read_text(encoding="utf-8")
    start = text.index("  url: ")
    end = text.index("\n", start)
    registry.write_text(
        text[:start] + "  url: 'javascript:alert(1)'" + text[end:], encoding="utf-8"
    )
    with pytest.raises(DataError) as raised:
        load_dataset(data, today=TODAY)
    message = str(raised.value.errors[0])
    assert "sources.yml:" in message
    assert "hostile-report.url" in message
    assert "http" in message
