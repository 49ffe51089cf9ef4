"""Shared fixtures: the project's paths, copies of it to break, and one real build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 1, 1)
"""A fixed "today" for the loader, so tests do not age."""

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "data")


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
