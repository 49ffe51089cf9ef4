"""A corrected record, built for real: its page, the recent changes and the feeds say
what each correction changed and on which sources, from the copy's git history."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from ..support.project import article_text, copy_project, git, read_page, run_mkdocs

pytestmark = pytest.mark.build

RECORD = "data/consultations/2022-12-06.yml"
TITLE = "Second interagency consultations of the CIS Member-States on ensuring international"
QUESTION = "    - title: Current threats to information security\n      topics: [threats]\n"
EARLIER_WORDING = "    - title: Threats to information security\n      topics: [threats]\n"


def edit(project: Path, old: str, new: str) -> None:
    path = project / RECORD
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project in a repository of its own, the 2022 record first committed without
    Tajikistan and with a question in other words, then corrected twice."""
    project = copy_project(tmp_path_factory.mktemp("corrected") / "project")
    edit(project, '"KG", "RU", "TJ", "UZ"]', '"KG", "RU", "UZ"]')
    edit(project, QUESTION, EARLIER_WORDING)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The records", date="2025-01-10T10:00:00+00:00")
    edit(project, '"KG", "RU", "UZ"]', '"KG", "RU", "TJ", "UZ"]')
    git(
        project,
        "commit",
        "-q",
        "-am",
        "Tajikistan took part\n\n"
        "Correction: the record left out Tajikistan, which both sources list",
        date="2025-02-03T10:00:00+00:00",
    )
    edit(
        project,
        EARLIER_WORDING,
        QUESTION.replace("\n      topics", "\n      sources: [kazinform-2022-12-08]\n      topics"),
    )
    git(
        project,
        "commit",
        "-q",
        "-am",
        "The first question as the sources word it",
        date="2025-02-04T10:00:00+00:00",
    )
    site = project / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_the_record_page_lists_both_corrections_with_their_sources(corrected: Path) -> None:
    page = read_page(corrected, "consultations/2022-12-06")
    heading = page.select_one("h2#changes")
    assert heading is not None
    listing = heading.find_next("ul")
    assert listing is not None
    items = listing.find_all("li", recursive=False)
    said = [" ".join(item.get_text().split()) for item in items]
    # Said to correct an error by its commit, a change is a correction; else it is ours
    # to call no more than a change of facts.
    assert said[0].startswith(
        "Facts changed, 2025-02-04: The first question as the sources word it"
    )
    assert (
        "Question 1: wording: “Threats to information security” → “Current threats to "
        "information security” (source of the new value: Kazinform, 8 December 2022)"
    ) in said[0]
    assert said[1].startswith("Correction, 2025-02-03: Tajikistan took part (commit ") and said[
        1
    ].split(")", 1)[1].startswith(
        ". What was wrong, as the commit says: the record left out Tajikistan, which both "
        "sources list"
    )
    assert "Participating states: added Tajikistan (sources of the new value:" in said[1]
    assert said[2].startswith("Record added, 2025-01-10: The records")
    links = {link.get_text(): link["href"] for link in items[1].find_all("a")}
    assert links["Tajikistan"] == "../../states/tajikistan/"
    assert links["Kazinform, 8 December 2022"] == "../../sources/kazinform-2022-12-08/"
    text = article_text(page)
    assert "Last changed 4 February 2025" in text or "last changed 4 February 2025" in text


def test_recent_changes_and_their_feed_show_the_corrections(corrected: Path) -> None:
    page = read_page(corrected, "changes")
    text = article_text(page)
    day = text.index("4 February 2025")
    assert day < text.index("3 February 2025") < text.index("10 January 2025")
    assert "Correction: " + TITLE in " ".join(text.split())
    assert "Facts changed: " + TITLE in " ".join(text.split())
    record_links = [
        link["href"] for link in page.select("article a") if "2022-12-06" in link["href"]
    ]
    assert "../consultations/2022-12-06/#changes" in record_links
    feed = feedparser.parse((corrected / "changes.xml").read_bytes())
    assert not feed.bozo
    changed = [entry for entry in feed.entries if "2022-12-06" in entry.link]
    assert [entry.updated for entry in changed] == [
        "2025-02-04T10:00:00Z",
        "2025-02-03T10:00:00Z",
        "2025-01-10T10:00:00Z",
    ]
    assert [entry.title.split(":")[0] for entry in changed] == [
        "Facts changed",
        "Correction",
        "Record added",
    ]
    assert "Participating states: added Tajikistan" in changed[1].summary
    assert "correction" in {tag.term for tag in changed[1].tags}
    assert changed[1].link.endswith("/consultations/2022-12-06/#changes")


def test_the_state_s_feed_has_the_meeting_and_its_correction(corrected: Path) -> None:
    feed = feedparser.parse((corrected / "feed-states-tajikistan.xml").read_bytes())
    assert not feed.bozo
    links = [entry.link for entry in feed.entries]
    assert any(link.endswith("/consultations/2022-12-06/") for link in links)
    assert any(
        entry.title.startswith("Correction: ") and "added Tajikistan" in entry.summary
        for entry in feed.entries
    )


def test_without_history_the_pages_say_it_is_not_available(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "unpacked")
    site = project / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    record = " ".join(article_text(read_page(site, "consultations/2022-12-06")).split())
    assert "The history of this record is not available in this build" in record
    assert "Last changed: not known" in record
    changes = " ".join(article_text(read_page(site, "changes")).split())
    assert "The history of the records is not available in this build" in changes
    assert not feedparser.parse((site / "changes.xml").read_bytes()).entries
