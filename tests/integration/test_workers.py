"""``chuangye serve --workers 2``: two gunicorn worker processes serve one store on 127.0.0.1.

Requests land on both workers (the access log names the pid that answered each); a ``chuangye import`` through
the CLI mid-way reaches every worker within a few seconds, and no response ever names one version's regions
under the other version's key (the check of ``test_version_flip.py``, here across processes). A worker killed
with SIGKILL is replaced and the site keeps answering; SIGTERM stops everything gracefully with exit code 0."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from chuangye.sample.bundled import SAMPLE_DIR
from chuangye.web.app import create_app
from tests.dash_requests import UPDATE, payload, server_callbacks
from tests.postgres import free_port

CHUANGYE = Path(sys.executable).with_name("chuangye")
RENAMED = ("320102", "玄武区", "玄武新区")  # region code, its name before and after the import
SEARCH = "?region=320100&year=2020&type=street_town&basis=certified&lang=zh"
ACCESS = re.compile(r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) .* worker <(?P<pid>\d+)>')
BOOTED = re.compile(r"Booting worker with pid: (\d+)")
SETTLE_SECONDS = 5  # "within a few seconds": every answer after this shows the new version


class Server:
    """``chuangye serve --workers 2 --no-auth`` with its output collected line by line."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environ = {k: v for k, v in os.environ.items() if not k.startswith("CHUANGYE_")}
        environ["CHUANGYE_DATA_DIR"] = str(data_dir)
        self.proc = subprocess.Popen(
            [str(CHUANGYE), "serve", "--workers", "2", "--no-auth", "--port", str(self.port)],
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def text(self) -> str:
        return "\n".join(self.lines)

    def wait_until_up(self, seconds: float = 300) -> None:
        deadline = time.monotonic() + seconds
        while True:
            assert self.proc.poll() is None, f"serve exited {self.proc.returncode}:\n{self.text()}"
            try:
                with urllib.request.urlopen(f"{self.base}/_version", timeout=5):
                    return
            except OSError:
                assert time.monotonic() < deadline, f"no answer:\n{self.text()}"
                time.sleep(0.3)

    def answered_by(self, since: int = 0, method: str = "POST") -> set[str]:
        """The pids of the workers that answered ``method`` requests logged from line ``since`` on."""
        return {m["pid"] for line in self.lines[since:] if (m := ACCESS.search(line)) and m["method"] == method}

    def booted(self) -> list[str]:
        return [m.group(1) for line in self.lines if (m := BOOTED.search(line))]


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return json.loads(response.read())


def _version(base: str) -> str:
    with urllib.request.urlopen(f"{base}/_version", timeout=30) as response:
        return json.loads(response.read())["version"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("workers") / "data"
    app = create_app(data_dir, warm=False, auth=False)  # the sample imported; the callback ids to call
    ids = {name.split(":")[0]: key for key, name in server_callbacks(app).items()}
    body = payload(app, ids["update_table"], {"url.search": SEARCH, "url.pathname": "/map"}, ["url.search"])
    code, old, new = RENAMED
    renamed = tmp_path_factory.mktemp("workers-input") / "regions.csv"
    text = (SAMPLE_DIR / "regions.csv").read_text(encoding="utf-8")
    assert f"{code},{old}," in text
    renamed.write_text(text.replace(f"{code},{old},", f"{code},{new},", 1), encoding="utf-8")
    server = Server(data_dir)
    try:
        server.wait_until_up()
        yield server, data_dir, body, renamed
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
            server.proc.wait(timeout=30)


def _drawn_version(response: dict) -> str:
    return response["response"]["dd-table-drawn"]["data"]["key"].split("|")[0]


def test_an_import_through_the_cli_reaches_both_workers_and_no_response_mixes_versions(site):
    server, data_dir, body, renamed = site
    _, old_name, new_name = RENAMED
    first = _version(server.base)
    seen: list[tuple[float, str, bool]] = []  # (when, version drawn, names of the other version)
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            response = _post(f"{server.base}{UPDATE}", body)
            text = json.dumps(response, ensure_ascii=False)
            drawn = _drawn_version(response)
            shown, other = (old_name, new_name) if drawn == first else (new_name, old_name)
            seen.append((time.monotonic(), drawn, shown not in text or other in text))

    with ThreadPoolExecutor(4) as pool:
        askers = [pool.submit(ask) for _ in range(4)]
        while len(seen) < 40:
            time.sleep(0.1)
        environ = {k: v for k, v in os.environ.items() if not k.startswith("CHUANGYE_")}
        imported = subprocess.run(
            [str(CHUANGYE), "import", "--data-dir", str(data_dir), str(renamed)],
            capture_output=True,
            text=True,
            env=environ,
            timeout=300,
        )
        assert imported.returncode == 0, imported.stderr
        done, after_import = time.monotonic(), len(server.lines)
        time.sleep(SETTLE_SECONDS + 3)
        stop.set()
        for asker in askers:
            asker.result()
    second = _version(server.base)
    assert second != first
    assert len(server.answered_by()) == 2, f"one worker took every request:\n{server.text()[-3000:]}"
    assert len(server.answered_by(after_import)) == 2, "both workers answered after the import"
    assert not [s for s in seen if s[2]], "a response named one version's regions under the other's key"
    late = [version for when, version, _ in seen if when > done + SETTLE_SECONDS]
    assert late and set(late) == {second}, f"still the old version {SETTLE_SECONDS} s after the import"
    assert {version for _, version, _ in seen} == {first, second}


def test_a_killed_worker_is_replaced_and_the_site_keeps_answering(site):
    server, *_ = site
    workers = set(server.booted())
    assert len(workers) == 2
    victim = sorted(workers)[0]
    os.kill(int(victim), signal.SIGKILL)
    deadline = time.monotonic() + 60
    while len(set(server.booted()) - workers) < 1:
        assert time.monotonic() < deadline, f"no new worker:\n{server.text()[-3000:]}"
        time.sleep(0.2)
    since = len(server.lines)
    deadline = time.monotonic() + 60
    replacement = (set(server.booted()) - workers).pop()
    while replacement not in server.answered_by(since, method="GET"):
        assert time.monotonic() < deadline, "the new worker answered nothing"
        _version(server.base)
    assert victim not in server.answered_by(since, method="GET")


def test_sigterm_stops_master_and_workers_gracefully(site):
    server, *_ = site
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=60) == 0
    server._reader.join(timeout=10)
    text = server.text()
    assert "Handling signal: term" in text and "Shutting down: Master" in text
    assert "Traceback" not in text
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{server.base}/_version", timeout=5)
