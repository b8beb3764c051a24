"""A running dashboard for the browser and load benchmarks: ``chuangye serve`` started on 127.0.0.1 on a temporary
data directory (the bundled sample, imported at the first start), signed-in users made in its accounts database,
and an HTTP sign-in that follows the login form as a browser does.

The server is the real command (``.venv/bin/chuangye serve``), not an in-process app: what is measured is what a
deployment answers, waitress or (``--workers N`` when the CLI has it) worker processes.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

CHUANGYE = Path(sys.executable).with_name("chuangye")
HOST = "127.0.0.1"
PASSWORD = "Bench-2020!load"  # meets the password rules; the accounts live in a throw-away data directory
FIRST_PASSWORD = "Bench-2016!first"
READY_SECONDS = 600.0  # the first start imports the sample
WARM_LINE = "warm-up finished"
CSRF_PATTERN = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def clean_environment(data_dir: Path) -> dict[str, str]:
    """The caller's environment without its CHUANGYE_ settings: the benchmark's data directory, nothing else."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CHUANGYE_")}
    environ["CHUANGYE_DATA_DIR"] = str(data_dir)
    return environ


def serve_supports_workers() -> bool:
    """Whether this checkout's ``chuangye serve`` has ``--workers`` (issue 11 adds it)."""
    result = subprocess.run([str(CHUANGYE), "serve", "--help"], capture_output=True, text=True, timeout=120)
    return "--workers" in result.stdout


def load_average() -> tuple[float, float, float]:
    return tuple(round(x, 2) for x in os.getloadavg())  # type: ignore[return-value]


def make_users(data_dir: Path, names: Sequence[str], role: str = "admin") -> None:
    """Accounts ready to sign in (the first-login password change done), made through the data layer."""
    from chuangye.data.db import Accounts, Database
    from chuangye.data.db.audit import Actor

    database = Database.open(data_dir)
    try:
        accounts = Accounts(database)
        by = Actor("benchmark", "admin")
        for name in names:
            accounts.add_user(name, role, by=by, password=FIRST_PASSWORD)
            accounts.change_password(name, FIRST_PASSWORD, PASSWORD)
    finally:
        database.close()


def sign_in(session: requests.Session, base: str, username: str, lang: str = "zh") -> None:
    """The login form as a browser posts it: its CSRF token, the Origin header, the session cookie kept."""
    form = session.get(f"{base}/login", params={"lang": lang}, timeout=60)
    found = CSRF_PATTERN.search(form.text)
    if form.status_code != 200 or not found:
        raise RuntimeError(f"login form: HTTP {form.status_code}")
    answer = session.post(
        f"{base}/login",
        data={"username": username, "password": PASSWORD, "csrf_token": found.group(1), "next": "/overview"},
        headers={"Origin": base},
        allow_redirects=False,
        timeout=60,
    )
    if answer.status_code not in (302, 303) or "/password" in answer.headers.get("Location", ""):
        raise RuntimeError(f"sign-in of {username}: HTTP {answer.status_code}")


@dataclass
class Server:
    """A ``chuangye serve`` process and where it keeps its data and log."""

    data_dir: Path
    port: int
    workers: int | None
    auth: bool
    process: subprocess.Popen | None = None
    log_path: Path | None = None
    users: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        cmd = [str(CHUANGYE), "serve", "--host", HOST, "--port", str(self.port), "--data-dir", str(self.data_dir)]
        if not self.auth:
            cmd.append("--no-auth")
        if self.workers:
            cmd += ["--workers", str(self.workers)]
        return cmd

    def start(self) -> None:
        self.log_path = self.data_dir.parent / "serve.log"
        log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            self.command(), env=clean_environment(self.data_dir), stdout=log, stderr=subprocess.STDOUT, text=True
        )

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path else ""

    def wait_ready(self, seconds: float = READY_SECONDS) -> None:
        """Until the server answers and every process has finished its warm-up (the aims are for a warm server)."""
        deadline = time.monotonic() + seconds
        warm_ups = self.workers or 1
        probe = "/login" if self.auth else "/_dash-layout"
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"chuangye serve exited {self.process.returncode}:\n{self.log_text()[-2000:]}")
            try:
                answered = requests.get(self.base + probe, timeout=5).status_code == 200
            except requests.RequestException:
                answered = False
            if answered and self.log_text().count(WARM_LINE) >= warm_ups:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"chuangye serve not ready after {seconds:.0f} s:\n{self.log_text()[-2000:]}")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


def prepare_data(data_dir: Path) -> None:
    """The bundled sample imported into ``data_dir`` (what ``serve`` would do at its first start, done before the
    users are made so that the accounts database and the store exist side by side)."""
    environ = clean_environment(data_dir)
    result = subprocess.run(
        [str(CHUANGYE), "import", "--with-sample", "--data-dir", str(data_dir)],
        env=environ,
        capture_output=True,
        text=True,
        timeout=READY_SECONDS,
    )
    if result.returncode != 0:
        raise RuntimeError(f"chuangye import --with-sample: {result.stderr[-2000:]}")


@contextmanager
def running_server(
    *, users: int = 1, auth: bool = True, workers: int | None = None, keep: bool = False
) -> Iterator[Server]:
    """A warm ``chuangye serve`` on a fresh data directory with ``users`` signed-in-able admins ``bench001``…"""
    root = Path(tempfile.mkdtemp(prefix="chuangye-bench-"))
    server = Server(data_dir=root / "data", port=free_port(), workers=workers, auth=auth)
    try:
        prepare_data(server.data_dir)
        if auth:
            server.users = [f"bench{n:03d}" for n in range(1, users + 1)]
            make_users(server.data_dir, server.users)
        server.start()
        server.wait_ready()
        yield server
    finally:
        server.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` 0.95 for p95) of at least one value."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without floats creeping in
    return ordered[int(rank) - 1]
