"""The weight of each question of a record in the search index, set after the index is written.

Each question a record lists is a heading on its page (``consultation.md.j2``), so search
indexes it as a section of its own, titled with its wording: a query that is a question's
exact wording finds its record. Material gives every section a page's ``search.boost``
and weighs a word in a title the same however long the title is (its search sets lunr's
length normalisation to 0). At the record's boost, a long question that holds an entity's
full name ("... within the International Telecommunication Union") would rank ahead of
the entity for its own name. So a question's section weighs by its length: at
:data:`QUESTION_SEARCH_BOOST` up to :data:`QUESTION_FULL_WEIGHT_WORDS` words, and less
the longer it is (the square root of the ratio), which keeps an entity first for its
name while a short question's exact wording still finds its record ahead of the topic
whose name and description repeat its words (tests/site/test_search_queries.py).

The balance is narrow where a topic's name is all but one word of a short question: the
topic stays first for its name by what else its page holds (its description, a search
term that shares a word of the name); with its name alone, the question's section, at
:data:`QUESTION_SEARCH_BOOST`, would outweigh it.

Material sets a page's boost on every section of it and has no setting for one section;
:func:`weigh_questions` rewrites the boost of the question sections alone in the written
index and leaves every other byte as Material wrote it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..core.model import MeetingKind

QUESTION_SEARCH_BOOST = 3.5
"""The weight of a short question's section: a little above its record's other sections
(:data:`~.base.CONSULTATION_SEARCH_BOOST`), so that its exact wording outweighs a topic
page whose name holds all but one of its words and whose description holds the rest."""
QUESTION_FULL_WEIGHT_WORDS = 4
"""Up to this many words (as search splits them: no short words such as "of", "the"), a
question's section has :data:`QUESTION_SEARCH_BOOST`; a longer one less."""

_QUESTION = re.compile(
    "^(?:{})/[^/#]+(?:/|\\.html)#question-\\d+$".format(
        "|".join(re.escape(kind.folder) for kind in MeetingKind)
    )
)
"""A question's section: ``consultations/2022-12-06/#question-1`` (``.html`` without
directory URLs, as the offline copy has them)."""


def question_boost(wording: str, separator: str) -> float:
    """The weight of a question's section, by how many words ``separator`` (the index's
    own, which also drops the short words) splits its wording into."""
    words = len([word for word in re.split(separator, wording) if word])
    ratio = min(1.0, QUESTION_FULL_WEIGHT_WORDS / max(words, 1))
    return round(QUESTION_SEARCH_BOOST * math.sqrt(ratio), 3)


def weigh_questions(index_text: str) -> str:
    """Material's ``search_index.json`` with each record question's section weighed by
    :func:`question_boost`; written as Material writes it, so that nothing else changes."""
    index: dict[str, Any] = json.loads(index_text)
    separator = index["config"]["separator"]
    for doc in index["docs"]:
        if _QUESTION.match(doc["location"]):
            doc["boost"] = question_boost(doc["title"], separator)
    return json.dumps(index, separators=(",", ":"), default=str)
