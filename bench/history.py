"""What reading the records' history costs: N synthetic records in a git repository
with a few hundred corrections, read in-process and in a whole build, with and without
the repository.

Each correction is its own commit to one record, chosen at random (seeded): a question
reworded, or a state removed from its participants. ``make bench-history`` runs it
(``python -m bench.history --help``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.run import ROOT, Run, SizeResult, build, make_project
from cis_consultations.core.layout import DATA_FOLDER
from cis_consultations.reading.dataset import load_dataset
from cis_consultations.reading.history import read_history

_QUESTION = re.compile(r"^(    - title: )(.*)$", re.MULTILINE)
_FIRST_DAY = 1735732800
"""2025-01-01 12:00 UTC: the first commit; each correction a day later than the last."""
_STATES = re.compile(r'^(  states: \["[A-Z]{2}", )("[A-Z]{2}", )', re.MULTILINE)


def _git(repo: Path, *args: str, day: int = 0) -> None:
    date = time.strftime("%Y-%m-%dT12:00:00+00:00", time.gmtime(_FIRST_DAY + day * 86400))
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(
        ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def make_history(project: Path, commits: int, seed: int) -> int:
    """Commit the project, then ``commits`` corrections; the number of corrections made."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "The records")
    records = sorted((project / DATA_FOLDER).glob("*/*.yml"))
    chosen = random.Random(seed)
    made = 0
    for number in range(commits):
        path = chosen.choice(records)
        text = path.read_text(encoding="utf-8")
        if number % 3 == 2 and _STATES.search(text):
            corrected, message = _STATES.sub(r"\1", text, count=1), "A state the source omits"
        else:
            corrected = _QUESTION.sub(rf"\1\2 (reworded {number})", text, count=1)
            message = "A question in the source's words"
        if corrected == text:
            continue
        path.write_text(corrected, encoding="utf-8")
        _git(project, "commit", "-q", "-am", f"{message} ({path.stem})", day=1 + number)
        made += 1
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3, help="builds with and without history")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", default="spread")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-history-") as work:
        project = make_project(Path(work) / "project", options.records, options.seed, options.shape)
        print(f"making {options.commits} commits on {options.records} records...", flush=True)
        made = make_history(project, options.commits, options.seed)
        dataset = load_dataset(project / DATA_FOLDER, root=project)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            history = read_history(project, dataset)
            timings.append(time.perf_counter() - started)
        corrected = sum(1 for change in history.changes if change.facts)
        print(
            f"history read in-process: median {statistics.median(timings):.2f} s "
            f"({len(history.changes)} record changes, {corrected} with facts changed, "
            f"{made} corrections made)",
            flush=True,
        )
        with_git: list[Run] = []
        without_git: list[Run] = []
        for run in range(options.runs):
            with_git.append(build(project, Path(work) / f"site-{run}", Path(work) / "log"))
            shutil.move(project / ".git", Path(work) / "git-aside")
            without_git.append(build(project, Path(work) / f"site-n{run}", Path(work) / "log"))
            shutil.move(Path(work) / "git-aside", project / ".git")
            print(
                f"run {run + 1}: with history {with_git[-1].seconds:.2f} s "
                f"(CPU {with_git[-1].cpu_seconds:.2f} s), without "
                f"{without_git[-1].seconds:.2f} s (CPU {without_git[-1].cpu_seconds:.2f} s)",
                flush=True,
            )
        for measure in ("seconds", "cpu_seconds"):
            ours = SizeResult.median(with_git, measure)
            plain = SizeResult.median(without_git, measure)
            print(
                f"build at {options.records} records, {made} corrections, median "
                f"{'wall' if measure == 'seconds' else 'CPU'} time: {ours:.2f} s with history, "
                f"{plain:.2f} s without (+{ours - plain:.2f} s, {100 * (ours / plain - 1):.1f} %)"
            )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
