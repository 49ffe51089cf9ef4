"""MkDocs hook for the offline copy: ship iframe-worker's shim from node_modules.

Used by ``mkdocs.offline.yml`` only. Material's offline plugin would otherwise make
every page load the shim from a CDN, which an offline reader cannot reach.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SHIM_URI = "assets/javascripts/iframe-worker/shim.js"
"""Where the shim is published; ``extra.polyfills`` in mkdocs.offline.yml names it."""
SHIM_SOURCE = Path("node_modules", "iframe-worker", "shim", "index.js")


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    source = Path(config.config_file_path).parent / SHIM_SOURCE
    if not source.is_file():
        raise Abort(f"{source} is missing: run `make install` (npm ci) first.")
    if SHIM_URI not in config.extra.get("polyfills", []):
        raise Abort(f"extra.polyfills must list {SHIM_URI}, or pages will ask a CDN for it.")
    files.append(File.generated(config, SHIM_URI, content=source.read_bytes()))
    return files
