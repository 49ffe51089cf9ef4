"""The figures in Chromium: both palettes, both widths, print, keyboard; screenshots for review."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from ..support.browser import SCHEMES, VIEWPORTS, assert_clean, screenshot, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]

FIGURE_PAGES = {
    "meeting": "consultations/2022-12-06/",
    "state": "states/kyrgyzstan/",
    "participation": "participation/",
    "home": "",
}

_COLOURS = """figure => {
    const style = selector => {
        const element = figure.querySelector(selector);
        return element ? getComputedStyle(element) : null;
    };
    const box = style('svg.cis-figure__svg .cis-tile:not(.cis-tile--plain) .cis-tile__box')
        || style('svg.cis-figure__svg .cis-mark__shape');
    const plain = style('svg.cis-figure__svg .cis-tile--plain .cis-tile__box');
    return {
        mark: box.fill,
        plain: plain ? plain.fill : null,
        name: style('svg.cis-figure__svg .cis-tile__name')?.display ?? null,
        code: style('svg.cis-figure__svg .cis-tile__code')?.display ?? null,
    };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("name", FIGURE_PAGES)
def test_figures_show_in_both_palettes_and_widths(
    chromium: Any, site_url: str, name: str, width: str, scheme: str
) -> None:
    """Each figure is drawn, fits the page, and its marks are painted; a screenshot for review."""
    with visit(chromium, viewport=VIEWPORTS[width], color_scheme=scheme) as seen:
        seen.page.goto(site_url + FIGURE_PAGES[name])
        figure = seen.page.locator("article figure.cis-figure").first
        figure.evaluate("element => element.scrollIntoView({block: 'center'})")
        assert figure.is_visible()
        box = figure.bounding_box()
        assert box is not None and box["height"] > 80
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[width]["width"]
        colours = figure.evaluate(_COLOURS)
        assert colours["mark"] not in {"none", "rgb(0, 0, 0)"}, colours
        if colours["plain"] is not None:
            assert colours["plain"] != colours["mark"]
        if colours["name"] is not None:
            # Narrow screens show the ISO code in each tile instead of the name.
            narrow = width == "mobile"
            assert (colours["name"] == "none", colours["code"] == "none") == (narrow, not narrow)
        # Scrolling starts Material's header transition (title to page name); let it end
        # before the picture is taken. Nothing is asserted on time.
        seen.page.wait_for_timeout(500)
        screenshot(seen.page, f"figure-{name}-{width}-{scheme}", full_page=False)
        assert_clean(seen)


def test_the_palettes_colour_the_marks_differently(chromium: Any, site_url: str) -> None:
    fills = {}
    for scheme in SCHEMES:
        with visit(chromium, color_scheme=scheme) as seen:
            seen.page.goto(site_url + FIGURE_PAGES["meeting"])
            fills[scheme] = seen.page.locator("article figure.cis-figure").first.evaluate(_COLOURS)
    assert fills["light"]["mark"] != fills["dark"]["mark"]
    assert fills["light"]["plain"] != fills["dark"]["plain"]


def test_a_printed_page_gets_the_light_colours(chromium: Any, site_url: str) -> None:
    with visit(chromium, color_scheme="light") as seen:
        seen.page.goto(site_url + FIGURE_PAGES["meeting"])
        light = seen.page.locator("article figure.cis-figure").first.evaluate(_COLOURS)
    with visit(chromium, color_scheme="dark") as seen:
        seen.page.goto(site_url + FIGURE_PAGES["meeting"])
        seen.page.emulate_media(media="print")
        figure = seen.page.locator("article figure.cis-figure").first
        assert figure.is_visible()
        printed = figure.evaluate(_COLOURS)
    assert printed["mark"] == light["mark"]
    assert printed["plain"] == "rgb(255, 255, 255)"


def test_the_timeline_marks_are_reached_by_keyboard(chromium: Any, site_url: str) -> None:
    with visit(chromium) as seen:
        seen.page.goto(site_url)
        marks = seen.page.locator("article figure.cis-figure svg a")
        count = marks.count()
        assert count >= 1
        reached = []
        for _ in range(80):
            seen.page.keyboard.press("Tab")
            inside = seen.page.evaluate(
                "() => document.activeElement.closest('figure.cis-figure svg a') !== null"
            )
            if inside:
                reached.append(seen.page.evaluate("() => document.activeElement.textContent"))
            elif reached:
                break
        assert len(reached) == count
        assert_clean(seen)


_YEAR_LABELS = """figure => {
    const shown = [...figure.querySelectorAll('svg .cis-axis__label')]
        .filter(label => getComputedStyle(label).display !== 'none');
    const marks = [...figure.querySelectorAll('svg a')].filter(mark => {
        const box = mark.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
    });
    return {
        sizes: shown.map(
            label => label.getScreenCTM().a * parseFloat(getComputedStyle(label).fontSize)
        ),
        boxes: shown.map(label => {
            const box = label.getBoundingClientRect();
            return [box.left, box.right];
        }),
        marks: marks.length,
        all: figure.querySelectorAll('svg a').length,
    };
}"""


@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_timeline_year_labels_are_readable_on_a_phone(
    chromium: Any, site_url: str, width: str
) -> None:
    """The timeline is scaled to the screen: on a 390 px phone its year labels are drawn
    larger, at 12 px or more as rendered, side by side, and every mark is still there."""
    with visit(chromium, viewport=VIEWPORTS[width]) as seen:
        seen.page.goto(site_url)
        figure = seen.page.locator("article figure.cis-figure--timeline").first
        labels = figure.evaluate(_YEAR_LABELS)
        assert labels["sizes"], labels
        assert min(labels["sizes"]) >= 12, labels["sizes"]
        boxes = labels["boxes"]
        for (_, right), (left, _) in pairwise(boxes):
            assert right <= left, boxes  # no two labels touch
        assert labels["marks"] == labels["all"] >= 1, labels
        assert_clean(seen)
