"""Benchmark: our build against plain Material with the same pages, at several sizes.

For each size N, a synthetic project (the real mkdocs.yml, docs/, overrides/ and
hooks/ with N generated records) is built with our hooks, and alternately a
*baseline*: the very Markdown our hooks generate, written out as static pages of a
plain Material site with the same theme settings and navigation and no hooks.
Every build runs in its own ``python -m mkdocs build`` process, so its peak memory
is its own. Run with ``make bench`` (or ``python bench/run.py --help``); ``--shape``
picks the synthetic data's shape (:data:`bench.synthetic.SHAPES`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.synthetic import SHAPES, write_synthetic_data
from cis_consultations.core.addresses import SiteSettings
from cis_consultations.reading.dataset import load_dataset
from cis_consultations.site import build_site_content, generate

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
BASELINE_DROPS = ("hooks", "watch")
"""mkdocs.yml settings the baseline leaves out: everything else stays the same."""
SEARCH_INDEX = Path("search") / "search_index.json"
MB = 1_000_000
KB = 1_000
TIMEOUT = 600.0
LARGEST = 5
"""How many of the largest HTML pages the report names, with their kinds."""
PAGE_KINDS = {
    "consultations": "record",
    "expert-groups": "record",
    "states": "state",
    "organizations": "organization",
    "people": "person",
    "documents": "document",
    "sources": "source",
    "topics": "topic",
    "participation": "participation",
}


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    """User and system time of the build process: steadier than wall time on a busy host."""
    peak_bytes: int
    site_bytes: int
    search_bytes: int
    largest_page_bytes: int = 0
    """The largest HTML page of the site: what a reader's phone may have to load at once."""
    largest_page: str = ""
    largest_pages: tuple[tuple[int, str], ...] = ()
    """The :data:`LARGEST` largest HTML pages, largest first: (bytes, site path)."""


@dataclass(frozen=True)
class SizeResult:
    count: int
    ours: list[Run]
    baseline: list[Run]

    @staticmethod
    def median(runs: list[Run], attribute: str) -> float:
        return statistics.median(float(getattr(run, attribute)) for run in runs)

    @property
    def ratio(self) -> float:
        return self.median(self.ours, "seconds") / self.median(self.baseline, "seconds")

    @property
    def cpu_ratio(self) -> float:
        return self.median(self.ours, "cpu_seconds") / self.median(self.baseline, "cpu_seconds")


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "0"}


def make_project(target: Path, count: int, seed: int, shape: str = "spread") -> Path:
    """A copy of the project whose data is ``count`` synthetic records of a shape."""
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    (target / "src").symlink_to(ROOT / "src")
    write_synthetic_data(target / "data", count, seed=seed, shape=shape)
    return target


