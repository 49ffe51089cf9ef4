"""Fuzzing: seeded mutations of the real records, registries and held text, one file at a
time, through ``consultations validate`` as CI runs it (``GITHUB_ACTIONS=true``).

Whatever the mutation, the run ends in OK or in located problems (see
:func:`tests.support.runs.faults`): no traceback, no hang, no line longer than a few
hundred characters, no more than a short excerpt of any value, no raw control character,
nothing written. Problems in a file that still reads as YAML are placed at a line.
When the data stays valid, the site made from it holds no raw control character either,
its feed, JSON and calendar parse, and no CSV cell starts as a formula.

``make test`` runs a bounded number of examples (about a minute); ``make fuzz`` runs more
(``FUZZ_EXAMPLES``), with another seed if ``FUZZ_SEED`` is given, and prints the count.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import resource
import stat
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import icalendar
import yaml
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from cis_consultations.core.addresses import SiteSettings
from cis_consultations.reading.dataset import load_dataset
from cis_consultations.site import generate

from ..support.project import ROOT, TODAY, value_paths
from ..support.runs import copy_data, faults, unsafe_characters, validate

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SEED = int(os.environ.get("FUZZ_SEED", "20"))
MEMORY_MB = 300
"""The most the whole run may add to the process's peak memory."""
SETTINGS = SiteSettings(
    site_name="Fuzzed record",
    repository_url="https://github.com/example/repo",
    site_url="https://example.org/record/",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

DATA = ROOT / "data"
YAML_FILES = sorted(str(path.relative_to(ROOT)) for path in DATA.rglob("*.yml"))
TEXT_FILES = sorted(str(path.relative_to(ROOT)) for path in DATA.rglob("*.txt"))
RECORD_FILES = [name for name in YAML_FILES if name.count("/") == 2]
PARSED = {name: yaml.safe_load((ROOT / name).read_text(encoding="utf-8")) for name in YAML_FILES}

TEXTS = [
    "",
    "   ",
    "\u200b\u200b\u200b",
    "\u3000\u2060",
    "\x00",
    "a\x1bb[31m",
    "bell\x07",
    "\u202eevil",
    "x\u2066y\u2069",
    "two\nlines",
    "tab\there",
    "\x85next",
    "line\u2028sep",
    '=HYPERLINK("https://example.org/","click")',
    "@SUM(1+1)*cmd|calc",
    "+1+1",
    "-2+3",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "http://a\x00b",
    "https://example.org/\u200bpage",
    "https://example.org/a b",
    "en\n",
    "XX\n",
    "ghost\n",
    "2022-12-06\n",
    "2022-12-06",
    "2023-H2",
    "AM",
    "rcc",
    "NO",
    "\u0301\u0301\u0301",
    "Moscow" * 33_000,
    "k" * 5000,
    "A" * 300,
    "a" * 90,
]
"""Values written as YAML text (escaped in double quotes where they must be)."""
RAW = [
    "7.0",
    "2.5",
    "1001",
    "0",
    "-1",
    "9" * 4000,
    "0x" + "f" * 5000,
    "1" + ":30" * 20_000,
    ".inf",
    ".nan",
    "2022-12-06",
    "NO",
    "null",
    "[]",
    "{}",
    "!!binary aGk=",
    "!custom x",
    "&anchor x",
    "*alias",
    *("[" * depth + "x" + "]" * depth for depth in (19, 21, 500, 999, 1000)),
    "{a: " * 600 + "x" + "}" * 600,
]
"""Values written into the file as they are, unquoted: numbers, tags, nesting."""
SUFFIXES = ["\n", "\x00", "\u202e", " ", "\u200b", "\t", "\r", "-", "_x"]
NAMES = [
    "2024-12-19\n.yml",
    "2024-12-19 .yml",
    "2024-12-19.YML",
    "2024-12-19\u202e.yml",
    "2024-12-19-B.yml",
    "x" * 250 + ".yml",
    "2024-13-01.yml",
    ".2024-12-19.yml",
    "2024-12-19.yml~",
]


@dataclass
class Mutation:
    """One change to one file of a copy of the data."""

    file: str
    what: str
    change: Callable[[Path], None] = field(repr=False)
    payloads: tuple[str, ...] = field(default=(), repr=False)
    yaml_kept: bool = False
    """The file still reads as YAML: each problem in it must be placed at a line."""


def _dumped(data: Any, raw: str | None) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return text.replace("RAWVALUE", raw) if raw is not None else text


def _write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return change


@st.composite
def value_mutations(draw: st.DrawFn) -> Mutation:
    """A value, a key, or an entry of one YAML file changed; the file stays YAML."""
    name = draw(st.sampled_from(YAML_FILES))
    data = copy.deepcopy(PARSED[name])
    path = draw(st.sampled_from([path for path in value_paths(data) if path]))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    old = parent[path[-1]]
    action = draw(st.sampled_from(["text", "raw", "suffix", "key", "delete", "add"]))
    raw: str | None = None
    value: Any = None
    if action == "raw":
        raw = draw(st.sampled_from(RAW))
        value = "RAWVALUE"
    elif action == "suffix" and isinstance(old, str):
        value = old + draw(st.sampled_from(SUFFIXES))
    else:
        value = draw(st.sampled_from(TEXTS) | st.text(max_size=12))
    if action == "delete":
        del parent[path[-1]]
    elif action == "key" and isinstance(parent, dict):
        suffix = draw(st.sampled_from(SUFFIXES))
        key = draw(st.sampled_from([f"{path[-1]}{suffix}", value]))
        parent.pop(path[-1])
        parent[key] = old
        value = key
    elif action == "add" and isinstance(parent, dict):
        parent[value if isinstance(value, str) else "extra"] = copy.deepcopy(old)
    else:
        parent[path[-1]] = value
    payloads = tuple(item for item in (value, raw) if isinstance(item, str))
    return Mutation(
        name,
        f"{action} at {path!r}: {(raw or value)!r:.80}",
        _write(name, _dumped(data, raw)),
        payloads,
        yaml_kept=True,
    )


@st.composite
def byte_mutations(draw: st.DrawFn) -> Mutation:
    """Bytes of one file (YAML or held text) inserted, removed, cut off or replaced."""
    name = draw(st.sampled_from([*YAML_FILES, *TEXT_FILES]))
    raw = (ROOT / name).read_bytes()
    offset = draw(st.integers(0, len(raw)))
    action = draw(
        st.sampled_from(["insert", "delete", "truncate", "replace", "bom", "empty", "repeat"])
    )
    if action == "insert":
        raw = raw[:offset] + draw(st.binary(min_size=1, max_size=8)) + raw[offset:]
    elif action == "delete":
        raw = raw[:offset] + raw[offset + draw(st.integers(1, 200)) :]
    elif action == "truncate":
        raw = raw[:offset]
    elif action == "replace":
        raw = draw(st.sampled_from([b"# only a comment\n", b"- a list\n", b"\xff\xfe", b"\t"]))
    elif action == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif action == "empty":
        raw = b""
    else:
        raw = raw * draw(st.sampled_from([2, 200]))
    return Mutation(name, f"{action} at byte {offset}", _write(name, raw))


def _can_make_devices() -> bool:
    with tempfile.TemporaryDirectory() as folder:
        try:
            os.mknod(Path(folder) / "zero", 0o600 | stat.S_IFCHR, os.makedev(1, 5))
        except (PermissionError, AttributeError):
            return False
    return True


FILE_KINDS = ["pipe", "sparse", "folder", "link", "missing", "rename"]
if _can_make_devices():
    FILE_KINDS.append("device")


@st.composite
def file_mutations(draw: st.DrawFn) -> Mutation:
    """A file replaced by something that is not a file, a huge sparse one, or renamed."""
    kind = draw(st.sampled_from(FILE_KINDS))
    if kind == "rename":
        name = draw(st.sampled_from(RECORD_FILES))
        new_name = draw(st.sampled_from(NAMES))

        def rename(project: Path) -> None:
            path = project / name
            path.rename(path.with_name(new_name))

        return Mutation(name, f"renamed {new_name!r}", rename)
    name = draw(st.sampled_from([*YAML_FILES, *TEXT_FILES, "data/consultations/2025-01-01.yml"]))

    def change(project: Path) -> None:
        path = project / name
        if kind == "sparse":
            path.touch()
            with path.open("r+b") as handle:
                handle.truncate(2**31)
            return
        path.unlink(missing_ok=True)
        if kind == "pipe":
            os.mkfifo(path)
        elif kind == "device":
            os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
        elif kind == "folder":
            path.mkdir()
        elif kind == "link":
            path.symlink_to("/dev/zero")

    return Mutation(name, kind, change)


MUTATIONS = value_mutations() | value_mutations() | byte_mutations() | file_mutations()
"""Half of them change a value, which reaches the checks past the YAML reader."""


def _snapshot(folder: Path) -> list[tuple[str, int, int, int]]:
    """Every entry below ``folder``, as ``lstat`` sees it: what a run must not change."""
    found = []
    for parent, _, files in os.walk(folder):
        for path in [Path(parent), *(Path(parent) / file for file in files)]:
            status = path.lstat()
            found.append((str(path), status.st_mode, status.st_size, status.st_mtime_ns))
    return sorted(found)


def site_faults(project: Path) -> list[str]:
    """What is wrong with the site made from valid data: a raw control character in a page
    or a download, a download that does not parse, a CSV cell a spreadsheet would run."""
    dataset = load_dataset(project / "data", root=project, today=TODAY)
    content = generate(dataset, SETTINGS)
    found = []
    for page in content.pages:
        if unsafe_characters(page.content):
            found.append(f"{page.src_uri}: {unsafe_characters(page.content)}")
    texts = {
        file.uri: file.content.decode() if isinstance(file.content, bytes) else file.content
        for file in content.files
    }
    for uri, text in texts.items():
        if unsafe_characters(text):
            found.append(f"{uri}: {unsafe_characters(text)}")
        if uri.endswith(".csv"):
            for cells in csv.reader(io.StringIO(text)):
                found.extend(
                    f"{uri}: {cell[:40]!r}" for cell in cells if cell.startswith(FORMULA_STARTS)
                )
        elif uri.endswith(".json"):
            json.loads(text)
        elif uri.endswith(".xml"):
            ET.fromstring(text.encode())
        elif uri.endswith(".ics"):
            icalendar.Calendar.from_ical(text)
    return found


TALLY: Counter[str] = Counter()


def check(mutation: Mutation) -> None:
    """One mutation on a fresh copy of the data: the rules hold, whatever it was."""
    with tempfile.TemporaryDirectory() as folder:
        project = copy_data(Path(folder) / "project")
        mutation.change(project)
        before = _snapshot(project)
        TALLY["tried"] += 1
        try:
            run = validate(project, seconds=10)
            found = faults(run, mutation.payloads)
            assert _snapshot(project) == before, "the data folder changed"
            if mutation.yaml_kept:
                placed = f"data/{mutation.file.removeprefix('data/')}"
                found.extend(
                    f"not placed: {problem.group(0)[:200]}"
                    for problem in run.at(placed)
                    if problem["line"] is None and ": the file is " not in problem.group(0)
                )
            if run.code == 0 and not found:
                found.extend(site_faults(project))
        except BaseException:
            TALLY["bad"] += 1
            raise
        if found:
            TALLY["bad"] += 1
        assert not found, (mutation, found, run.text[:2000])
        TALLY["OK" if run.code == 0 else "located"] += 1


@seed(SEED)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(MUTATIONS)
def fuzz(mutation: Mutation) -> None:
    check(mutation)


def test_every_mutation_ends_in_ok_or_located_problems() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    TALLY.clear()
    fuzz()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    print(
        f"\nfuzz (seed {SEED}): {TALLY['tried']} mutations tried, {TALLY['OK']} OK, "
        f"{TALLY['located']} located, {TALLY['bad']} bad; peak memory grew {grown:.0f} MB"
    )
    assert TALLY["bad"] == 0
    assert TALLY["OK"] and TALLY["located"], "the mutations should reach both outcomes"
    assert grown < MEMORY_MB
