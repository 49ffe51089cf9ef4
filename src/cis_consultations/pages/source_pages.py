"""The sources and documents, each with its index."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.addresses import DOCUMENTS_INDEX_URI, SOURCES_INDEX_URI, document_uri, source_uri
from ..core.dates import PartialDate
from ..core.entries import Document, Source
from .base import SOURCE_SEARCH_BOOST, GeneratedPage
from .links import References, other_names, source_label
from .paging import Entries, Paged, PagedLists, paginate
from .paths import Step, furthest_step, path_of

_NO_DATE = PartialDate.parse("0001")
"""Sorts a source without a date after every dated one."""


class SourcePages(PagedLists):
    """What the record rests on and what the meetings worked on."""

    def source_index(self) -> GeneratedPage:
        return self._page(
            SOURCES_INDEX_URI,
            "sources.md.j2",
            "Every source the record cites: publisher, title, date, language and address, what "
            "each one supports, and which records cite it.",
            sources=sorted(
                self.dataset.sources.values(),
                key=lambda source: (source.published or _NO_DATE, source.id),
                reverse=True,
            ),
        )

    def source_list(self, source: Source) -> Paged:
        """The records that cite a source, with what they cite it for."""

        def make() -> Paged:
            entries = Entries()
            for use in self.relations.sources.get(source.id, []):
                entries.at(use.record).facts.extend(use.facts)
            uri = source_uri(source.id)
            return paginate(uri, "source", source_label(source), entries.newest_first())

        return self._paged(source_uri(source.id), make)

    def source_years(self, source: Source) -> Iterator[GeneratedPage]:
        return self.year_pages(self.source_list(source))

    def source(self, source: Source) -> GeneratedPage:
        return self._page(
            source_uri(source.id),
            "source.md.j2",
            f"{source_label(source)}: a source of the record of the consultations of the CIS "
            "Member States on international information security, and the facts it supports.",
            title=source_label(source),
            search_boost=SOURCE_SEARCH_BOOST,
            # Its title is a name of the page (shown on it, labelled): search weighs it so.
            keywords=(source.title,) if source.title else (),
            source=source,
            paged=self.source_list(source),
            spellings=self.relations.spellings.get(source.id, []),
        )

    def document_index(self) -> GeneratedPage:
        return self._page(
            DOCUMENTS_INDEX_URI,
            "documents.md.j2",
            "Documents the meetings worked on: drafts of statements and plans, followed across "
            "meetings as far as the sources go.",
            documents=sorted(self.dataset.documents.values(), key=lambda document: document.title),
        )

    def document_list(self, document: Document, steps: list[Step] | None = None) -> Paged:
        """The document's path (``steps``, when its page has them already), oldest first:
        on its page while short, else a year a page."""

        def make() -> Paged:
            entries = Entries()
            works = self.relations.documents.get(document.id, [])
            for step in steps if steps is not None else path_of(works, self.dataset):
                entry = entries.at(step.meeting)
                if step.work is not None:
                    entry.works.append(step.work)
                else:
                    entry.planned_by = step.planned_by
            return paginate(
                document_uri(document.id),
                "document",
                document.label,
                entries.oldest_first(),
                newest_first=False,
            )

        return self._paged(document_uri(document.id), make)

    def document_years(self, document: Document) -> Iterator[GeneratedPage]:
        return self.year_pages(self.document_list(document))

    def document(self, document: Document) -> GeneratedPage:
        works = self.relations.documents.get(document.id, [])
        steps = path_of(works, self.dataset)
        return self._page(
            document_uri(document.id),
            "document.md.j2",
            f"{document.title}: what the meetings on record did with it, step by step, as "
            "the sources state.",
            title=document.label,
            follow=document.label,
            keywords=other_names(document, document.short_title),
            document=document,
            steps=steps,
            paged=self.document_list(document, steps),
            outcome=furthest_step(works),
            signed=[work for _, work in works if work.signature_lines],
            refs=References(
                None,
                self.dataset,
                also=[source_id for step in steps for source_id in step.sources],
            ),
            implemented_by=self.relations.implemented_by.get(document.id, []),
        )