def make_baseline(project: Path, target: Path) -> Path:
    """Plain Material with the pages our hooks generate for ``project``, as static files."""
    config: dict[str, Any] = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in BASELINE_DROPS:
        config.pop(key, None)
    target.mkdir(parents=True)
    shutil.copytree(project / "docs", target / "docs")
    shutil.copytree(project / "overrides", target / "overrides")
    settings = SiteSettings(
        site_name=str(config["site_name"]),
        repository_url=str(config["extra"]["repository"]),
        site_url=str(config["site_url"]),
    )
    content = build_site_content(project, settings)
    for page in content.pages:
        _write(target / "docs" / page.src_uri, page.content)
    for download in content.files:
        _write(target / "docs" / download.uri, download.content)
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return target


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def largest_pages(site: Path, count: int = LARGEST) -> list[tuple[int, str]]:
    """The size in bytes and the site path of the ``count`` largest HTML files, largest first."""
    sizes = sorted(
        ((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html")),
        reverse=True,
    )
    return sizes[:count]


def page_kind(path: str) -> str:
    """What a built page is, from its place: ``state``, ``state year page``, ``home``..."""
    parts = path.split("/")[:-1]  # without index.html
    if not parts:
        return "home" if path == "index.html" else "page"
    kind = PAGE_KINDS.get(parts[0], parts[0])
    if len(parts) == 1:
        return f"{parts[0]} index"
    if kind == "participation" or len(parts) > 2:
        return f"{kind} year page"
    return kind


def build(project: Path, site: Path, log: Path) -> Run:
    """One ``mkdocs build --strict`` in a fresh process: wall time and that process's peak RSS."""
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=_env(), stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"build of {project} failed; see {log}:\n{log.read_text()[-3000:]}")
    largest = largest_pages(site)
    return Run(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_bytes=usage.ru_maxrss * 1024,  # kilobytes on Linux
        site_bytes=tree_bytes(site),
        search_bytes=(site / SEARCH_INDEX).stat().st_size,
        largest_page_bytes=largest[0][0],
        largest_page=largest[0][1],
        largest_pages=tuple(largest),
    )


def bench_size(
    work: Path, count: int, runs: int, seed: int, warmup: bool, *, shape: str = "spread"
) -> SizeResult:
    project = make_project(work / f"n{count}" / "ours", count, seed, shape)
    baseline = make_baseline(project, work / f"n{count}" / "baseline")
    kinds = {"ours": project, "baseline": baseline}
    results: dict[str, list[Run]] = {"ours": [], "baseline": []}
    if warmup:
        for folder in kinds.values():
            build(folder, folder / "site", folder / "warmup.log")
    for index in range(runs):
        order = ("ours", "baseline") if index % 2 == 0 else ("baseline", "ours")
        for kind in order:
            folder = kinds[kind]
            run = build(folder, folder / "site", folder / f"build-{index}.log")
            results[kind].append(run)
            print(
                f"  N={count} {kind:8} run {index + 1}: {run.seconds:.2f} s "
                f"(CPU {run.cpu_seconds:.2f} s)",
                flush=True,
            )
    return SizeResult(count, results["ours"], results["baseline"])


def time_load(data_dir: Path, repeats: int = 3) -> float:
    """Median seconds to load and validate every record in-process (imports done)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        load_dataset(data_dir, root=data_dir.parent)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_figures(data_dir: Path) -> tuple[float, int]:
    """Seconds to draw every figure of the site in-process, and how many pages have one.

    Each page's text goes through the same call the hook makes as a page is written.
    """
    settings = SiteSettings(
        site_name="Bench", repository_url="https://example.org/r", site_url="https://example.org/s/"
    )
    content = generate(load_dataset(data_dir, root=data_dir.parent), settings)
    pages = [page for page in content.pages if 'class="figure-slot"' in page.content]
    start = time.perf_counter()
    for page in pages:
        content.figures.insert(page.src_uri, page.content)
    return time.perf_counter() - start, len(pages)


def in_process_lines(
    work: Path, count: int, seed: int, by_count: dict[int, SizeResult], shape: str = "spread"
) -> list[str]:
    """The report's lines on loading and on drawing the figures, with their shares."""
    load_dir = work / f"load{count}" / "data"
    if not load_dir.exists():
        write_synthetic_data(load_dir, count, seed=seed, shape=shape)
    load_seconds = time_load(load_dir)
    load = f"- Load and validate {count} records in-process: {load_seconds:.3f} s"
    figure_seconds, figure_pages = time_figures(load_dir)
    figures = (
        f"- Draw the figures of {figure_pages} pages ({count} records) in-process: "
        f"{figure_seconds:.3f} s"
    )
    if count in by_count:
        base = SizeResult.median(by_count[count].baseline, "seconds")
        load += f" ({100 * load_seconds / base:.1f} % of the baseline build)"
        ours = SizeResult.median(by_count[count].ours, "seconds")
        figures += f" ({100 * figure_seconds / ours:.1f} % of our build)"
    return ["", load, figures]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def _serving(project: Path, port: int) -> Iterator[queue.Queue[tuple[float, str]]]:
    """``mkdocs serve`` on 127.0.0.1; yields a queue of (arrival time, log line)."""
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put((time.perf_counter(), line.rstrip()))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    try:
        yield lines
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        thread.join(timeout=5)
        if process.stdout is not None:
            process.stdout.close()


def _wait_for(lines: queue.Queue[tuple[float, str]], text: str, deadline: float) -> float:
    while True:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(f"mkdocs serve did not log {text!r} in time")
        try:
            arrived, line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        if "ERROR" in line or "Aborted" in line:
            raise RuntimeError(f"mkdocs serve failed: {line}")
        if text in line:
            return arrived


@dataclass(frozen=True)
class Rebuild:
    build_seconds: float
    """From MkDocs' "Building documentation..." to "Reloading browsers"."""
    edit_seconds: float
    """From saving the file to "Reloading browsers" (includes the watcher's delay)."""


def time_serve_rebuild(project: Path, timeout: float = TIMEOUT) -> Rebuild:
    """One rebuild under ``mkdocs serve`` after editing one record."""
    record = sorted((project / "data" / "consultations").glob("*.yml"))[0]
    with _serving(project, _free_port()) as lines:
        deadline = time.perf_counter() + timeout
        _wait_for(lines, "Serving on", deadline)
        time.sleep(1.0)  # let the watcher settle after the first build
        text = record.read_text(encoding="utf-8")
        edited = text.replace("title: ", "title: Edited ", 1)
        saved = time.perf_counter()
        record.write_text(edited, encoding="utf-8")
        deadline = time.perf_counter() + timeout
        started = _wait_for(lines, "Building documentation", deadline)
        finished = _wait_for(lines, "Reloading browsers", deadline)
    record.write_text(text, encoding="utf-8")
    return Rebuild(build_seconds=finished - started, edit_seconds=finished - saved)


def table(results: Sequence[SizeResult]) -> list[str]:
    rows = [
        "| N | ours median s | baseline median s | ours/baseline | peak MB ours/base "
        "| site MB ours/base | search index MB | largest page KB | CPU s ours/base (ratio) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        ours, base = result.ours, result.baseline
        rows.append(
            f"| {result.count} "
            f"| {SizeResult.median(ours, 'seconds'):.2f} "
            f"| {SizeResult.median(base, 'seconds'):.2f} "
            f"| {result.ratio:.3f} "
            f"| {SizeResult.median(ours, 'peak_bytes') / MB:.0f} / "
            f"{SizeResult.median(base, 'peak_bytes') / MB:.0f} "
            f"| {SizeResult.median(ours, 'site_bytes') / MB:.1f} / "
            f"{SizeResult.median(base, 'site_bytes') / MB:.1f} "
            f"| {SizeResult.median(ours, 'search_bytes') / MB:.2f} "
            f"| {SizeResult.median(ours, 'largest_page_bytes') / KB:.0f} "
            f"| {SizeResult.median(ours, 'cpu_seconds'):.2f} / "
            f"{SizeResult.median(base, 'cpu_seconds'):.2f} "
            f"({result.cpu_ratio:.3f}) |"
        )
    rows.append("")
    for result in results:
        pages = ", ".join(
            f"{path} ({page_kind(path)}, {size / KB:.0f} KB)"
            for size, path in result.ours[-1].largest_pages
        )
        rows.append(f"- Largest HTML pages at N={result.count}: {pages}")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each kind per size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--shape",
        choices=SHAPES,
        default="spread",
        help="spread: entries drawn at random; repeated: the same at every record",
    )
    parser.add_argument("--no-warmup", action="store_true", help="skip the untimed first builds")
    parser.add_argument(
        "--serve-n",
        type=int,
        default=1000,
        help="records for the mkdocs serve rebuild (0: skip)",
    )
    parser.add_argument("--load-n", type=int, default=1000, help="records for the load timing")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench.md")
    parser.add_argument("--work", type=Path, help="keep the projects here (default: a temp dir)")
    args = parser.parse_args(argv)

    with contextlib.ExitStack() as stack:
        if args.work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cis-bench-")))
        else:
            work = args.work
            work.mkdir(parents=True, exist_ok=True)
        results = []
        for count in args.sizes:
            print(f"N={count}: generating and building ({args.runs} runs each)", flush=True)
            results.append(
                bench_size(work, count, args.runs, args.seed, not args.no_warmup, shape=args.shape)
            )
        lines = [f"Shape of the synthetic data: {args.shape}", "", *table(results)]
        by_count = {result.count: result for result in results}

        if args.load_n:
            lines += in_process_lines(work, args.load_n, args.seed, by_count, args.shape)
        if 100 in by_count and 1000 in by_count:
            growth = SizeResult.median(by_count[1000].ours, "seconds") / SizeResult.median(
                by_count[100].ours, "seconds"
            )
            lines.append(f"- time(1000)/time(100), ours: {growth:.2f}")
        if args.serve_n:
            serve_project = work / f"n{args.serve_n}" / "ours"
            if not serve_project.exists():
                make_project(serve_project, args.serve_n, args.seed, args.shape)
            print(f"N={args.serve_n}: mkdocs serve, one edit", flush=True)
            rebuild = time_serve_rebuild(serve_project)
            lines.append(
                f"- One rebuild under mkdocs serve after editing one record, N={args.serve_n}: "
                f"{rebuild.build_seconds:.2f} s (from saving the file to the reload: "
                f"{rebuild.edit_seconds:.2f} s)"
            )
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB
    lines.append(
        f"- Runs per kind and size: {args.runs}; benchmark process peak {peak_self:.0f} MB"
    )
    report = "\n".join(lines) + "\n"
    print()
    print(report, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
