"""Where things are: the data folder's layout and the package's resource folders.

Each name is stated here once; the reader of the data folder (:mod:`..reading.discovery`),
the model (a kind of meeting's folder) and the command line take them from here.
"""

from __future__ import annotations

DATA_FOLDER = "data"
"""The data folder, in the project folder: the records' folders and the registries."""
PACKAGE = "cis_consultations"
"""The package that ships the templates and the schemas."""
TEMPLATES_FOLDER = "templates"
SCHEMA_FOLDER = "schema"

RECORD_FOLDERS: dict[str, str] = {
    "consultations": "consultations",
    "expert-group": "expert-groups",
    "council-session": "council-sessions",
}
"""Each kind of meeting (its ``MeetingKind`` value) -> the folder of its records."""
OPTIONAL_RECORD_FOLDERS = frozenset({"expert-groups", "council-sessions"})
"""Record folders that may be absent (the others must hold at least one record)."""
TEXTS_FOLDER = "texts"
"""``data/texts/<source-id>.txt``: the full texts the project holds, checked by the loader."""
TEXT_FOLDERS: dict[str, str] = {TEXTS_FOLDER: ".txt"}
"""Folders of texts the project holds, each ``<source id><suffix>``; all optional."""
REGISTRIES: tuple[str, ...] = (
    "states",
    "organizations",
    "people",
    "topics",
    "sources",
    "documents",
)
"""Registry files directly in the data folder, ``<name>.yml`` (the fields of
``model.Registers``, in the same order)."""
OPTIONAL_REGISTRIES = frozenset({"sources", "documents"})
"""Registries that may be absent."""
YAML_SUFFIXES = (".yml", ".yaml")
