"""How to cite one record: a plain-text reference and a BibTeX entry.

Both give the permanent URL (from ``site_url``) and the date the record last changed
(see :mod:`.history`); when that date is not known they say so rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core.dates import PartialDate
from ..core.model import Meeting

NOT_KNOWN = "not known"

# LaTeX's special characters, as BibTeX needs them written.
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX))


def bibtex_text(text: str) -> str:
    """Record text as a BibTeX field value, every special character escaped."""
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX[match.group()], " ".join(text.split()))


@dataclass(frozen=True)
class Citation:
    reference: str
    """Plain text, one paragraph."""
    bibtex: str
    """A ``@misc`` entry, several lines."""
    url: str
    last_changed: str
    """ISO date, or :data:`NOT_KNOWN`."""


def cite(record: Meeting, *, site_name: str, url: str, last_changed: dt.date | None) -> Citation:
    changed = last_changed.isoformat() if last_changed else NOT_KNOWN
    changed_words = (
        PartialDate.of_day(last_changed).label()
        if last_changed
        else "date of last change not known"
    )
    reference = (
        f"{site_name}. “{record.title}”. Record {record.id}"
        f"{', last changed ' + changed_words if last_changed else ' (' + changed_words + ')'}. "
        f"{url}"
    )
    fields = [
        ("title", "{" + bibtex_text(record.title) + "}"),
        ("author", "{{" + bibtex_text(site_name) + "}}"),
        ("howpublished", "{\\url{" + url + "}}"),
        ("url", "{" + url + "}"),
    ]
    if last_changed:
        fields += [
            ("year", "{" + str(last_changed.year) + "}"),
            ("date", "{" + changed + "}"),
        ]
    fields.append(("note", "{Record " + bibtex_text(record.id) + f"; last changed: {changed}}}"))
    key = "cis-consultations-" + re.sub(r"[^A-Za-z0-9-]", "-", record.id)
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return Citation(reference, f"@misc{{{key},\n{body}\n}}", url, changed)
