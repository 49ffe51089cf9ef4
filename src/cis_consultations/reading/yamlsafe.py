"""Read a YAML file safely into plain data, remembering where every value stands.

PyYAML alone accepts duplicate keys, reads ``NO`` as false and ``2022-12-06`` as a
date, and would construct any tag it is told to. Here the file is only *composed*
into nodes (no object is ever constructed from a tag), then converted by hand:
duplicate keys, custom tags, anchors and aliases are reported as problems, and the
position of every key and value is kept so that later checks can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.problems import Problem, excerpt, shown
from .files import read_bounded

try:  # libyaml is ten times faster; marks work the same with both.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 20
"""Values nested deeper than this are refused; a record needs five levels at most."""
MAX_NUMBER_TEXT = 30
"""Digits in a number: YAML's hexadecimal and base-60 forms would make a longer one a
huge integer, slowly, and a record's numbers have a few digits."""
FIELD_NAME_LIMIT = 100
"""A field's dotted name is cut below this many characters."""

FieldPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_BOOL_TRUE = {"yes", "true", "on"}
_UTF8_BOM = b"\xef\xbb\xbf"


def field_name(path: FieldPath) -> str:
    """``("questions", "listed", 3)`` -> ``questions.listed.3``; a long or odd key escaped,
    a long path cut."""
    name = ".".join(shown(part) if isinstance(part, str) else str(part) for part in path)
    return name if len(name) < FIELD_NAME_LIMIT else f"{name[: FIELD_NAME_LIMIT - 4]}..."


