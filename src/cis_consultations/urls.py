"""Where each page stands and its permanent address, from the site's settings."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Meeting, State


@dataclass(frozen=True)
class SiteSettings:
    """What the pages need from the site's configuration (``mkdocs.yml``)."""

    site_name: str
    repository_url: str
    """Web address of the repository, for "edit this record" links."""
    site_url: str
    """The published address (``site_url`` in ``mkdocs.yml``): the base of absolute URLs."""
    edit_branch: str = "main"

    def absolute_url(self, src_uri: str) -> str:
        """The permanent address of a page (``states/armenia.md``) or a file."""
        base = self.site_url.rstrip("/") + "/"
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
