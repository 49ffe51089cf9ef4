"""The history of every record file, from git, read in a fixed number of passes.

Three processes whatever the size of the data or of its history:

1. ``git rev-parse --is-shallow-repository``: a shallow clone's oldest commit would seem
   to add every file, so its history is not used;
2. one ``git log --raw`` over the record folders lists each commit that changed a record
   file, with the blob of each version (before and after);
3. one ``git cat-file --batch`` reads every distinct version once.

Each version is then read through the same loader as the data (:func:`check_record`,
against today's registries), and two successive versions are compared fact by fact
(:func:`~..core.changes.compare`). Without usable history the result says so
(:data:`~..core.changes.NO_HISTORY`), and pages say the history is not available in
this build rather than guess from file times a checkout resets.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..core.changes import NO_HISTORY, ChangeKind, Commit, History, RecordChange, compare
from ..core.layout import DATA_FOLDER, RECORD_FOLDERS, YAML_SUFFIXES
from ..core.model import Dataset, Meeting, MeetingKind
from .records import RECORD_ID, check_record
from .registries import Registries
from .yamlsafe import parse_yaml

_COMMIT_MARK = "\x01"
_NO_BLOB = "0" * 40
_TIMEOUT = 300
_KIND_OF_FOLDER = {kind.folder: kind for kind in MeetingKind}


def _git(root: Path, *args: str, given: bytes | None = None) -> bytes | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(root), "-c", "core.quotePath=false", *args],
            input=given,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class _FileChange:
    commit: Commit
    path: str
    status: str
    """``A``, ``M``, ``D`` (or ``T``, a type change, read as a modification)."""
    before: str
    after: str


def _log(root: Path, folders: list[str]) -> list[_FileChange] | None:
    """Every change to a record file, newest commit first (one ``git log``)."""
    output = _git(
        root,
        "log",
        f"--format={_COMMIT_MARK}%H %ct %s",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--relative",
        "--",
        *folders,
    )
    if output is None:
        return None
    changes: list[_FileChange] = []
    commit: Commit | None = None
    for line in output.decode("utf-8", "replace").splitlines():
        if line.startswith(_COMMIT_MARK):
            sha, timestamp, subject = [*line[1:].split(" ", 2), ""][:3]
            day = dt.datetime.fromtimestamp(int(timestamp), dt.UTC).date()
            commit = Commit(sha, day, subject.strip())
        elif line.startswith(":") and commit is not None and "\t" in line:
            fields, path = line.split("\t", 1)
            _, _, before, after, status = fields[1:].split(" ")[:5]
            changes.append(_FileChange(commit, path, status[:1], before, after))
    return changes


def _blobs(root: Path, shas: set[str]) -> dict[str, bytes] | None:
    """The content of each blob, in one ``git cat-file --batch``."""
    if not shas:
        return {}
    ordered = sorted(shas)
    output = _git(
        root, "cat-file", "--batch", given="".join(f"{sha}\n" for sha in ordered).encode()
    )
    if output is None:
        return None
    contents: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        header_end = output.index(b"\n", position)
        name, kind, *rest = output[position:header_end].decode().split(" ")
        position = header_end + 1
        if kind == "missing" or not rest:
            continue
        size = int(rest[0])
        contents[name] = output[position : position + size]
        position += size + 1  # the newline after each content
    return contents


class _Versions:
    """Each version of a record read once, by blob, through the loader."""

    def __init__(self, dataset: Dataset, blobs: dict[str, bytes], today: dt.date) -> None:
        self._registries = Registries(**dataset.registers(), located={})
        self._record_ids = set(dataset.by_id)
        self._blobs = blobs
        self._today = today
        self._read: dict[tuple[str, str], Meeting | None] = {}

    def record(self, blob: str, path: str, record_id: str, kind: MeetingKind) -> Meeting | None:
        key = (blob, record_id)
        if key not in self._read:
            self._read[key] = self._check(blob, path, record_id, kind)
        return self._read[key]

    def _check(self, blob: str, path: str, record_id: str, kind: MeetingKind) -> Meeting | None:
        content = self._blobs.get(blob)
        if content is None:
            return None
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return None
        located, problems = parse_yaml(text, path)
        if located is None or problems:
            return None
        record, problems = check_record(
            located,
            record_id,
            self._registries,
            self._record_ids,
            self._today,
            kind=kind,
            against_held_texts=False,
        )
        return None if problems else record


def _record_of(path: str) -> tuple[str, MeetingKind] | None:
    """The record id and kind a path in a record folder names, if it is a record's."""
    name = PurePosixPath(path)
    kind = _KIND_OF_FOLDER.get(name.parent.name)
    if kind is None or name.suffix not in YAML_SUFFIXES or not RECORD_ID.match(name.stem):
        return None
    return name.stem, kind


def read_history(project_root: Path, dataset: Dataset, *, today: dt.date | None = None) -> History:
    """Every change git holds to the record files, newest first, compared fact by fact."""
    if _git(project_root, "rev-parse", "--is-shallow-repository") != b"false\n":
        return NO_HISTORY
    folders = [f"{DATA_FOLDER}/{folder}" for folder in RECORD_FOLDERS.values()]
    log = _log(project_root, folders)
    if log is None:
        return NO_HISTORY
    blobs = _blobs(
        project_root,
        {sha for change in log for sha in (change.before, change.after) if sha != _NO_BLOB},
    )
    if blobs is None:
        return NO_HISTORY
    versions = _Versions(dataset, blobs, today or dt.date.today())
    return History(available=True, changes=tuple(_changes(log, versions)))


def _changes(log: list[_FileChange], versions: _Versions) -> Iterator[RecordChange]:
    for change in log:
        found = _record_of(change.path)
        if found is None:
            continue
        record_id, kind = found
        if change.status == "A" or change.before == _NO_BLOB:
            yield RecordChange(change.commit, record_id, change.path, ChangeKind.ADDED)
            continue
        if change.status == "D" or change.after == _NO_BLOB:
            yield RecordChange(change.commit, record_id, change.path, ChangeKind.REMOVED)
            continue
        old = versions.record(change.before, change.path, record_id, kind)
        new = versions.record(change.after, change.path, record_id, kind)
        if old is None or new is None:
            yield RecordChange(change.commit, record_id, change.path, ChangeKind.UNREADABLE)
            continue
        facts = compare(old, new)
        kind_of_change = ChangeKind.CORRECTED if facts else ChangeKind.REFORMATTED
        yield RecordChange(change.commit, record_id, change.path, kind_of_change, facts)
