"""``consultations``: check, create and format records from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from . import github
from .core.contract import vocabulary
from .core.dates import PartialDate
from .core.layout import DATA_FOLDER, TEXT_FOLDERS
from .core.model import DOCUMENT_ACTIONS, FORMATS, MeetingKind
from .core.problems import DataError, Problem, count
from .core.templating import text_environment
from .core.text import counted
from .pages.field_guide import with_field_dictionary
from .reading.canonical import SCHEMA_COMMENT, canonical_record, canonical_registry, header_comments
from .reading.dataset import load_dataset
from .reading.discovery import RECORD_FOLDERS, link_problem, record_files, scan
from .reading.records import RECORD_ID
from .reading.yamlsafe import parse_yaml, read_text

DEFAULT_DATA = Path(DATA_FOLDER)
DEFAULT_GUIDE = Path("docs", "contributing.md")


def _absolute(path: Path) -> Path:
    """``path`` made absolute without following links: a link is reported, not read."""
    return path.absolute()


def _data_dir_of(paths: Sequence[Path]) -> tuple[Path, set[Path] | None]:
    """The data folder to load, and the record files to report on (``None``: everything).

    Given record files only (as pre-commit gives the changed ones), only their problems
    are reported, with those of the registries and of files that are not read. Given
    a registry or any other file, every record is checked, since records depend on it.
    """
    if not paths:
        return DEFAULT_DATA, None
    files = {_absolute(path) for path in paths if not path.is_dir()}
    folders = [path for path in paths if path.is_dir()]
    if folders:
        return folders[0], files or None
    first = _absolute(paths[0])
    in_folder = first.parent.name in {*RECORD_FOLDERS, *TEXT_FOLDERS}
    data_dir = first.parent.parent if in_folder else first.parent
    if any(path.parent.name not in RECORD_FOLDERS for path in files):
        return data_dir, None
    return data_dir, files


def _concerns(problem: Problem, only: set[Path] | None) -> bool:
    """Whether to report ``problem`` when checking only some record files.

    Problems with other records are left out; those with registries, and with files
    that are not read, are not.
    """
    if only is None:
        return True
    path = _absolute(Path.cwd() / problem.path)
    return path in only or path.parent.name not in RECORD_FOLDERS


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem)
    print(f"{count(problems)} found.", file=sys.stderr)


VALIDATE_STEP = "consultations validate"


def validate(paths: Sequence[Path], today: dt.date | None) -> int:
    data_dir, only = _data_dir_of(paths)
    if not data_dir.is_dir():
        print(f"{data_dir}: no such data folder", file=sys.stderr)
        return 2
    warnings: list[Problem] = []
    try:
        dataset = load_dataset(data_dir, root=Path.cwd(), today=today, warnings=warnings)
    except DataError as error:
        problems = [problem for problem in error.problems if _concerns(problem, only)]
        if problems:
            _print_problems(problems)
        failed = any(problem.is_error for problem in problems)
        outcome = f"{count(problems)} found" if failed else "the files given are valid"
        github.report(problems, step=VALIDATE_STEP, outcome=outcome)
        if failed:
            return 1
        print("The files given are valid; other files have problems (run without paths).")
        return 0
    warnings = [warning for warning in warnings if _concerns(warning, only)]
    if warnings:
        _print_problems(warnings)
    outcome = (
        f"{counted(len(dataset.meetings), 'record')} "
        f"({counted(len(dataset.consultations), 'consultation')}), "
        f"{counted(len(dataset.sources), 'source')}, "
        f"{counted(len(dataset.states), 'state')}, "
        f"{counted(len(dataset.organizations), 'organization')}, "
        f"{counted(len(dataset.people), 'person', 'people')}, "
        f"{counted(len(dataset.topics), 'topic')}, "
        f"{counted(len(dataset.documents), 'document')}"
    )
    print(f"OK: {outcome}.")
    github.report(warnings, step=VALIDATE_STEP, outcome=f"OK, {outcome}")
    return 0


def new(
    record_id: str,
    data_dir: Path,
    today: dt.date | None,
    kind: MeetingKind = MeetingKind.CONSULTATIONS,
) -> int:
    match = RECORD_ID.match(record_id)
    if match is None:
        print(
            f"{record_id!r} is not a record id: use the date as precise as it is known "
            "(2025-06-10, 2025-06, 2025-Q2, 2025-H1, 2025), with -b, -c... for a second "
            "record on one date",
            file=sys.stderr,
        )
        return 2
    try:
        PartialDate.parse(match["date"])
    except ValueError as error:
        print(f"{record_id!r}: {error}", file=sys.stderr)
        return 2
    records_dir = data_dir / kind.folder
    taken = {
        path.stem.lower(): path
        for folder in RECORD_FOLDERS
        for path in record_files(data_dir / folder)
    }
    if record_id.lower() in taken:
        print(f"{taken[record_id.lower()]} already exists", file=sys.stderr)
        return 2
    target = records_dir / f"{record_id}.yml"
    environment = text_environment()
    text = environment.get_template("new-record.yml.j2").render(
        record_id=record_id,
        date=match["date"],
        schema_comment=SCHEMA_COMMENT,
        series_of={
            MeetingKind.EXPERT_GROUP: "expert group",
            MeetingKind.COUNCIL_SESSION: "council",
        }.get(kind),
        statuses=vocabulary("properties", "status"),
        formats=FORMATS,
        actions=DOCUMENT_ACTIONS,
    )
    records_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target}. Fill it in from the source; still to do:")
    validate([target], today)
    return 0


def _print_diff(file_path: Path, current: str, wanted: str, wanted_label: str) -> None:
    sys.stdout.writelines(
        difflib.unified_diff(
            current.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            fromfile=f"{file_path} (as written)",
            tofile=f"{file_path} ({wanted_label})",
        )
    )


def _canonical_text(file_path: Path, display: str) -> tuple[str, str | None, list[Problem]]:
    """The file's text as read (only a regular file, within the size cap), and its
    canonical form, or the problems that stop it being read."""
    text, problems = read_text(file_path, display)
    if text is None:
        return "", None, problems
    located, problems = parse_yaml(text, display)
    if located is None or problems or not isinstance(located.data, dict):
        return text, None, problems
    header = header_comments(text)
    if file_path.parent.name in RECORD_FOLDERS:
        return text, canonical_record(located.data, header), []
    return text, canonical_registry(file_path.stem, located.data, header), []


def fmt(paths: Sequence[Path], check: bool) -> int:
    targets: list[Path] = []
    unreadable: list[Problem] = []
    for path in paths or [DEFAULT_DATA]:
        link = link_problem(path, Path.cwd())
        if link is not None:  # never read, nor written, through a link
            unreadable.append(link)
        elif path.is_dir():
            layout = scan(path, Path.cwd())
            targets.extend(layout.registries.values())
            targets.extend(layout.record_files)
        else:
            targets.append(path)
    changed = 0
    for file_path in targets:
        current, canonical, problems = _canonical_text(file_path, str(file_path))
        if SCAFFOLD_MARK in current:
            # The canonical form keeps only the header: the guidance would be lost.
            print(
                f"{file_path}: still holds the template's guidance (# {SCAFFOLD_MARK[2:]}...): "
                "not formatted; delete the guidance comments once the record is filled in"
            )
            continue
        unreadable.extend(problems)
        if canonical is None or canonical == current:
            continue
        changed += 1
        if check:
            _print_diff(file_path, current, canonical, "canonical")
        else:
            file_path.write_text(canonical, encoding="utf-8")
            print(f"formatted {file_path}")
    if unreadable:
        _print_problems(unreadable)
        return 1
    if check and changed:
        print(
            f"{counted(changed, 'file')} not in canonical form; "
            "run `consultations fmt` (or `make format-data`) to fix.",
            file=sys.stderr,
        )
        return 1
    if check:
        print(f"OK: {counted(len(targets), 'file')} in canonical form.")
    return 0


def field_guide(guide: Path, check: bool) -> int:
    """Write the field dictionary into the contributing guide, or check that it is current."""
    current = guide.read_text(encoding="utf-8")
    try:
        updated = with_field_dictionary(current)
    except ValueError as error:
        print(f"{guide}: {error}", file=sys.stderr)
        return 2
    if updated == current:
        print(f"OK: {guide} has the current field dictionary.")
        return 0
    if check:
        _print_diff(guide, current, updated, "from the schemas")
        print(
            f"{guide}: the field dictionary is out of date; run `make field-guide` "
            "(or `consultations field-guide`) and commit the result.",
            file=sys.stderr,
        )
        return 1
    guide.write_text(updated, encoding="utf-8")
    print(f"wrote the field dictionary into {guide}")
    return 0


SCAFFOLD_MARK = "# New record "
"""The first line of the guidance ``consultations new`` writes (templates/new-record.yml.j2)."""


KIND_WORDS = {
    "consultation": MeetingKind.CONSULTATIONS,
    "expert-group": MeetingKind.EXPERT_GROUP,
    "council-session": MeetingKind.COUNCIL_SESSION,
}
"""``--kind``: one word a kind, in the singular; the plural and the folder's name are
taken too (``consultations``, ``expert-groups``)."""


def _kind(word: str) -> MeetingKind:
    for kind in MeetingKind:
        if word in (kind.value, kind.folder, kind.value.removesuffix("s")):
            return kind
    for singular, kind in KIND_WORDS.items():
        if word in (singular, f"{singular}s"):
            return kind
    raise argparse.ArgumentTypeError(
        f"unknown kind {word[:40]!r}; expected one of: {', '.join(KIND_WORDS)}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="consultations",
        description="Check, create and format the records of the consultations, and keep "
        "the contributing guide's field dictionary current.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "validate", help="check every record and registry; print each problem located"
    )
    check.add_argument("paths", nargs="*", type=Path, help="data folder or record files")
    check.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    scaffold = commands.add_parser("new", help="write a new record from the template")
    scaffold.add_argument("id", help="the new record's id, e.g. 2025-06-10 or 2025-H2")
    scaffold.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data folder")
    scaffold.add_argument(
        "--kind",
        type=_kind,
        default=MeetingKind.CONSULTATIONS,
        metavar="{" + ",".join(KIND_WORDS) + "}",
        help="the kind of meeting: "
        + ", ".join(f"{word} (data/{kind.folder}/)" for word, kind in KIND_WORDS.items())
        + "; the folder's name or the plural works too",
    )
    scaffold.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    formatter = commands.add_parser("fmt", help="rewrite files in the canonical form")
    formatter.add_argument("paths", nargs="*", type=Path, help="data folder or files")
    formatter.add_argument("--check", action="store_true", help="only report, as a diff")
    guide = commands.add_parser(
        "field-guide", help="write the field dictionary into the contributing guide"
    )
    guide.add_argument("guide", nargs="?", type=Path, default=DEFAULT_GUIDE, help="the guide")
    guide.add_argument("--check", action="store_true", help="only check that it is current")
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return validate(arguments.paths, arguments.today)
    if arguments.command == "new":
        return new(arguments.id, arguments.data, arguments.today, arguments.kind)
    if arguments.command == "field-guide":
        return field_guide(arguments.guide, arguments.check)
    return fmt(arguments.paths, arguments.check)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
