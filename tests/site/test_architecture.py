"""The package's floors hold: the import contracts in pyproject.toml pass on the code, and
fail on a copy where one wing imports another or the ground floor imports upward."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..support.project import ROOT

LINT_IMPORTS = ROOT / ".venv" / "bin" / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on ``project``'s package, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """The package and its contracts, with ``line`` appended to ``module``."""
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    target = tmp_path / "src" / "cis_consultations" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return tmp_path


def test_the_contracts_hold_on_the_code() -> None:
    if not LINT_IMPORTS.is_file():
        pytest.skip("lint-imports is installed by `make install`")
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("pages/years.py", "from ..downloads import exports as _across"),
        ("downloads/feed.py", "from ..pages import render as _across"),
        ("reading/records.py", "from ..pages import links as _across"),
        ("core/model.py", "from ..reading import yamlsafe as _upward"),
        ("core/text.py", "import mkdocs as _engine"),
    ],
    ids=["pages-to-downloads", "downloads-to-pages", "reading-to-pages", "core-up", "engine"],
)
def test_a_forbidden_import_breaks_a_contract(tmp_path: Path, module: str, line: str) -> None:
    if not LINT_IMPORTS.is_file():
        pytest.skip("lint-imports is installed by `make install`")
    result = lint_imports(copy_with(tmp_path, module, line))
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
