"""Statuses on the command line after the deadline (issue 8): ``coverage`` says 未达目标 / Goal missed for a
region below its goal in the target year, through the same labels as the screens, and names the base year
its pace is measured from. Expectations come from the engine, not from today's sample figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chuangye.config.loader import load_config
from chuangye.data.store import Store
from chuangye.engine.manager import Analytics

CHUANGYE = Path(sys.executable).with_name("chuangye")
TARGET = load_config().target_year


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHUANGYE_DATA_DIR": str(data_dir)}
    return subprocess.run([str(CHUANGYE), *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("status-cli")
    assert run("versions", data_dir=path).returncode == 0  # first use imports the bundled sample
    return path


@pytest.fixture(scope="module")
def expected(data_dir) -> dict[tuple[str, str], str]:
    an = Analytics(Store(data_dir).active(), load_config())
    rows = an.coverage(basis="certified", level="city", year=TARGET)
    return {(r.region_code, r.unit_type): r.status for r in rows.itertuples()}


def test_json_says_missed_below_the_goal_in_the_target_year(data_dir, expected):
    result = run("coverage", "--year", str(TARGET), "--level", "city", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    below = [r for r in rows if r["coverage"] < r["goal"] - 1e-9]
    assert below, "the sample has cities below a goal in the target year"
    for r in rows:
        assert r["status"] == expected[(r["region_code"], r["unit_type"])]
        assert r["status"] == ("missed" if r in below else "achieved")
        assert r["status_label"] == ("未达目标" if r in below else "已达目标")
        assert r["pace_base_year"] == load_config().base_year  # every city had units in scope then
    assert "需要加速" not in result.stdout


def test_table_in_english_says_goal_missed(data_dir, expected):
    result = run("coverage", "--year", str(TARGET), "--level", "city", "--lang", "en", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for (code, _), status in expected.items():
        if status == "missed":
            assert any(line.split()[0] == code and "Goal missed" in line for line in lines), code
    assert "Acceleration needed" not in result.stdout
