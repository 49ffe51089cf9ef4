"""Every address of the site, made here and nowhere else: where each page and download
stands among the docs, and its permanent address from the site's settings."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from .contract import CONSULTATION_SCHEMA
from .entries import State
from .layout import RECORD_FOLDERS
from .model import Meeting, MeetingKind

HOME_URI = "index.md"
CONSULTATIONS_INDEX_URI = f"{RECORD_FOLDERS[MeetingKind.CONSULTATIONS.value]}/index.md"
EXPERT_GROUPS_INDEX_URI = f"{RECORD_FOLDERS[MeetingKind.EXPERT_GROUP.value]}/index.md"
COUNCIL_SESSIONS_INDEX_URI = f"{RECORD_FOLDERS[MeetingKind.COUNCIL_SESSION.value]}/index.md"
INDEX_OF_KIND = {
    MeetingKind.CONSULTATIONS: CONSULTATIONS_INDEX_URI,
    MeetingKind.EXPERT_GROUP: EXPERT_GROUPS_INDEX_URI,
    MeetingKind.COUNCIL_SESSION: COUNCIL_SESSIONS_INDEX_URI,
}
"""Each kind of meeting's own section."""
SOURCES_INDEX_URI = "sources/index.md"
DOCUMENTS_INDEX_URI = "documents/index.md"
STATES_INDEX_URI = "states/index.md"
ORGANIZATIONS_INDEX_URI = "organizations/index.md"
PEOPLE_INDEX_URI = "people/index.md"
TOPICS_INDEX_URI = "topics/index.md"
PARTICIPATION_URI = "participation/index.md"
DATA_PAGE_URI = "data/index.md"
CHANGES_URI = "changes/index.md"
"""Recent changes to the records, newest first (older days on :func:`changes_page_uri`)."""
CONTRIBUTING_URI = "contributing.md"
"""The contributing guide: a page of docs/, kept by hand."""

# The downloads, beside the pages.
SCHEMA_URI = f"schema/{CONSULTATION_SCHEMA}"
JSON_URI = "data/consultations.json"
CONSULTATIONS_CSV_URI = "data/consultations.csv"
PARTICIPATION_CSV_URI = "data/participation.csv"
SOURCES_CSV_URI = "data/sources.csv"
CALENDAR_URI = "data/consultations.ics"
DATAPACKAGE_URI = "data/datapackage.json"
"""The Frictionless Data Package descriptor, beside the files it describes."""
FEED_URI = "feed.xml"
CHANGES_FEED_URI = "changes.xml"
"""The Atom feed of the changes to the records."""
FEED_PREFIX = "feed-"
"""The feeds of single states, organizations, topics and documents (:func:`feed_uri`)."""


@dataclass(frozen=True)
class SiteSettings:
    """What the pages need from the site's configuration (``mkdocs.yml``)."""

    site_name: str
    repository_url: str
    """Web address of the repository, for "edit this record" links."""
    site_url: str
    """The published address (``site_url`` in ``mkdocs.yml``): the base of absolute URLs."""
    edit_branch: str = "main"
    directory_urls: bool = True
    """``use_directory_urls``: pages at ``states/armenia/``, else at ``states/armenia.html``."""

    def page_url(self, src_uri: str) -> str:
        """Where a page (``states/armenia.md``) is published, relative to the site's root."""
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"

    def relative_url(self, target_src_uri: str, from_src_uri: str) -> str:
        """A link from one page to another, as MkDocs writes it into the built page."""
        target = self.page_url(target_src_uri)
        base = posixpath.dirname(self.page_url(from_src_uri)) or "."
        relative = posixpath.relpath(target or ".", base)
        return f"{relative}/" if target.endswith("/") or not target else relative

    def commit_url(self, sha: str) -> str:
        """A commit in the repository, where the change can be read whole."""
        return f"{self.repository_url.rstrip('/')}/commit/{sha}"

    def file_history_url(self, path: str) -> str:
        """Every commit to one file, in the repository."""
        return f"{self.repository_url.rstrip('/')}/commits/{self.edit_branch}/{path}"

    def edit_url(self, path: str) -> str:
        """Where an editor changes one file in the repository."""
        return f"{self.repository_url.rstrip('/')}/edit/{self.edit_branch}/{path}"

    def absolute_url(self, src_uri: str) -> str:
        """The permanent address of a page (``states/armenia.md``) or a file."""
        return _absolute_url(self.site_url, src_uri)


@lru_cache(maxsize=1 << 14)
def _absolute_url(site_url: str, src_uri: str) -> str:
    """:meth:`SiteSettings.absolute_url`, remembered: the downloads name each record's and
    each state's address many times over."""
    base = site_url.rstrip("/") + "/"
    if src_uri.endswith(".md"):
        stem = src_uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
        else:
            stem += "/"
        return base + stem
    return base + src_uri


def meeting_uri(record: Meeting) -> str:
    """``consultations/2022-12-06.md``, ``expert-groups/2021-07-08.md``: by kind and id."""
    return f"{record.kind.folder}/{record.id}.md"


def source_uri(source_id: str) -> str:
    return f"sources/{source_id}.md"


def document_uri(document_id: str) -> str:
    return f"documents/{document_id}.md"


def state_uri(state: State) -> str:
    return f"states/{state.slug}.md"


def organization_uri(org_id: str) -> str:
    return f"organizations/{org_id}.md"


def person_uri(person_id: str) -> str:
    return f"people/{person_id}.md"


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def year_page_uri(owner_uri: str, year: int, part: int = 1) -> str:
    """One year of the meetings an entity's page lists (a page excluded from search):
    ``states/armenia/2024.md``, and ``states/armenia/2024/2.md`` for a long year's
    second part (:mod:`~cis_consultations.pages.paging`)."""
    stem = owner_uri.removesuffix(".md")
    return f"{stem}/{year}.md" if part == 1 else f"{stem}/{year}/{part}.md"


def feed_uri(page_uri: str) -> str:
    """The Atom feed of one state's, organization's, topic's or document's meetings, by
    its page: ``feed-states-armenia.xml`` for ``states/armenia.md``.

    Beside the site's feed, at the root: Material fetches ``sitemap.xml`` from the folder
    of every feed a page links in its head, and only the root has one (a feed in
    ``feeds/states/`` cost each state page a failed request).
    """
    return f"{FEED_PREFIX}{page_uri.removesuffix('.md').replace('/', '-')}.xml"


def changes_page_uri(part: int) -> str:
    """``changes/index.md``, then ``changes/2.md`` for older changes."""
    return CHANGES_URI if part == 1 else f"changes/{part}.md"


CHANGES_ANCHOR = "changes"
"""The section of a record's page that lists the changes to it."""


def participation_year_uri(year: int) -> str:
    """Who took part in each meeting of one year (a page excluded from search)."""
    return f"participation/{year}.md"
