"""The field dictionary of the contributing guide, generated from the JSON Schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .schema import CONSULTATION_SCHEMA, inline_refs, schema
from .templating import markdown_environment


def _kind(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "one of: " + ", ".join(str(value) for value in node["enum"])
    kind = node.get("type", "")
    if kind == "array":
        return "list"
    if kind == "object":
        return "fields"
    if kind == "integer":
        return "whole number"
    if kind == "string":
        return "text"
    return str(kind)


def fields(node: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, str, bool, str]]:
    """(dotted field, kind, required, description) for every field of an inlined schema."""
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield path, _kind(child), name in required, str(child.get("description", ""))
        if child.get("type") == "object":
            yield from fields(child, f"{path}.")
        items = child.get("items")
        if isinstance(items, dict) and items.get("type") == "object":
            yield from fields(items, f"{path}[].")


def field_dictionary() -> str:
    """A Markdown table of every record field, from the schema the loader uses."""
    root = schema(CONSULTATION_SCHEMA)
    inlined = inline_refs(root, root["$defs"])
    environment = markdown_environment()
    return environment.get_template("field-dictionary.md.j2").render(fields=list(fields(inlined)))
