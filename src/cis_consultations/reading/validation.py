"""The JSON Schemas (the one definition of the data format) and plain-words messages."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, TypeChecker, validators
from jsonschema.exceptions import ValidationError

from ..core.contract import inline_refs, schema
from ..core.problems import EXCERPT_LIMIT, Problem, excerpt, shown
from .characters import character_problems
from .yamlsafe import FieldPath, LocatedData, describe_plain_scalar

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping of fields",
    "array": "a list",
    "boolean": "true or false",
    "null": "nothing",
}


def _is_integer(checker: TypeChecker, instance: object) -> bool:
    """A whole number as written: ``7``, not ``7.0``, which JSON Schema (and fastjsonschema)
    counts as one; a file that holds such a number is checked by this validator too."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_StrictValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
)


_COMPILED: dict[int, Callable[[Any], Any]] = {}
"""The compiled check for each cached :func:`validator`, by the validator's id."""


@cache
def validator(name: str, definition: str | None = None) -> Draft202012Validator:
    """A compiled validator for a schema file, or for one of its ``$defs``.

    The shipped schemas are checked against the metaschema by the tests
    (``tests/reading/test_loader.py``), not at each build, where it took longer than
    compiling them."""
    document = schema(name)
    if definition is not None:
        document = {**document["$defs"][definition], "$defs": document["$defs"]}
    inlined = inline_refs(document, document.get("$defs", {}))
    checker: Draft202012Validator = _StrictValidator(inlined)
    # Compiled to Python, the same schema checks a valid record about twenty times faster;
    # only a record it rejects goes through jsonschema, which says what is wrong.
    fast = {key: value for key, value in inlined.items() if key not in ("$schema", "$defs")}
    _COMPILED[id(checker)] = fastjsonschema.compile(fast)
    return checker


