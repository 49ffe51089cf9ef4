"""The layout of the data folder: which files the loader reads, and a word on every other.

The data folder is a boundary. Only the folders and files named here are read, only
as regular files in their place: never through a symbolic link (a link could publish,
or echo in an error, a file from anywhere on the machine), never from a subfolder.
Everything else is reported with what to do about it: an error for what looks like
data (a record in a subfolder, a ``.json`` record, ``.YML``), a warning for the rest
(an editor's backup or swap file, a stray file), so that a file an editor has open
never breaks a build. A link is named, never followed: its target is not printed.

To add a kind of file, extend the constants below; nothing else lists the layout.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.layout import RECORD_FOLDERS as RECORD_FOLDER_OF_KIND
from ..core.layout import REGISTRIES, TEXT_FOLDERS, YAML_SUFFIXES
from ..core.problems import Problem, Severity, shown
from .validation import suggest

RECORD_FOLDERS: tuple[str, ...] = tuple(RECORD_FOLDER_OF_KIND.values())
"""Folders of meeting records, one YAML file each, named after the record's id."""
DATA_SUFFIXES = frozenset({*YAML_SUFFIXES, ".json", ".toml"})
"""Extensions (in any case) of files that look like data: an error when misplaced."""
MAX_REPORTED_PER_FOLDER = 10
"""A folder that should not be there is reported by its first few files, then counted."""

_OPEN_IN_EDITOR = re.compile(
    r"""
    ^\#.*\#\Z      # Emacs auto-save: #file.yml#
    | ^\.\#        # Emacs lock file (a dangling link): .#file.yml
    | \.sw[a-p]\Z  # Vim swap files: .file.yml.swp, .swo, ...
    """,
    re.VERBOSE | re.IGNORECASE,
)
_BACKUP = re.compile(r"~\Z|\.(bak|orig|rej|tmp)\Z", re.IGNORECASE)
"""Backups (file.yml~) and merge leftovers."""


def display(path: Path, root: Path) -> str:
    """``path`` as messages name it: relative to ``root``, and escaped if it needs to be."""
    try:
        text = os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        text = str(path)
    return shown(text, 200)


def folder_name(path: Path, root: Path) -> str:
    """A folder as messages name it, with a trailing ``/``."""
    return f"{display(path, root).replace(os.sep, '/')}/"


@dataclass(frozen=True)
class DataLayout:
    """What the loader may read in one data folder, and what was said about the rest."""

    records: dict[str, tuple[Path, ...]]
    """Record files by folder (every folder of :data:`RECORD_FOLDERS`), sorted."""
    registries: dict[str, Path]
    """The file of each registry that is there and may be read."""
    texts: dict[str, tuple[Path, ...]]
    """Text files by folder (every folder of :data:`TEXT_FOLDERS`), sorted."""
    refused: frozenset[str] = frozenset()
    """Registries and folders that are there but are not read (a link, two files)."""
    problems: tuple[Problem, ...] = ()
    """Errors and warnings about the layout, never about a file's content."""

    @property
    def record_files(self) -> tuple[Path, ...]:
        return tuple(path for folder in RECORD_FOLDERS for path in self.records[folder])


def is_backup(name: str) -> bool:
    """Whether ``name`` is an editor's backup, swap or lock file, or a merge leftover."""
    return _BACKUP.search(name) is not None or _OPEN_IN_EDITOR.search(name) is not None


def link_problem(path: Path, root: Path) -> Problem | None:
    """An error when ``path`` is a symbolic link, naming the link and never its target."""
    if not path.is_symlink():
        return None
    return Problem(
        display(path, root),
        0,
        0,
        "",
        "is a symbolic link, which the loader never follows; put the file itself here "
        "(or delete the link)",
    )


def _looks_like_data(path: Path) -> bool:
    return path.suffix.lower() in DATA_SUFFIXES


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


