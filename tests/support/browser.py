"""Driving Debian's Chromium with Playwright against a site served on 127.0.0.1.

Never downloads a browser: Chromium is launched from ``CHROMIUM_PATH`` (default
``/usr/bin/chromium``). Every visit records the requests, console errors, page errors
and dialogs it saw, so a test can prove that the page loaded and that nothing left
the host or ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from scripts.serve_site import (
    serve,
    site_path,
)

from .project import ROOT

NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}
SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's colour scheme -> the Material palette the page should show."""


@contextmanager
def serve_built(base: Path, data: Path) -> Iterator[str]:
    """The project built with other ``data`` under ``base`` (strict), and served."""
    from .project import copy_project, run_mkdocs

    project = copy_project(base / "project", data=data)
    result = run_mkdocs(project, base / "site")
    assert result.returncode == 0, result.stderr
    with serve(base / "site", site_path()) as url:
        yield url


@dataclass
class Visit:
    """One browser tab and what it saw."""

    page: Any
    """The Playwright page."""
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self, allowed_host: str = "127.0.0.1") -> list[str]:
        """Requests to any host but ``allowed_host`` (``file:``/``data:`` URLs have none)."""
        foreign = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in {"data", "blob", "about"}:
                continue
            if parsed.scheme == "file" and allowed_host == "":
                continue
            if parsed.hostname != allowed_host:
                foreign.append(url)
        return foreign


@contextmanager
def visit(
    browser: Any, *, viewport: dict[str, int] = DESKTOP, color_scheme: str = "light"
) -> Iterator[Visit]:
    """A fresh context (no stored palette or cache) and a tab that records what it sees."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    seen = Visit(page)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            seen.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield seen
    finally:
        context.close()


def run_axe(page: Any) -> dict[str, Any]:
    """Run axe-core (WCAG 2.x A and AA, and best practices) on the page as it is."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result: dict[str, Any] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return {
                version: axe.version,
                passes: result.passes.length,
                violations: result.violations.map(v => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
                    summary: v.nodes.length ? v.nodes[0].failureSummary : '',
                })),
            };
        }"""
    )
    return result


def search(page: Any, query: str) -> list[str]:
    """Type ``query`` into Material's search as a reader does; the pages found, in order."""
    field_ = page.locator("input.md-search__input")
    opener = page.locator("label.md-header__button[for='__search']").first
    (opener if opener.is_visible() else field_).click()  # narrow screens: the search icon
    field_.fill(query)
    field_.press("End")  # Material's search listens to keyup
    page.wait_for_selector(".md-search-result__item")
    # One item per page; its first link opens the page, the others its sections.
    links: list[str] = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(item => item.querySelector('a').href)"
    )
    return links


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot to ``artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def assert_clean(
    seen: Visit, allowed_host: str = "127.0.0.1", *, expected_errors: tuple[str, ...] = ()
) -> None:
    """Nothing went wrong, nothing left the host, and the page's own assets loaded.

    ``allowed_host=""`` is for a copy opened from ``file://``; ``expected_errors`` are
    pieces of console errors that are the point of the page (a 404 page's status).
    """
    unexpected = [
        error
        for error in seen.console_errors
        if not any(piece in error for piece in expected_errors)
    ]
    assert unexpected == [], unexpected
    assert seen.page_errors == [], seen.page_errors
    assert seen.dialogs == [], seen.dialogs
    assert seen.foreign_requests(allowed_host) == []
    own = [url for url in seen.requests if url not in seen.foreign_requests(allowed_host)]
    assert any(urlparse(url).path.endswith(".css") for url in own), "no stylesheet was loaded"
    assert any(urlparse(url).path.endswith(".js") for url in own), "no script was loaded"
