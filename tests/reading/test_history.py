"""A record's history read from git: what each commit changed, fact by fact, in a fixed
number of git processes, and nothing claimed without history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from cis_consultations.core.addresses import SiteSettings
from cis_consultations.core.changes import (
    ChangeKind,
    FactChange,
    Term,
    fact_sentence,
    term_name,
)
from cis_consultations.core.comparison import compare
from cis_consultations.reading.dataset import load_dataset
from cis_consultations.reading.history import read_history
from cis_consultations.site import generate

from ..support.project import FIXTURES, TODAY, git

RECORD = "data/consultations/2021-05-04.yml"
SECOND_SOURCE = """second-report:
  publisher: Second Agency
  title: A second report of the first meeting
  url: https://example.org/second
  published: "2021-05-06"
  language: en
"""


def edit(repo: Path, old: str, new: str, path: str = RECORD) -> None:
    file_path = repo / path
    text = file_path.read_text(encoding="utf-8")
    assert old in text, old
    file_path.write_text(text.replace(old, new, 1), encoding="utf-8")


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def corrected_repository(root: Path) -> Path:
    """The minimal data in git: added, then a state added (with a second source), a
    question reworded (on that source), and the file reformatted."""
    repo = root / "repo"
    shutil.copytree(FIXTURES / "minimal", repo / "data")
    (repo / "data" / "sources.yml").write_text(
        (repo / "data" / "sources.yml").read_text(encoding="utf-8") + SECOND_SOURCE,
        encoding="utf-8",
    )
    edit(repo, 'states: ["AM", "KG", "NO"]', 'states: ["AM", "KG"]')
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Records of the first meetings", "2024-01-02T12:00:00+00:00")
    edit(repo, 'states: ["AM", "KG"]', 'states: ["AM", "KG", "NO"]')
    edit(
        repo,
        "sources: [example-report]\n",
        "sources: [example-report]\ncite:\n  participants: [example-report, second-report]\n",
    )
    commit(repo, "Norway took part, as the second report says", "2024-03-04T10:00:00+00:00")
    edit(
        repo,
        "    - title: Question about beta\n      topics: [beta, alpha]\n",
        "    - title: Question on beta\n      topics: [beta, alpha]\n"
        "      sources: [second-report]\n",
    )
    # Late in the evening west of Greenwich: already the next day in UTC.
    commit(repo, "The second question in the report's words", "2024-05-06T23:30:00-02:00")
    edit(repo, "themes: [Theme one]", "themes:\n  - Theme one")
    commit(repo, "Themes one a line", "2024-06-01T09:00:00+00:00")
    return repo


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corrected_repository(tmp_path_factory.mktemp("history"))


def test_each_commit_is_read_fact_by_fact_newest_first(repository: Path) -> None:
    dataset = load_dataset(repository / "data", root=repository, today=TODAY)
    found = read_history(repository, dataset, today=TODAY)
    assert found.available
    changes = found.of_record("2021-05-04")
    assert [(change.kind, change.commit.day, change.commit.subject) for change in changes] == [
        (ChangeKind.REFORMATTED, dt.date(2024, 6, 1), "Themes one a line"),
        (ChangeKind.CHANGED, dt.date(2024, 5, 7), "The second question in the report's words"),
        (ChangeKind.CHANGED, dt.date(2024, 3, 4), "Norway took part, as the second report says"),
        (ChangeKind.ADDED, dt.date(2024, 1, 2), "Records of the first meetings"),
    ]
    reformatted, reworded, state_added, _ = changes
    assert reformatted.facts == ()
    [wording, question_sources] = reworded.facts
    assert (wording.subject, wording.removed, wording.added) == (
        "question 2: wording",
        (Term(None, "Question about beta"),),
        (Term(None, "Question on beta"),),
    )
    assert wording.replacement and wording.sources == ("second-report",)
    assert question_sources.subject == "question 2: sources"
    assert question_sources.added == (Term("sources", "second-report"),)
    subjects = {fact.subject: fact for fact in state_added.facts}
    assert set(subjects) == {"participating states", "sources of the participants"}
    states = subjects["participating states"]
    assert (states.verb, states.added, states.removed) == ("added", (Term("states", "NO"),), ())
    assert states.sources == ("example-report", "second-report")
    words = fact_sentence(states, lambda term: term_name(term, dataset))
    assert words == (
        "Participating states: added Norway (sources of the new value: "
        "Parent Body website, 5 May 2021; Second Agency, 6 May 2021)"
    )
    assert found.last_changed()[RECORD] == dt.date(2024, 6, 1)
    assert found.last_changed()["data/consultations/2022-H1.yml"] == dt.date(2024, 1, 2)


def test_history_takes_three_git_processes_whatever_its_length(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = load_dataset(repository / "data", root=repository, today=TODAY)
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counted_run(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real_run(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counted_run)
    short = read_history(repository, dataset, today=TODAY)
    assert len(calls) == 3
    for number in range(12):
        edit(repository, "Theme one", f"Theme one ({number})")
        commit(repository, f"Theme {number}", "2024-07-01T09:00:00+00:00")
    calls.clear()
    longer = read_history(repository, load_dataset(repository / "data", root=repository))
    assert len(calls) == 3
    assert len(longer.changes) == len(short.changes) + 12


def test_without_history_nothing_is_claimed(repository: Path, tmp_path: Path) -> None:
    dataset = load_dataset(repository / "data", root=repository, today=TODAY)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repository}", str(shallow))
    assert not read_history(shallow, dataset).available
    unpacked = tmp_path / "unpacked"
    shutil.copytree(repository / "data", unpacked / "data")
    found = read_history(unpacked, dataset)
    assert not found.available and found.changes == () and found.last_changed() == {}


def test_a_source_added_to_the_record_is_one_change_not_one_per_fact() -> None:
    dataset = load_dataset(FIXTURES / "minimal", root=FIXTURES, today=TODAY)
    old = dataset.by_id["2021-05-04"]
    more = (*old.sources, "second-report")
    # As the loader reads it: items without sources of their own take the record's.
    new = dataclasses.replace(
        old,
        sources=more,
        questions=tuple(dataclasses.replace(item, sources=more) for item in old.questions),
    )
    assert compare(old, new) == (
        FactChange("the record's sources", (), (Term("sources", "second-report"),), more),
    )


def test_questions_are_aligned_as_a_diff_aligns_lines() -> None:
    dataset = load_dataset(FIXTURES / "minimal", root=FIXTURES, today=TODAY)
    old = dataset.by_id["2021-05-04"]
    first, second = old.questions
    third = dataclasses.replace(second, title="Question about gamma")
    before = dataclasses.replace(old, questions=(first, second, third))
    inserted = dataclasses.replace(first, title="A question put in between")
    reworded = dataclasses.replace(third, title="Question on gamma")
    after = dataclasses.replace(old, questions=(first, inserted, second, reworded))
    said = [(fact.subject, fact.removed, fact.added) for fact in compare(before, after)]
    assert said == [
        ("question 2", (), (Term(None, "A question put in between"),)),
        (
            "question 4: wording",
            (Term(None, "Question about gamma"),),
            (Term(None, "Question on gamma"),),
        ),
    ]
    dropped = dataclasses.replace(old, questions=(second, third))
    assert [(fact.subject, fact.verb) for fact in compare(before, dropped)] == [
        ("question 1 as numbered before", "removed")
    ]


@pytest.fixture
def odd_repository(tmp_path: Path) -> Path:
    """A date corrected (so the record's file renamed), a commit whose subject holds
    control characters and line separators, and a branch merged."""
    repo = tmp_path / "odd"
    shutil.copytree(FIXTURES / "minimal", repo / "data")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Records", "2024-01-02T12:00:00+00:00")
    git(repo, "mv", "data/consultations/2022-H1.yml", "data/consultations/2022-H2.yml")
    edit(repo, 'date: "2022-H1"', 'date: "2022-H2"', "data/consultations/2022-H2.yml")
    commit(repo, "The plan was for the second half", "2024-02-01T12:00:00+00:00")
    edit(repo, "Theme one", "Theme one, reworded")
    commit(repo, "Odd\x07 \x1b[31mred\u2028\x01 \x02 12 \fsubject", "2024-03-01T12:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "side")
    edit(repo, "Theme one, reworded", "Theme from a branch")
    commit(repo, "On a branch, earlier than it landed", "2024-03-02T12:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    git(
        repo,
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "The branch landed",
        "side",
        date="2024-04-01T12:00:00+00:00",
    )
    return repo


def test_a_renamed_record_a_strange_subject_and_a_merge(odd_repository: Path) -> None:
    dataset = load_dataset(odd_repository / "data", root=odd_repository, today=TODAY)
    found = read_history(odd_repository, dataset, today=TODAY)
    # The date corrected renamed the file: one record, its date changed, its past kept.
    moved = found.of_record("2022-H2")
    assert [change.kind for change in moved] == [ChangeKind.CHANGED, ChangeKind.ADDED]
    assert moved[0].renamed_from == "data/consultations/2022-H1.yml"
    assert [(fact.subject, fact.removed, fact.added) for fact in moved[0].facts] == [
        ("date", (Term(None, "the first half of 2022"),), (Term(None, "the second half of 2022"),))
    ]
    assert found.of_record("2022-H1") == ()
    themes = found.of_record("2021-05-04")
    # The branch counts once, on the day it landed, under the merge's subject.
    assert [(change.commit.day, change.commit.subject) for change in themes[:2]] == [
        (dt.date(2024, 4, 1), "The branch landed"),
        (dt.date(2024, 3, 1), "Odd [31mred 12 subject"),
    ]
    assert themes[0].facts[0].added == (Term(None, "Theme from a branch"),)
    # Whatever a subject holds, every feed stays well-formed.
    settings = SiteSettings(
        site_name="T", repository_url="https://example.org/repo", site_url="https://example.org/"
    )
    feeds = [
        file.content
        for file in generate(dataset, settings, found).files
        if str(file.uri).endswith(".xml")
    ]
    assert feeds
    for feed in feeds:
        assert not feedparser.parse(feed).bozo
