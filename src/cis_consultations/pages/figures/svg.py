"""Rendering a figure's template: the one way figure markup is made."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from ...core.templating import html_environment


@cache
def _environment() -> jinja2.Environment:
    return html_environment()


def render_figure(template: str, **context: Any) -> Markup:
    """A figure's HTML (``<figure>`` with its inline SVG); every value is escaped."""
    return Markup(_environment().get_template(template).render(**context).strip())
