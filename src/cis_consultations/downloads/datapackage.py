"""The downloads described as a Frictionless Data Package (``data/datapackage.json``).

A program (``frictionless validate``, a data portal, a notebook) can then read the CSV
files with their types, check them, and know the data's version and licence without
reading the data page.
"""

from __future__ import annotations

import json
import posixpath
from importlib import metadata
from typing import Any

from ..core.addresses import (
    CONSULTATIONS_CSV_URI,
    DATA_PAGE_URI,
    DATAPACKAGE_URI,
    JSON_URI,
    PARTICIPATION_CSV_URI,
    SCHEMA_URI,
    SOURCES_CSV_URI,
)
from ..core.contract import schema_version
from .base import ExportBase
from .csv_files import Column, CsvExport

DISTRIBUTION = "cis-consultations"
"""The package whose declared licence (``license`` in pyproject.toml) is the data's."""

SOURCES_NOTE = (
    "Every fact in a record comes from a source it cites, and what no source states is left "
    "out: sources.csv lists the sources, and each record in consultations.json gives, fact "
    "by fact, the ids of the sources that state it. The sources' own texts are their "
    "publishers' and are not covered by this licence."
)

_LICENCE_PAGES = {"MIT": ("MIT License", "https://opensource.org/license/mit")}


class DataPackageExport(ExportBase):
    """``data/datapackage.json``: every CSV and JSON download, with its fields' types."""

    def datapackage(self) -> str:
        licence = metadata.metadata(DISTRIBUTION)["License-Expression"]
        title, licence_url = _LICENCE_PAGES[licence]
        descriptor = {
            "profile": "data-package",
            "name": "cis-information-security-consultations",
            "title": self.settings.site_name,
            "description": (
                "The record of the interagency consultations of the CIS Member States on "
                "international information security, generated from the validated records. "
                + SOURCES_NOTE
            ),
            "homepage": self.settings.absolute_url(DATA_PAGE_URI),
            "version": schema_version(),
            "schema_version": schema_version(),
            "licenses": [{"name": licence, "title": title, "path": licence_url}],
            "sources": [
                {"title": source.title or source.publisher, "path": source.url}
                for source in self.dataset.sources.values()
            ],
            "resources": [
                self._json_resource(),
                self._csv_resource(
                    CONSULTATIONS_CSV_URI,
                    "One row per record; an empty cell is unknown.",
                    CsvExport.CONSULTATION_FIELDS,
                ),
                self._csv_resource(
                    PARTICIPATION_CSV_URI,
                    "One row per state and meeting it is recorded at, with its role.",
                    CsvExport.PARTICIPATION_FIELDS,
                    primary_key=None,
                    meetings_in="meeting_id",
                ),
                self._csv_resource(
                    SOURCES_CSV_URI,
                    "One row per source the records cite.",
                    CsvExport.SOURCE_FIELDS,
                ),
            ],
        }
        return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"

    def _json_resource(self) -> dict[str, Any]:
        """The JSON file, with a JSON Schema of its outer shape (each record's own shape is
        the record schema's, with references resolved)."""
        return {
            "name": _name(JSON_URI),
            "path": _beside(JSON_URI),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": (
                "The whole dataset: every record newest first in the shape of its YAML file "
                f"(described by {self.settings.absolute_url(SCHEMA_URI)}), references "
                "resolved to names and page addresses, and the registries."
            ),
            "jsonSchema": {
                "type": "object",
                "required": ["schema_version", "schema", "site", "meetings", "sources"],
                "properties": {
                    "schema_version": {
                        "const": schema_version(),
                        "description": "The version of the record format.",
                    },
                    "schema": {"type": "string", "description": "The record schema's address."},
                    "site": {"type": "string", "description": "The site's address."},
                    "meetings": {
                        "type": "array",
                        "description": "Every record, newest first.",
                        "items": {
                            "type": "object",
                            "required": ["id", "url", "file", "kind", "status", "date"],
                            "properties": {
                                "id": {"type": "string"},
                                "url": {"type": "string"},
                                "file": {"type": "string"},
                                "last_changed": {"type": ["string", "null"]},
                            },
                        },
                    },
                    **{
                        registry: {"type": "array", "items": {"type": "object"}}
                        for registry in (
                            "sources",
                            "documents",
                            "states",
                            "organizations",
                            "people",
                            "topics",
                        )
                    },
                },
            },
        }

    @staticmethod
    def _csv_resource(
        uri: str,
        description: str,
        columns: tuple[Column, ...],
        *,
        primary_key: str | None = "id",
        meetings_in: str | None = None,
    ) -> dict[str, Any]:
        """``meetings_in``: a column of record ids, each of which must be a row of the
        records' CSV file (a foreign key)."""
        schema: dict[str, Any] = {
            "fields": [_field(column) for column in columns],
            "missingValues": [""],
        }
        if primary_key:
            schema["primaryKey"] = primary_key
        if meetings_in:
            schema["foreignKeys"] = [
                {
                    "fields": meetings_in,
                    "reference": {"resource": _name(CONSULTATIONS_CSV_URI), "fields": "id"},
                }
            ]
        return {
            "name": _name(uri),
            "path": _beside(uri),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": description,
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": schema,
        }


def _field(column: Column) -> dict[str, Any]:
    """A Table Schema field."""
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.described(),
    }
    if column.format:
        field["format"] = column.format
    if column.type == "boolean":
        field["trueValues"] = ["yes"]
        field["falseValues"] = ["no"]
    if column.enum:
        field["constraints"] = {"enum": list(column.enum)}
    return field


def _beside(uri: str) -> str:
    """A download's path from the descriptor, which stands beside them."""
    return posixpath.relpath(uri, posixpath.dirname(DATAPACKAGE_URI))


def _name(uri: str) -> str:
    """A resource's name: its file's, without the extension (``participation``)."""
    return posixpath.basename(uri).replace(".", "-").removesuffix("-csv")
