"""The data contract: the JSON Schemas that define the format, as shipped and published."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .layout import PACKAGE, SCHEMA_FOLDER

CONSULTATION_SCHEMA = "consultation.schema.json"
REGISTRIES_SCHEMA = "registries.schema.json"


def schema_text(name: str) -> str:
    """The schema file exactly as shipped (and published with the site)."""
    return (resources.files(PACKAGE) / SCHEMA_FOLDER / name).read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


def schema_version() -> str:
    """The version of the record format, kept in the JSON Schema itself."""
    return str(schema(CONSULTATION_SCHEMA)["x-version"])


_ANNOTATIONS = {"title", "description"}


def inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with each local ``{"$ref": "#/$defs/x", ...}`` replaced by ``x`` and its siblings.

    Equivalent for validation (our ``$defs`` do not refer to themselves), and it spares
    the validator a reference lookup for every id and code in every record.
    """
    if isinstance(node, list):
        return [inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = defs[ref.removeprefix("#/$defs/")]
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        if not set(siblings) & set(target) - _ANNOTATIONS:
            return {**inline_refs(target, defs), **inline_refs(siblings, defs)}
    return {key: inline_refs(value, defs) for key, value in node.items()}


def vocabulary(*path: str) -> dict[str, str]:
    """A closed vocabulary of the record format, word -> meaning, as the schema defines it
    (the ``enum`` and ``x-meanings`` of the property at ``path``)."""
    node: dict[str, Any] = schema(CONSULTATION_SCHEMA)
    for key in path:
        node = node[key]
    meanings: dict[str, str] = node["x-meanings"]
    assert list(meanings) == node["enum"], path
    return dict(meanings)
