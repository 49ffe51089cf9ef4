"""Synthetic data for benchmarks: N valid records and fixed-size registries, from a seed.

Everything here is invented and only ever written to a folder the caller names
(a temporary one), never to the project's ``data/``. The files have the form
editors write: codes and dates in quotes, one record per file named by its id.
The registries have fixed sizes, so the pages that list a registry entry's
records grow linearly with the number of records, and the number of pages is
N plus a constant.

Two shapes (:data:`SHAPES`): ``spread`` draws each record's states, organizations and
people at random from the registries, so each entry is at a few records;
``repeated`` is the real series' shape, where the same take part every time: every
state and one organization at every record, one person chairing them all, the same
few people contributing, a record every fortnight from 1985. Its entity pages are the
longest lists the site has to page.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

STATE_COUNT = 12
ORGANIZATION_COUNT = 40
PERSON_COUNT = 150
TOPIC_COUNT = 30
SOURCE_COUNT = 60
DOCUMENT_COUNT = 6
EXPERT_GROUPS = 3
"""The first organizations are expert groups; about one record in seven is theirs."""
EXPERT_GROUP_SHARE = 0.15
FORMATS = ("in person", "hybrid", "videoconference")
SHAPES = ("spread", "repeated")
REPEATED_START = dt.date(1985, 1, 1)
"""The repeated shape's first record; one follows every fortnight."""
REPEATED_EVERY = dt.timedelta(days=14)

FIRST_YEAR = 1990
LAST_HELD = dt.date(2025, 12, 31)
"""No held record is dated later, so the data stays valid whatever day it is loaded."""
LAST_ANNOUNCED = dt.date(2035, 12, 31)
ANNOUNCED_SHARE = 0.2

_WORDS = [
    "cooperation",
    "security",
    "information",
    "international",
    "threats",
    "exchange",
    "data",
    "networks",
    "incidents",
    "response",
    "coordination",
    "platforms",
    "positions",
    "governance",
    "protection",
    "legal",
    "approaches",
    "regulation",
    "training",
    "research",
    "infrastructure",
    "standards",
    "interaction",
    "development",
    "measures",
    "mechanisms",
    "practices",
    "capacity",
    "digital",
    "economy",
    "services",
    "resilience",
    "confidence",
    "assessment",
    "monitoring",
    "telecommunications",
    "crime",
    "prevention",
    "agreements",
    "principles",
    "norms",
    "experts",
    "methods",
    "systems",
]
_SYLLABLES = (
    "al",
    "bar",
    "cen",
    "dor",
    "el",
    "fa",
    "gor",
    "hal",
    "ir",
    "ka",
    "lu",
    "mar",
)
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,()-]*[A-Za-z0-9).]$")
ACTIONS = ("discussed", "main-provisions-agreed", "draft-approved")
"""Words of the vocabulary the synthetic records use for their work on documents."""


@dataclass(frozen=True)
class SyntheticData:
    """What was written: the data folder and the record ids, in file order."""

    data_dir: Path
    record_ids: tuple[str, ...]


def _text(value: str) -> str:
    """A YAML scalar: plain when it is safe, else a double-quoted (JSON) string."""
    return value if _PLAIN.match(value) and ": " not in value else json.dumps(value)


def _quoted(value: str) -> str:
    return json.dumps(value)


def _flow(values: list[str], *, quote: bool = False) -> str:
    return "[" + ", ".join(_quoted(value) if quote else value for value in values) + "]"


def _phrase(rng: random.Random, low: int, high: int) -> str:
    words = rng.sample(_WORDS, rng.randint(low, high))
    return " ".join(words).capitalize()


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


