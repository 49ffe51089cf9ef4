"""The weight of each question's section in the search index (pages/search_weights.py)."""

from __future__ import annotations

import json

from cis_consultations.pages.search_weights import (
    QUESTION_SEARCH_BOOST,
    question_boost,
    weigh_questions,
)

SEPARATOR = r"[\s\-]+|\b(?:[Oo]f|[Tt]he|[Tt]o)\b"


def index_text(*docs: dict[str, object]) -> str:
    """An index as Material writes it (compact, ASCII-escaped)."""
    index = {"config": {"lang": ["en"], "separator": SEPARATOR}, "docs": list(docs)}
    return json.dumps(index, separators=(",", ":"), default=str)


def test_a_short_question_weighs_most_and_a_long_one_less() -> None:
    assert question_boost("Current threats to information security", SEPARATOR) == 3.5
    assert question_boost("Threats", SEPARATOR) == QUESTION_SEARCH_BOOST
    # 16 words: half the weight (the square root of a quarter).
    assert question_boost(" ".join(["word"] * 16), SEPARATOR) == QUESTION_SEARCH_BOOST / 2


def test_only_the_question_sections_of_records_change() -> None:
    record: dict[str, object] = {
        "location": "consultations/2022-12-06/",
        "title": "Second «consultations»",
        "text": "<p>Held.</p>",
        "boost": 3.0,
    }
    question: dict[str, object] = {
        "location": "consultations/2022-12-06/#question-12",
        "title": "Threats",
        "text": "",
        "boost": 3.0,
    }
    offline = dict(question, location="expert-groups/2021-07-08.html#question-1")
    others: list[dict[str, object]] = [
        {"location": "topics/threats/#question-1", "title": "Threats", "text": "", "tags": ["x"]},
        {
            "location": "consultations/2022-12-06/#questions-discussed",
            "title": "Threats",
            "text": "",
            "boost": 3.0,
        },
    ]
    written = weigh_questions(index_text(record, question, offline, *others))
    assert written == index_text(
        record,
        dict(question, boost=QUESTION_SEARCH_BOOST),
        dict(offline, boost=QUESTION_SEARCH_BOOST),
        *others,
    )
    # An index with no question is written back byte for byte.
    assert weigh_questions(index_text(record, *others)) == index_text(record, *others)
