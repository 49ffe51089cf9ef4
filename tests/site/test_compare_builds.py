"""scripts/compare_builds.py, which `make properdocs` runs on the MkDocs and ProperDocs builds.

On two small sites of the test's own: markup alone is no difference; a changed word,
a missing page, a changed download or a changed search entry each is.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ..support.project import ROOT

SCRIPT = ROOT / "scripts" / "compare_builds.py"
PAGE = """<!doctype html><html><head><meta name="generator" content="{engine}">
<title>Second consultations</title><script>var engine = "{engine}";</script></head>
<body><article><h1>Second consultations</h1><p>Held on 6 December 2022.</p></article></body>
</html>"""


def make_site(folder: Path, engine: str) -> Path:
    (folder / "consultations").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "search").mkdir()
    (folder / "index.html").write_text(PAGE.format(engine=engine))
    (folder / "consultations" / "index.html").write_text(PAGE.format(engine=engine))
    (folder / "data" / "consultations.csv").write_text("id,title\n2022-12-06,Second\n")
    index = {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "Home", "text": "x"}]}
    (folder / "search" / "search_index.json").write_text(json.dumps(index))
    sitemap = f"<urlset><url><loc>https://e.org/</loc><lastmod>{engine}</lastmod></url></urlset>"
    (folder / "sitemap.xml").write_text(sitemap)
    (folder / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode(), mtime=len(engine)))
    return folder


def compare(first: Path, second: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(first), str(second)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    return make_site(tmp_path / "a", "mkdocs-1.6.1"), make_site(tmp_path / "b", "properdocs")


def test_builds_that_differ_in_markup_only_match(sites: tuple[Path, Path]) -> None:
    result = compare(*sites)
    assert result.returncode == 0, result.stdout
    assert "2 pages in both builds, compared for the same text" in result.stdout
    assert "The builds match" in result.stdout


def test_a_changed_word_is_named_with_its_page(sites: tuple[Path, Path]) -> None:
    page = sites[1] / "consultations" / "index.html"
    page.write_text(page.read_text().replace("6 December", "7 December"))
    result = compare(*sites)
    assert result.returncode == 1
    assert "differs: consultations/index.html" in result.stdout
    assert "[6]" in result.stdout and "[7]" in result.stdout


@pytest.mark.parametrize(
    ("change", "reported"),
    [
        (lambda site: (site / "consultations" / "index.html").unlink(), "only in"),
        (
            lambda site: (site / "data" / "consultations.csv").write_text("id\n"),
            "differs: data/consultations.csv",
        ),
        (
            lambda site: (site / "search" / "search_index.json").write_text(
                json.dumps({"config": {"lang": ["en"]}, "docs": []})
            ),
            "differs: search/search_index.json",
        ),
        (lambda site: shutil.rmtree(site / "data"), "only in"),
    ],
    ids=["missing page", "changed download", "changed search entry", "missing download"],
)
def test_every_other_difference_fails_the_comparison(
    sites: tuple[Path, Path], change: Callable[[Path], object], reported: str
) -> None:
    change(sites[1])
    result = compare(*sites)
    assert result.returncode == 1
    assert reported in result.stdout
    assert "difference" in result.stdout.splitlines()[-1]
