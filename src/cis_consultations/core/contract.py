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


def field_description(name: str, *path: str) -> str:
    """The ``description`` of a field of a schema, by property names: ``("venue", "city")``
    in the record schema, ``("sources", "publisher")`` in the registries' (a registry's
    entries are stepped into, as are a list's items)."""
    document = schema(name)
    node: dict[str, Any] = document
    for key in path:
        node = _resolved(node, document)
        while "items" in node or isinstance(node.get("additionalProperties"), dict):
            node = _resolved(node.get("items") or node["additionalProperties"], document)
        node = node.get("properties", {}).get(key) or node["$defs"][key]
    description: str = _resolved(node, document)["description"]
    return description


def _resolved(node: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return {**document["$defs"][ref.removeprefix("#/$defs/")], **node}
    return node
