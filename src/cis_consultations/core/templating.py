"""The Jinja environments for the package's templates, defined once."""

from __future__ import annotations

from typing import Any

import jinja2

from .layout import PACKAGE, TEMPLATES_FOLDER
from .text import markdown_text


def _environment(**options: Any) -> jinja2.Environment:
    """The package's templates, and an error for any undefined name."""
    return jinja2.Environment(
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