def describe_value(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return excerpt(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def suggest(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'title'?)`` or nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    if not close and isinstance(word, str):
        lowered = {choice.lower(): choice for choice in choices}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f" (did you mean {excerpt(close[0])}?)" if close else ""


def _expected(error: ValidationError) -> str:
    sub = error.schema if isinstance(error.schema, dict) else {}
    if "x-expected" in sub:
        return str(sub["x-expected"])
    return f"text matching {error.validator_value}"


def _wanted(error: ValidationError) -> str:
    """What the schema asks for at the error's place, in words."""
    return _wanted_by(error.schema if isinstance(error.schema, dict) else {})


def _wanted_by(sub: dict[str, Any]) -> str:
    """What a part of the schema asks for, in words."""
    if "x-expected" in sub:
        return str(sub["x-expected"])
    if "enum" in sub:
        return "one of " + ", ".join(str(choice) for choice in sub["enum"])
    wanted = sub.get("type", "string")
    if isinstance(wanted, list):
        return " or ".join(_TYPE_WORDS.get(str(item), str(item)) for item in wanted)
    return _TYPE_WORDS.get(str(wanted), str(wanted))


def _case_fix(error: ValidationError, value: object) -> str:
    """``must be upper case: write "KG"`` when only the letter case is wrong; else nothing."""
    if error.validator != "pattern" or not isinstance(value, str):
        return ""
    pattern = re.compile(str(error.validator_value))
    for fixed, case in ((value.upper(), "upper"), (value.lower(), "lower")):
        if fixed != value and pattern.search(fixed):
            if len(fixed) >= EXCERPT_LIMIT:
                return f"must be {case} case"
            return f"must be {case} case: write {json.dumps(fixed, ensure_ascii=False)}"
    return ""


def _with_fix(case_fix: str, expected: str) -> str:
    """The fix first, what was expected after it in brackets."""
    return f"{case_fix} ({expected})" if case_fix else expected


def _is_empty(located: LocatedData, path: FieldPath, value: object) -> bool:
    """Nothing written after the colon (or ``""``): a field left for the editor to fill in."""
    return value == "" or (value is None and located.plain_scalars.get(path, "") == "")


def _found(located: LocatedData, path: FieldPath, value: object) -> str:
    raw = located.plain_scalars.get(path)
    if raw is not None:
        return (
            f"found unquoted {shown(raw)}, which YAML reads as {describe_plain_scalar(raw)}; "
            f'write it in quotes: "{shown(raw)}"'
        )
    return f"found {describe_value(value)}"


def _messages(located: LocatedData, error: ValidationError) -> list[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    sub = error.schema if isinstance(error.schema, dict) else {}
    if kind in ("type", "enum", "pattern", "minLength") and _is_empty(located, path, value):
        return [located.problem(path, f"is empty; expected {_wanted(error)}")]
    case_fix = _case_fix(error, value)
    if "propertyNames" in error.schema_path and kind == "maxLength":
        return [
            located.problem(
                (*path, str(value)),
                f"the key {excerpt(str(value))} is too long: {len(str(value)):,} characters, "
                f"where {error.validator_value} at most are allowed",
                prefer_key=True,
            )
        ]
    if "propertyNames" in error.schema_path:
        return [
            located.problem(
                (*path, str(value)),
                f"the key {excerpt(str(value))} is not valid here; "
                + _with_fix(case_fix, f"expected {_expected(error)}"),
                prefer_key=True,
            )
        ]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = list(sub.get("properties", {}))
        patterned = sub.get("patternProperties", {})
        extras = [key for key in value if key not in known and not patterned]
        expected = f"expected one of: {', '.join(known)}" if known else "no fields are expected"
        return [
            located.problem(
                (*path, key),
                f"unknown field {excerpt(key)}{suggest(key, known)}; {expected}",
                prefer_key=True,
            )
            for key in extras
        ]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.message)
        return [located.problem(path, f"missing required field {missing!r}")]
    if kind == "type":
        wanted = error.validator_value
        wanted_words = (
            " or ".join(_TYPE_WORDS.get(str(item), str(item)) for item in wanted)
            if isinstance(wanted, list)
            else _TYPE_WORDS.get(str(wanted), str(wanted))
        )
        return [located.problem(path, f"expected {wanted_words}, {_found(located, path, value)}")]
    if kind == "enum":
        allowed: Any = error.validator_value
        choices = [str(choice) for choice in allowed]
        hint = suggest(str(value), choices) if isinstance(value, str) else ""
        return [
            located.problem(
                path,
                f"expected one of {', '.join(choices)}; {_found(located, path, value)}{hint}",
            )
        ]
    if kind == "pattern":
        expected = f"expected {_expected(error)}, {_found(located, path, value)}"
        return [located.problem(path, _with_fix(case_fix, expected))]
    if kind in ("minItems", "minProperties"):
        # A field the schema requires cannot be left out: it says what to give instead.
        fix = (
            f"expected {sub['x-expected']}"
            if "x-expected" in sub
            else "give at least one entry or leave the field out"
        )
        return [located.problem(path, f"must not be empty; {fix}")]
    if kind == "minLength":
        return [located.problem(path, f"is too short; {_found(located, path, value)}")]
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return [
            located.problem(
                path,
                f"expected a number of {bound} {error.validator_value}, "
                f"found {describe_value(value)}",
            )
        ]
    if kind == "maxLength" and isinstance(value, str):
        return [
            located.problem(
                path,
                f"{excerpt(value)} is too long: {len(value):,} characters, where "
                f"{error.validator_value} at most are allowed",
            )
        ]
    if kind == "uniqueItems":
        return [located.problem(path, "lists the same entry twice; keep one")]
    if kind == "anyOf" and path and path[0] == "contributions":
        return [located.problem(path, "needs a person or an organization (or both)")]
    if kind == "anyOf" and isinstance(error.schema, dict) and "x-expected" in error.schema:
        return [located.problem(path, f"needs {error.schema['x-expected']}")]
    message = error.message  # jsonschema's words, values in them as Python writes them
    return [located.problem(path, message if len(message) < 200 else f"{message[:196]}...")]


def schema_problems(located: LocatedData, checker: Draft202012Validator) -> list[Problem]:
    """Every way ``located.data`` breaks the schema, in plain words, located."""
    compiled = _COMPILED.get(id(checker))
    refusal: fastjsonschema.JsonSchemaValueException | None = None
    if compiled is not None:
        try:
            compiled(located.data)
        except fastjsonschema.JsonSchemaValueException as refused:
            refusal = refused
        else:
            if not located.has_fraction:  # fastjsonschema counts 7.0 as a whole number
                return []
    problems: list[Problem] = []
    for error in checker.iter_errors(located.data):
        problems.extend(_messages(located, error))
    if not problems and refusal is not None:
        # The two engines disagree: the stricter verdict stands, said in our words.
        path: FieldPath = tuple(refusal.path[1:])  # the path starts with "data"
        sub = refusal.definition if isinstance(refusal.definition, dict) else {}
        problems.append(
            located.problem(
                path, f"expected {_wanted_by(sub)}, {_found(located, path, refusal.value)}"
            )
        )
    return problems


def value_problems(located: LocatedData, checker: Draft202012Validator) -> list[Problem]:
    """The schema's problems and the characters' (:mod:`.characters`), one a field: a
    refused character, named and placed, says more than the pattern it breaks."""
    characters = character_problems(located)
    named = {problem.field for problem in characters}
    schema_found = schema_problems(located, checker)
    return [*characters, *(problem for problem in schema_found if problem.field not in named)]
