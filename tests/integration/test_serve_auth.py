"""``chuangye serve`` and accounts: it refuses to start without an enabled admin (saying how to make one),
``--no-auth`` binds 127.0.0.1 only and says so, and there is no debug mode to switch on."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.postgres import free_port

CHUANGYE = Path(sys.executable).with_name("chuangye")
EXIT_USAGE, EXIT_SERVER = 2, 4
ADMIN_PASSWORD = "Kaifa-2016!x"


def run(*args: str, data_dir: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CHUANGYE_")}
    environ["CHUANGYE_DATA_DIR"] = str(data_dir)
    return subprocess.run([str(CHUANGYE), *args], capture_output=True, text=True, env=environ, timeout=timeout)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


def test_serve_refuses_to_start_without_an_admin_and_says_how(data_dir):
    result = run("serve", "--port", str(free_port()), data_dir=data_dir)
    assert result.returncode == EXIT_SERVER and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "没有启用的管理员账户" in line and "no enabled admin account" in line
    assert "chuangye users add" in line and "--role admin" in line and "--no-auth" in line


def test_no_auth_refuses_any_other_host(data_dir):
    result = run("serve", "--no-auth", "--host", "0.0.0.0", "--port", str(free_port()), data_dir=data_dir)
    assert result.returncode == EXIT_USAGE
    assert "只能在本机 127.0.0.1" in result.stderr and "runs on 127.0.0.1 only" in result.stderr


def test_there_is_no_debug_mode(data_dir):
    result = run("serve", "--debug", data_dir=data_dir)
    assert result.returncode == EXIT_USAGE and "--debug" in result.stderr


def _wait_for(url: str, proc: subprocess.Popen, seconds: float = 300) -> int:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, f"serve exited {proc.returncode}"
        try:
            with urllib.request.urlopen(urllib.request.Request(url), timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            assert time.monotonic() < deadline, f"no answer on {url}"
            time.sleep(0.3)


def _serve(data_dir: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CHUANGYE_")}
    environ["CHUANGYE_DATA_DIR"] = str(data_dir)
    proc = subprocess.Popen(
        [str(CHUANGYE), "serve", "--port", str(port), *extra],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return proc, f"http://127.0.0.1:{port}"


def test_with_an_admin_serve_starts_and_keeps_the_anonymous_out(data_dir):
    added = run("users", "add", "admin1", "--role", "admin", "--password", ADMIN_PASSWORD, data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    proc, base = _serve(data_dir)
    try:
        assert _wait_for(f"{base}/_dash-layout", proc) == 401
        assert _wait_for(f"{base}/login", proc) == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_no_auth_serves_the_local_user_and_says_so(data_dir):
    proc, base = _serve(data_dir, "--no-auth")
    try:
        assert _wait_for(f"{base}/_dash-layout", proc) == 200
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "未启用登录" in out and "Sign-in is off (--no-auth)" in out and "127.0.0.1" in out
