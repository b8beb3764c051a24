"""The ``chuangye`` console script, run as a user runs it (a real subprocess, a real data directory)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from chuangye.sample.bundled import SAMPLE_DIR

REPO = Path(__file__).resolve().parents[2]
SAMPLE = SAMPLE_DIR
CHUANGYE = Path(sys.executable).with_name("chuangye")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHUANGYE_DATA_DIR": str(data_dir)}
    return subprocess.run([str(CHUANGYE), *args], capture_output=True, text=True, env=env, timeout=300)


ACCOUNTS_DATABASE = "chuangye.db"  # accounts and the audit trail (data/db), not the dataset


def tree_digest(root: Path) -> dict[str, str]:
    """Every file of the dataset store with the sha256 of its bytes. The accounts database beside it is left
    out: a refused import is itself recorded in the audit trail (issue 9), while the data stays as it was."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(ACCOUNTS_DATABASE)
    }


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store")
    assert run("versions", data_dir=path).returncode == 0  # first use imports the bundled sample
    return path


def test_coverage_json_lists_13_cities_by_3_types(data_dir):
    result = run("coverage", "--year", "2020", "--level", "city", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 39
    assert {r["region_code"] for r in rows} == {f"32{n:02d}00" for n in range(1, 14)}
    assert {r["unit_type"] for r in rows} == {"street_town", "community_village", "park"}
    statuses = {"achieved", "on_track", "acceleration_needed", "limited_progress", "deterioration", "missed",
                "baseline", "no_data"}  # fmt: skip
    for r in rows:
        assert 0 <= r["coverage"] <= 1
        assert r["gap_points"] == pytest.approx((r["goal"] - r["coverage"]) * 100, abs=1e-4)
        assert r["status"] in statuses and r["status_label"]
    suzhou = next(r for r in rows if r["region_code"] == "320500" and r["unit_type"] == "street_town")
    assert suzhou["region_name"] == "苏州市" and suzhou["status"] == "achieved"


def test_county_level_under_nanjing(data_dir):
    result = run("coverage", "--year", "2020", "--level", "county", "--parent", "320100", "--format", "csv",
                 data_dir=data_dir)  # fmt: skip
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype={"region_code": str, "parent_code": str})
    regions = pd.read_csv(SAMPLE / "regions.csv", dtype=str)
    nanjing = set(regions.loc[regions["parent_code"] == "320100", "region_code"])
    assert set(frame["region_code"]) == nanjing and len(nanjing) == 11
    assert "玄武区" in set(frame["region_name"])
    assert (frame["parent_code"] == "320100").all()


def test_table_output_in_english(data_dir):
    result = run("coverage", "--year", "2019", "--level", "province", "--lang", "en", data_dir=data_dir)
    assert result.returncode == 0
    assert "Streets/towns" in result.stdout and "Coverage" in result.stdout


