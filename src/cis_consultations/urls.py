"""Where each page stands and its permanent address, from the site's settings."""

from __future__ import annotations

from dataclasses import dataclass

from .model import State


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


def consultation_uri(record_id: str) -> str:
    return f"consultations/{record_id}.md"


def state_uri(state: State) -> str:
    return f"states/{state.slug}.md"


def organization_uri(org_id: str) -> str:
    return f"organizations/{org_id}.md"


def person_uri(person_id: str) -> str:
    return f"people/{person_id}.md"


def topic_uri(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def topic_year_uri(topic_id: str, year: int) -> str:
    """A topic's questions and contributions in one year (a page excluded from search)."""
    return f"topics/{topic_id}/{year}.md"


PARTICIPATION_URI = "participation/index.md"


def participation_year_uri(year: int) -> str:
    """Who took part in each consultation of one year (a page excluded from search)."""
    return f"participation/{year}.md"
