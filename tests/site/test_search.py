"""The site in Chromium as a reader uses it: search, navigation, and screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from ..support.browser import VIEWPORTS, assert_clean, screenshot, search, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]


def page_path(url: str, site_url: str) -> str:
    """``http://127.0.0.1:1234/consultations/states/armenia/?h=x#y`` -> ``states/armenia/``."""
    return urlparse(url).path.removeprefix(urlparse(site_url).path)


# Over the real data, only what a new record cannot displace: an entity's page is first
# for its own full name (or a search term of its own), and a record is among the
# results for a phrase that it alone holds. Ranking is tested on a fixture of its own
# in test_search_queries.py.
@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Kyrgyzstan", "states/kyrgyzstan/"),
        ("Kyrgyz Republic", "states/kyrgyzstan/"),
        ("Azerbaijan", "states/azerbaijan/"),
        ("Russian Federation", "states/russia/"),
        ("Natalya Zorya", "people/natalya-zorya/"),
        ("Alexey Borodin", "people/alexey-borodin/"),
        ("Aleksei Borodin", "people/alexey-borodin/"),
        ("International Telecommunication Union", "organizations/itu/"),
        ("Combating information crime", "topics/cybercrime/"),
        ("Personal data protection", "topics/personal-data/"),
    ],
)
def test_a_name_finds_its_own_page_first(
    chromium: Any, site_url: str, query: str, first: str
) -> None:
    with visit(chromium) as seen:
        seen.page.goto(site_url)
        found = [page_path(url, site_url) for url in search(seen.page, query)]
        assert found[0] == first, found
        assert_clean(seen)


@pytest.mark.parametrize(
    ("phrase", "record"),
    [
        # Words of one question of the 2022 record that no topic, body or other record
        # of the series uses together: its own wording of the question ("neutralization",
        # "trans-border", "equal", "supervising"). A new record that shares a question's
        # general words (training, the digital economy, joint positions, as the
        # expert-group meetings do) cannot take the 2022 record out of the results.
        ("neutralization of Internet resources", "consultations/2022-12-06/"),
        ("supervising the legislation", "consultations/2022-12-06/"),
        ("Trans-border exchange of data", "consultations/2022-12-06/"),
        ("equal governance of this network", "consultations/2022-12-06/"),
        # Words of a contribution of the 2024 record, as only that item reported it.
        ("Interparliamentary Assembly", "consultations/2024-12-19/"),
        ("regional contribution", "consultations/2024-12-19/"),
    ],
)
def test_a_phrase_of_a_record_finds_it(
    chromium: Any, site_url: str, phrase: str, record: str
) -> None:
    with visit(chromium) as seen:
        seen.page.goto(site_url)
        found = [page_path(url, site_url) for url in search(seen.page, phrase)]
        assert record in found, found
        assert_clean(seen)


def test_a_year_finds_its_record_ahead_of_topic_and_index_pages(
    chromium: Any, site_url: str
) -> None:
    with visit(chromium) as seen:
        seen.page.goto(site_url)
        found = [page_path(url, site_url) for url in search(seen.page, "2024")]
        assert_clean(seen)
    # A record's page, of either kind, may come first (a new 2024 record would); a page
    # that aggregates records (topics, states, indexes, participation) may not.
    aggregate = [
        rank
        for rank, path in enumerate(found)
        if not re.fullmatch(r"(consultations|expert-groups)/[^/]+/", path)
    ]
    assert "consultations/2024-12-19/" in found, found
    assert not aggregate or found.index("consultations/2024-12-19/") < aggregate[0], found


@pytest.mark.parametrize("width", VIEWPORTS)
def test_clicking_a_result_opens_its_page(chromium: Any, site_url: str, width: str) -> None:
    with visit(chromium, viewport=VIEWPORTS[width]) as seen:
        seen.page.goto(site_url)
        search(seen.page, "Kyrgyzstan")
        # The results are an overlay: the viewport shows them as a reader sees them.
        screenshot(seen.page, f"search-result-{width}", full_page=False)
        seen.page.locator(".md-search-result__item a").first.click()
        seen.page.wait_for_url(re.compile(r"/states/kyrgyzstan/"))
        heading = seen.page.locator("article h1").first
        assert heading.inner_text().strip().startswith("Kyrgyzstan")
        assert_clean(seen)


def test_navigation_from_home_reaches_every_record_state_and_topic(
    chromium: Any, site_url: str, built_site: Path
) -> None:
    """Follow the links a reader can click, from the home page, across the whole site."""
    wanted = {
        path.parent.relative_to(built_site).as_posix() + "/"
        for section in ("consultations", "states", "topics")
        for path in built_site.glob(f"{section}/*/index.html")
    }
    assert len(wanted) >= 20
    reached: set[str] = set()
    with visit(chromium) as seen:
        queue = [""]
        while queue:
            current = queue.pop()
            if current in reached:
                continue
            reached.add(current)
            seen.page.goto(site_url + current)
            assert seen.page.locator("article h1").first.is_visible(), current
            # An SVG link (a timeline mark) has its href as an SVGAnimatedString.
            links: list[str] = seen.page.eval_on_selector_all(
                "a[href]",
                "links => links.map(a => typeof a.href === 'string' ? a.href"
                " : new URL(a.href.baseVal, document.baseURI).href)",
            )
            for link in links:
                target = urlparse(link)
                if link.startswith(site_url) and target.path.endswith("/"):
                    queue.append(page_path(link, site_url))
        assert_clean(seen)
    assert wanted - reached == set()


SCREENSHOT_PAGES = {
    "home": "",
    "consultation": "consultations/2022-12-06/",
    "state": "states/kyrgyzstan/",
}


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshots_for_review(chromium: Any, site_url: str, name: str, width: str) -> None:
    """Screenshots in artifacts/screenshots/, which CI uploads, so a reviewer need not build."""
    with visit(chromium, viewport=VIEWPORTS[width]) as seen:
        seen.page.goto(site_url + SCREENSHOT_PAGES[name])
        assert seen.page.locator("article h1").first.is_visible()
        path = screenshot(seen.page, f"{name}-{width}")
        assert_clean(seen)
    assert path.stat().st_size > 10_000
