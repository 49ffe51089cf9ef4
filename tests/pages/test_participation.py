"""The participation tables stay usable as meetings accumulate (in Chromium).

A year's page has a row per meeting and a column per state, and the overview a row per
year: the tables grow downwards with the series, and sideways only with the states.
Where they are wider than the screen, the table scrolls inside a region of its own
(focusable, named, scrolled from the keyboard) with its first column kept in view, and
the page itself never scrolls sideways. Checked on synthetic data with twelve states
with long names, at desktop and phone widths, and with axe on the real site.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from bench.synthetic import write_synthetic_data

from ..support.browser import VIEWPORTS, assert_clean, run_axe, screenshot, serve_built, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Twelve synthetic records with twelve states: the widest tables we expect."""
    base = tmp_path_factory.mktemp("wide")
    data = write_synthetic_data(base / "data", 12, seed=1).data_dir
    with serve_built(base, data) as url:
        yield url


def first_year_page(page: Any) -> str:
    """The address of the newest year's page, from the overview's year column."""
    href: str = page.locator(".scroll-table tbody tr td:first-child a").first.get_attribute("href")
    return href


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("which", ["overview", "year"])
def test_a_wide_table_scrolls_in_its_region_with_its_first_column_in_view(
    chromium: Any, wide_site: str, width: str, which: str
) -> None:
    with visit(chromium, viewport=VIEWPORTS[width]) as seen:
        page = seen.page
        page.goto(wide_site + "participation/")
        if which == "year":
            page.goto(wide_site + "participation/" + first_year_page(page))
        assert page.locator("article h1").first.is_visible()
        # The page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        region = page.locator(".scroll-table").first
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert (region.get_attribute("aria-label") or "").strip()
        wide = region.evaluate("el => el.scrollWidth > el.clientWidth")
        if which == "year" or width == "mobile":
            assert wide, "twelve states should make this table wider than the screen"
        if wide:
            # Keyboard: focus the region (Tab reaches it) and scroll it with the arrows.
            region.focus()
            assert page.evaluate("document.activeElement.classList.contains('scroll-table')")
            for _ in range(30):
                page.keyboard.press("ArrowRight")
            assert region.evaluate("el => el.scrollLeft") > 0
            # The first column stays at the region's left edge.
            left = region.evaluate("el => el.getBoundingClientRect().left")
            cell = region.locator("tbody tr td:first-child").first
            cell_left = cell.evaluate("el => el.getBoundingClientRect().left")
            assert abs(cell_left - left) < 2, (cell_left, left)
            screenshot(page, f"participation-{which}-scrolled-{width}", full_page=False)
        assert_clean(seen)


@pytest.fixture(scope="module")
def sites(site_url: str, wide_site: str) -> dict[str, str]:
    return {"real": site_url, "wide": wide_site}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("site", ["real", "wide"])
def test_axe_finds_no_violations_on_the_participation_pages(
    chromium: Any, sites: dict[str, str], site: str, width: str, scheme: str
) -> None:
    base = sites[site]
    with visit(chromium, viewport=VIEWPORTS[width], color_scheme=scheme) as seen:
        seen.page.goto(base + "participation/")
        year = first_year_page(seen.page)
        for path in ("participation/", "participation/" + year):
            seen.page.goto(base + path)
            assert seen.page.locator("article h1").first.is_visible()
            result = run_axe(seen.page)
            assert result["passes"] > 10, "axe did not run"
            assert result["violations"] == [], (path, result["violations"])
        if site == "real":
            screenshot(seen.page, f"participation-year-{width}-{scheme}")
        assert_clean(seen)
