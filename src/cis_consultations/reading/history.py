"""The history of every record file, from git, read in a fixed number of passes.

Three processes whatever the size of the data or of its history:

1. ``git rev-parse --is-shallow-repository``: a shallow clone's oldest commit would seem
   to add every file, so its history is not used;
2. one ``git log --raw`` over the record folders lists each commit that changed a record
   file, with the blob of each version (before and after). It follows the main line
   (``--first-parent``): a merged branch counts as one change on the day it landed,
   with the merge's own resolution, and a renamed file (a date corrected renames its
   record) is one change, not a removal and an addition;
3. one ``git cat-file --batch`` reads every distinct version once.

Each version is then read through the same loader as the data (:func:`check_record`,
against today's registries), and two successive versions are compared fact by fact
(:func:`~..core.comparison.compare`). Without usable history the result says so
(:data:`~..core.changes.NO_HISTORY`), and pages say the history is not available in
this build rather than guess from file times a checkout resets.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..core.changes import (
    NO_HISTORY,
    ChangeKind,
    Commit,
    FactChange,
    History,
    RecordChange,
)
from ..core.comparison import compare
from ..core.layout import DATA_FOLDER, RECORD_FOLDERS, YAML_SUFFIXES
from ..core.model import Dataset, Meeting, MeetingKind
from .characters import cleaned
from .records import RECORD_ID, check_record
from .registries import Registries
from .yamlsafe import parse_yaml

_COMMIT_MARK = b"\x01"
_FIELD_MARK = b"\x02"
_LOG_FORMAT = "%x01%H%x02%ct%x02%(trailers:key=Correction,valueonly,separator=%x20)%x02%s"
"""Each commit: its id, time, what its ``Correction:`` trailer says, and its subject last
(free text: whatever it holds, the fields before it are read first)."""
_NO_BLOB = "0" * 40
_TIMEOUT = 300
SUBJECT_LIMIT = 200
"""Characters of a commit's subject a page shows at most."""
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
            # A partial clone would fetch each missing version on its own: not here.
            env={**os.environ, "GIT_NO_LAZY_FETCH": "1"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class _FileChange:
    commit: Commit
    path: str
    status: str
    """``A``, ``M``, ``D``, ``R`` (renamed), or ``T`` (a type change, read as a change)."""
    before: str
    after: str
    old_path: str | None = None
    """The file's name before a rename."""


def _commit(header: bytes) -> Commit | None:
    """A commit from its line of the log; ``None`` when it cannot be read."""
    fields = header[1:].split(_FIELD_MARK, 3)
    if len(fields) != 4:
        return None
    sha, timestamp, correction, subject = (field.decode("utf-8", "replace") for field in fields)
    try:
        time = dt.datetime.fromtimestamp(int(timestamp), dt.UTC)
    except (ValueError, OverflowError, OSError):
        return None
    return Commit(
        sha.strip(),
        time,
        cleaned(subject, SUBJECT_LIMIT),
        cleaned(correction, SUBJECT_LIMIT) if correction.strip() else None,
    )


def _log(root: Path, folders: list[str]) -> list[_FileChange] | None:
    """Every change to a record file on the main line, newest first (one ``git log``)."""
    output = _git(
        root,
        "log",
        "-z",
        "--first-parent",
        "--diff-merges=first-parent",
        "--find-renames",
        f"--format={_LOG_FORMAT}",
        "--raw",
        "--no-abbrev",
        "--relative",
        "--",
        *folders,
    )
    if output is None:
        return None
    changes: list[_FileChange] = []
    commit: Commit | None = None
    tokens = iter(output.split(b"\0"))
    for token in tokens:
        if token.startswith(_COMMIT_MARK):
            commit = _commit(token)
            continue
        meta = token.lstrip(b"\n")
        if not meta.startswith(b":") or commit is None:
            continue
        parts = meta[1:].decode("ascii", "replace").split(" ")
        if len(parts) < 5:
            continue
        before, after, status = parts[2], parts[3], parts[4][:1]
        first = next(tokens, b"").decode("utf-8", "replace")
        if status in ("R", "C"):
            second = next(tokens, b"").decode("utf-8", "replace")
            old_path, path = (first, second) if status == "R" else (None, second)
            status = "R" if status == "R" else "A"
        else:
            old_path, path = None, first
        changes.append(_FileChange(commit, path, status, before, after, old_path))
    return changes


def _blobs(root: Path, shas: set[str]) -> dict[str, bytes] | None:
    """The content of each blob, in one ``git cat-file --batch``."""
    if not shas:
        return {}
    given = "".join(f"{sha}\n" for sha in sorted(shas)).encode()
    output = _git(root, "cat-file", "--batch", given=given)
    if output is None:
        return None
    contents: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        header_end = output.find(b"\n", position)
        if header_end < 0:
            break
        name, kind, *rest = output[position:header_end].decode("ascii", "replace").split(" ")
        position = header_end + 1
        if kind == "missing" or not rest or not rest[0].isdigit():
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
        self._read: dict[tuple[str, str, MeetingKind], Meeting | None] = {}

    def record(self, blob: str, path: str, record_id: str, kind: MeetingKind) -> Meeting | None:
        key = (blob, record_id, kind)
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


def _changes(log: list[_FileChange], versions: _Versions) -> list[RecordChange]:
    """Each change to a record, newest first, under the record's id today: reading from
    the newest commit back, a rename sends the older changes of the old name to the new."""
    now_named: dict[str, str] = {}
    """A record's earlier id -> its id today."""
    found: list[RecordChange] = []
    for change in log:
        new_record = _record_of(change.path)
        old_record = _record_of(change.old_path) if change.old_path else None
        if new_record is None:
            if old_record is not None:  # renamed to a name that is no record's
                old_id = old_record[0]
                found.append(
                    RecordChange(
                        change.commit,
                        now_named.get(old_id, old_id),
                        change.old_path or change.path,
                        ChangeKind.REMOVED,
                    )
                )
            continue
        current_id = now_named.get(new_record[0], new_record[0])
        if change.status == "R" and old_record is not None:
            now_named[old_record[0]] = current_id
        found.append(_change(change, current_id, new_record, old_record, versions))
    found.sort(key=lambda change: change.commit.time, reverse=True)  # git's order otherwise
    return found


def _change(
    change: _FileChange,
    current_id: str,
    new_record: tuple[str, MeetingKind],
    old_record: tuple[str, MeetingKind] | None,
    versions: _Versions,
) -> RecordChange:
    """What one commit did to one record's file."""
    if (
        change.status == "A"
        or change.before == _NO_BLOB
        or (change.status == "R" and old_record is None)
    ):
        return RecordChange(change.commit, current_id, change.path, ChangeKind.ADDED)
    if change.status == "D" or change.after == _NO_BLOB:
        return RecordChange(change.commit, current_id, change.path, ChangeKind.REMOVED)
    before_id, before_kind = old_record or new_record
    old = versions.record(change.before, change.old_path or change.path, before_id, before_kind)
    new = versions.record(change.after, change.path, *new_record)
    if old is None or new is None:
        kind_of_change = ChangeKind.UNREADABLE
        facts: tuple[FactChange, ...] = ()
    else:
        facts = compare(old, new)
        kind_of_change = ChangeKind.CHANGED if facts else ChangeKind.REFORMATTED
    return RecordChange(
        change.commit, current_id, change.path, kind_of_change, facts, renamed_from=change.old_path
    )
