"""What the text of a record or registry may hold, beyond what the schema says.

Every text value: no control character (a line break or a tab included: a page shows
text on one line, and the canonical form writes none), no bidirectional control (it
reorders what a reader sees around it), and not blank (at least one letter, digit,
punctuation mark or symbol). An address (``url``, ``archived``) holds no whitespace and
no invisible character either. Each problem names the character and where it stands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..core.problems import Problem
from .yamlsafe import FieldPath, LocatedData

ADDRESS_FIELDS = frozenset({"url", "archived"})
"""Fields that hold an address (in the sources registry)."""
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: what reorders the text around them."""
_REFUSED_IN_TEXT = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{BIDI_CONTROLS}]")
_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\t": "TAB",
    "\n": "LINE FEED, a line break",
    "\r": "CARRIAGE RETURN, a line break",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE, a line break",
}
_VISIBLE = frozenset("LNPS")
"""Unicode categories of what shows: letters, numbers, punctuation, symbols."""


def _named(char: str) -> str:
    """``U+001B ESCAPE``."""
    return f"U+{ord(char):04X} {_NAMES.get(char) or unicodedata.name(char, 'unnamed')}"


def _refused(char: str, *, address: bool) -> str | None:
    """What ``char`` is, when it is refused here; else ``None``."""
    if char in BIDI_CONTROLS:
        return "a bidirectional control character"
    category = unicodedata.category(char)
    if category == "Cc" or char in "\u2028\u2029":
        return "a control character"
    if address and (char.isspace() or category in ("Cf", "Zs", "Co", "Cn")):
        return "a space" if char.isspace() else "an invisible character"
    return None


def text_problem(text: str, *, address: bool = False) -> str | None:
    """What is wrong with the characters of ``text``, in words; ``None`` when nothing."""
    if address:
        first = next(
            (index for index, char in enumerate(text) if _refused(char, address=True)), None
        )
    else:
        found = _REFUSED_IN_TEXT.search(text)
        first = found.start() if found else None
    if first is not None:
        char = text[first]
        what = _refused(char, address=address)
        fix = (
            "an address holds no space, control or invisible character" if address else "remove it"
        )
        return f"holds {what} ({_named(char)}) at character {first + 1}; {fix}"
    if text and not any(unicodedata.category(char)[0] in _VISIBLE for char in text):
        return "is blank: it shows no letter, digit or punctuation mark; write the text"
    return None


def _texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def character_problems(located: LocatedData) -> list[Problem]:
    """A problem for each text value of ``located`` that breaks the rules above."""
    problems = []
    for path, text in _texts(located.data, ()):
        address = bool(path) and path[-1] in ADDRESS_FIELDS
        found = text_problem(text, address=address)
        if found is not None:
            problems.append(located.problem(path, found))
    return problems


def cleaned(text: str, limit: int) -> str:
    """Text from outside the data (a commit's subject) made fit to show: each control,
    bidirectional or line-separating character a space, spaces folded, at most ``limit``
    characters (cut at a word, with an ellipsis)."""
    folded = " ".join(_REFUSED_IN_TEXT.sub(" ", text).split())
    if len(folded) <= limit:
        return folded
    return folded[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
