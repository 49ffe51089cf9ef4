"""In GitHub Actions every problem is also an annotation on the pull request's diff."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cis_consultations.core.problems import Problem, Severity
from cis_consultations.github import annotation, summary

from ..support.project import BROKEN, FIXTURES, copy_project, run_mkdocs

STATUS_ANNOTATION = (
    "::error file=data/consultations/2021-06-01.yml,line=2,col=9,"
    "title=Data error in status::status: expected one of held, announced, postponed, cancelled; "
    "found 'hled' (did you mean 'held'?)"
)


def broken_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copyfile(BROKEN / "09-status-typo.yml", data / "consultations/2021-06-01.yml")
    return data


def validate(cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cis_consultations.cli", "validate", "--today", "2026-01-01"],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_broken_record_on_github_gives_an_annotation_at_its_line(tmp_path: Path) -> None:
    broken_data(tmp_path)
    summary_file = tmp_path / "summary.md"
    result = validate(
        tmp_path, {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary_file)}
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "data/consultations/2021-06-01.yml:2:9: status: expected one of" in lines[0]
    assert STATUS_ANNOTATION in lines, result.stdout
    written = summary_file.read_text()
    assert written.startswith("### consultations validate: 1 problem found\n")
    assert "| data/consultations/2021&#45;06&#45;01&#46;yml&#58;2&#58;9 | error | status |" in (
        written
    )


def test_elsewhere_the_output_stays_as_it_was(tmp_path: Path) -> None:
    broken_data(tmp_path)
    result = validate(tmp_path, {})
    assert result.returncode == 1
    assert "::" not in result.stdout + result.stderr
    assert result.stdout.count("\n") == 1


@pytest.mark.build
def test_the_build_on_github_annotates_and_summarises_what_stopped_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    record = project / "data/consultations/2022-12-06.yml"
    record.write_text(record.read_text().replace("status: held", "status: hled"))
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1, result.stdout
    assert annotations[0].startswith(
        "::error file=data/consultations/2022-12-06.yml,line=4,col=9,title=Data error in status::"
    )
    assert summary_file.read_text().startswith("### Site build: nothing was built")


def test_workflow_commands_are_escaped_so_data_cannot_forge_one() -> None:
    problem = Problem(
        "data/odd:name,1.yml",
        3,
        5,
        "a,b:c",
        "100% wrong\r\n::error file=x::forged",
    )
    assert annotation(problem) == (
        "::error file=data/odd%3Aname%2C1.yml,line=3,col=5,title=Data error in a%2Cb%3Ac"
        "::a,b:c: 100%25 wrong%0D%0A::error file=x::forged"
    )


def test_a_problem_with_a_whole_file_has_no_line_and_a_warning_is_a_warning() -> None:
    problem = Problem("data/notes.txt", 0, 0, "", "is not read", Severity.WARNING)
    assert annotation(problem) == "::warning file=data/notes.txt,title=Data warning::is not read"


def test_the_summary_keeps_data_inert_and_counts_what_it_leaves_out() -> None:
    hostile = Problem("data/a.yml", 1, 1, "title", "<script>x</script> | [link](http://e) *b*")
    text = summary([hostile] * 55, "consultations validate", "55 problems found")
    assert "<script>" not in text and "[link]" not in text and "*b*" not in text
    assert text.count("| data/a&#46;yml&#58;1&#58;1 |") == 50
    assert "And 5 more, listed in the step's log." in text
