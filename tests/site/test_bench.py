"""The benchmark runs end to end at N=10 (a smoke test: nothing here is timed or compared)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.run import main, make_baseline, make_project

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
    assert report.startswith("| N | ours median s |")
    assert "\n| 10 | " in report
    assert "| search index MB | largest page KB |" in report
    assert "Largest HTML page at N=10: " in report
    assert "Load and validate 10 records in-process" in report
    assert "Draw the figures of " in report
    assert "One rebuild under mkdocs serve" in report
