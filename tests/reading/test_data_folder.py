"""The data folder is a boundary: what is not read is said, a link is never followed.

Through the real entry points: the ``consultations`` command as a process, and
``mkdocs build --strict``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cis_consultations.core.layout import REGISTRIES, TEXT_FOLDERS
from cis_consultations.core.problems import Severity
from cis_consultations.reading.discovery import RECORD_FOLDERS, scan

from ..support.project import FIXTURES, ROOT, copy_project, run_mkdocs

TODAY = "2026-01-01"
SECRET = "SECRET_TOKEN_4242"
"""In the files outside the project that links point at: must never be printed."""
LINK_MESSAGE = (
    "is a symbolic link, which the loader never follows; put the file itself here "
    "(or delete the link)"
)


def validate(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cis_consultations.cli", "validate", *args, "--today", TODAY],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A valid data folder of the tests' own in ``tmp_path/project/data``."""
    folder = tmp_path / "project" / "data"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project holding a record with a secret in it."""
    folder = tmp_path / "elsewhere-private"
    folder.mkdir()
    record = (FIXTURES / "minimal/consultations/2021-05-04.yml").read_text()
    (folder / "secret.yml").write_text(record + f"{SECRET}: do not print\n")
    return folder


def assert_nothing_of(outside: Path, output: str) -> None:
    assert SECRET not in output
    assert str(outside) not in output and outside.name not in output
    assert "do not print" not in output


def test_a_linked_record_is_refused_unread_and_its_target_never_printed(
    data: Path, outside: Path
) -> None:
    (data / "consultations" / "2021-06-01.yml").symlink_to(outside / "secret.yml")
    result = validate(data.parent)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"data/consultations/2021-06-01.yml: {LINK_MESSAGE}" in result.stdout
    assert_nothing_of(outside, output)


def test_a_linked_registry_and_a_linked_records_folder_are_refused(
    data: Path, outside: Path
) -> None:
    (outside / "states.yml").write_text(f'"AM": {{name: {SECRET}}}\n')
    (data / "states.yml").unlink()
    (data / "states.yml").symlink_to(outside / "states.yml")
    moved = outside / "records"
    shutil.move(data / "consultations", moved)
    (data / "consultations").symlink_to(moved)
    result = validate(data.parent)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"data/states.yml: {LINK_MESSAGE}" in result.stdout
    assert f"data/consultations: {LINK_MESSAGE}" in result.stdout
    assert "the states registry is missing" not in output
    assert_nothing_of(outside, output)


def test_fmt_never_reads_nor_writes_through_a_link(data: Path, outside: Path) -> None:
    target = outside / "secret.yml"
    before = target.read_text()
    link = data / "consultations" / "2021-06-01.yml"
    link.symlink_to(target)
    command = [sys.executable, "-m", "cis_consultations.cli", "fmt"]
    rewrite = subprocess.run(command, cwd=data.parent, capture_output=True, text=True, check=False)
    given = subprocess.run(
        [*command, "--check", "data/consultations/2021-06-01.yml"],
        cwd=data.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert target.read_text() == before
    assert given.returncode == 1
    assert given.stdout == f"data/consultations/2021-06-01.yml: {LINK_MESSAGE}\n"
    for result in (rewrite, given):
        assert_nothing_of(outside, result.stdout + result.stderr)


def test_the_build_refuses_a_link_to_a_valid_record_and_publishes_nothing(
    tmp_path: Path, outside: Path
) -> None:
    project = copy_project(tmp_path / "built")
    (project / "data/consultations/2021-06-01.yml").symlink_to(outside / "secret.yml")
    result = run_mkdocs(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"data/consultations/2021-06-01.yml: {LINK_MESSAGE}" in output
    assert not (tmp_path / "site").exists()
    assert_nothing_of(outside, output)
    assert "Traceback" not in output


EXPECTED = {
    "consultations/2021-06-01.YML": (
        Severity.ERROR,
        "is not read: the extension .YML must be lower case; rename the file to 2021-06-01.yml",
    ),
    "consultations/2021-06-02.json": (
        Severity.ERROR,
        "is not read: a record is a YAML file named after its id, <id>.yml; convert it, "
        "or move it out of data/consultations/",
    ),
    "consultations/old/2021-06-03.yml": (
        Severity.ERROR,
        "is in a folder the loader does not read; move it to data/consultations/",
    ),
    "consultations/2021-05-04.yml~": (
        Severity.WARNING,
        "looks like a backup or a leftover copy and is not read; delete it when it is no "
        "longer needed",
    ),
    "consultations/.2021-05-04.yml.swp": (
        Severity.WARNING,
        "looks like an editor's swap or lock file (a file is open in an editor) and is not "
        "read; it goes when the editor closes",
    ),
    "consultations/README.md": (
        Severity.WARNING,
        "is not read: a record is a YAML file named after its id, <id>.yml; move it out "
        "of data/consultations/",
    ),
    "consultation/2021-06-04.yml": (
        Severity.ERROR,
        "is in a folder the loader does not read (did you mean 'consultations'?); data/ holds only",
    ),
    "state.yml": (Severity.ERROR, "is not read (did you mean 'states'?): data/ holds only"),
    "notes.txt": (Severity.WARNING, "is not read: data/ holds only"),
    "texts/rcc-2022.TXT": (
        Severity.ERROR,
        "is not read: the extension .TXT must be lower case; rename the file to rcc-2022.txt",
    ),
}


def test_nothing_in_the_data_folder_is_skipped_in_silence(data: Path) -> None:
    record = (data / "consultations" / "2021-05-04.yml").read_text()
    for name in EXPECTED:
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record)
    result = validate(data.parent)
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    for name, (severity, message) in EXPECTED.items():
        prefix = f"data/{name}: " + ("warning: " if severity is Severity.WARNING else "")
        assert any(line.startswith(prefix + message) for line in lines), (name, result.stdout)
    assert len(lines) == len(EXPECTED), result.stdout
    assert result.stderr.strip() == "6 problems and 4 warnings found."


def test_warnings_alone_leave_the_data_valid(data: Path) -> None:
    (data / "consultations" / "2021-05-04.yml~").write_text("old copy\n")
    (data / "consultations" / ".2021-05-04.yml.swp").write_bytes(b"b0VIM\x00\x01")
    result = validate(data.parent)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count(": warning: ") == 2
    assert result.stdout.splitlines()[-1].startswith("OK: 2 records")


def test_the_layout_is_one_list_that_knows_every_folder_and_registry(data: Path) -> None:
    for name in REGISTRIES:
        if not (data / f"{name}.yml").exists():
            (data / f"{name}.yml").write_text("{}\n")
    for folder in (*RECORD_FOLDERS, *TEXT_FOLDERS):
        (data / folder).mkdir(exist_ok=True)
    (data / "texts" / "rcc-2022-12-06.txt").write_text("A text.\n")
    layout = scan(data, data.parent)
    assert layout.problems == ()
    assert set(layout.registries) == set(REGISTRIES)
    assert layout.texts["texts"] == (data / "texts" / "rcc-2022-12-06.txt",)
    assert [path.name for path in layout.record_files] == ["2021-05-04.yml", "2022-H1.yml"]


def test_the_real_data_folder_has_nothing_the_loader_does_not_read() -> None:
    assert scan(ROOT / "data", ROOT).problems == ()


@pytest.mark.build
def test_a_swap_file_never_fails_a_strict_build_and_is_annotated_on_github(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    (project / "data/consultations/.2022-12-06.yml.swp").write_bytes(b"b0VIM\x00")
    (project / "data/notes.txt").write_text("a note\n")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_mkdocs(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert (tmp_path / "site/index.html").is_file()
    assert (
        "DATA    -  data/consultations/.2022-12-06.yml.swp: warning: looks like an "
        "editor's swap or lock file" in output
    )
    assert "::warning file=data/consultations/.2022-12-06.yml.swp,title=Data warning::" in output
    assert "::warning file=data/notes.txt,title=Data warning::is not read" in output
    assert summary.read_text().startswith("### Site build: the data is valid")