@dataclass
class LocatedData:
    """Plain data read from one YAML file, with the place of each value."""

    path: str
    data: Any
    value_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) where the value at a path starts."""
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of the key that introduces a mapping entry."""
    plain_scalars: dict[FieldPath, str] = field(default_factory=dict)
    """Unquoted scalars that YAML read as something other than text, by their raw text."""
    has_fraction: bool = False
    """Whether YAML read a number with a fraction (``7.0``) anywhere in the file."""

    def mark(self, path: FieldPath, *, prefer_key: bool = False) -> tuple[int, int]:
        """The best known place for ``path``: itself, else its nearest located parent."""
        probe = path
        while True:
            if prefer_key and probe in self.key_marks:
                return self.key_marks[probe]
            if probe in self.value_marks:
                return self.value_marks[probe]
            if probe in self.key_marks:
                return self.key_marks[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def problem(self, path: FieldPath, message: str, *, prefer_key: bool = False) -> Problem:
        line, column = self.mark(path, prefer_key=prefer_key)
        return Problem(self.path, line, column, field_name(path), message)


def read_text(file_path: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it from being read as UTF-8 YAML."""
    raw, problems = read_bounded(file_path, display_path, MAX_FILE_BYTES, "a record")
    if raw is None:
        return None, problems
    if raw.startswith(_UTF8_BOM):
        return None, [
            Problem(
                display_path,
                1,
                1,
                "",
                "the file starts with a byte-order mark; save it as UTF-8 without BOM",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                display_path,
                line,
                column,
                "",
                f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8",
            )
        ]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(display_path, 0, 0, "", "the file is empty")]
    return text, []


def _syntax_problem(display_path: str, text: str, error: yaml.YAMLError) -> Problem:
    line = column = 0
    detail = str(error)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        detail = " ".join(part for part in (error.context, error.problem) if part) or detail
    elif isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        detail = f"character {error.character!r} is not allowed in YAML"
    lines = text.splitlines()
    if (
        "\t" in detail
        or "\\t" in detail
        or (0 < line <= len(lines) and "\t" in lines[line - 1][: max(column, 1)])
    ):
        detail += "; indent with spaces, not tabs"
    return Problem(display_path, line, column, "", f"YAML syntax error: {detail}")


class _Converter:
    def __init__(self, located: LocatedData) -> None:
        self.located = located
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.count = 0
        self.too_deep = False
        self.scalar_constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLargeError
        self.located.value_marks.setdefault(
            path, (node.start_mark.line + 1, node.start_mark.column + 1)
        )
        if len(path) > MAX_DEPTH:
            # Refused before going deeper: each level costs the converter (and the schema
            # checks after it) stack frames, and a thousand levels would exhaust them.
            if not self.too_deep:
                self.too_deep = True
                self.problems.append(
                    self.located.problem(
                        path,
                        f"values are nested more than {MAX_DEPTH} levels deep; a record needs "
                        "no more than five",
                    )
                )
            return None
        if id(node) in self.seen:
            self.problems.append(
                self.located.problem(
                    path, "anchors and aliases (& and *) are not allowed in records"
                )
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if node.tag != f"{_TAG}map":
                return self._bad_tag(node, path)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != f"{_TAG}seq":
                return self._bad_tag(node, path)
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _bad_tag(self, node: yaml.Node, path: FieldPath) -> None:
        tag = shown(node.tag.replace(_TAG, "!!"))
        self.problems.append(
            self.located.problem(
                path, f"YAML tags such as {tag} are not allowed; write plain values"
            )
        )

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key_mark = (key_line, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == f"{_TAG}merge":
                self.problems.append(
                    Problem(
                        self.located.path,
                        *key_mark,
                        field_name(path),
                        "keys must be plain text; merge keys (<<) and complex keys are not allowed",
                    )
                )
                continue
            key = key_node.value
            if key_node.tag != f"{_TAG}str":
                self.problems.append(
                    Problem(
                        self.located.path,
                        *key_mark,
                        field_name((*path, key)),
                        f"the key {shown(key)} is read by YAML as "
                        f'{_describe_tag(key_node.tag)}; quote it: "{shown(key)}"',
                    )
                )
            if key in first_seen:
                self.problems.append(
                    Problem(
                        self.located.path,
                        *key_mark,
                        field_name((*path, key)),
                        f"duplicate key {excerpt(key)} "
                        f"(first given on line {first_seen[key]}); keep one",
                    )
                )
                continue
            first_seen[key] = key_line
            self.located.key_marks[(*path, key)] = key_mark
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath) -> Any:
        if node.tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        if node.tag == f"{_TAG}str":
            return node.value
        if not node.style:  # plain: None from the pure-Python parser, "" from libyaml
            self.located.plain_scalars[path] = node.value
        if node.tag == f"{_TAG}null":
            return None
        if node.tag == f"{_TAG}bool":
            return node.value.lower() in _BOOL_TRUE
        if node.tag in (f"{_TAG}int", f"{_TAG}float") and len(node.value) > MAX_NUMBER_TEXT:
            self.problems.append(
                self.located.problem(
                    path,
                    f"the number {excerpt(node.value, 24)} has {len(node.value):,} characters; "
                    f"a number here has at most {MAX_NUMBER_TEXT}",
                )
            )
            return None
        try:
            value = self.scalar_constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            return node.value
        if isinstance(value, float):
            self.located.has_fraction = True
        return value  # a date stays a date: the schema wants quoted text and says so


def _describe_tag(tag: str) -> str:
    return {
        f"{_TAG}bool": "true/false",
        f"{_TAG}int": "a number",
        f"{_TAG}float": "a number",
        f"{_TAG}null": "empty (null)",
        f"{_TAG}timestamp": "a date",
    }.get(tag, tag)


def describe_plain_scalar(raw: str) -> str:
    """What YAML made of an unquoted value, for messages: ``NO`` -> ``true/false``."""
    resolver = yaml.resolver.Resolver()
    tag: str = resolver.resolve(yaml.ScalarNode, raw, (True, False))  # type: ignore[no-untyped-call]
    return _describe_tag(tag)


class _TooLargeError(Exception):
    pass


def _first_anchor_or_alias(text: str, display_path: str) -> Problem | None:
    """Anchors and aliases are refused up front, once, where the first one stands.

    Records never need them, and refusing them bounds the work an "alias bomb"
    (billion laughs) could cause.
    """
    if "&" not in text and "*" not in text:
        return None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
            return Problem(
                display_path,
                line,
                column,
                "",
                "anchors and aliases (& and *) are not allowed in records; "
                "write each value out in full",
            )
    return None


def parse_yaml(text: str, display_path: str) -> tuple[LocatedData | None, list[Problem]]:
    """Compose ``text`` (never constructing tagged objects) and convert it to plain data."""
    try:
        anchored = _first_anchor_or_alias(text, display_path)
        if anchored is not None:
            return None, [anchored]
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(display_path, text, error)]
    if root is None:
        return None, [Problem(display_path, 0, 0, "", "the file is empty")]
    located = LocatedData(display_path, None)
    converter = _Converter(located)
    try:
        located.data = converter.convert(root, ())
    except _TooLargeError:
        return None, [
            Problem(
                display_path,
                0,
                0,
                "",
                f"the file has more than {MAX_NODES:,} values; "
                "anchors, aliases and very large files are not allowed",
            )
        ]
    return located, converter.problems


def load_yaml_file(file_path: Path, display_path: str) -> tuple[LocatedData | None, list[Problem]]:
    """Read and parse one file; on any problem the data is ``None`` or partial."""
    text, problems = read_text(file_path, display_path)
    if text is None:
        return None, problems
    return parse_yaml(text, display_path)
