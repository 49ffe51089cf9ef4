"""The files GitHub reads: issue forms, the pull-request template, Dependabot, the
workflow (checked by zizmor) and the pre-commit hooks."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from ..support.project import FIXTURES, ROOT

GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "ci.yml"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
ZIZMOR = Path(sys.executable).parent / "zizmor"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def form_fields(name: str) -> dict[str, dict[str, Any]]:
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    assert form["name"] and form["description"]
    return {item["id"]: item for item in form["body"] if "id" in item}


def required(field: dict[str, Any]) -> bool:
    return bool(field.get("validations", {}).get("required"))


def test_the_record_form_asks_what_a_record_needs() -> None:
    fields = form_fields("propose-a-record.yml")
    assert {"date", "kind", "sources", "participants", "chair", "discussed"} <= set(fields)
    assert all(required(fields[name]) for name in ("date", "kind", "sources"))
    assert not any(required(fields[name]) for name in ("participants", "chair", "discussed"))
    assert fields["kind"]["type"] == "dropdown"


def test_the_correction_form_asks_for_the_record_the_fault_and_the_source() -> None:
    fields = form_fields("report-a-correction.yml")
    assert {"record", "wrong", "source"} <= set(fields)
    assert all(required(field) for field in fields.values())


def test_the_chooser_links_the_guide_and_the_template_has_the_checklist() -> None:
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    assert all(link["url"].startswith("https://") for link in config["contact_links"])
    checklist = [
        line
        for line in (GITHUB / "pull_request_template.md").read_text().splitlines()
        if line.startswith("- [ ] ")
    ]
    text = " ".join(checklist)
    assert "source" in text and "make check-data" in text and "left out" in text


def test_dependabot_watches_pip_npm_and_the_actions_where_their_files_are() -> None:
    updates = {
        entry["package-ecosystem"]: entry for entry in load(GITHUB / "dependabot.yml")["updates"]
    }
    assert set(updates) == {"pip", "npm", "github-actions"}
    pip_dir = ROOT / updates["pip"]["directory"].lstrip("/")
    assert (pip_dir / "requirements.txt").is_file()
    assert (pip_dir / "requirements-properdocs.txt").is_file()
    assert not list(pip_dir.glob("*.lock")), "Dependabot may not read a requirements.lock"
    assert (ROOT / updates["npm"]["directory"].lstrip("/") / "package-lock.json").is_file()


def test_the_lock_files_are_the_ones_make_installs_and_make_lock_writes() -> None:
    makefile = (ROOT / "Makefile").read_text()
    main = (ROOT / "requirements.txt").read_text()
    properdocs = (ROOT / "requirements-properdocs.txt").read_text()
    for lock in (main, properdocs):
        assert lock.splitlines()[1] == "#    make lock"
    assert "$(call venv,$(VENV),requirements.txt)" in makefile
    pins = dict(re.findall(r"^([a-z0-9-]+)==(\S+)$", main, re.MULTILINE))
    properdocs_pins = dict(re.findall(r"^([a-z0-9-]+)==(\S+)$", properdocs, re.MULTILINE))
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = re.split(r"[<>=\[ ]", requirement)[0].lower()
        assert name in pins and properdocs_pins[name] == pins[name], name
    wanted = PYPROJECT["project"]["optional-dependencies"]["properdocs"]
    assert wanted == [f"properdocs=={properdocs_pins['properdocs']}"]
    assert {name: properdocs_pins[name] for name in properdocs_pins.keys() & pins.keys()} == {
        name: pins[name] for name in properdocs_pins.keys() & pins.keys()
    }


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(.*)$")


def test_every_action_is_pinned_to_a_commit_and_no_checkout_keeps_the_token() -> None:
    lines = [line for line in WORKFLOW.read_text().splitlines() if USES.match(line)]
    assert lines
    for line in lines:
        match = USES.match(line)
        assert match is not None
        assert re.fullmatch(r"[0-9a-f]{40}", match[2]), line
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", match[3]), line
    workflow = load(WORKFLOW)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        writes = {key for key, value in job["permissions"].items() if value == "write"}
        assert not writes or name == "deploy", name
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    if not ZIZMOR.is_file():
        pytest.fail(f"zizmor is not installed at {ZIZMOR}: run `make install`")
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_zizmor_finds_nothing_in_our_workflow_and_dependabot_files() -> None:
    result = zizmor(GITHUB)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_does_fail_an_unpinned_checkout_that_keeps_its_token() -> None:
    result = zizmor(FIXTURES / "workflows" / "unsafe.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "unpinned-uses" in output and "artipacked" in output


def hooks(path: Path) -> list[dict[str, Any]]:
    loaded = load(path)
    if isinstance(loaded, list):
        return loaded
    return [hook for repo in loaded["repos"] for hook in repo["hooks"]]


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_the_pre_commit_hooks_run_our_command_on_the_data_files(name: str, tmp_path: Path) -> None:
    found = {hook["id"]: hook for hook in hooks(ROOT / name)}
    assert set(found) == {"consultations-validate", "consultations-fmt"}
    scripts = PYPROJECT["project"]["scripts"]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)  # valid and in canonical form (make check-data)
    record = sorted(data.glob("consultations/*.yml"))[0].relative_to(tmp_path).as_posix()
    for hook in found.values():
        assert re.search(hook["files"], record) and re.search(hook["files"], "data/states.yml")
        assert not re.search(hook["files"], "docs/contributing.md")
        command = shlex.split(hook["entry"])
        assert Path(command[0]).name in scripts
        executable = ROOT / command[0] if "/" in command[0] else ROOT / ".venv/bin" / command[0]
        assert executable.is_file(), executable
        # As pre-commit runs it: from the repository's top, with the changed files.
        run = [str(executable), *command[1:], record]
        good = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, check=False)
        assert good.returncode == 0, good.stdout + good.stderr
    validate = shlex.split(found["consultations-validate"]["entry"])
    (tmp_path / record).write_text("title: [unclosed\n")
    bad = subprocess.run(
        [str(ROOT / ".venv/bin/consultations"), *validate[1:], record],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and bad.stdout.startswith(f"{record}:"), bad.stdout