def test_unit_scorecard(data_dir):
    result = run("unit", "320102002001", "--year", "2019", "--format", "json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["name"] == "梅园新村社区居委会" and card["city"] == "南京市"
    codes = {i["indicator"] for i in card["indicators"]}
    assert {"participation_rate", "success_rate", "survival_rate", "employment_contribution"} <= codes
    failing = [i for i in card["indicators"] if i["core"] and i["pass"] is False]
    assert all(i["shortfall_count"] > 0 and i["shortfall_zh"] for i in failing)
    text = run("unit", "320102002001", "--year", "2019", data_dir=data_dir).stdout
    assert "创业参与率" in text and "认定进程" in text
    assert run("unit", "999999999999", "--year", "2019", data_dir=data_dir).returncode == 2


def _chinese_headers(table: str) -> dict[str, str]:
    from chuangye.data.schema import TABLES

    return {c.name: c.zh for c in TABLES[table].columns}


def test_validate_accepts_gbk_csv_with_chinese_headers(data_dir, tmp_path):
    inputs = pd.read_csv(SAMPLE / "indicator_inputs.csv", dtype=str).head(300)
    path = tmp_path / "指标基础数据.csv"
    inputs.rename(columns=_chinese_headers("indicator_inputs")).to_csv(path, index=False, encoding="gbk")
    assert "劳动年龄人口".encode("gbk") in path.read_bytes()
    before = tree_digest(data_dir)
    result = run("validate", str(path), data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "错误" not in result.stdout
    assert tree_digest(data_dir) == before


def test_validate_reports_every_fault_with_row_and_column(data_dir, tmp_path):
    inputs = pd.read_csv(SAMPLE / "indicator_inputs.csv", dtype=str).head(20)
    inputs.loc[2, "trainees"] = "abc"  # not a number: file row 4
    inputs.loc[5, "unit_code"] = "320102999999"  # unknown unit: row 7
    inputs.loc[8, "new_jobs_total"] = "-5"  # negative count: row 10
    inputs.loc[11, "year"] = "1890"  # out of range: row 13
    inputs = pd.concat([inputs, inputs.iloc[[0]]])  # duplicate key: row 22
    path = tmp_path / "indicator_inputs.csv"
    inputs.to_csv(path, index=False, encoding="utf-8-sig")
    result = run("validate", str(path), data_dir=data_dir)
    assert result.returncode == 1
    out = result.stdout
    for row, column in [(4, "trainees"), (7, "unit_code"), (10, "new_jobs_total"), (13, "year"), (22, None)]:
        assert f"第 {row} 行" in out and f"row {row}" in out, (row, out)
        if column:
            assert f"column {column}" in out
    assert "indicator_inputs.csv" in out and "Error" in out and "错误" in out


def test_import_versions_rollback_and_rejected_import(tmp_path):
    data_dir = tmp_path / "data"
    assert run("versions", data_dir=data_dir).returncode == 0
    quotas = pd.read_csv(SAMPLE / "quotas.csv", dtype=str)
    quotas.loc[0, "target_count"] = str(int(quotas.loc[0, "target_count"]) + 1)
    good = tmp_path / "quotas.csv"
    quotas.to_csv(good, index=False)
    imported = run("import", str(good), data_dir=data_dir)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    listing = run("versions", data_dir=data_dir).stdout.strip().splitlines()
    assert len(listing) == 2 and listing[-1].startswith("*")

    before = tree_digest(data_dir)
    quotas.loc[1, "city_code"] = "329900"
    bad = tmp_path / "bad" / "quotas.csv"
    bad.parent.mkdir()
    quotas.to_csv(bad, index=False)
    rejected = run("import", str(bad), data_dir=data_dir)
    assert rejected.returncode == 1 and "329900" in rejected.stdout and "unchanged" in rejected.stdout
    assert tree_digest(data_dir) == before

    rolled = run("rollback", data_dir=data_dir)
    assert rolled.returncode == 0
    listing = run("versions", data_dir=data_dir).stdout.strip().splitlines()
    assert listing[0].startswith("*")


def test_sample_regenerates_bundled_files_identically(tmp_path):
    out = tmp_path / "jiangsu"
    result = run("sample", "--out", str(out), data_dir=tmp_path / "unused")
    assert result.returncode == 0, result.stderr
    for name in ("regions", "units", "indicator_inputs", "certifications", "quotas"):
        assert (out / f"{name}.csv").read_bytes() == (SAMPLE / f"{name}.csv").read_bytes(), name
    shutil.rmtree(out)


def test_import_township_boundaries_from_a_geopackage(tmp_path):
    import geopandas as gpd

    from chuangye.data.store import Store
    from chuangye.geo.boundaries import load_boundaries, place_points, synthetic_cells

    data_dir = tmp_path / "data"
    units = pd.read_csv(SAMPLE / "units.csv", dtype=str)
    towns = units[(units["county_code"] == "320102") & (units["unit_code"].str.len() == 9)]
    county = load_boundaries("county").set_index("code").loc["320102", "geometry"]
    codes = towns["unit_code"].tolist()
    cells = synthetic_cells(county, codes, place_points(county, codes))
    shapes = gpd.GeoDataFrame({"XZDM": cells["code"].astype("int64"), "MC": "x"}, geometry=cells.geometry, crs=4326)
    shapes = pd.concat([shapes, shapes.iloc[[0]].assign(XZDM=999999999)]).to_crs(4547)  # one unknown code
    path = tmp_path / "玄武区乡镇.gpkg"
    shapes.to_file(path)

    # boundaries go onto data: an import no longer fills an empty directory from the sample by itself (issue 12)
    assert run("versions", data_dir=data_dir).returncode == 0  # first use imports the bundled sample
    result = run("import", "--boundaries", str(path), "--code-column", "XZDM", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "999999999" in result.stdout  # the unmatched code is reported
    stored = Store(data_dir).active().boundaries["township"]
    assert sorted(stored["code"]) == sorted(codes)
    assert stored.crs.to_epsg() == 4326


# --------------------------------------------------------------------- a store that recovers (issue 12)

DASHBOARD_PROBE = """
import sys
from chuangye.web.app import create_app
app = create_app(data_dir=sys.argv[1], auth=False, warm=False)
client = app.server.test_client()
page = client.get("/")
layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?lang=en"})
print(page.status_code, layout.status_code, "Jiangsu" in layout.get_data(as_text=True))
"""


def _store_copy(data_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return copy


def test_reading_commands_and_the_dashboard_work_on_a_read_only_data_directory(data_dir, tmp_path):
    from tests.read_only import read_only_command

    store = _store_copy(data_dir, tmp_path)
    before = tree_digest(store)
    env = {**os.environ, "CHUANGYE_DATA_DIR": str(store)}
    with read_only_command(store) as (how, wrap):

        def run_read_only(*argv: str) -> subprocess.CompletedProcess:
            return subprocess.run(wrap([*argv]), capture_output=True, text=True, env=env, timeout=300)

        for argv in (
            ["coverage", "--year", "2020", "--level", "city", "--format", "json"],
            ["unit", "320102002", "--year", "2020"],
            ["versions"],
            ["check"],
            ["validate", str(SAMPLE / "quotas.csv")],
        ):
            result = run_read_only(str(CHUANGYE), *argv)
            assert result.returncode == 0, f"{how}: {argv}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
            assert "Traceback" not in result.stderr
        dashboard = run_read_only(sys.executable, "-c", DASHBOARD_PROBE, str(store))
        assert dashboard.stdout.split() == ["200", "200", "True"], f"{how}: {dashboard.stderr[-3000:]}"
        refused = run_read_only(str(CHUANGYE), "import", str(SAMPLE / "quotas.csv"))
        assert refused.returncode == 6, refused.stdout + refused.stderr
        assert "不可写" in refused.stderr and "is not writable" in refused.stderr and "Traceback" not in refused.stderr
    assert tree_digest(store) == before


FULL_DISK_PROBE = """
import hashlib, json, os, subprocess, sys
from pathlib import Path

def digest(root):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(root).rglob("*")) if p.is_file()}

store, chuangye, inputs = sys.argv[1:4]
before = digest(store)
env = {**os.environ, "CHUANGYE_DATA_DIR": store}
result = subprocess.run([chuangye, "import", inputs], capture_output=True, text=True, env=env, timeout=300)
print(json.dumps({"exit": result.returncode, "out": result.stdout + result.stderr, "same": digest(store) == before}))
"""
MOUNT_TMPFS = 'mount -t tmpfs -o size="$1" tmpfs "$0" && cp -a "$2"/. "$0"/ && shift 2 && exec "$@"'


def test_a_full_disk_says_how_much_space_an_import_needs_and_changes_nothing(data_dir, tmp_path):
    """On a real small tmpfs (a private mount namespace, root only): the store fits, a new version does not."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a small tmpfs needs root and unshare -m (the unit tests inject ENOSPC instead)")
    used = sum(p.stat().st_size + 4096 for p in data_dir.rglob("*") if p.is_file())
    mountpoint = tmp_path / "small-disk"
    mountpoint.mkdir()
    size = f"{(used + 512 * 1024) // 1024}k"  # the store and half a megabyte: far less than a new version
    argv = ["unshare", "-m", "sh", "-c", MOUNT_TMPFS, str(mountpoint), size, str(data_dir)]
    argv += [sys.executable, "-c", FULL_DISK_PROBE, str(mountpoint), str(CHUANGYE), str(SAMPLE)]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 and "mount" in result.stderr:
        pytest.skip(f"no tmpfs in a private mount namespace here: {result.stderr.strip()[-200:]}")
    outcome = json.loads(result.stdout)
    assert outcome["exit"] == 6, outcome["out"]
    assert outcome["same"], "the refused import changed the store"
    out = outcome["out"]
    assert "磁盘空间不足" in out and "Not enough disk space" in out and str(mountpoint) in out
    assert "Traceback" not in out
    assert "MB" in out and "KB" in out  # the space needed (a version: megabytes) and the little that is free


def test_check_an_intact_store_and_an_empty_directory(data_dir, tmp_path):
    intact = run("check", data_dir=data_dir)
    assert intact.returncode == 0 and "数据存储完好" in intact.stdout and "The store is intact" in intact.stdout
    empty = run("check", data_dir=tmp_path / "nothing-here")
    assert empty.returncode == 0 and "还没有导入数据" in empty.stdout and "No data imported" in empty.stdout
    assert not (tmp_path / "nothing-here").exists()


def test_versions_pin_and_unpin(data_dir, tmp_path):
    store = _store_copy(data_dir, tmp_path)
    version = (store / "ACTIVE").read_text().strip()
    pinned = run("versions", "--pin", version, data_dir=store)
    assert pinned.returncode == 0 and f"已固定版本 {version}" in pinned.stdout and "Pinned version" in pinned.stdout
    listing = run("versions", data_dir=store)
    assert listing.stdout.splitlines() == [line for line in listing.stdout.splitlines() if version in line]
    assert "[固定 / pinned]" in listing.stdout and "keeps the newest 10 versions" in listing.stderr
    assert run("versions", "--unpin", version, data_dir=store).returncode == 0
    assert "[固定 / pinned]" not in run("versions", data_dir=store).stdout
    again = run("versions", "--unpin", version, data_dir=store)
    assert again.returncode == 0 and "was not pinned" in again.stdout
    unknown = run("versions", "--pin", "20000101T000000-0000", data_dir=store)
    assert unknown.returncode != 0
    records = json.loads(run("audit", "--format", "json", data_dir=store).stdout)
    pins = [(r["action"], r["object"], r["outcome"]) for r in records if r["action"].startswith("version_")]
    assert pins == [  # newest first; the unpin that changed nothing is not recorded
        ("version_pin", "20000101T000000-0000", "failed"),
        ("version_unpin", version, "ok"),
        ("version_pin", version, "ok"),
    ]
    assert all(r["username"].startswith("cli:") for r in records if r["action"].startswith("version_"))


def test_validate_with_no_data_directory_says_what_the_import_would_and_creates_none(tmp_path):
    alone = run("validate", str(SAMPLE / "quotas.csv"), data_dir=tmp_path / "not-yet")
    assert alone.returncode == 1, alone.stdout + alone.stderr
    assert "导入须提供全部五张表" in alone.stdout and "needs all five tables" in alone.stdout
    filled = run("validate", "--with-sample", str(SAMPLE / "quotas.csv"), data_dir=tmp_path / "not-yet")
    assert filled.returncode == 0, filled.stdout + filled.stderr
    whole = run("validate", str(SAMPLE), data_dir=tmp_path / "not-yet")
    assert whole.returncode == 0 and "发现 0 个错误" in whole.stdout, whole.stdout
    assert not (tmp_path / "not-yet").exists()
