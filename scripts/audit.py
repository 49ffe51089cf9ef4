"""Lighthouse audit of the built site: ``make audit`` (not part of ``make test``).

Serves ``site/`` on 127.0.0.1 under the published path, runs Lighthouse (pinned in
package.json) with Debian's Chromium and the desktop preset on the home page and a
consultation page, writes the JSON reports to ``artifacts/lighthouse/`` and prints
the four category scores as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve, site_path  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
PAGES = {"Home": "", "Consultation (2022-12-06)": "consultations/2022-12-06/"}
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}


def audit(url: str, report: Path) -> dict[str, int]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--preset=desktop",
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=ROOT / "site")
    args = parser.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)
    rows = []
    with serve(args.site, site_path()) as base:
        for name, path in PAGES.items():
            slug = path.strip("/").replace("/", "-") or "home"
            scores = audit(base + path, REPORTS / f"{slug}.json")
            rows.append(f"| {name} | " + " | ".join(str(scores[key]) for key in CATEGORIES) + " |")
    print("| Page | " + " | ".join(CATEGORIES.values()) + " |")
    print("| --- |" + " ---: |" * len(CATEGORIES))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
