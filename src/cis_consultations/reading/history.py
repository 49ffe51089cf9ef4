"""When each record last changed, from git history read in one pass.

One ``git log`` call lists every commit that touched the records folder with the files
it changed; the newest commit naming a file gives its date. That stays one process and
one read at a thousand records. Without usable history (no git, not a repository, a
shallow clone whose oldest commit would claim every file) the answer is empty and
pages say the date is not known, rather than guess from file times a checkout resets.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

_COMMIT_MARK = "commit "


def _git(project_root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(project_root), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def last_changed(project_root: Path, folder: str = "data/consultations") -> dict[str, dt.date]:
    """File path (relative to ``project_root``, ``/``-separated) -> UTC date of its last commit."""
    if _git(project_root, "rev-parse", "--is-shallow-repository") != "false\n":
        return {}
    log = _git(
        project_root,
        "log",
        f"--format={_COMMIT_MARK}%ct",
        "--name-only",
        "--relative",
        "--no-renames",
        "--",
        folder,
    )
    if log is None:
        return {}
    changed: dict[str, dt.date] = {}
    commit_date: dt.date | None = None
    for line in log.splitlines():
        if line.startswith(_COMMIT_MARK):
            timestamp = int(line[len(_COMMIT_MARK) :])
            commit_date = dt.datetime.fromtimestamp(timestamp, dt.UTC).date()
        elif line and commit_date is not None:
            changed.setdefault(line, commit_date)  # newest commit first
    return changed
