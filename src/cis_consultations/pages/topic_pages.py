"""The topics and participation pages, with their pages a year at a time."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.addresses import (
    PARTICIPATION_URI,
    TOPICS_INDEX_URI,
    participation_year_uri,
    topic_uri,
)
from ..core.entries import Topic
from ..core.text import plain
from .base import WIDE_PAGE, GeneratedPage
from .links import other_names
from .paging import Entries, Paged, PagedLists, paginate
from .participation import Year


class TopicPages(PagedLists):
    """What was discussed, and who took part, over the years."""

    def topic_index(self) -> GeneratedPage:
        return self._page(
            TOPICS_INDEX_URI,
            "topics.md.j2",
            "Topics of the consultations, each with the questions and contributions on it across "
            "the series.",
            topics=sorted(self.dataset.topics.values(), key=lambda topic: topic.name),
        )

    def topic_list(self, topic: Topic) -> Paged:
        """The questions and contributions tagged with a topic, by meeting."""

        def make() -> Paged:
            entries = Entries()
            items = self.relations.topics.get(topic.id)
            if items is not None:
                for record, question in items.questions:
                    entries.at(record).questions.append(question)
                for record, contribution in items.contributions:
                    entries.at(record).contributions.append(contribution)
            uri = topic_uri(topic.id)
            return paginate(uri, "topic", topic.name, entries.newest_first())

        return self._paged(topic_uri(topic.id), make)

    def topic(self, topic: Topic) -> GeneratedPage:
        return self._page(
            topic_uri(topic.id),
            "topic.md.j2",
            f"{topic.name}: {plain(topic.description)} Questions and contributions on it across "
            "the consultations.",
            title=topic.name,
            follow=topic.name,
            keywords=other_names(topic),
            topic=topic,
            row=self.matrix.topic_row(topic.id),
            paged=self.topic_list(topic),
        )

    def topic_years(self, topic: Topic) -> Iterator[GeneratedPage]:
        """A topic's questions and contributions, a year a page, out of search."""
        return self.year_pages(self.topic_list(topic))

    def participation(self) -> GeneratedPage:
        return self._page(
            PARTICIPATION_URI,
            "participation.md.j2",
            "Participation over time: which states took part in which meetings, year by year, "
            "with first and last appearance, and which topics recur across the series.",
            hide=WIDE_PAGE,
        )

    def participation_years(self) -> Iterator[GeneratedPage]:
        """A page per year: who attended each meeting, and its topics; out of search."""
        years: tuple[Year, ...] = self.matrix.years
        for index, year in enumerate(years):
            yield self._page(
                participation_year_uri(year.year),
                "participation-year.md.j2",
                f"Participation in {year.year}: which states took part in each meeting of "
                f"{year.year}, and the topics of its questions and contributions.",
                title=f"Participation in {year.year}",
                searchable=False,
                hide=WIDE_PAGE,
                year=year,
                later=years[index - 1].year if index > 0 else None,
                earlier=years[index + 1].year if index + 1 < len(years) else None,
            )
