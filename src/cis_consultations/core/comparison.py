"""What changed in a record between two versions of its file, fact by fact.

Both versions are read through the same loader, so a change is a change of what the
record states (a state added, a question reworded, a source added), never of how the
file is written: a file only reformatted compares equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from difflib import SequenceMatcher
from enum import Enum
from typing import Any

from .changes import FactChange, Term
from .model import FACTS, Meeting, PersonRole

_Field = tuple[str, str, str | None]
"""(our words, the attribute, the register its values are ids of, or None for text)."""

_SOURCES_FIELD: _Field = ("sources", "sources", "sources")
"""An item's own sources (when they are the record's, a change is the record's)."""
_ROLE_FIELDS: tuple[_Field, ...] = (
    ("person", "person", "people"),
    ("position", "position", None),
    ("organization", "organization", "organizations"),
    ("state", "state", "states"),
)
_VENUE_FIELDS: tuple[_Field, ...] = (
    ("name", "name", None),
    ("city", "city", None),
    ("country", "country", "states"),
)
_PARTICIPANT_FIELDS: tuple[_Field, ...] = (
    ("participating states", "states", "states"),
    ("observer states", "observers", "states"),
    ("organizations taking part", "organizations", "organizations"),
)
_ITEM_FIELDS: dict[str, tuple[_Field, ...]] = {
    "question": (
        ("wording", "title", None),
        ("topics", "topics", "topics"),
        ("bodies named", "bodies", "organizations"),
        _SOURCES_FIELD,
    ),
    "contribution": (
        ("summary", "summary", None),
        *_ROLE_FIELDS[:3],
        ("topics", "topics", "topics"),
        ("bodies named", "bodies", "organizations"),
        _SOURCES_FIELD,
    ),
    "outcome": (
        ("summary", "summary", None),
        ("next meeting", "next_meeting", "meetings"),
        ("followed by (ours)", "followed_by", "meetings"),
        ("bodies named", "bodies", "organizations"),
        _SOURCES_FIELD,
    ),
    "document": (
        ("action", "action", None),
        ("note", "note", None),
        _SOURCES_FIELD,
    ),
    "participant": (*_ROLE_FIELDS, _SOURCES_FIELD),
}
_ITEM_KEYS: dict[str, Callable[[Any], object]] = {
    "question": lambda item: item.title,
    "contribution": lambda item: item.summary,
    "outcome": lambda item: item.summary,
    "document": lambda item: item.document,
    "participant": lambda item: (item.person, item.state, item.position),
}
"""What makes two versions of an item the same item before their fields are compared."""
_ITEM_LISTS = (
    ("question", "questions", "questions"),
    ("participant", "people", "participants"),
    ("contribution", "contributions", None),
    ("outcome", "outcomes", None),
    ("document", "documents", None),
)
"""(our word for one item, the record's attribute, the fact whose sources it has by
default: the items' own ``sources`` are compared as a field of each item)."""


def _terms(value: object, register: str | None) -> tuple[Term, ...]:
    if value is None or value == ():
        return ()
    if isinstance(value, tuple | list):
        return tuple(Term(register, str(item)) for item in value)
    return (Term(register, str(value)),)


def _compare_terms(
    subject: str,
    before: Sequence[Term],
    after: Sequence[Term],
    sources: tuple[str, ...],
    *,
    about: Term | None = None,
) -> Iterator[FactChange]:
    """A list of values compared as a set (what was added, what removed); a single value
    as a replacement."""
    if tuple(before) == tuple(after):
        return
    if len(before) <= 1 and len(after) <= 1:
        yield FactChange(
            subject,
            tuple(before),
            tuple(after),
            sources if after else (),
            replacement=bool(before and after),
            about=about,
        )
        return
    removed = tuple(term for term in before if term not in after)
    added = tuple(term for term in after if term not in before)
    if removed or added:
        yield FactChange(subject, removed, added, sources if added else (), about=about)


def _compare_fields(
    prefix: str,
    fields: Sequence[_Field],
    old: object,
    new: object,
    sources: tuple[str, ...],
    *,
    about: Term | None = None,
) -> Iterator[FactChange]:
    for words, attribute, register in fields:
        yield from _compare_terms(
            f"{prefix}{words}",
            _terms(getattr(old, attribute, None), register),
            _terms(getattr(new, attribute, None), register),
            sources,
            about=about,
        )


def _compare_role(
    subject: str, old: PersonRole | None, new: PersonRole | None, sources: tuple[str, ...]
) -> Iterator[FactChange]:
    if old == new:
        return
    if old is None or new is None:
        role = old or new
        assert role is not None
        terms = _role_terms(role)
        yield FactChange(
            subject, terms if old else (), terms if new else (), sources if new else ()
        )
        return
    yield from _compare_fields(f"{subject}: ", _ROLE_FIELDS, old, new, sources)


def _role_terms(role: Any) -> tuple[Term, ...]:
    """Who had a role, whole: the person, position, organization and state given."""
    return tuple(
        term
        for _, attribute, register in _ROLE_FIELDS
        for term in _terms(getattr(role, attribute), register)
    )


