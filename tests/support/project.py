"""The project's paths, copies of it to break, a real build, and reading built pages."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from cis_consultations.core.changes import ChangeKind, Commit, History, RecordChange
from cis_consultations.core.model import Dataset

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
BROKEN = TESTS / "broken"
"""The broken-record corpus, with its MANIFEST.yml."""
SOURCES = TESTS / "sources"
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


def value_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a value read from YAML (keys and list indexes), its own first."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(value_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(value_paths(item, (*prefix, index)))
    return found


def git(repo: Path, *args: str, date: str | None = None) -> None:
    """Run git in ``repo`` as a fresh user would, the commit dated ``date`` if given."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def history_of_one_day(dataset: Dataset, day: dt.date) -> History:
    """A history in which every record was added on ``day`` (for the "last changed" date)."""
    commit = Commit("0" * 40, dt.datetime.combine(day, dt.time(), dt.UTC), "Records added")
    return History(
        available=True,
        changes=tuple(
            RecordChange(commit, record.id, record.source_path, ChangeKind.ADDED)
            for record in dataset.meetings
        ),
    )
