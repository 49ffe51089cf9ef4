"""Neutralising text from records on its way into Markdown, and plain-text helpers."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup

_WHITESPACE = re.compile(r"\s+")
_NOT_PLAIN = re.compile(r"[^\S ]| \s")
"""Whitespace that :func:`plain` changes: any but a space, or a space followed by more."""

# Characters with a meaning in Markdown or its extensions (links, emphasis, attribute
# lists, tables, abbreviations, footnotes, headings, lists): written as numeric
# entities so they are shown and never interpreted.
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|~^=:$"
# One table, applied in one pass, so no entity is escaped twice.
_ENTITIES = {ord(char): f"&#{ord(char)};" for char in _MARKDOWN_SPECIAL} | {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#39;",
}


def plain(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space."""
    if _NOT_PLAIN.search(text) is None:  # the usual case: nothing to collapse
        return text
    return _WHITESPACE.sub(" ", text)


def markdown_text(value: object) -> Markup:
    """Any value as inert inline Markdown: HTML-escaped, special characters as entities."""
    if isinstance(value, Markup):
        return value
    return _neutralised(str(value))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii(text: str) -> str:
    """Non-ASCII characters as numeric entities.

    Pages then stay pure ASCII, which CPython stores in one byte a character instead
    of two or four: at a thousand records that halves the memory the pages take.
    """
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda match: f"&#{ord(match.group())};", text)


@lru_cache(maxsize=1 << 15)
def _neutralised(text: str) -> Markup:
    # Remembered: names, dates and labels recur on every page that lists records.
    return Markup(_ascii(plain(text).translate(_ENTITIES)))


def verbatim(value: object) -> Markup:
    """Text for a ``<pre>`` block: lines and spaces kept, every special character an entity.

    Inside a raw HTML block the browser reads the entities back; Markdown sees nothing
    it could interpret, even if the block were ever processed as Markdown.
    """
    return Markup(_ascii(str(value).translate(_ENTITIES)))


def markdown_url(url: str) -> str:
    """A URL safe inside a Markdown link's parentheses (the schema allows http(s) only)."""
    return quote(url, safe=":/?#@!$&'*+,;=%~")


def html_attribute(value: str) -> str:
    """Text for an HTML attribute that a template writes unescaped (page.meta.description)."""
    return _ascii(html.escape(plain(value), quote=True))


def search_text(value: str) -> str:
    """Text for the search index, which Material's results write as HTML: ``<`` ``>`` ``&``
    escaped as its plugin escapes the pages' text (quotes kept)."""
    return _ascii(html.escape(plain(value), quote=False))


def shorten(text: str, limit: int = 155) -> str:
    """Cut plain text at a word boundary to fit a meta description."""
    text = plain(text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut.rstrip(',;:')}…"


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``1 problem``, ``2 problems``, ``0 problems``; ``plural`` where an added s is wrong."""
    return f"{count} {singular if count == 1 else plural or f'{singular}s'}"


def neutralised_cache_clear() -> None:
    """Forget the memo of neutralised texts (after a site is generated)."""
    _neutralised.cache_clear()


def lower_first(text: str) -> str:
    """``The source says.`` -> ``the source says``: a sentence of ours, in parentheses."""
    return text[:1].lower() + text[1:].rstrip(".")
