"""The site in Chromium as a reader uses it: search, navigation, and screenshots."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from .browser import VIEWPORTS, assert_clean, screenshot, search, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]


def page_path(url: str, site_url: str) -> str:
    """``http://127.0.0.1:1234/consultations/states/armenia/?h=x#y`` -> ``states/armenia/``."""
    return urlparse(url).path.removeprefix(urlparse(site_url).path)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Kyrgyzstan", "states/kyrgyzstan/"),
        ("Azerbaijan", "states/azerbaijan/"),
        ("Natalya Zorya", "people/natalya-zorya/"),
        ("Alexey Borodin", "people/alexey-borodin/"),
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
    "phrase",
    [
        # Each phrase holds words of a 2022 question that no other record uses
        # ("neutralization", "trans-border", "equal", "supervising"): a new record that
        # shares a question's general words (training, the digital economy, joint
        # positions, as the expert-group meetings do) cannot push the 2022 record down.
        "neutralization of Internet resources",
        "Trans-border exchange of data",
        "equal governance of this network",
        "national authorities for supervising the legislation",
    ],
)
def test_a_phrase_from_a_question_finds_its_consultation(
    chromium: Any, site_url: str, phrase: str
) -> None:
    with visit(chromium) as seen:
        seen.page.goto(site_url)
        found = [page_path(url, site_url) for url in search(seen.page, phrase)]
        assert "consultations/2022-12-06/" in found[:3], found
        assert_clean(seen)


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
