"""The field dictionary of the contributing guide, generated from the JSON Schemas.

It is written into ``docs/contributing.md`` itself, between two markers, so that the
guide read on GitHub shows it too: ``consultations field-guide`` (``make field-guide``)
rewrites the block, and ``--check`` (run by the tests) fails when it is out of date.
Every registry the registries schema defines is documented, so a new registry is
documented as soon as its schema is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core.contract import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, inline_refs, schema
from ..core.templating import text_environment

GUIDE_START = (
    "<!-- field-dictionary:start (generated from the JSON Schemas by `make field-guide`: "
    "edit the schemas in src/cis_consultations/schema/, not this block) -->"
)
GUIDE_END = "<!-- field-dictionary:end -->"


@dataclass(frozen=True)
class Field:
    name: str
    """Dotted path: ``venue.city``, ``questions.listed[].title``."""
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class Vocabulary:
    """A closed vocabulary of the record format: each word with its one-line meaning."""

    title: str
    anchor: str
    field: str
    meanings: dict[str, str]


VOCABULARIES = (
    ("What a meeting did to a document", "documents[].action", ("documents", "action")),
    ("How a meeting was held", "format", ("format",)),
    ("What the sources say of a meeting", "status", ("status",)),
)
"""The record fields with a closed vocabulary, in the order the guide gives them."""


def vocabularies() -> list[Vocabulary]:
    found = []
    for title, field, path in VOCABULARIES:
        node: dict[str, Any] = schema(CONSULTATION_SCHEMA)["properties"][path[0]]
        if len(path) > 1:
            node = node["items"]["properties"][path[1]]
        anchor = "-".join(title.lower().split())
        found.append(Vocabulary(title, anchor, field, dict(node["x-meanings"])))
    return found


@dataclass(frozen=True)
class Registry:
    file: str
    """``data/states.yml``."""
    title: str
    """``States``: its heading in the guide."""
    description: str
    key: str
    """What a key of the registry must look like."""
    fields: list[Field]


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


def fields(node: dict[str, Any], prefix: str = "") -> Iterator[Field]:
    """Every field of an inlined schema, parents before their children."""
    required = set(node.get("required", ()))
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        yield Field(path, _kind(child), name in required, str(child.get("description", "")))
        if child.get("type") == "object":
            yield from fields(child, f"{path}.")
        items = child.get("items")
        if isinstance(items, dict) and items.get("type") == "object":
            yield from fields(items, f"{path}[].")


def _inlined(name: str) -> dict[str, Any]:
    root = schema(name)
    inlined: dict[str, Any] = inline_refs(root, root.get("$defs", {}))
    return inlined


def registries() -> list[Registry]:
    """Each registry the registries schema defines: a mapping from keys to entries."""
    found = []
    for name, definition in _inlined(REGISTRIES_SCHEMA)["$defs"].items():
        entry = definition.get("additionalProperties")
        if definition.get("type") != "object" or not isinstance(entry, dict):
            continue  # a shared definition, not a registry
        keys = definition.get("propertyNames", {})
        found.append(
            Registry(
                file=f"data/{name}.yml",
                title=name.capitalize(),
                description=str(definition.get("description", "")),
                key=str(keys.get("x-expected", keys.get("pattern", "text"))),
                fields=list(fields(entry)),
            )
        )
    return found


def _text(text: str) -> str:
    """The schemas' own words (not records') as one line of Markdown: no HTML from a ``<``."""
    return " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;")


def _cell(text: str) -> str:
    """The schemas' own words for one cell of a Markdown table."""
    return _text(text).replace("|", "\\|")


def field_dictionary() -> str:
    """The Markdown of the dictionary: every record field, then every registry's fields."""
    environment = text_environment()
    environment.trim_blocks = environment.lstrip_blocks = True
    environment.filters["text"] = _text
    environment.filters["cell"] = _cell
    template = environment.get_template("field-dictionary.md.j2")
    record = _inlined(CONSULTATION_SCHEMA)
    return template.render(
        record_description=str(record.get("description", "")),
        record_fields=list(fields(record)),
        vocabularies=vocabularies(),
        registries_description=str(schema(REGISTRIES_SCHEMA).get("description", "")),
        registries=registries(),
    )


def with_field_dictionary(guide: str) -> str:
    """``guide`` with the current dictionary between its markers.

    Raises ValueError when the markers are missing or out of order.
    """
    start, end = guide.find(GUIDE_START), guide.find(GUIDE_END)
    if start < 0 or end < start:
        raise ValueError(
            f"expected the markers {GUIDE_START!r} and {GUIDE_END!r}, in this order, "
            "where the field dictionary goes"
        )
    before = guide[: start + len(GUIDE_START)]
    return f"{before}\n\n{field_dictionary().strip()}\n\n{guide[end:]}"
