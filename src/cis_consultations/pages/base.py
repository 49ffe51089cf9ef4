"""Generate the site's Markdown pages from a validated dataset, as plain functions.

Markup lives in ``templates/``. Templates neutralise every value by default
(``finalize``): text from records is shown, never interpreted; only links built
here and macro output (both :class:`~markupsafe.Markup`) pass through unchanged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..core import addresses
from ..core.addresses import (
    PARTICIPATION_URI,
    SiteSettings,
    feed_uri,
    meeting_uri,
    participation_year_uri,
)
from ..core.changes import NO_HISTORY, ChangeKind, History, fact_sentence
from ..core.describe import ordinal, questions_summary, status_label, status_note, when
from ..core.model import DOCUMENT_ACTIONS, FORMATS, Dataset, Meeting, MeetingKind, Role, Status
from ..core.templating import markdown_environment
from ..core.text import counted, html_attribute, lower_first, plain, search_text, verbatim
from .citation import NOT_KNOWN, Citation, cite
from .figures.pages import slot
from .links import Links, ours_mark, source_label
from .participation import Matrix, build_matrix, presence
from .relations import Relations, build_relations
from .structured import StructuredData, script_json
from .years import by_year, grouped, year_heading

_NOT_RAW_IN_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What a YAML reader refuses raw, or reads as a line break, inside a quoted string."""


def front_matter_text(meta: dict[str, Any]) -> str:
    """A page's front matter as JSON, which is YAML too (a flow mapping) and costs a sixth
    of YAML's emitter to write; what YAML would not read back as it is, escaped. (Numbers
    are the weights of search, written with a point: YAML reads ``1e-05`` as text.)"""
    written = json.dumps(meta, ensure_ascii=False)
    return _NOT_RAW_IN_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", written) + "\n"


CONSULTATION_SEARCH_BOOST = 3.0
"""Weight of a meeting's page, of either kind, in Material's search (``search.boost``).

A record's questions and contributions sit in sections below its first, which Material
ranks lower than a page's first section; the boost evens that out, so that a phrase
finds its record ahead of a page that only shares a word of it in its name (with the
field weights in mkdocs.yml; tests/site/test_search_queries.py holds the cases).
"""
SOURCE_SEARCH_BOOST = 0.5
"""Weight of a source's page in search: its title is a publisher and a date
("Kazinform, 8 December 2022"), which would otherwise put it ahead of the records of
that date in a search for the month or the year. Its own publisher and title still find
it (tests/site/test_search_queries.py)."""
WIDE_PAGE = ("toc",)
"""Material's ``hide`` for pages whose tables need the width: no table of contents."""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    """Where the page stands among the docs, ``/``-separated (``states/armenia.md``)."""
    content: str


class PageMaker:
    """What every page needs: the dataset, the settings, the template environment, and
    :meth:`_page`, which writes one page's front matter and body."""

    def __init__(
        self,
        dataset: Dataset,
        settings: SiteSettings,
        history: History = NO_HISTORY,
    ) -> None:
        self.dataset = dataset
        self.settings = settings
        self.history = history
        self.last_changed = history.last_changed()
        self.relations: Relations = build_relations(dataset)
        self.matrix: Matrix = build_matrix(dataset, self.relations)
        self.structured = StructuredData(dataset, settings)
        self.environment = markdown_environment()
        self.environment.filters["verbatim"] = verbatim
        self.environment.filters["lower_first"] = lower_first
        self.environment.globals.update(
            address=addresses,
            formats=FORMATS,
            dataset=dataset,
            relations=self.relations,
            settings=settings,
            Status=Status,
            NOT_KNOWN=NOT_KNOWN,
            matrix=self.matrix,
            states=sorted(dataset.states.values(), key=lambda state: state.name),
            presence=presence,
            PARTICIPATION_URI=PARTICIPATION_URI,
            participation_year_uri=participation_year_uri,
            status_label=status_label,
            status_note=status_note,
            ordinal=ordinal,
            when=when,
            questions_summary=questions_summary,
            counted=counted,
            Role=Role,
            MeetingKind=MeetingKind,
            DOCUMENT_ACTIONS=DOCUMENT_ACTIONS,
            source_label=source_label,
            figure_slot=slot,
            grouped_by_year=grouped(dataset),
            by_year=by_year,
            year_heading=year_heading,
            fact_sentence=fact_sentence,
            ChangeKind=ChangeKind,
            ours_mark=ours_mark,
        )

    def _page(
        self,
        uri: str,
        template: str,
        description: str,
        *,
        title: str | None = None,
        json_ld: dict[str, Any] | None = None,
        search_boost: float | None = None,
        searchable: bool = True,
        hide: tuple[str, ...] = (),
        keywords: tuple[str, ...] = (),
        follow: str | None = None,
        **context: Any,
    ) -> GeneratedPage:
        """One page; ``searchable=False`` keeps it out of the search index (a paged list).

        ``keywords`` are the other names search should find the page by, as strongly as
        by its title (:func:`other_names`): each must also be shown on the page, labelled
        for what it is.

        ``follow`` names what the page is about (a state, a topic...): the page then has a
        feed of that entry's meetings, linked from its head and from its text (``feed``).
        """
        # Material writes page.meta.description into <head> without escaping it. The
        # other keys are read by overrides/main.html, which escapes social_title and
        # writes json_ld (escaped for a script element by script_json) as is.
        meta: dict[str, Any] = {"description": html_attribute(description)}
        if hide:
            meta["hide"] = list(hide)
        if title is not None:
            meta["social_title"] = plain(title)
        if json_ld is not None:
            meta["og_type"] = "article"
            meta["json_ld"] = script_json(json_ld)
        if search_boost is not None:
            meta["search"] = {"boost": search_boost}
        if not searchable:
            meta["search"] = {"exclude": True}
        if follow is not None:
            # Read by overrides/main.html, which escapes both.
            meta["feed"] = feed_uri(uri)
            meta["feed_title"] = f"{self.settings.site_name}: {plain(follow)}"
            context["feed"] = feed_uri(uri)
        if keywords:
            # Material's search indexes page.meta.tags as a field of its own (weighted
            # as a title in mkdocs.yml; nothing shows it on the page without the tags
            # plugin) and writes it into the results as HTML: escaped here.
            meta["tags"] = [search_text(keyword) for keyword in dict.fromkeys(keywords)]
        front_matter = front_matter_text(meta)
        body = self.environment.get_template(template).render(
            link=Links(self.dataset, uri), **context
        )
        return GeneratedPage(uri, f"---\n{front_matter}---\n\n{body}")

    def _citation(self, record: Meeting) -> Citation:
        return cite(
            record,
            site_name=self.settings.site_name,
            url=self.settings.absolute_url(meeting_uri(record)),
            last_changed=self.last_changed.get(record.source_path),
        )
