"""Lighthouse audit of the built site: ``make audit`` (not part of ``make test``).

Serves ``site/`` on 127.0.0.1 under the published path, compressed with gzip as the
published host serves it, and runs Lighthouse (pinned in package.json) with Debian's
Chromium on four pages: the home page, a meeting page, a state page and the
participation page. Each page is audited three times with Lighthouse's default
settings (a phone on a throttled network, simulated) and three times with its desktop
preset; the median of each category's score is printed as a Markdown table per preset.
The JSON reports go to ``artifacts/lighthouse/``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.serve_site import (  # noqa: E402
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    SiteHandler,
    serve,
    site_path,
)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
PAGES = {
    "Home": "",
    "Meeting (2022-12-06)": "consultations/2022-12-06/",
    "State (Kyrgyzstan)": "states/kyrgyzstan/",
    "Participation": "participation/",
}
PRESETS = {
    "mobile": [],  # Lighthouse's default: a mid-range phone, simulated slow 4G and CPU
    "desktop": ["--preset=desktop"],
}
RUNS = 3
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
COMPRESSED_TYPES = (
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
"""What the published host (GitHub Pages) sends gzip-compressed to a browser that asks."""


@cache
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    del mtime_ns  # part of the key: a rebuilt file is compressed again
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class GzipSiteHandler(SiteHandler):
    """The site as published: text files gzip-compressed when the browser accepts it."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        target = Path(self.translate_path(self.path.split("?", 1)[0]))
        if target.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            target = target / "index.html"
        kind = self.guess_type(str(target))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and target.is_file() and kind.startswith(COMPRESSED_TYPES)):
            super().do_GET()
            return
        body = _gzipped(target, target.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def audit(url: str, preset: list[str], report: Path) -> dict[str, int]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            *preset,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM_PATH)},
        check=True,
        timeout=300,
    )
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {key: round(categories[key]["score"] * 100) for key in CATEGORIES}


def table(medians: dict[str, dict[str, float]]) -> list[str]:
    rows = [
        "| Page | " + " | ".join(CATEGORIES.values()) + " |",
        "| --- |" + " ---: |" * len(CATEGORIES),
    ]
    for name, scores in medians.items():
        rows.append(f"| {name} | " + " | ".join(f"{scores[key]:g}" for key in CATEGORIES) + " |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=RUNS, help="audits of each page and preset")
    args = parser.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)
    lines = []
    with serve(args.site, site_path(), GzipSiteHandler) as base:
        for preset, flags in PRESETS.items():
            medians: dict[str, dict[str, float]] = {}
            for name, path in PAGES.items():
                slug = path.strip("/").replace("/", "-") or "home"
                runs = [
                    audit(base + path, flags, REPORTS / f"{preset}-{slug}-{run}.json")
                    for run in range(1, args.runs + 1)
                ]
                medians[name] = {
                    key: statistics.median(run[key] for run in runs) for key in CATEGORIES
                }
                print(f"{preset} {name}: {runs}", file=sys.stderr, flush=True)
            lines += [f"{preset.capitalize()} preset, median of {args.runs} runs:", ""]
            lines += [*table(medians), ""]
    print("\n".join(lines), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
