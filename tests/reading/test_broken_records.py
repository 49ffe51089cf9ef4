"""The broken-record corpus: every mistake an editor can make is named and located."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cis_consultations.cli import main
from cis_consultations.core.layout import REGISTRIES

from ..support.project import BROKEN, FIXTURES

CASES: list[dict[str, Any]] = yaml.safe_load((BROKEN / "MANIFEST.yml").read_text())
TODAY = "2026-01-01"


def case_path(name: str) -> str:
    """Where a case goes in the data folder: a record by default, else the path it names
    (``expert-groups/2021-06-01.yml``, or a registry such as ``sources.yml``)."""
    registry = name.removesuffix(".yml") in REGISTRIES
    return name if "/" in name or registry else f"consultations/{name}"


def data_with(tmp_path: Path, case_file: Path, name: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    target = data / case_path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case_file, target)
    return data


def test_the_corpus_is_large_and_every_file_is_in_the_manifest() -> None:
    files = {path.name for path in BROKEN.glob("*.yml")} - {"MANIFEST.yml"}
    assert {case["file"] for case in CASES} == files
    assert len(files) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_broken_record_gets_a_located_plain_message(
    case: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = case.get("as", "2021-06-01.yml")
    data_with(tmp_path, BROKEN / case["file"], name)
    monkeypatch.chdir(tmp_path)
    exit_code = main(["validate", "data", "--today", TODAY])
    output = capsys.readouterr().out
    assert exit_code == case.get("exit", 1), output
    assert all(len(line) < 600 for line in output.splitlines()), "a line echoes too much"
    # A problem with a file as a whole (line 0) names the file alone.
    where = f"data/{case_path(name)}"
    prefix = f"{where}:{case['line']}:" if case["line"] else f"{where}: "
    matching = [line for line in output.splitlines() if line.startswith(prefix)]
    assert matching, f"no problem reported at {prefix}\n{output}"
    wanted_field = f": {case['field']}: " if case["field"] else ""
    assert any(
        wanted_field in line and all(word in line for word in case["words"]) for line in matching
    ), output


def test_the_command_exits_0_on_good_data_and_1_on_bad(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "cis_consultations.cli", "validate", "data", "--today", TODAY]
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    good = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert good.returncode == 0 and good.stdout.startswith("OK: 2 records"), good
    shutil.copyfile(BROKEN / "09-status-typo.yml", tmp_path / "data/consultations/2021-06-01.yml")
    bad = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert bad.stdout.startswith("data/consultations/2021-06-01.yml:2:9: status: ")
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize("second", ["2021-05-04.yaml", "2021-05-04-A.yml"])
def test_two_files_cannot_give_one_id(
    second: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = data_with(tmp_path, FIXTURES / "minimal/consultations/2021-05-04.yml", second)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data", "--today", TODAY]) == 1
    output = capsys.readouterr().out
    assert second in output and ": " in output
    assert ("gives the same id as data/consultations/2021-05-04" in output) or (
        f"the file name {second!r} is not a record id" in output
    )
    assert (data / "consultations" / second).exists()


def test_a_file_over_the_size_cap_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_with(tmp_path, BROKEN / "09-status-typo.yml", "2021-06-01.yml")
    big = "title: x\n" + "themes:\n" + "".join(f"  - theme number {i}\n" for i in range(20_000))
    (data / "consultations" / "2021-06-01.yml").write_text(big)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data", "--today", TODAY]) == 1
    output = capsys.readouterr().out
    assert "data/consultations/2021-06-01.yml: the file is" in output
    assert "a record may be at most 262,144 bytes" in output


def test_registry_ids_cannot_reach_outside_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_with(tmp_path, FIXTURES / "minimal/consultations/2021-05-04.yml", "2021-05-04.yml")
    organizations = (data / "organizations.yml").read_text()
    (data / "organizations.yml").write_text(organizations + '"../../evil":\n  name: Evil\n')
    people = (data / "people.yml").read_text()
    (data / "people.yml").write_text(people + '"Ann/Example":\n  name: Slash\n')
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data", "--today", TODAY]) == 1
    output = capsys.readouterr().out
    assert (
        "data/organizations.yml:12:1: ../../evil: the key '../../evil' is not valid here" in output
    )
    assert "data/people.yml:3:1: Ann/Example: the key 'Ann/Example' is not valid here" in output


def test_only_the_files_given_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_with(tmp_path, BROKEN / "09-status-typo.yml", "2021-06-01.yml")
    monkeypatch.chdir(tmp_path)
    good = data / "consultations" / "2021-05-04.yml"
    assert main(["validate", str(good.relative_to(tmp_path)), "--today", TODAY]) == 0
    assert "other files have problems" in capsys.readouterr().out


def test_a_number_is_unique_within_its_series_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Numbers count per series: one number in two series is fine, twice in one is not."""
    data = data_with(tmp_path, FIXTURES / "minimal/consultations/2021-05-04.yml", "2021-05-04.yml")
    meeting = (
        'title: Expert group meeting\nseries: {series}\nnumber: 1\nstatus: held\ndate: "{date}"\n'
    )
    groups = data / "expert-groups"
    groups.mkdir()
    for date, series in (("2021-02-01", "child-body"), ("2021-03-01", "parent-body")):
        text = meeting.format(series=series, date=date) + "sources: [example-report]\n"
        (groups / f"{date}.yml").write_text(text)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data", "--today", TODAY]) == 0
    assert capsys.readouterr().out.startswith("OK: 4 records (2 consultations), 1 source, ")
    (groups / "2021-04-01.yml").write_text(
        "# the same group's first meeting again\n"
        + meeting.format(series="child-body", date="2021-04-01")
        + "sources: [example-report]\n"
    )
    assert main(["validate", "data", "--today", TODAY]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/expert-groups/2021-04-01.yml:4:9: number: 1 is already the number of "
        "data/expert-groups/2021-02-01.yml:3 in series 'child-body'; a number is unique "
        "within its series (check both files against their sources, and leave the number "
        "out where none states it)"
    ]


def test_a_code_or_id_in_the_wrong_case_is_given_in_the_right_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_with(tmp_path, FIXTURES / "minimal/consultations/2021-05-04.yml", "2021-05-04.yml")
    record = data / "consultations" / "2021-05-04.yml"
    record.write_text(
        record.read_text()
        .replace('"KG"', '"kg"')
        .replace("sources: [example-report]", "sources: [Example-Report]")
    )
    states = (data / "states.yml").read_text()
    (data / "states.yml").write_text(states + '"am":\n  name: Lower\n  formal_name: Lower\n')
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data", "--today", TODAY]) == 1
    output = capsys.readouterr().out
    assert (
        "data/consultations/2021-05-04.yml:8:18: participants.states.1: "
        'must be upper case: write "KG"' in output
    ), output
    assert 'sources.0: must be lower case: write "example-report"' in output
    assert (
        "data/states.yml:10:1: am: the key 'am' is not valid here; must be upper case: " in output
    )
