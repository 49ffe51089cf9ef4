"""The link checker can fail; the Nu HTML Checker passes the built site."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ..support.browser import NODE_MODULES
from ..support.project import require_tools
from ..support.site_checks import check_internal_links

pytestmark = pytest.mark.build

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material's own templates, not from our pages. Each is matched by
# its message and a piece of the markup it points at, so a new error of the same kind
# elsewhere still fails.
MATERIAL_KNOWN_ERRORS = [
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off"
    # (set so that Firefox does not restore their state on reload).
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # partials/toc.html labels the "__toc" checkbox, which nav-item.html writes only for
    # pages in the navigation; record pages are deliberately not in it.
    ("The value of the “for” attribute of the “label” element", 'for="__toc"'),
]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_a_broken_anchor_is_caught(built_site: Path, tmp_path: Path) -> None:
    """The link checker (run on every build in test_build) can fail: a missing id."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            'href="consultations/"', 'href="consultations/#no-such-section"', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="no-such-section"):
        check_internal_links(site)


def test_the_nu_html_checker_finds_no_errors(built_site: Path) -> None:
    java = shutil.which("java")
    require_tools(
        "the HTML check",
        {"Java": Path(java) if java else None, "vnu-jar (`make install`)": VNU_JAR},
    )
    assert java is not None
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", str(built_site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert all(message["type"] != "non-document-error" for message in messages), messages
    errors = [
        message
        for message in messages
        if message["type"] == "error"
        and not any(
            message["message"].startswith(text) and snippet in message.get("extract", "")
            for text, snippet in MATERIAL_KNOWN_ERRORS
        )
    ]
    assert errors == [], [
        f"{error['url']}:{error.get('lastLine')}: {error['message']}" for error in errors
    ]
    # The checker read every page: each page has Material's known errors.
    checked = {message["url"] for message in messages}
    assert len(checked) == len(html_pages(built_site)), "the checker did not read every page"