def _signature_terms(work: Any) -> tuple[Term, ...]:
    return tuple(
        Term(
            None,
            " ".join(part for part in (line.state, line.shows, line.person, line.position) if part),
        )
        for line in work.signature_lines
    )


def _pair_items(
    old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], object]
) -> Iterator[tuple[str, Any | None, Any | None]]:
    """(number, old item, new item), aligned as a diff aligns lines: the same item where
    the keys match in order; within a run replaced between two matches, items paired in
    order (a reworded question stays one question), the rest added or removed. The
    number is the item's in the new version, or ``N as numbered before`` once removed."""
    matcher = SequenceMatcher(
        None, [key(item) for item in old], [key(item) for item in new], autojunk=False
    )
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        olds = list(range(old_start, old_end))
        news = list(range(new_start, new_end))
        if operation == "equal":
            for old_index, new_index in zip(olds, news, strict=True):
                yield str(new_index + 1), old[old_index], new[new_index]
            continue
        paired = min(len(olds), len(news)) if operation == "replace" else 0
        for old_index, new_index in zip(olds[:paired], news[:paired], strict=True):
            yield str(new_index + 1), old[old_index], new[new_index]
        for new_index in news[paired:]:
            yield str(new_index + 1), None, new[new_index]
        for old_index in olds[paired:]:
            yield f"{old_index + 1} as numbered before", old[old_index], None


def compare(old: Meeting, new: Meeting) -> tuple[FactChange, ...]:
    """Every fact that differs between two versions of one record, in the page's order."""
    return tuple(_compare(old, new))


def _compare(old: Meeting, new: Meeting) -> Iterator[FactChange]:
    yield from _compare_terms(
        "kind of meeting",
        _terms(old.kind.label, None),
        _terms(new.kind.label, None),
        new.sources,
    )
    yield from _compare_terms(
        "title", _terms(old.title, None), _terms(new.title, None), new.sources
    )
    for fact in FACTS:
        sources = new.cited(fact)
        if fact == "venue":
            yield from _compare_fields("place: ", _VENUE_FIELDS, old.venue, new.venue, sources)
        elif fact in ("opened_by", "chair"):
            yield from _compare_role(
                "opened by" if fact == "opened_by" else "chair",
                getattr(old, fact),
                getattr(new, fact),
                sources,
            )
        elif fact == "participants":
            yield from _compare_fields("", _PARTICIPANT_FIELDS, old, new, sources)
        elif fact == "questions":
            yield from _compare_terms(
                "questions discussed (count)",
                _terms(old.questions_discussed, None),
                _terms(new.questions_discussed, None),
                sources,
            )
        else:
            register = "organizations" if fact == "series" else None
            yield from _compare_terms(
                fact.replace("_", " "),
                _terms(_fact_value(old, fact), register),
                _terms(_fact_value(new, fact), register),
                sources,
            )
        if fact in dict(old.citations) or fact in dict(new.citations):
            # A fact with sources of its own (else they are the record's, compared below).
            yield from _compare_terms(
                f"sources of the {_FACT_WORDS.get(fact, fact)}",
                _terms(old.cited(fact) if old.states_fact(fact) else (), "sources"),
                _terms(sources if new.states_fact(fact) else (), "sources"),
                sources,
            )
    for words, attribute, default_fact in _ITEM_LISTS:
        fields = _ITEM_FIELDS[words]
        default = new.cited(default_fact) if default_fact else new.sources
        for position, before, after in _pair_items(
            getattr(old, attribute), getattr(new, attribute), _ITEM_KEYS[words]
        ):
            item_sources = tuple(after.sources) if after is not None and after.sources else default
            label = f"{words} {position}"
            if before is None or after is None:
                item = before if after is None else after
                summary = _item_summary(words, item)
                yield FactChange(
                    label,
                    summary if after is None else (),
                    summary if before is None else (),
                    item_sources if after is not None else (),
                )
                continue
            own_sources = before.sources != old.sources or after.sources != new.sources
            about = Term("documents", after.document) if words == "document" else None
            yield from _compare_fields(
                f"{label}: ",
                fields if own_sources else [field for field in fields if field != _SOURCES_FIELD],
                before,
                after,
                item_sources,
                about=about,
            )
            if words == "document":
                yield from _compare_terms(
                    f"{label}: signature lines",
                    _signature_terms(before),
                    _signature_terms(after),
                    item_sources,
                    about=about,
                )
    yield from _compare_terms(
        "the record's sources",
        _terms(old.sources, "sources"),
        _terms(new.sources, "sources"),
        new.sources,
    )


_FACT_WORDS = {"venue": "place", "announced_in": "announcement", "opened_by": "opening"}


def _fact_value(record: Meeting, fact: str) -> object:
    value = getattr(record, fact)
    if fact == "date":
        return value.label()
    if isinstance(value, Enum):
        return value.value
    return value


def _item_summary(words: str, item: Any) -> tuple[Term, ...]:
    """An item added or removed whole, by what identifies it."""
    if words == "document":
        return (Term("documents", item.document), Term(None, item.action.replace("-", " ")))
    if words == "participant":
        return _role_terms(item)
    return (Term(None, item.title if words == "question" else item.summary),)