@dataclass
class _Scan:
    root: Path
    problems: list[Problem] = field(default_factory=list)

    def error(self, path: Path, message: str) -> None:
        self.problems.append(Problem(display(path, self.root), 0, 0, "", message))

    def warning(self, path: Path, message: str) -> None:
        self.problems.append(Problem(display(path, self.root), 0, 0, "", message, Severity.WARNING))

    def not_read(self, path: Path, *, looks_like_data: bool) -> bool:
        """Report a backup, a link or a hidden file; True when ``path`` was one of them."""
        if _OPEN_IN_EDITOR.search(path.name):
            self.warning(
                path,
                "looks like an editor's swap or lock file (a file is open in an editor) and "
                "is not read; it goes when the editor closes",
            )
            return True
        if _BACKUP.search(path.name):
            self.warning(
                path,
                "looks like a backup or a leftover copy and is not read; delete it when it "
                "is no longer needed",
            )
            return True
        if path.is_symlink():
            if looks_like_data or path.is_dir():
                problem = link_problem(path, self.root)
                assert problem is not None
                self.problems.append(problem)
            else:
                self.warning(path, "is a symbolic link, which the loader never follows")
            return True
        if path.name.startswith("."):
            self.warning(path, "is a hidden file and is not read; move it out of the data folder")
            return True
        return False

    def subfolder(
        self, folder: Path, advice: str, suffixes: frozenset[str], hint: str = ""
    ) -> None:
        """A folder where none is read: its data files are errors, else one warning."""
        reported = 0
        found = 0
        for file_path in _walk(folder):
            if file_path.suffix.lower() not in suffixes or is_backup(file_path.name):
                continue
            found += 1
            if reported < MAX_REPORTED_PER_FOLDER:
                reported += 1
                self.error(file_path, f"is in a folder the loader does not read{hint}; {advice}")
        if found > reported:
            self.error(folder, f"holds {found - reported} more such files; {advice}")
        if not found:
            self.warning(
                folder,
                f"is a folder the loader does not read{hint}, and holds no data; move it out "
                "of the data folder",
            )

    def folder_files(self, folder: Path, suffix: str, what: str) -> tuple[Path, ...]:
        """The files of one record or text folder; a word on everything else in it."""
        home = folder_name(folder, self.root)
        suffixes = DATA_SUFFIXES if suffix in YAML_SUFFIXES else frozenset({suffix})
        wanted = YAML_SUFFIXES if suffix in YAML_SUFFIXES else (suffix,)
        files: list[Path] = []
        for path in _entries(folder):
            if self.not_read(path, looks_like_data=path.suffix.lower() in suffixes):
                continue
            if path.is_dir():
                self.subfolder(path, f"move it to {home}", suffixes)
            elif path.suffix in wanted:
                files.append(path)
            elif path.suffix.lower() in wanted:
                lower = path.with_suffix(path.suffix.lower()).name
                self.error(
                    path,
                    f"is not read: the extension {shown(path.suffix)} must be lower case; "
                    f"rename the file to {shown(lower)}",
                )
            elif path.suffix.lower() in suffixes:
                self.error(path, f"is not read: {what}; convert it, or move it out of {home}")
            else:
                self.warning(path, f"is not read: {what}; move it out of {home}")
        return tuple(files)


def _walk(folder: Path) -> Iterator[Path]:
    """Every file below ``folder``, never following a link; links are listed as files."""
    for parent, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        base = Path(parent)
        for name in sorted(files):
            yield base / name
        for name in folders:
            if (base / name).is_symlink():
                yield base / name


def _registry_files(data_dir: Path, scan: _Scan) -> tuple[dict[str, Path], set[str]]:
    registries: dict[str, Path] = {}
    refused: set[str] = set()
    for name in REGISTRIES:
        candidates = [
            data_dir / f"{name}{suffix}"
            for suffix in YAML_SUFFIXES
            if os.path.lexists(data_dir / f"{name}{suffix}")
        ]
        if not candidates:
            continue
        if len(candidates) > 1:
            for candidate in candidates:
                scan.error(candidate, f"is one of two files for the {name} registry; keep one")
            refused.add(name)
            continue
        link = link_problem(candidates[0], scan.root)
        if link is not None:
            scan.problems.append(link)
            refused.add(name)
            continue
        registries[name] = candidates[0]
    return registries, refused


def _top_level(data_dir: Path, scan: _Scan) -> None:
    """A word on everything directly in the data folder that is not read."""
    known = {
        *RECORD_FOLDERS,
        *TEXT_FOLDERS,
        *(f"{name}{suffix}" for name in REGISTRIES for suffix in YAML_SUFFIXES),
    }
    expected = (
        f"{folder_name(data_dir, scan.root)} holds only "
        f"{', '.join(f'{name}/' for name in (*RECORD_FOLDERS, *TEXT_FOLDERS))} and the registries "
        f"{', '.join(f'{name}.yml' for name in REGISTRIES)}"
    )
    for path in _entries(data_dir):
        if path.name in known:
            continue
        looks_like_data = _looks_like_data(path)
        if scan.not_read(path, looks_like_data=looks_like_data):
            continue
        if path.is_dir():
            hint = suggest(path.name, [*RECORD_FOLDERS, *TEXT_FOLDERS])
            scan.subfolder(path, f"{expected}: move it where it belongs", DATA_SUFFIXES, hint)
        elif looks_like_data:
            hint = suggest(path.stem, REGISTRIES)
            scan.error(path, f"is not read{hint}: {expected}; rename or move the file")
        else:
            scan.warning(path, f"is not read: {expected}; move it out of the data folder")


def scan(data_dir: Path, root: Path) -> DataLayout:
    """Find what the loader reads in ``data_dir``; ``root`` is what messages are relative to."""
    found = _Scan(root)
    records: dict[str, tuple[Path, ...]] = {}
    texts: dict[str, tuple[Path, ...]] = {}
    refused: set[str] = set()
    folders = [
        (name, ".yml", "a record is a YAML file named after its id, <id>.yml", records)
        for name in RECORD_FOLDERS
    ] + [
        (name, suffix, f"a text is named after its source, <id>{suffix}", texts)
        for name, suffix in TEXT_FOLDERS.items()
    ]
    for name, suffix, what, files in folders:
        folder = data_dir / name
        link = link_problem(folder, root)
        if link is not None:
            found.problems.append(link)
            refused.add(name)
        read = link is None and folder.is_dir()
        files[name] = found.folder_files(folder, suffix, what) if read else ()
    registries, refused_registries = _registry_files(data_dir, found)
    _top_level(data_dir, found)
    return DataLayout(
        records=records,
        registries=registries,
        texts=texts,
        refused=frozenset(refused | refused_registries),
        problems=tuple(found.problems),
    )


def record_files(records_dir: Path) -> list[Path]:
    """The files of one record folder that are read as records, sorted."""
    if records_dir.is_symlink() or not records_dir.is_dir():
        return []
    return list(_Scan(records_dir.parent).folder_files(records_dir, ".yml", ""))
