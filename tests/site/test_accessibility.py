"""axe-core on every page type, at desktop and mobile widths, in both palettes.

The pages with figures are among them: home and the consultations index (the
timeline), a consultation, a state and the participation page (maps).
"""

from __future__ import annotations

from typing import Any

import pytest

from ..support.browser import SCHEMES, VIEWPORTS, assert_clean, run_axe, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAGE_TYPES = {
    "home": "",
    "consultations": "consultations/",
    "consultation": "consultations/2022-12-06/",
    "planned-consultation": "consultations/2023-H2/",
    "states": "states/",
    "state": "states/kyrgyzstan/",
    "organizations": "organizations/",
    "organization": "organizations/rcc-executive-committee/",
    "people": "people/",
    "person": "people/natalya-zorya/",
    "topics": "topics/",
    "topic": "topics/cybercrime/",
    "participation": "participation/",
    "data": "data/",
    "contributing": "contributing/",
    "not-found": "no-such-page/",
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_violations(
    chromium: Any, site_url: str, page_type: str, width: str, scheme: str
) -> None:
    with visit(chromium, viewport=VIEWPORTS[width], color_scheme=scheme) as seen:
        seen.page.goto(site_url + PAGE_TYPES[page_type])
        assert seen.page.locator("article h1").first.is_visible(), "the page has no heading"
        palette = seen.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == SCHEMES[scheme]
        result = run_axe(seen.page)
    assert result["passes"] > 10, "axe did not run"
    assert result["violations"] == [], result["violations"]
    expected = ("the server responded with a status of 404",) if page_type == "not-found" else ()
    assert_clean(seen, expected_errors=expected)
