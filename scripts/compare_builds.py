"""Compare two builds of the site: the same pages and files, the same text on each page.

    python scripts/compare_builds.py build/site-mkdocs build/site-properdocs

Used by ``make properdocs`` to check that ProperDocs (the maintained fork of MkDocs
1.x) builds what MkDocs builds. A page is compared by its text as a reader gets it
(scripts and styles left out; markup, such as the engine's name in a ``generator``
meta tag, is not text); the search index by its content; the sitemap by its
addresses (their dates are the build's); every other file byte for byte. Each
difference is listed; the exit status is 1 if there is any.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

SEARCH_INDEX = "search/search_index.json"
MAX_CHANGES_SHOWN = 5
"""Changed runs of words shown for one page; the rest are counted."""
CONTEXT_WORDS = 6
_LOC = re.compile(rb"<loc>([^<]*)</loc>")


def page_text(content: bytes) -> list[str]:
    """The words of a page as a reader gets them, title included."""
    soup = BeautifulSoup(content, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    return soup.get_text(" ").split()


def search_entries(content: bytes) -> list[str]:
    """The search index as one line per entry, sorted, and one for its settings."""
    index = json.loads(content)
    docs = index.pop("docs", [])
    lines = [json.dumps(doc, sort_keys=True, ensure_ascii=False) for doc in docs]
    return [json.dumps(index, sort_keys=True), *sorted(lines)]


def sitemap_addresses(content: bytes, name: str) -> list[str]:
    raw = gzip.decompress(content) if name.endswith(".gz") else content
    return sorted(match.decode() for match in _LOC.findall(raw))


def word_changes(before: list[str], after: list[str]) -> list[str]:
    """Each run of changed words with a few words around it, as ``- ...`` / ``+ ...``."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    changes = [opcode for opcode in matcher.get_opcodes() if opcode[0] != "equal"]
    lines: list[str] = []
    for _, a_start, a_end, b_start, b_end in changes[:MAX_CHANGES_SHOWN]:
        lead = " ".join(before[max(0, a_start - CONTEXT_WORDS) : a_start])
        a_tail = " ".join(before[a_end : a_end + CONTEXT_WORDS])
        b_tail = " ".join(after[b_end : b_end + CONTEXT_WORDS])
        lines.append(f"    - ...{lead} [{' '.join(before[a_start:a_end])}] {a_tail}...")
        lines.append(f"    + ...{lead} [{' '.join(after[b_start:b_end])}] {b_tail}...")
    if len(changes) > MAX_CHANGES_SHOWN:
        lines.append(f"    and {len(changes) - MAX_CHANGES_SHOWN} more changes")
    return lines


def line_changes(before: list[str], after: list[str]) -> list[str]:
    diff = difflib.unified_diff(before, after, lineterm="", n=0)
    return [f"    {line}" for line in list(diff)[2:][: 2 * MAX_CHANGES_SHOWN]]


def files_of(site: Path) -> dict[str, Path]:
    return {
        path.relative_to(site).as_posix(): path
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def kind_of(uri: str) -> str:
    if uri.endswith(".html"):
        return "pages"
    if uri == SEARCH_INDEX:
        return "search index"
    if uri.startswith("sitemap.xml"):
        return "sitemaps"
    return "other files"


def compare(first: Path, second: Path, out: Callable[[str], None]) -> int:
    """Print the comparison; the number of differences found."""
    a_files, b_files = files_of(first), files_of(second)
    differences = 0
    for uri in sorted(a_files.keys() ^ b_files.keys()):
        where = first if uri in a_files else second
        out(f"only in {where}: {uri}")
        differences += 1
    counts: dict[str, int] = {}
    markup_only = 0
    for uri in sorted(a_files.keys() & b_files.keys()):
        kind = kind_of(uri)
        counts[kind] = counts.get(kind, 0) + 1
        before, after = a_files[uri].read_bytes(), b_files[uri].read_bytes()
        if before == after:
            continue
        changes: list[str] = []
        if kind == "pages":
            changes = word_changes(page_text(before), page_text(after))
        elif kind == "search index":
            changes = line_changes(search_entries(before), search_entries(after))
        elif kind == "sitemaps":
            changes = line_changes(sitemap_addresses(before, uri), sitemap_addresses(after, uri))
        else:
            changes = [f"    the bytes differ ({len(before):,} and {len(after):,} bytes)"]
        if changes:
            out(f"differs: {uri}")
            for line in changes:
                out(line)
            differences += 1
        else:
            markup_only += 1
    summary = {
        "pages": "the same text",
        "search index": "the same entries",
        "sitemaps": "the same addresses",
        "other files": "identical bytes (downloads, schema, feed, theme assets)",
    }
    for kind, what in summary.items():
        if counts.get(kind):
            out(f"{counts[kind]:>4} {kind} in both builds, compared for {what}")
    if markup_only:
        out(f"     ({markup_only} files differ in markup or order only, not in what they say)")
    if differences:
        out(f"{differences} difference{'s' if differences != 1 else ''} between the builds.")
    else:
        out(f"The builds match: {first} and {second} have the same pages, files and text.")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=Path, help="one built site folder")
    parser.add_argument("second", type=Path, help="the other")
    arguments = parser.parse_args(argv)
    for site in (arguments.first, arguments.second):
        if not (site / "index.html").is_file():
            print(f"{site}: not a built site (no index.html)", file=sys.stderr)
            return 2
    return 1 if compare(arguments.first, arguments.second, print) else 0


if __name__ == "__main__":
    sys.exit(main())
