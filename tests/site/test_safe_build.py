"""Bad data can never be published: a failed build keeps the site, serve keeps going."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from ..support.project import copy_project, run_mkdocs

pytestmark = pytest.mark.build

RECORD = Path("data/consultations/2022-12-06.yml")


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_a_failed_build_leaves_the_last_good_site_byte_for_byte(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert run_mkdocs(project, site).returncode == 0
    before = snapshot(site)
    assert "consultations/2022-12-06/index.html" in before
    record = project / RECORD
    record.write_text(record.read_text().replace("status: held", "status: hled"))
    result = run_mkdocs(project, site)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert (
        "data/consultations/2022-12-06.yml:4:9: status: expected one of held, announced, "
        "postponed, cancelled; found 'hled' (did you mean 'held'?)" in output
    ), output
    assert "1 problem in the data; nothing was built and site/ was left as it was." in output
    assert "Traceback" not in output
    assert snapshot(site) == before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        site_url = yaml.safe_load((project / "mkdocs.yml").read_text())["site_url"]
        self.base = f"http://127.0.0.1:{self.port}{urlparse(site_url).path}"
        self.log = (project / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def page(self, path: str) -> str:
        assert self.process.poll() is None, "mkdocs serve died"
        return _get(self.base + path)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Path], Server]]:
    servers: list[Server] = []

    def start(project: Path) -> Server:
        servers.append(Server(project))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_serve_survives_a_bad_save_shows_the_error_and_recovers(
    tmp_path: Path, serve: Callable[[Path], Server]
) -> None:
    project = copy_project(tmp_path / "project")
    server = serve(project)
    page = "consultations/2022-12-06/"
    _wait_for(lambda: "Natalya Zorya" in server.page(page), "the first build")
    assert "data-problems" not in server.page(page)

    record = project / RECORD
    good = record.read_text()
    time.sleep(1.1)  # a later modification time than the first build's
    record.write_text(good.replace("status: held", "\tstatus: held"))
    _wait_for(lambda: "data-problems" in server.page(page), "the error banner")
    shown = server.page(page)
    assert re.search(r"data/consultations/2022-12-06\.yml:\d+:\d+: .*YAML syntax error", shown)
    assert "The data has 1 problem; these pages show the last good version." in shown
    assert "Natalya Zorya" in shown  # the last good page is still served
    assert server.page("states/armenia/")  # and the rest of the site answers

    record.write_text(
        good.replace("status: held", "status: hled").replace("number: 2", "number: second")
    )
    _wait_for(lambda: "hled" in server.page(page), "the next errors")
    assert "The data has 2 problems; these pages show the last good version." in server.page(page)

    record.write_text(good)
    _wait_for(lambda: "data-problems" not in server.page(page), "recovery")
    assert "Natalya Zorya" in server.page(page)


def test_serve_starting_on_bad_data_lists_the_problems(
    tmp_path: Path, serve: Callable[[Path], Server]
) -> None:
    project = copy_project(tmp_path / "project")
    record = project / RECORD
    good = record.read_text()
    record.write_text(good.replace("topics: [threats]", "topics: [threat]"))
    server = serve(project)
    _wait_for(lambda: "The data has problems" in server.page(""), "the problems page")
    assert "unknown topic &#39;threat&#39; (did you mean &#39;threats&#39;?)" in server.page("")
    time.sleep(1.1)
    record.write_text(good)
    page = "consultations/2022-12-06/"
    _wait_for(lambda: "Natalya Zorya" in server.page(page), "recovery")
    assert "data-problems" not in server.page(page)
