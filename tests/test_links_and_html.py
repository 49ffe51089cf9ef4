"""Every internal link and anchor of the built site resolves; the Nu HTML Checker passes it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from .browser import NODE_MODULES, site_path
from .conftest import require_tools

pytestmark = pytest.mark.build

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_ORIGIN = "http://site.test"

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


def page_url(site: Path, html_file: Path) -> str:
    """The address a page is published at, under the site's path."""
    relative = html_file.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return f"{SITE_ORIGIN}{site_path()}{relative}"


def target_file(site: Path, url: str) -> Path | None:
    """The file an internal URL resolves to, or None when it points outside the site."""
    parsed = urlparse(url)
    prefix = site_path()
    if f"{parsed.scheme}://{parsed.netloc}" != SITE_ORIGIN or not parsed.path.startswith(prefix):
        return None
    path = site / unquote(parsed.path.removeprefix(prefix))
    return path / "index.html" if parsed.path.endswith("/") else path


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def ids_of(html_file: Path) -> set[str]:
        if html_file not in ids:
            page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
            ids[html_file] = {str(tag["id"]) for tag in page.select("[id]")}
        return ids[html_file]

    broken: list[str] = []
    checked = anchors = 0
    for html_file in html_pages(built_site):
        base = page_url(built_site, html_file)
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag in page.select("a[href], link[href], script[src], img[src]"):
            reference = str(tag.get("href") or tag.get("src"))
            url = urljoin(base, reference)
            target = target_file(built_site, url)
            if target is None:
                assert urlparse(url).scheme in {"http", "https", "mailto"}, (html_file, url)
                continue
            checked += 1
            where = f"{html_file.relative_to(built_site)}: {reference}"
            if not target.is_file():
                broken.append(f"{where} (no file {target.relative_to(built_site)})")
                continue
            fragment = unquote(urlparse(url).fragment)
            if fragment and target.suffix == ".html":
                anchors += 1
                if fragment not in ids_of(target):
                    broken.append(f"{where} (no id {fragment!r} in the target)")
    assert broken == []
    assert checked > 500 and anchors > 100, (checked, anchors)


def test_a_broken_anchor_is_caught(built_site: Path, tmp_path: Path) -> None:
    """The checker above can fail: a link to a missing id in a copy of the site."""
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
        test_every_internal_link_and_anchor_resolves(site)


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
