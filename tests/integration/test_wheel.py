"""The wheel as a user installs it: built with ``pip wheel .``, installed into a fresh virtualenv outside the
checkout (no system site-packages, no registry), then ``chuangye coverage`` and a ``serve`` smoke request run
from an empty directory.

The dependencies come from a wheelhouse resolved once against ``constraints.txt`` (the versions of the .venv)
and kept under ``artifacts/wheelhouse/<key>/`` (git-ignored), keyed by the constraints, the declared
dependencies, the Python version, the platform and pip's version; ``test_offline_bundle.py`` reuses it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

REPO = Path(__file__).resolve().parents[2]
CONSTRAINTS = REPO / "constraints.txt"
WHEELHOUSE_CACHE = REPO / "artifacts" / "wheelhouse"
WHEELHOUSE_MARKER = ".chuangye-wheelhouse"
APP_TITLE = "创业型单位建设进度看板"

pytestmark = [pytest.mark.slow, pytest.mark.integration]


# ------------------------------------------------------------------------------------------------ helpers
# (also used by test_offline_bundle.py)


def project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def offline_env(**extra: str) -> dict[str, str]:
    """The environment of a machine with no pip configuration: no index, find-links or constraints of this
    machine's pip.conf or PIP_* variables can supply a wheel the test did not provide, and nothing from the
    checkout is importable."""
    drop = ("PIP_", "PYTHON", "VIRTUAL_ENV", "CHUANGYE_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return {**env, **extra}


def run(cmd: list[str | Path], *, timeout: float, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout, **kwargs)
    assert result.returncode == 0, f"{cmd} exited {result.returncode}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def source_files() -> list[str]:
    """What a fresh clone plus the uncommitted work holds: tracked and new files, not ignored ones."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return sorted(f for f in out.split("\0") if f and (REPO / f).is_file())


def clean_source_copy(dest: Path) -> Path:
    """The sources copied without build/, *.egg-info and the like, so that setuptools cannot reuse a stale
    build directory (a file deleted since the last build would end up in the wheel)."""
    for name in source_files():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, dest / name)
    return dest


def build_wheel(out_dir: Path, src_dir: Path) -> Path:
    """``pip wheel . --no-deps`` in a clean copy of the checkout (setuptools comes from the registry)."""
    clean_source_copy(src_dir)
    run([sys.executable, "-m", "pip", "wheel", "-q", ".", "--no-deps", "-w", out_dir], cwd=src_dir, timeout=600)
    wheels = list(out_dir.glob(f"chuangye_dashboard-{project()['version']}-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def wheelhouse() -> Path:
    """Every dependency wheel (and pip), resolved by pip against constraints.txt for this Python and platform,
    built once and kept under artifacts/wheelhouse/<key>/ until the constraints or dependencies change."""
    pip_version = importlib.metadata.version("pip")
    key_text = "\n".join(
        [
            CONSTRAINTS.read_text(encoding="utf-8"),
            *project()["dependencies"],
            f"python {sys.version_info[0]}.{sys.version_info[1]} {sysconfig.get_platform()} pip {pip_version}",
        ]
    )
    key = hashlib.sha256(key_text.encode()).hexdigest()[:16]
    target = WHEELHOUSE_CACHE / key
    WHEELHOUSE_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(WHEELHOUSE_CACHE / ".lock"):  # two test runs on one machine build it once
        if (target / WHEELHOUSE_MARKER).exists():
            return target
        partial = WHEELHOUSE_CACHE / f".partial-{key}"
        shutil.rmtree(partial, ignore_errors=True)
        run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "-c",
                CONSTRAINTS,
                "-w",
                partial,
                *project()["dependencies"],
                f"pip=={pip_version}",
            ],
            timeout=1200,
        )
        (partial / WHEELHOUSE_MARKER).write_text(key_text, encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        for old in WHEELHOUSE_CACHE.iterdir():  # one wheelhouse (≈180 MB) at a time
            if old != target and (old / WHEELHOUSE_MARKER).exists():
                shutil.rmtree(old, ignore_errors=True)
    return target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float = 10) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