class _Generator:
    def __init__(self, seed: int, shape: str = "spread") -> None:
        if shape not in SHAPES:
            raise ValueError(f"shape must be one of {SHAPES}")
        self.repeated = shape == "repeated"
        self.rng = random.Random(seed)
        self.states = [f"{chr(65 + index)}{chr(81 + index % 10)}" for index in range(STATE_COUNT)]
        self.organizations = [f"org-{index:02d}" for index in range(ORGANIZATION_COUNT)]
        self.people = [f"person-{index:03d}" for index in range(PERSON_COUNT)]
        self.topics = [f"topic-{index:02d}" for index in range(TOPIC_COUNT)]
        self.sources = [f"source-{index:02d}" for index in range(SOURCE_COUNT)]
        self.documents = [f"document-{index}" for index in range(DOCUMENT_COUNT)]

    def sources_yaml(self) -> str:
        lines = ["# Synthetic registry of sources (benchmark data)."]
        for index, source_id in enumerate(self.sources):
            lines += [
                f"{source_id}:",
                f"  publisher: {_text('Agency ' + _name(self.rng, 3))}",
                f"  title: {_text(_phrase(self.rng, 4, 10))}",
                f"  url: https://example.org/sources/{source_id}",
                f"  published: {_quoted(f'{FIRST_YEAR + index % 30}-{index % 12 + 1:02d}')}",
                "  language: en",
            ]
        return "\n".join(lines) + "\n"

    def documents_yaml(self) -> str:
        lines = ["# Synthetic registry of documents (benchmark data)."]
        for index, document_id in enumerate(self.documents):
            lines += [
                f"{document_id}:",
                f"  title: {_text('Plan on ' + _phrase(self.rng, 3, 6).lower())}",
            ]
            if index:
                lines.append(f"  implements: {self.documents[0]}")
        return "\n".join(lines) + "\n"

    def _cited(self) -> str:
        return _flow(self.rng.sample(self.sources, self.rng.randint(1, 3)))

    def states_yaml(self) -> str:
        lines = ["# Synthetic registry of states (benchmark data)."]
        for index, code in enumerate(self.states):
            name = f"Synthland {_name(self.rng, 2)} {chr(65 + index)}"
            lines += [
                f"{_quoted(code)}:",
                f"  name: {_text(name)}",
                f"  formal_name: {_text('Republic of ' + name)}",
            ]
        return "\n".join(lines) + "\n"

    def organizations_yaml(self) -> str:
        lines = ["# Synthetic registry of organizations (benchmark data)."]
        for index, org_id in enumerate(self.organizations):
            lines += [
                f"{org_id}:",
                f"  name: {_text('Committee on ' + _phrase(self.rng, 2, 5))}",
            ]
            if index % 3 == 0:
                lines.append(f"  short_name: {_text('SC' + str(index))}")
            if index % 4 == 1:
                lines.append(f"  parent: {self.organizations[index - 1]}")
            if index < EXPERT_GROUPS:
                lines.append("  category: expert-group")
        return "\n".join(lines) + "\n"

    def people_yaml(self) -> str:
        lines = ["# Synthetic registry of people (benchmark data)."]
        for person_id in self.people:
            name = f"{_name(self.rng, 2)} {_name(self.rng, 3)}"
            lines += [f"{person_id}:", f"  name: {_text(name)}"]
        return "\n".join(lines) + "\n"

    def topics_yaml(self) -> str:
        lines = ["# Synthetic registry of topics (benchmark data)."]
        for topic_id in self.topics:
            lines += [
                f"{topic_id}:",
                f"  name: {_text(_phrase(self.rng, 2, 4))}",
                f"  description: {_text(_phrase(self.rng, 6, 12) + '.')}",
            ]
        return "\n".join(lines) + "\n"

    def dates(self, count: int) -> list[tuple[str, str, bool]]:
        """``(record id, date, held)`` for ``count`` records; at most 26 records a date."""
        if self.repeated:
            days = [REPEATED_START + index * REPEATED_EVERY for index in range(count)]
            if days[-1] > LAST_HELD:
                most = (LAST_HELD - REPEATED_START) // REPEATED_EVERY + 1
                raise ValueError(f"the repeated shape holds at most {most} records")
            return [(day.isoformat(), day.isoformat(), True) for day in days]
        first = dt.date(FIRST_YEAR, 1, 1)
        taken: dict[str, int] = {}
        result: list[tuple[str, str, bool]] = []
        while len(result) < count:
            held = self.rng.random() >= ANNOUNCED_SHARE
            last = LAST_HELD if held else LAST_ANNOUNCED
            day = first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))
            date = day.isoformat() if held or self.rng.random() < 0.5 else _half(day)
            used = taken.get(date, 0)
            if used >= 26:
                continue
            taken[date] = used + 1
            record_id = date if used == 0 else f"{date}-{chr(ord('a') + used)}"
            result.append((record_id, date, held))
        return result

    def _someone(self, rng: random.Random, index: int) -> str:
        """A person: in the repeated shape, the same one in each role every time."""
        return self.people[index] if self.repeated else rng.choice(self.people)

    def _body(self, rng: random.Random) -> str:
        """An organization: in the repeated shape, the one at every meeting."""
        return (
            self.organizations[EXPERT_GROUPS] if self.repeated else rng.choice(self.organizations)
        )

    def record_yaml(
        self,
        date: str,
        held: bool,
        announced_in: str | None,
        *,
        expert_group: bool = False,
    ) -> str:
        rng = self.rng
        status = "held" if held else "announced"
        title = f"Interagency consultations on {_phrase(rng, 4, 9).lower()}"
        lines = [
            "# yaml-language-server: $schema=../../src/cis_consultations/schema/"
            "consultation.schema.json",
            f"title: {_text(title)}",
        ]
        if expert_group:
            lines.append(f"series: {rng.choice(self.organizations[:EXPERT_GROUPS])}")
        lines += [
            f"status: {status}",
            f"date: {_quoted(date)}",
        ]
        if announced_in is not None:
            lines.append(f"announced_in: {_quoted(announced_in)}")
        lines += [
            "venue:",
            f"  name: {_text('Office of the ' + _phrase(rng, 2, 4))}",
            f"  city: {_text(_name(rng, 3))}",
            f"  country: {_quoted(rng.choice(self.states))}",
            f"format: {_text(rng.choice(FORMATS))}",
            "chair:",
            f"  person: {self._someone(rng, 0)}",
            f"  position: {_text('Director of ' + _phrase(rng, 2, 4))}",
            f"  organization: {self._body(rng)}",
            "participants:",
        ]
        if self.repeated:
            states = list(self.states)
            rng.shuffle(states)
            observers = 1
        else:
            states = rng.sample(self.states, rng.randint(5, 11))
            observers = rng.randint(0, 1) if len(states) > 6 else 0
        lines.append(f"  states: {_flow(states[observers:], quote=True)}")
        if observers:
            lines.append(f"  observers: {_flow(states[:observers], quote=True)}")
        organizations = rng.sample(self.organizations, rng.randint(1, 4))
        if self.repeated and self.organizations[EXPERT_GROUPS] not in organizations:
            organizations.insert(0, self.organizations[EXPERT_GROUPS])
        lines += [
            f"  organizations: {_flow(organizations)}",
            "themes:",
        ]
        lines += [f"  - {_text(_phrase(rng, 5, 12))}" for _ in range(rng.randint(2, 4))]
        listed = rng.randint(10, 16)
        lines += [
            "questions:",
            f"  discussed: {listed + rng.randint(0, 5)}",
            "  listed:",
        ]
        for _ in range(listed):
            lines += [
                f"    - title: {_text(_phrase(rng, 6, 20))}",
                f"      topics: {_flow(rng.sample(self.topics, rng.randint(1, 3)))}",
            ]
            if rng.random() < 0.4:
                lines.append(f"      bodies: {_flow(rng.sample(self.organizations, 1))}")
            if rng.random() < 0.2:
                lines.append(f"      sources: {self._cited()}")
        contributions = rng.randint(1, 3) if self.repeated else rng.randint(0, 3)
        if contributions:
            lines.append("contributions:")
        for index in range(contributions):
            lines += [
                f"  - person: {self._someone(rng, 1 + index)}",
                f"    position: {_text('Head of ' + _phrase(rng, 2, 4))}",
                f"    organization: {self._body(rng)}",
                f"    summary: {_text(_phrase(rng, 10, 25) + '.')}",
                f"    topics: {_flow(rng.sample(self.topics, rng.randint(1, 2)))}",
            ]
        outcomes = rng.randint(0, 3) if held else 0
        if outcomes:
            lines.append("outcomes:")
        for _ in range(outcomes):
            lines.append(f"  - summary: {_text(_phrase(rng, 8, 18) + '.')}")
        if held and rng.random() < 0.3:
            lines += [
                "documents:",
                f"  - document: {rng.choice(self.documents)}",
                f"    action: {rng.choice(ACTIONS)}",
            ]
        lines.append(f"sources: {self._cited()}")
        if rng.random() < 0.3:
            lines += [
                "cite:",
                f"  participants: {self._cited()}",
                f"  venue: {self._cited()}",
            ]
        return "\n".join(lines) + "\n"


