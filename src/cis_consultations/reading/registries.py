"""Read the registries (states, organizations, people, topics, sources, documents) and
the texts the project holds, each checked on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.contract import REGISTRIES_SCHEMA
from ..core.dates import PartialDate
from ..core.entries import Document, Organization, Person, Source, Spelling, State, Topic, slugify
from ..core.heldtext import HeldText
from ..core.layout import OPTIONAL_REGISTRIES, REGISTRIES, TEXTS_FOLDER
from ..core.model import Registers
from ..core.problems import Problem, excerpt
from .discovery import DataLayout, scan
from .discovery import display as _display
from .files import read_bounded
from .validation import suggest, validator, value_problems
from .yamlsafe import LocatedData, load_yaml_file

MAX_TEXT_BYTES = 1024 * 1024
"""A held text (a press release, a report) may be at most this large."""


@dataclass(frozen=True, kw_only=True)
class Registries(Registers):
    """The registries as read, with what is needed to locate problems found later."""

    located: dict[str, LocatedData]
    """The registries as read, to locate what is found about them later."""
    unavailable: frozenset[str] = frozenset()
    """Registries that could not be read: references to them are not checked."""


def load_registries(
    data_dir: Path,
    root: Path,
    problems: list[Problem],
    layout: DataLayout | None = None,
    today: dt.date | None = None,
) -> Registries:
    """Read the registries; problems are appended, bad entries left out.

    ``layout`` is the data folder as :func:`~.discovery.scan` found it (and reported on);
    without it the folder is scanned here and its problems appended too.
    """
    if layout is None:
        layout = scan(data_dir, root)
        problems.extend(layout.problems)
    today = today if today is not None else dt.date.today()
    raw: dict[str, dict[str, dict[str, Any]]] = {}
    unavailable: set[str] = set()
    spellings: dict[str, LocatedData] = {}
    for name in REGISTRIES:
        if name in layout.refused:  # a link or two files: reported by the scan
            raw[name] = {}
            unavailable.add(name)
            continue
        file_path = layout.registries.get(name, data_dir / f"{name}.yml")
        display = _display(file_path, root)
        if not file_path.exists():
            raw[name] = {}
            if name not in OPTIONAL_REGISTRIES:
                problems.append(Problem(display, 0, 0, "", f"the {name} registry is missing"))
                unavailable.add(name)
            continue
        located, found = load_yaml_file(file_path, display)
        problems.extend(found)
        if located is None or found:
            raw[name] = {}
            unavailable.add(name)
            continue
        schema_found = value_problems(located, validator(REGISTRIES_SCHEMA, name))
        problems.extend(schema_found)
        raw[name] = located.data if not schema_found else {}
        if schema_found:
            unavailable.add(name)
        if not schema_found:
            problems.extend(_internal_reference_problems(name, located))
        if name == "sources" and not schema_found:
            date_problems = _source_problems(located, today)
            if date_problems:
                problems.extend(date_problems)
                raw[name] = {}
                unavailable.add(name)
        if not schema_found:
            spellings[name] = located
    held_texts = _held_texts(
        layout.texts.get(TEXTS_FOLDER, ()), root, set(raw["sources"]), problems
    )
    source_ids = set(raw["sources"])
    if "sources" not in unavailable:
        for located in spellings.values():
            for entry_id, entry in located.data.items():
                for index, spelling in enumerate(entry.get("also_spelled", ())):
                    if spelling["source"] not in source_ids:
                        problems.append(
                            located.problem(
                                (entry_id, "also_spelled", index, "source"),
                                unknown_source(spelling["source"], source_ids),
                            )
                        )
    return Registries(
        states={code: State(code, **_fields(entry)) for code, entry in raw["states"].items()},
        organizations={
            key: Organization(key, **_fields(entry)) for key, entry in raw["organizations"].items()
        },
        people={key: Person(key, **_fields(entry)) for key, entry in raw["people"].items()},
        topics={key: Topic(key, **_fields(entry)) for key, entry in raw["topics"].items()},
        sources={
            key: Source(
                key,
                **{
                    **entry,
                    "published": PartialDate.parse(entry["published"])
                    if "published" in entry
                    else None,
                },
                held_text=key in held_texts,
            )
            for key, entry in raw["sources"].items()
        },
        documents={key: Document(key, **_fields(entry)) for key, entry in raw["documents"].items()},
        held_texts=held_texts,
        located=spellings,
        unavailable=frozenset(unavailable),
    )


_SIBLING_REFERENCES = {
    "organizations": ("parent", "parent"),
    "documents": ("implements", "document"),
}
"""Registry -> (field, what it names): an id of another entry of the same registry."""


def _internal_reference_problems(name: str, located: LocatedData) -> list[Problem]:
    """Ids a registry's entries give to each other (a parent, what a document implements),
    and the page addresses its names make."""
    problems: list[Problem] = []
    if name in _SIBLING_REFERENCES:
        field_name, what = _SIBLING_REFERENCES[name]
        for entry_id, entry in located.data.items():
            target = entry.get(field_name)
            if target is not None and (target not in located.data or target == entry_id):
                problems.append(
                    located.problem(
                        (entry_id, field_name),
                        f"unknown {what} {excerpt(target)}; expected another id in this file"
                        f"{suggest(target, set(located.data) - {entry_id})}",
                    )
                )
    if name == "states":
        slugs: dict[str, str] = {}
        for code, entry in located.data.items():
            slug = slugify(entry["name"])
            if not slug:
                problems.append(
                    located.problem((code, "name"), "gives no letters for a page address")
                )
            elif slug in slugs:
                problems.append(
                    located.problem((code, "name"), f"gives the same page address as {slugs[slug]}")
                )
            slugs[slug] = code
    return problems


def _fields(entry: dict[str, Any]) -> dict[str, Any]:
    """A registry entry's fields as the model takes them (lists become tuples)."""
    if not {"also_spelled", "search_terms", "ours"} & set(entry):
        return entry
    fields = dict(entry)
    if "ours" in entry:
        fields["ours"] = tuple(entry["ours"])
    if "also_spelled" in entry:
        fields["also_spelled"] = tuple(Spelling(**spelling) for spelling in entry["also_spelled"])
    if "search_terms" in entry:
        fields["search_terms"] = tuple(entry["search_terms"])
    return fields


