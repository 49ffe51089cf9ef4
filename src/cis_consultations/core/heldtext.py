"""Check a record against the full text of a source the project holds.

The project holds one text in full: the founding 2022 press release. A record's facts
cited to it (the date, the place, each state and organization, the chair, the count and
the ordinal, each listed question) must be stated there. Matching forgives only what
typing forgives: case, hyphens ("Member-States"), a leading "on", punctuation and
spacing. Nothing fuzzier: a name the text does not contain is an error.
Editorial fields (topics, bodies, the venue's country) are not the source's and are not
checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from .dates import PartialDate, Precision

_NON_WORD = re.compile(r"[^\w]+")
_SEGMENT_BREAK = re.compile(r"[\n;:.]+")
_ORDINAL_WORDS = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    5: "fifth",
    6: "sixth",
    7: "seventh",
    8: "eighth",
    9: "ninth",
    10: "tenth",
}
_NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
}
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_HALF_WORDS = {1: "first half", 2: "second half"}
MEETING_NOUNS = ("consultations", "consultation", "meeting", "meetings", "session")
"""What an ordinal in a source numbers: "the second interagency consultations"."""
COUNTED_NOUNS = ("questions", "issues", "items")
"""What a count of the agenda counts: "16 questions"."""


def normalise(text: str) -> str:
    """Lower case, words only, single spaces: ``Member-States,`` -> ``member states``."""
    return " ".join(_NON_WORD.sub(" ", text.lower().replace("_", " ")).split())


def _question_form(text: str) -> str:
    words = normalise(text)
    return words.removeprefix("on ")


@dataclass(frozen=True)
class HeldText:
    """One held text, read once per build, with the forms the checks compare against."""

    source_id: str
    text: str

    @cached_property
    def words(self) -> str:
        return f" {normalise(self.text)} "

    @cached_property
    def segments(self) -> frozenset[str]:
        """Clauses between line breaks, semicolons, colons and full stops (list items)."""
        return frozenset(
            form for part in _SEGMENT_BREAK.split(self.text) if (form := _question_form(part))
        )

    def states(self, phrase: str) -> bool:
        """Whether the text contains ``phrase`` as whole words (after normalising)."""
        words = normalise(phrase)
        return bool(words) and f" {words} " in self.words

    def states_any(self, phrases: Iterable[str]) -> bool:
        return any(self.states(phrase) for phrase in phrases)

    def states_before(self, forms: Iterable[str], nouns: Iterable[str]) -> bool:
        """Whether one of ``forms`` stands up to three words before one of ``nouns``.

        An ordinal or a count means something only beside what it counts: "second ...
        consultations", "16 questions" (the "Third Committee" is not a third meeting).
        """
        pattern = re.compile(
            rf" (?:{'|'.join(re.escape(normalise(form)) for form in forms)})"
            rf"(?: \w+){{0,3}} (?:{'|'.join(re.escape(noun) for noun in nouns)}) "
        )
        return pattern.search(self.words) is not None

    def lists_question(self, title: str) -> bool:
        """Whether one clause of the text is exactly this question (a leading "on" aside)."""
        return _question_form(title) in self.segments

    def sentence_with(self, phrase: str) -> str | None:
        """The sentence of the text that contains ``phrase``, as written, or ``None``."""
        wanted = normalise(phrase)
        if not wanted:
            return None
        for sentence in _sentences(self.text):
            if f" {wanted} " in f" {normalise(sentence)} ":
                return sentence
        return None


def _sentences(text: str) -> Iterator[str]:
    for paragraph in text.split("\n"):
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", paragraph.strip()):
            if sentence:
                yield sentence


def date_forms(date: PartialDate) -> list[str]:
    """The ways an English text may write a date: ``6 December 2022``, ``December 6, 2022``."""
    start = date.start
    month = _MONTHS[start.month - 1]
    if date.precision is Precision.DAY:
        return [f"{start.day} {month} {start.year}", f"{month} {start.day} {start.year}"]
    if date.precision is Precision.MONTH:
        return [f"{month} {start.year}"]
    if date.precision is Precision.HALF:
        half = 1 if start.month == 1 else 2
        return [f"{_HALF_WORDS[half]} of {start.year}"]
    if date.precision is Precision.QUARTER:
        quarter = (start.month - 1) // 3 + 1
        return [f"{_ORDINAL_WORDS[quarter]} quarter of {start.year}", f"q{quarter} {start.year}"]
    return [str(start.year)]


def ordinal_forms(number: int) -> list[str]:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    forms = [f"{number}{suffix}"]
    if number in _ORDINAL_WORDS:
        forms.append(_ORDINAL_WORDS[number])
    return forms


def count_forms(number: int) -> list[str]:
    forms = [str(number)]
    if number in _NUMBER_WORDS:
        forms.append(_NUMBER_WORDS[number])
    return forms
