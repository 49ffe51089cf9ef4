"""The Jinja environments for the package's templates, defined once."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import jinja2

from .layout import PACKAGE, TEMPLATES_FOLDER
from .text import markdown_text


class _Environment(jinja2.Environment):
    """Jinja's environment, with each template's globals in one plain dict.

    Jinja chains a template's globals to the environment's (a ``ChainMap``), and copies
    that chain key by key into every render's context and at every ``{% from ... import
    %}``: a cost per page. Globals are set before the first template is loaded (as Jinja
    asks), so a copy made at loading holds the same.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def _environment(**options: Any) -> jinja2.Environment:
    """The package's templates, and an error for any undefined name."""
    return _Environment(
        loader=jinja2.PackageLoader(PACKAGE, TEMPLATES_FOLDER),
        undefined=jinja2.StrictUndefined,
        **options,
    )


def markdown_environment() -> jinja2.Environment:
    """For Markdown pages: every ``{{ value }}`` is neutralised by default (``finalize``).

    Autoescape is on so that macros return Markup and what they built is not
    neutralised twice; never join record text with ``~``, which would only
    HTML-escape it.
    """
    return _environment(
        finalize=markdown_text,
        # Made afresh for each build: its templates need not be checked for changes.
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
    )


def html_environment() -> jinja2.Environment:
    """For HTML and SVG (the figures): every ``{{ value }}`` is HTML-escaped unless Markup."""
    return _environment(trim_blocks=True, lstrip_blocks=True, autoescape=True)


def text_environment() -> jinja2.Environment:
    """For plain-text files (the YAML scaffold), whose values are checked beforehand."""
    return _environment(keep_trailing_newline=True, autoescape=False)