def unknown_source(value: str, known: set[str]) -> str:
    return (
        f"unknown source {excerpt(value)}{suggest(value, known)}; expected an id from "
        "data/sources.yml (describe the source there first if it is new)"
    )


_SOURCE_DATES = {
    "published": "give the date the source was published",
    "retrieved": "give the day the source was actually read, or leave the field out",
}
"""The dates a source may carry, and what to do when one is in the future."""


def _source_problems(located: LocatedData, today: dt.date) -> list[Problem]:
    """Dates in the sources registry that the schema's patterns let through."""
    problems: list[Problem] = []
    for source_id, entry in located.data.items():
        for name, advice in _SOURCE_DATES.items():
            if name not in entry:
                continue
            try:
                date = PartialDate.parse(entry[name])
            except ValueError as error:
                problems.append(located.problem((source_id, name), str(error)))
                continue
            if date.start > today:
                problems.append(
                    located.problem(
                        (source_id, name),
                        f"{entry[name]} is in the future (today is {today}); {advice}",
                    )
                )
    return problems


def _held_texts(
    files: Iterable[Path], root: Path, source_ids: set[str], problems: list[Problem]
) -> dict[str, HeldText]:
    """The texts in ``data/texts/`` (as the scan found them), each read once; each must
    belong to a source."""
    texts: dict[str, HeldText] = {}
    for file_path in files:
        display = _display(file_path, root)
        if file_path.stem not in source_ids:
            problems.append(
                Problem(
                    display,
                    0,
                    0,
                    "",
                    f"holds the text of an unknown source {excerpt(file_path.stem)}"
                    f"{suggest(file_path.stem, source_ids)}; name the file after a source id "
                    "in data/sources.yml",
                )
            )
            continue
        raw, found = read_bounded(file_path, display, MAX_TEXT_BYTES, "a held text")
        problems.extend(found)
        if raw is None:
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(display, 0, 0, "", "cannot be read as UTF-8 text"))
            continue
        texts[file_path.stem] = HeldText(file_path.stem, text)
    return texts
