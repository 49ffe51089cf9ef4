"""MkDocs hooks: a thin adapter from MkDocs' events to the ``cis_consultations`` package.

``mkdocs build`` validates all data in ``on_config`` (before MkDocs empties ``site/``)
and stops with located errors. ``mkdocs serve`` never raises on bad data (MkDocs'
serve loop stops answering after a failed build): it renders the last good data and
shows the errors in a banner on every page. Warnings (files in the data folder that
are not read, such as an editor's swap file) are printed but never fail a build.
In GitHub Actions every problem is also an annotation on the pull request.

Figures (maps, timeline) go into each page in ``on_post_page``, as it is written:
after the search plugin has indexed the page in ``on_page_context`` (so no SVG is
in the index), and into the HTML that is written and dropped (MkDocs keeps every
page's ``content`` until the build ends: a figure put there would stay in memory).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from cis_consultations import github
from cis_consultations.site import (
    LiveSite,
    SiteContent,
    SiteFigures,
    SiteSettings,
    counted,
    problems_content,
    weigh_search_questions,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.consultations")
# Warnings, and while serving data problems too, are reported outside the "mkdocs"
# logger: in strict mode MkDocs counts every warning and error there and fails the
# build, and a failed rebuild leaves `mkdocs serve` unable to answer until the next
# good one. (ProperDocs hangs the "mkdocs" logger under its own: the same holds.)
data_log = logging.getLogger("cis_consultations.data")
if not data_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("DATA    -  %(message)s"))
    data_log.addHandler(_handler)
    data_log.propagate = False

_live = LiveSite()
_command = "build"
_content: SiteContent | None = None
_figures: SiteFigures | None = None
_sources: dict[str, str] = {}
"""Generated pages' Markdown by src_uri, until MkDocs reads each one."""


def on_startup(*, command: str, dirty: bool) -> None:
    global _command  # noqa: PLW0603 - MkDocs keeps hook state at module level
    _command = command
    _live.keep_last_good = command == "serve"  # a one-off build has nothing to fall back to


def _settings(config: MkDocsConfig) -> SiteSettings:
    if not config.site_url:
        raise Abort("set site_url in mkdocs.yml: feed ids, calendar UIDs and citations use it.")
    return SiteSettings(
        site_name=config.site_name,
        repository_url=str(config.extra["repository"]),
        site_url=config.site_url,
        directory_urls=config.use_directory_urls,
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content  # noqa: PLW0603
    project_root = Path(config.config_file_path).parent
    settings = _settings(config)
    _content = _live.refresh(project_root, settings)
    problems = _live.problems
    serving = _command == "serve"
    for problem in problems:
        (data_log.warning if serving else log.error)(str(problem))
    for warning in _live.warnings:
        data_log.warning(str(warning))
    config.extra["data_problems"] = [str(problem) for problem in problems]
    config.extra["data_problems_count"] = counted(len(problems), "problem")
    github.report(
        [*problems, *_live.warnings],
        step="Site build",
        outcome="nothing was built" if problems else "the data is valid",
    )
    if problems and not serving:
        raise Abort(
            f"{config.extra['data_problems_count']} in the data; "
            "nothing was built and site/ was left as it was."
        )
    if problems:
        data_log.warning("showing the last good version; fix the problems and save again")
    if _content is None:
        _content = problems_content(problems, settings)
        config.nav = None  # the sections do not exist yet; let MkDocs list what does
        data_log.warning("no good data yet: showing a page that lists the problems")
        return config
    log.info(
        "Loaded and validated %s and generated %s in %.1f s.",
        counted(len(_content.dataset.meetings), "meeting record"),
        counted(len(_content.pages), "page"),
        _live.seconds,
    )
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    global _content, _figures  # noqa: PLW0603
    assert _content is not None
    _figures = _content.figures
    _sources.clear()
    for page in _content.pages:
        # The text is handed over in on_page_read_source rather than kept in the File:
        # MkDocs keeps each page's Markdown anyway, and two copies of every page cost
        # tens of megabytes at a thousand records.
        _sources[page.src_uri] = page.content
        files.append(File.generated(config, page.src_uri, content=""))
    for download in _content.files:
        files.append(File.generated(config, download.uri, content=download.content))
    _content = None
    return files


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    return _sources.pop(page.file.src_uri, None)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return _figures.insert(page.file.src_uri, output) if _figures is not None else output


def on_post_build(*, config: MkDocsConfig) -> None:
    # After the search plugin has written its index (plugins run before hooks) and before
    # the offline plugin reads it (it runs last).
    weigh_search_questions(Path(config.site_dir) / "search" / "search_index.json")
