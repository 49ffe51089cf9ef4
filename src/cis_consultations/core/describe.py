"""Plain sentences about a record, shared by the pages and the exports."""

from __future__ import annotations

from .model import Dataset, Meeting, Status
from .text import counted, shorten

_STATUS_WORDS = {
    # status: (as a label, as a short note in lists)
    Status.HELD: ("Held", "held"),
    Status.ANNOUNCED: (
        "Planned; no record of it being held",
        "planned, no record of it being held",
    ),
    Status.POSTPONED: (
        "Postponed; planned, not held on the date planned",
        "postponed",
    ),
    Status.CANCELLED: ("Cancelled", "cancelled"),
}


def status_label(record: Meeting) -> str:
    """``Planned; no record of it being held``: a record's status on its own page."""
    return _STATUS_WORDS[record.status][0]


def status_note(record: Meeting) -> str:
    """``planned, no record of it being held``: the status beside a record in a list."""
    return _STATUS_WORDS[record.status][1]


def when(record: Meeting) -> str:
    """``6 December 2022``, ``planned for the second half of 2023``: a meeting's date in a
    list of meetings (a function, not a macro: the year pages ask it once an entry)."""
    label = record.date.label()
    return label if record.status is Status.HELD else f"planned for {label}"


def ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def questions_summary(record: Meeting) -> str | None:
    """What the source says about the questions, in one honest sentence."""
    listed = len(record.questions)
    discussed = record.questions_discussed
    if discussed is None and not listed:
        return None
    if discussed is None:
        return f"The source lists {counted(listed, 'question')}; it gives no total."
    if not listed:
        verb = "was" if discussed == 1 else "were"
        return f"The source says {counted(discussed, 'question')} {verb} discussed and names none."
    if listed == discussed:
        every = "the one question" if discussed == 1 else f"all {discussed} questions"
        return f"The source lists {every} discussed."
    others = discussed - listed
    return (
        f"The source lists {listed} of the {counted(discussed, 'question')} discussed; "
        f"the other {others} {'is' if others == 1 else 'are'} not named."
    )


def record_summary(record: Meeting) -> str:
    """One full plain sentence on when, where and who: ``Held on 6 December 2022 in ...``."""
    when = record.date.label()
    if record.status is Status.HELD:
        sentence = f"held {'on' if record.date.is_exact else 'in'} {when}"
        if record.venue and record.venue.city:
            sentence += f" in {record.venue.city}"
    elif record.status is Status.ANNOUNCED:
        sentence = f"planned for {when}; no record of it being held"
    elif record.status is Status.POSTPONED:
        sentence = f"planned for {when}; postponed"
        if record.venue and record.venue.city:
            sentence = f"planned for {when} in {record.venue.city}; postponed"
    else:
        sentence = f"planned for {when}; cancelled"
    if record.states:
        sentence += f", with {counted(len(record.states), 'state')}"
    if record.questions_discussed:
        listed, discussed = len(record.questions), record.questions_discussed
        sentence += f"; {listed} of {counted(discussed, 'question')} listed"
    return sentence[0].upper() + sentence[1:] + "."


def record_description(record: Meeting, dataset: Dataset) -> str:
    """The title and the summary, cut to fit a meta description."""
    summary = record_summary(record)
    return shorten(f"{record.title}: {summary[0].lower()}{summary[1:]}")
