"""The offline copy (`make offline`): unzipped and opened from file://, search works."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from ..support.browser import assert_clean, search, visit
from ..support.project import ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``make offline`` as a user runs it, its zip unpacked elsewhere."""
    out = tmp_path_factory.mktemp("offline-build")
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "offline", f"OFFLINE_DIR={out}"],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    unpacked = tmp_path_factory.mktemp("offline-copy")
    with zipfile.ZipFile(out / "site-offline.zip") as archive:
        archive.extractall(unpacked)
    yield unpacked


def test_the_zip_holds_the_site_with_flat_urls_and_no_cdn(offline_copy: Path) -> None:
    home = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert 'href="consultations/2022-12-06.html"' in home  # no directory URLs
    assert (offline_copy / "search" / "search_index.js").is_file()
    assert (offline_copy / "assets/javascripts/iframe-worker/shim.js").is_file()
    assert "unpkg.com" not in home
    page = BeautifulSoup(home, "html.parser")
    for tag in page.select("script[src], link[href][rel=stylesheet], img[src]"):
        assert "://" not in str(tag.get("src") or tag.get("href")), tag


def test_the_figures_are_in_the_copy_and_link_to_its_files(offline_copy: Path) -> None:
    for page_file in (offline_copy / "index.html", offline_copy / "consultations" / "index.html"):
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        marks = page.select("figure.cis-figure svg a[href]")
        assert marks, page_file
        for mark in marks:
            target = page_file.parent / str(mark["href"]).split("#")[0]
            assert target.suffix == ".html" and target.is_file(), mark["href"]
    meeting = (offline_copy / "consultations" / "2022-12-06.html").read_text(encoding="utf-8")
    assert "cis-figure--map" in meeting


def test_search_works_from_file_urls(chromium: Any, offline_copy: Path) -> None:
    with visit(chromium) as seen:
        seen.page.goto((offline_copy / "index.html").as_uri())
        assert seen.page.locator("article h1").first.is_visible()
        found = search(seen.page, "Kyrgyzstan")
        assert urlparse(found[0]).path.endswith("/states/kyrgyzstan.html"), found
        assert found[0].startswith(offline_copy.as_uri())
        seen.page.locator(".md-search-result__item a").first.click()
        seen.page.wait_for_url(re.compile(r"/states/kyrgyzstan\.html"))
        assert seen.page.locator("article h1").first.inner_text().startswith("Kyrgyzstan")
        assert_clean(seen, allowed_host="")


def _offline_path(url: str, root: Path) -> str:
    """``file:///.../states/kyrgyzstan.html#x`` -> ``states/kyrgyzstan.html``."""
    return urlparse(url).path.removeprefix(urlparse(root.as_uri()).path + "/")


# One query of each kind, on the real data; asserted as over the real data online
# (tests/test_search.py): only what a new record cannot displace.
OFFLINE_QUERIES = {
    "acronym": ("ITU", "organizations/itu.html", "found"),
    "synonym": ("cybercrime", "topics/cybercrime.html", "found"),
    "state": ("Kyrgyz Republic", "states/kyrgyzstan.html", "first"),
    "person": ("Aleksei Borodin", "people/alexey-borodin.html", "first"),
    "year": ("2024", "consultations/2024-12-19.html", "ahead of aggregate pages"),
    "phrase": ("neutralization of Internet resources", "consultations/2022-12-06.html", "found"),
}


@pytest.mark.parametrize("kind", OFFLINE_QUERIES)
def test_the_offline_copy_searches_the_same_way(
    chromium: Any, offline_copy: Path, kind: str
) -> None:
    query, expected, rule = OFFLINE_QUERIES[kind]
    with visit(chromium) as seen:
        seen.page.goto((offline_copy / "index.html").as_uri())
        found = [_offline_path(url, offline_copy) for url in search(seen.page, query)]
        assert_clean(seen, allowed_host="")
    assert expected in found, found
    if rule == "first":
        assert found[0] == expected, found
    elif rule == "ahead of aggregate pages":
        records = [path for path in found if path.startswith("consultations/2")]
        assert found[: len(records)] == records, found