@contextlib.contextmanager
def serving(chuangye: Path, data_dir: Path, cwd: Path, log: Path, env: dict[str, str]) -> Iterator[str]:
    """``chuangye serve`` on a free port; yields its base URL once /overview answers, stops it afterwards."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(chuangye),
                "serve",
                "--no-auth",
                "--data-dir",
                str(data_dir),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            assert proc.poll() is None, f"chuangye serve exited {proc.returncode}:\n{log.read_text()[-4000:]}"
            try:
                if http_get(f"{base}/overview", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"no answer on {base}/overview:\n{log.read_text()[-4000:]}"
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=30)


def coverage_rows(chuangye: Path, data_dir: Path, cwd: Path, env: dict[str, str], prefix: tuple = ()) -> list:
    result = run(
        [
            *prefix,
            chuangye,
            "coverage",
            "--data-dir",
            data_dir,
            "--year",
            "2020",
            "--level",
            "city",
            "--format",
            "json",
        ],
        cwd=cwd,
        env=env,
        timeout=600,
    )
    return json.loads(result.stdout)


# -------------------------------------------------------------------------------------------------- tests


def test_wheel_installs_outside_the_checkout_and_serves(tmp_path: Path) -> None:
    for name in ("dist", "src", "empty", "data"):
        (tmp_path / name).mkdir()
    assert not tmp_path.resolve().is_relative_to(REPO)

    wheel = build_wheel(tmp_path / "dist", tmp_path / "src")
    with zipfile.ZipFile(wheel) as zf:
        in_wheel = set(zf.namelist())
        metadata = zf.read(f"chuangye_dashboard-{project()['version']}.dist-info/METADATA").decode()
    package_files = {f for f in source_files() if f.startswith("chuangye/")}
    assert package_files - in_wheel == set(), "files under chuangye/ missing from the wheel (package-data)"
    assert {n.split("/")[0] for n in in_wheel} == {"chuangye", f"chuangye_dashboard-{project()['version']}.dist-info"}
    assert f"chuangye_dashboard-{project()['version']}.dist-info/licenses/LICENSE" in in_wheel
    assert "License-Expression: MIT" in metadata

    venv = tmp_path / "venv"
    env = offline_env()
    run([sys.executable, "-m", "venv", venv], env=env, timeout=300)
    assert "include-system-site-packages = false" in (venv / "pyvenv.cfg").read_text()
    run(
        [
            venv / "bin" / "python",
            "-m",
            "pip",
            "install",
            "-q",
            "--no-index",
            "--find-links",
            wheelhouse(),
            "-c",
            CONSTRAINTS,
            wheel,
        ],
        env=env,
        timeout=900,
    )

    empty, data = tmp_path / "empty", tmp_path / "data"
    where = run(
        [venv / "bin" / "python", "-c", "import chuangye; print(chuangye.__file__)"], cwd=empty, env=env, timeout=120
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where
    assert not Path(where).resolve().is_relative_to(REPO), where

    chuangye = venv / "bin" / "chuangye"
    rows = coverage_rows(chuangye, data, empty, env)
    assert len(rows) == 39
    assert {r["region_code"] for r in rows} == {f"32{n:02d}00" for n in range(1, 14)}
    assert list(empty.iterdir()) == [], "chuangye wrote into the current directory although --data-dir was given"

    with serving(chuangye, data, empty, tmp_path / "serve.log", env) as base:
        status, _, body = http_get(f"{base}/overview")
        html = body.decode()
        assert status == 200 and f"<title>{APP_TITLE}</title>" in html
        css = re.findall(r'href="(/assets/[^"?]+\.css)(?:\?[^"]*)?"', html)
        assert css, html[:2000]
        status, content_type, body = http_get(base + css[0])
        assert status == 200 and content_type.startswith("text/css") and body, (css[0], status, content_type)
