"""Everything one build of the site produces from the data, free of any site engine.

The top of the package: the one module that knows the three wings (reading the data,
making pages, writing downloads) and what the hooks call; they import nothing else of
the package but :mod:`.github`.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from dataclasses import dataclass
from pathlib import Path

from .core.addresses import (
    CALENDAR_URI,
    CHANGES_FEED_URI,
    CONSULTATIONS_CSV_URI,
    DATAPACKAGE_URI,
    FEED_URI,
    JSON_URI,
    PARTICIPATION_CSV_URI,
    SCHEMA_URI,
    SOURCES_CSV_URI,
    SiteSettings,
)
from .core.changes import NO_HISTORY, History
from .core.contract import CONSULTATION_SCHEMA, schema_text
from .core.layout import DATA_FOLDER
from .core.model import Dataset
from .core.problems import DataError, Problem
from .core.text import counted, neutralised_cache_clear
from .downloads.exports import Exporter
from .downloads.feed import ENTITY_FEED_ENTRIES
from .pages.figures.pages import SiteFigures
from .pages.render import GeneratedPage, Renderer, relative_cache_clear
from .pages.search_weights import weigh_questions
from .reading.dataset import load_dataset
from .reading.history import read_history

__all__ = [
    "DataError",
    "LiveSite",
    "SiteContent",
    "SiteFigures",
    "SiteSettings",
    "build_site_content",
    "counted",
    "generate",
    "problems_content",
    "weigh_search_questions",
]


@dataclass(frozen=True)
class GeneratedFile:
    """A file published as is (a download), ``/``-separated path in the site."""

    uri: str
    content: str | bytes

    @property
    def size(self) -> int:
        """Bytes as served (text is written as UTF-8)."""
        content = self.content
        return len(content.encode("utf-8") if isinstance(content, str) else content)


@dataclass(frozen=True)
class SiteContent:
    dataset: Dataset
    pages: list[GeneratedPage]
    files: list[GeneratedFile]
    figures: SiteFigures
    """Draws the figures as each page is written (they are not in the pages' Markdown)."""


def generate(
    dataset: Dataset, settings: SiteSettings, history: History = NO_HISTORY
) -> SiteContent:
    """Every page and download of the site; ``history`` is what git holds of the records."""
    exporter = Exporter(dataset, settings, history)
    files = [
        GeneratedFile(JSON_URI, exporter.json()),
        GeneratedFile(CONSULTATIONS_CSV_URI, exporter.consultations_csv()),
        GeneratedFile(PARTICIPATION_CSV_URI, exporter.participation_csv()),
        GeneratedFile(SOURCES_CSV_URI, exporter.sources_csv()),
        GeneratedFile(CALENDAR_URI, exporter.calendar()),
        GeneratedFile(FEED_URI, exporter.feed()),
        GeneratedFile(CHANGES_FEED_URI, exporter.changes_feed()),
        GeneratedFile(DATAPACKAGE_URI, exporter.datapackage()),
        GeneratedFile(SCHEMA_URI, schema_text(CONSULTATION_SCHEMA)),
        *(GeneratedFile(uri, feed) for uri, feed in exporter.entity_feeds()),
    ]
    renderer = Renderer(dataset, settings, history)
    pages = list(renderer.pages())
    pages.append(
        renderer.data_page(
            {file.uri: file.size for file in files},
            [record for record in dataset.meetings if not exporter.in_calendar(record)],
            ENTITY_FEED_ENTRIES,
        )
    )
    # The memos only pay off within one generation; let their memory go.
    neutralised_cache_clear()
    relative_cache_clear()
    return SiteContent(dataset, pages, files, SiteFigures(dataset, renderer.matrix, settings))


def build_site_content(
    project_root: Path, settings: SiteSettings, *, today: dt.date | None = None
) -> SiteContent:
    """Load, validate and render; raises :class:`DataError` before rendering anything."""
    dataset = load_dataset(project_root / DATA_FOLDER, root=project_root, today=today)
    return generate(dataset, settings, read_history(project_root, dataset, today=today))


def problems_content(problems: list[Problem], settings: SiteSettings) -> SiteContent:
    """A one-page site listing the problems, for a preview that has no good data yet."""
    empty = Dataset(states={}, organizations={}, people={}, topics={}, meetings=())
    schema_file = GeneratedFile(SCHEMA_URI, schema_text(CONSULTATION_SCHEMA))
    renderer = Renderer(empty, settings)
    return SiteContent(
        empty,
        [renderer.problems_page(problems)],
        [schema_file],
        SiteFigures(empty, renderer.matrix, settings),
    )


def weigh_search_questions(index: Path) -> None:
    """Weigh each record question's section in the search index written at ``index``
    (:mod:`.pages.search_weights`); nothing when search wrote no index."""
    if index.is_file():
        index.write_text(weigh_questions(index.read_text(encoding="utf-8")), encoding="utf-8")


class LiveSite:
    """Keeps the last good data so that a live preview survives a bad save.

    Only the validated data is kept between builds, not the pages made from it: those
    are handed to the site engine, which then holds the one copy of them.
    """

    def __init__(self, *, keep_last_good: bool = True) -> None:
        self.keep_last_good = keep_last_good
        """False for a one-off build, which has nothing to fall back to."""
        self.last_good: tuple[Dataset, History] | None = None
        self.problems: list[Problem] = []
        """The errors of the last refresh: the data it read was not used."""
        self.warnings: list[Problem] = []
        """The warnings of the last refresh (files in the data folder that are not read)."""
        self.seconds = 0.0
        """How long the last refresh took to load, validate and generate."""

    def refresh(
        self, project_root: Path, settings: SiteSettings, *, today: dt.date | None = None
    ) -> SiteContent | None:
        """Rebuild; on bad data fall back to the last good data and remember the problems.

        Loading makes about a million objects and few cycles: the collector runs once
        afterwards, not every few thousand allocations; then what was made, which lives
        as long as the build, is moved out of its way while the pages are rendered. The
        previous refresh's objects are unfrozen first, so they can be freed.
        """
        started = time.perf_counter()
        gc.unfreeze()
        gc.disable()
        try:
            return self._refresh(project_root, settings, today)
        finally:
            gc.enable()
            gc.collect()
            gc.freeze()
            self.seconds = time.perf_counter() - started

    def _refresh(
        self, project_root: Path, settings: SiteSettings, today: dt.date | None
    ) -> SiteContent | None:
        warnings: list[Problem] = []
        try:
            dataset = load_dataset(
                project_root / DATA_FOLDER, root=project_root, today=today, warnings=warnings
            )
            self.last_good = (dataset, read_history(project_root, dataset, today=today))
            self.problems = []
            self.warnings = warnings
        except DataError as error:
            self.problems = error.errors
            self.warnings = error.warnings
        if self.last_good is None:
            return None
        dataset, history = self.last_good
        if not self.keep_last_good:
            self.last_good = None
        return generate(dataset, settings, history)