def _half(day: dt.date) -> str:
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def write_synthetic_data(
    data_dir: Path, count: int, *, seed: int = 0, shape: str = "spread"
) -> SyntheticData:
    """Write ``count`` valid records of a shape (:data:`SHAPES`) and the registries into
    ``data_dir``.

    ``data_dir`` must not exist yet (so real data is never overwritten). The same
    ``count``, ``seed`` and ``shape`` always give the same bytes.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    data_dir.mkdir(parents=True, exist_ok=False)
    records_dir = data_dir / "consultations"
    records_dir.mkdir()
    groups_dir = data_dir / "expert-groups"
    groups_dir.mkdir()
    generator = _Generator(seed, shape)
    for name, text in (
        ("states", generator.states_yaml()),
        ("organizations", generator.organizations_yaml()),
        ("people", generator.people_yaml()),
        ("topics", generator.topics_yaml()),
        ("sources", generator.sources_yaml()),
        ("documents", generator.documents_yaml()),
    ):
        (data_dir / f"{name}.yml").write_text(text, encoding="utf-8")
    dates = generator.dates(count)
    held_ids = [record_id for record_id, _, held in dates if held]
    for record_id, date, held in dates:
        announced_in = None
        if not held and held_ids:
            announced_in = generator.rng.choice(held_ids)
        expert_group = generator.rng.random() < EXPERT_GROUP_SHARE
        text = generator.record_yaml(date, held, announced_in, expert_group=expert_group)
        folder = groups_dir if expert_group else records_dir
        (folder / f"{record_id}.yml").write_text(text, encoding="utf-8")
    return SyntheticData(data_dir, tuple(record_id for record_id, _, _ in dates))
