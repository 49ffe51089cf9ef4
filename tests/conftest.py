"""Shared fixtures: the project's paths, copies of it to break, and one real build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from cis_consultations.core.model import Dataset
from cis_consultations.reading.dataset import load_dataset

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 1, 1)
"""A fixed "today" for the loader, so tests do not age."""

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")
GITHUB_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")
"""Set when the tests themselves run in GitHub Actions: the tests' own builds of broken
data must not annotate the pull request nor write to the run's summary."""


@pytest.fixture(autouse=True, scope="session")
def _not_on_github() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in GITHUB_VARIABLES:
            patch.delenv(name, raising=False)
        yield


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A buildable copy of the project in ``target``, optionally with other data."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if part == "data" and data is not None:
            source = data
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    (target / "src").symlink_to(ROOT / "src")  # mkdocs.yml watches the templates
    return target


def run_mkdocs(project: Path, site_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` as a user runs it, into ``site_dir``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real project built once with ``mkdocs build --strict``."""
    base = tmp_path_factory.mktemp("real")
    project = copy_project(base / "project")
    site = base / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr
    yield site


@pytest.fixture(scope="session")
def built_dataset() -> Dataset:
    """The records :func:`built_site` was built from, loaded as the build loads them."""
    return load_dataset(ROOT / "data")


def read_page(site: Path, url_path: str) -> BeautifulSoup:
    """The built page at a site path such as ``consultations/2022-12-06/``."""
    return BeautifulSoup(
        (site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def article_text(page: BeautifulSoup) -> str:
    """The page's own content (not the navigation or the search index), as one line."""
    article = page.select_one("article.md-content__inner")
    assert article is not None, "no article on the page"
    return " ".join(article.get_text().split())


def selected_text(tag: Any, selector: str) -> str:
    """The text of the first element under ``tag`` that ``selector`` matches (it must)."""
    found = tag.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return str(found.get_text())


def require_tools(purpose: str, tools: dict[str, Path | None]) -> None:
    """Skip, with the reason, when a tool is missing; under CI (``CI`` set) fail instead."""
    missing = [
        f"{name} at {path}" if path else name
        for name, path in tools.items()
        if path is None or not path.is_file()
    ]
    if not missing:
        return
    reason = f"{purpose} need " + "; ".join(missing)
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so a missing tool is an error)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright, one per session.

    Without it the browser tests skip with the reason on a laptop, and fail under CI.
    """
    from .browser import AXE_SCRIPT, CHROMIUM_ARGS, CHROMIUM_PATH

    require_tools(
        "the browser tests",
        {"Chromium (set CHROMIUM_PATH)": CHROMIUM_PATH, "axe-core (`make install`)": AXE_SCRIPT},
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The real build, served on 127.0.0.1 under the published path (``/consultations/``)."""
    from .browser import serve, site_path

    with serve(built_site, site_path()) as url:
        yield url
