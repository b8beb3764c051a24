"""``scripts/bundle-offline.sh`` makes a bundle that installs and runs with no network at all: ``install.sh``
and ``chuangye coverage`` run inside a network namespace of their own (``unshare -n``: only a loopback that is
down), with no pip configuration, so neither the registry nor this machine's local wheel folders can help.

The bundle's dependency wheels come from the wheelhouse cache of ``test_wheel.py`` (``CHUANGYE_WHEELHOUSE_CACHE``;
pip still resolves them against constraints.txt); the script falls back to the registry for anything missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.integration.test_wheel import CONSTRAINTS, REPO, coverage_rows, offline_env, project, run, wheelhouse

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def _unshare_refusal() -> str | None:
    """Why ``unshare -n`` cannot be used here, or None when it can."""
    try:
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        return "unshare (util-linux) is not installed"
    if probe.returncode != 0:
        return f"unshare -n is not permitted here (needs root or user namespaces): {probe.stderr.strip()}"
    return None


def test_offline_bundle_installs_and_runs_with_no_network(tmp_path: Path) -> None:
    if (reason := _unshare_refusal()) is not None:
        pytest.skip(reason)
    version = project()["version"]
    name = f"chuangye-offline-{version}"

    out = tmp_path / "out"
    run(
        ["bash", REPO / "scripts" / "bundle-offline.sh", out],
        env={**os.environ, "PYTHON": sys.executable, "CHUANGYE_WHEELHOUSE_CACHE": str(wheelhouse())},
        timeout=1200,
    )
    archive = out / f"{name}.tar.gz"
    assert archive.is_file()

    target = tmp_path / "target"  # "another machine": only what the archive holds
    target.mkdir()
    with tarfile.open(archive) as tf:
        tf.extractall(target, filter="data")
    bundle = target / name
    wheelhouse_dir = bundle / "wheelhouse"
    assert (bundle / f"chuangye_dashboard-{version}-py3-none-any.whl").is_file()
    assert (bundle / "constraints.txt").read_text(encoding="utf-8") == CONSTRAINTS.read_text(encoding="utf-8")
    assert {"install.sh", "README.txt", "LICENSE"} <= {p.name for p in bundle.iterdir()}
    wheels = [p.name for p in wheelhouse_dir.iterdir()]
    assert wheels and all(w.endswith(".whl") for w in wheels)
    assert not any(w.startswith("chuangye_dashboard-") for w in wheels)
    readme = (bundle / "README.txt").read_text(encoding="utf-8")
    assert "serve --host 0.0.0.0 --port 8050" in readme and "Ctrl+C" in readme and "fonts-noto-cjk" in readme

    # The target's python3: the base interpreter of this test's virtualenv, not the virtualenv itself.
    python = getattr(sys, "_base_executable", sys.executable)
    env = offline_env(PYTHON=python)
    venv = target / "venv"
    installed = run(["unshare", "-n", "bash", "install.sh", venv], cwd=bundle, env=env, timeout=900)
    assert "chuangye serve --host 0.0.0.0 --port 8050" in installed.stdout
    assert (venv / "bin" / "chuangye").is_file()

    empty, data = target / "empty", target / "data"
    empty.mkdir()
    rows = coverage_rows(venv / "bin" / "chuangye", data, empty, env, prefix=("unshare", "-n"))
    assert len(rows) == 39
    # accounts and the audit trail: SQLAlchemy, argon2-cffi and psycopg come from the bundle too
    add_admin = ["users", "add", "admin", "--role", "admin", "--password", "Kaifa-2016!x", "--data-dir", data]
    added = run(["unshare", "-n", venv / "bin" / "chuangye", *add_admin], cwd=empty, env=env, timeout=120)
    assert "admin" in added.stdout and (data / "chuangye.db").is_file()
    postgres_driver = "import psycopg, sqlalchemy.dialects.postgresql.psycopg"
    run(["unshare", "-n", venv / "bin" / "python", "-c", postgres_driver], cwd=empty, env=env, timeout=120)
    where = run(
        ["unshare", "-n", venv / "bin" / "python", "-c", "import chuangye; print(chuangye.__file__)"],
        cwd=empty,
        env=env,
        timeout=120,
    ).stdout.strip()
    assert Path(where).resolve().is_relative_to(venv.resolve()), where
