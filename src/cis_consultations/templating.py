"""The Jinja environments for the package's templates, defined once."""

from __future__ import annotations

import jinja2

from .text import markdown_text


def markdown_environment() -> jinja2.Environment:
    """For Markdown pages: every ``{{ value }}`` is neutralised by default (``finalize``).

    Autoescape is on so that macros return Markup and what they built is not
    neutralised twice; never join record text with ``~``, which would only
    HTML-escape it.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=markdown_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
    )


def text_environment() -> jinja2.Environment:
    """For plain-text files (the YAML scaffold), whose values are checked beforehand."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
