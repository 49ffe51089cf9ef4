"""Figures drawn from the validated data: the participation map and the timeline.

Each figure is an inline SVG in a ``<figure>``, made from a template in
``templates/figures/`` (every value escaped), with an accessible name and
description in words and a legend that does not rely on colour. The package draws
them; the site inserts them when each page is written (:mod:`.pages`).
"""

from __future__ import annotations

from .map import TILE_NOTE, Role, participation_map
from .timeline import GROUP_ABOVE, TimelineItem, timeline

__all__ = ["GROUP_ABOVE", "TILE_NOTE", "Role", "TimelineItem", "participation_map", "timeline"]
