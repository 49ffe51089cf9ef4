"""The benchmark runs end to end at N=10 (a smoke test: nothing here is timed or compared)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bench.run import main, make_baseline, make_project, page_kind

pytestmark = pytest.mark.build


def test_the_baseline_has_our_pages_and_no_hooks(tmp_path: Path) -> None:
    project = make_project(tmp_path / "ours", 3, seed=0)
    baseline = make_baseline(project, tmp_path / "baseline")
    config = (baseline / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config
    assert "custom_dir: overrides" in config
    pages = {path.relative_to(baseline / "docs").as_posix() for path in baseline.rglob("*.md")}
    assert {"index.md", "consultations/index.md", "contributing.md", "data/index.md"} <= pages
    records = {path.stem for path in (project / "data" / "consultations").glob("*.yml")}
    assert {f"consultations/{record_id}.md" for record_id in records} <= pages
    assert not (Path(__file__).parents[2] / "data" / "consultations" / "1990-01-01.yml").exists()


def test_benchmark_smoke_at_ten_records(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    arguments = ["--sizes", "10", "--runs", "1", "--no-warmup", "--load-n", "10"]
    arguments += ["--serve-n", "10", "--out", str(out), "--work", str(tmp_path / "work")]
    assert main(arguments) == 0
    report = out.read_text(encoding="utf-8")
    assert report.startswith("Shape of the synthetic data: spread\n\n| N | ours median s |")
    assert "\n| 10 | " in report
    assert "| search index MB | largest page KB |" in report
    largest = re.search(r"^- Largest HTML pages at N=10: (.*)$", report, re.MULTILINE)
    assert largest is not None
    assert len(re.findall(r"\S+\.html \([a-z -]+, \d+ KB\)", largest[1])) == 5, largest[1]
    assert "Load and validate 10 records in-process" in report
    assert "Draw the figures of " in report
    assert "One rebuild under mkdocs serve" in report


def test_pages_are_named_by_their_kind() -> None:
    assert page_kind("index.html") == "home"
    assert page_kind("states/index.html") == "states index"
    assert page_kind("states/armenia/index.html") == "state"
    assert page_kind("states/armenia/2024/index.html") == "state year page"
    assert page_kind("states/armenia/2024/2/index.html") == "state year page"
    assert page_kind("participation/2024/index.html") == "participation year page"
    assert page_kind("expert-groups/2021-07-08/index.html") == "record"
