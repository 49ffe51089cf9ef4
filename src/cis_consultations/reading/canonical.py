"""One canonical form for records and registries, so diffs stay small.

The form: two-space indentation; keys in the schema's order; codes, dates and ids
that YAML could misread in double quotes; short lists of ids and codes in flow style
(``[a, b]``); free text plain where YAML reads it back as the same text, double-quoted
otherwise. Comments are kept only in the header block at the top of a file.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from ..core.contract import CONSULTATION_SCHEMA, REGISTRIES_SCHEMA, schema

_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9(][^\n]*$")
_PLAIN_FORBIDDEN = (": ", " #", "\t")
_PLAIN_FORBIDDEN_END = (":", " ")
_ALWAYS_QUOTED = {
    "date",
    "announced_in",
    "next_meeting",
    "published",
    "retrieved",
    "country",
}
"""Fields whose values YAML would misread unquoted (dates, codes)."""


def _resolves_to_text(value: str) -> bool:
    resolver = yaml.resolver.Resolver()
    tag: str = resolver.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == "tag:yaml.org,2002:str"


def scalar(value: object, *, quoted: bool = False) -> str:
    """One scalar in canonical form."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return "null"
    text = str(value)
    if (
        not quoted
        and _PLAIN_SAFE.match(text)
        and text.isprintable()  # a control character is written escaped, in quotes
        and not any(part in text for part in _PLAIN_FORBIDDEN)
        and not text.endswith(_PLAIN_FORBIDDEN_END)
        and _resolves_to_text(text)
    ):
        return text
    written = json.dumps(text, ensure_ascii=False)
    if written.isprintable():
        return written
    # JSON escapes only the characters below U+0020; YAML refuses DEL and others raw.
    return "".join(char if char.isprintable() else _escape(char) for char in written)


def _escape(char: str) -> str:
    """A character as a YAML double-quoted escape."""
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _key_order(subschema: dict[str, Any] | None) -> list[str]:
    if not subschema:
        return []
    return list(subschema.get("properties", {}))


def _child_schema(
    subschema: dict[str, Any] | None, key: str | None, root: dict[str, Any]
) -> dict[str, Any] | None:
    if not subschema:
        return None
    if key is None:
        found = subschema.get("items")
    else:
        found = subschema.get("properties", {}).get(key)
        if found is None and isinstance(subschema.get("additionalProperties"), dict):
            found = subschema["additionalProperties"]
    if isinstance(found, dict) and "$ref" in found:
        name = found["$ref"].rsplit("/", 1)[-1]
        found = {**root["$defs"][name], **{k: v for k, v in found.items() if k != "$ref"}}
    return found if isinstance(found, dict) else None


def _is_flow_list(items: list[Any]) -> bool:
    """Ids and codes go on one line; anything with spaces gets a line each."""
    return all(isinstance(item, str) and " " not in item for item in items)


def _emit(
    value: Any,
    subschema: dict[str, Any] | None,
    root: dict[str, Any],
    indent: int,
    lines: list[str],
    *,
    key_quoted: bool = False,
) -> None:
    pad = " " * indent
    assert isinstance(value, dict)
    order = _key_order(subschema)
    keys = sorted(value, key=lambda key: (order.index(key) if key in order else len(order), ""))
    if not order:
        keys = list(value)
    for key in keys:
        item = value[key]
        child = _child_schema(subschema, key, root)
        key_text = scalar(key, quoted=key_quoted)
        quoted = key in _ALWAYS_QUOTED
        if isinstance(item, dict):
            lines.append(f"{pad}{key_text}:")
            _emit(item, child, root, indent + 2, lines)
        elif isinstance(item, list):
            if not item:
                lines.append(f"{pad}{key_text}: []")
            elif _is_flow_list(item):
                quote_items = key in ("states", "observers")
                inner = ", ".join(scalar(entry, quoted=quote_items) for entry in item)
                lines.append(f"{pad}{key_text}: [{inner}]")
            else:
                lines.append(f"{pad}{key_text}:")
                item_schema = _child_schema(child, None, root)
                for entry in item:
                    if isinstance(entry, dict):
                        nested: list[str] = []
                        _emit(entry, item_schema, root, indent + 4, nested)
                        first, *rest = nested
                        lines.append(f"{pad}  - {first.lstrip()}")
                        lines.extend(rest)
                    else:
                        lines.append(f"{pad}  - {scalar(entry)}")
        else:
            lines.append(f"{pad}{key_text}: {scalar(item, quoted=quoted)}")


def header_comments(text: str) -> list[str]:
    """The comment lines (and blank lines between them) at the top of a file."""
    header: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            header.append(line.rstrip())
        elif not line.strip() and header:
            continue
        else:
            break
    return header


SCHEMA_COMMENT = (
    "# yaml-language-server: $schema=../../src/cis_consultations/schema/consultation.schema.json"
)
"""First line of every record: editors with the YAML language server check as you type."""


def canonical_record(data: dict[str, Any], header: list[str]) -> str:
    root = schema(CONSULTATION_SCHEMA)
    lines = [SCHEMA_COMMENT]
    lines.extend(line for line in header if not line.startswith("# yaml-language-server:"))
    _emit(data, root, root, 0, lines)
    return "\n".join(lines) + "\n"


def canonical_registry(name: str, data: dict[str, Any], header: list[str]) -> str:
    root = schema(REGISTRIES_SCHEMA)
    lines = list(header)
    _emit(data, root["$defs"][name], root, 0, lines, key_quoted=name == "states")
    return "\n".join(lines) + "\n"
