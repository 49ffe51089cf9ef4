"""Shared fixtures: the project's paths, copies of it to break, and one real build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# The shared checks assert what a test asserts: rewritten, so a failure says what it saw.
pytest.register_assert_rewrite("tests.support")

from cis_consultations.core.model import Dataset  # noqa: E402
from cis_consultations.reading.dataset import load_dataset  # noqa: E402

from .support.project import ROOT, copy_project, require_tools, run_mkdocs  # noqa: E402

GITHUB_VARIABLES = ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")
"""Set when the tests themselves run in GitHub Actions: the tests' own builds of broken
data must not annotate the pull request nor write to the run's summary."""


@pytest.fixture(autouse=True, scope="session")
def _not_on_github() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in GITHUB_VARIABLES:
            patch.delenv(name, raising=False)
        yield


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


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright, one per session.

    Without it the browser tests skip with the reason on a laptop, and fail under CI.
    """
    from scripts.serve_site import CHROMIUM_ARGS, CHROMIUM_PATH

    from .support.browser import AXE_SCRIPT

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
    from scripts.serve_site import serve, site_path

    with serve(built_site, site_path()) as url:
        yield url
