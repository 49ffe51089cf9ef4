"""The shortcuts taken for speed give exactly what the plain way gives."""

from __future__ import annotations

import copy
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cis_consultations.core.contract import CONSULTATION_SCHEMA, schema
from cis_consultations.core.text import plain
from cis_consultations.pages.base import front_matter_text
from cis_consultations.pages.links import _relative
from cis_consultations.reading.validation import (
    _messages,
    _StrictValidator,
    schema_problems,
    validator,
)
from cis_consultations.reading.yamlsafe import LocatedData, load_yaml_file

from ..support.project import ROOT

RECORD_2022 = ROOT / "data" / "consultations" / "2022-12-06.yml"
RECORD_2024 = ROOT / "data" / "consultations" / "2024-12-19.yml"

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 20)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "x", "AM", "am", "rcc", "2022-12-06", "2023-H3", "https://a.b", "a b"])
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["title", "person", "url", "publisher", "topics", "zzz"]),
            children,
            max_size=3,
        )
    ),
    max_leaves=6,
)


def _record(path: Path) -> dict[str, Any]:
    located, problems = load_yaml_file(path, path.name)
    assert located is not None and not problems
    data: dict[str, Any] = located.data
    return data


def _paths(node: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _replace(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    parent: Any = changed
    for step in path[:-1]:
        parent = parent[step]
    if value is _DELETE and isinstance(parent, dict):
        del parent[path[-1]]
    elif value is not _DELETE:
        parent[path[-1]] = value
    return changed


_DELETE = object()
RECORDS = [_record(RECORD_2022), _record(RECORD_2024)]


@st.composite
def broken_records(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = draw(st.sampled_from(RECORDS))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)))
        data = _replace(data, path, draw(values | st.just(_DELETE)))
    return data


@settings(max_examples=300, deadline=None)
@given(broken_records())
def test_schema_problems_are_those_of_the_published_schema(data: dict[str, Any]) -> None:
    """Compiled check, inlined references: the same problems as jsonschema on the file as is
    (with the loader's one addition to the published schema: a whole number is written as
    one, 7 and not 7.0)."""
    located = LocatedData("record.yml", data)
    reference = _StrictValidator(schema(CONSULTATION_SCHEMA))
    errors = reference.iter_errors(data)
    expected = [str(problem) for error in errors for problem in _messages(located, error)]
    found = [str(problem) for problem in schema_problems(located, validator(CONSULTATION_SCHEMA))]
    assert sorted(found) == sorted(expected)


@given(st.text(alphabet=st.sampled_from("ab \t\n\r\u00a0\u2028\u3000"), max_size=12))
def test_plain_collapses_whitespace_as_the_regular_expression_does(text: str) -> None:
    assert plain(text) == re.sub(r"\s+", " ", text)


site_paths = st.lists(
    st.sampled_from(["", ".", "..", "states", "armenia", "2024", "2", "index.md", "x.md"]),
    max_size=5,
).map("/".join)


@given(site_paths, site_paths | st.just("."), st.booleans())
def test_relative_paths_are_those_of_relpath(uri: str, base: str, absolute: bool) -> None:
    if absolute:
        uri = f"/{uri}"
    try:
        expected = posixpath.relpath(uri, base)
    except ValueError:
        with pytest.raises(ValueError):
            _relative(uri, base)
        return
    assert _relative(uri, base) == expected


_FRONT_MATTER_VALUES = st.recursive(
    st.text()
    | st.floats(min_value=0, max_value=1000).map(lambda weight: round(weight, 3))  # a boost
    | st.booleans()
    | st.integers(-(2**53), 2**53),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(min_size=1), _FRONT_MATTER_VALUES, max_size=5))
def test_front_matter_written_as_json_reads_back_as_yaml_the_same(meta: dict[str, Any]) -> None:
    """Whatever a page's front matter holds, MkDocs reads back exactly what was written."""
    assert yaml.safe_load(front_matter_text(meta)) == meta
