"""The versioned store: atomic imports, carry-over, rollback, rejected and interrupted imports change nothing."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from chuangye.data import store as store_module
from chuangye.data.store import CorruptVersion, ImportRejected, NoActiveVersion, Store, StoreError, StoreFull
from tests.synthetic import small_tables, write_csv_dir

REPO = Path(__file__).resolve().parents[4]


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and directory under ``root`` with the sha256 of its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    return write_csv_dir(tmp_path / "sample", small_tables())


@pytest.fixture
def store(tmp_path: Path, sample_dir: Path) -> Store:
    s = Store(tmp_path / "data")
    s.import_paths([sample_dir])
    return s


def test_import_and_read_back_typed_tables(tmp_path: Path, sample_dir: Path) -> None:
    s = Store(tmp_path / "data")
    with pytest.raises(NoActiveVersion):
        s.active()
    result = s.import_paths([sample_dir])
    assert result.imported == ("regions", "units", "indicator_inputs", "certifications", "quotas")
    assert result.carried_over == () and result.warnings == []
    ds = s.active()
    assert ds.meta is not None and ds.meta.version_id == result.version_id
    assert ds.meta.source_files["units"] == "units.csv" and ds.meta.row_counts["indicator_inputs"] == 32
    assert (tmp_path / "data" / "ACTIVE").read_text().strip() == result.version_id
    assert str(ds.units["unit_code"].dtype) == "str" and str(ds.units["in_scope"].dtype) == "boolean"
    assert str(ds.indicator_inputs["year"].dtype) == "Int64"
    assert str(ds.certifications["decided_date"].dtype).startswith("datetime64")
    assert ds.units["unit_code"].tolist()[:2] == ["320102001", "320102002"]
    manifest = json.loads((tmp_path / "data" / "versions" / result.version_id / "manifest.json").read_text())
    for rel, digest in manifest["sha256"].items():
        data = (tmp_path / "data" / "versions" / result.version_id / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
    # the same Dataset object is served until the version changes
    assert s.active() is ds
    assert Store(tmp_path / "data").active().units.equals(ds.units)


def test_import_carries_over_tables_not_supplied(store: Store, tmp_path: Path) -> None:
    before = store.active()
    quotas = small_tables()["quotas"]
    quotas["target_count"] = "1"
    result = store.import_paths([write_csv_dir(tmp_path / "q", {"quotas": quotas})])
    assert result.imported == ("quotas",)
    assert result.carried_over == ("regions", "units", "indicator_inputs", "certifications")
    after = store.active()
    assert after.version_id == result.version_id != before.version_id
    assert set(after.quotas["target_count"]) == {1}
    for name in result.carried_over:
        pd.testing.assert_frame_equal(after.table(name), before.table(name))
    assert after.meta.source_files["units"] == "units.csv"  # where the carried table first came from
    assert after.meta.carried_over == result.carried_over


def test_cross_table_errors_against_carried_tables_reject_the_import(store: Store, tmp_path: Path) -> None:
    units = small_tables()["units"]
    units = units[units["unit_code"] != "320104001"]  # still referenced by the stored certifications and inputs
    digest = tree_digest(store.data_dir)
    with pytest.raises(ImportRejected) as info:
        store.import_paths([write_csv_dir(tmp_path / "u", {"units": units})])
    unknown = [p for p in info.value.problems if p.check == "unknown_unit"]
    assert {p.file for p in unknown} == {
        f"{n}（当前版本/active version {store.active_version_id()}）" for n in ("indicator_inputs", "certifications")
    }
    assert "Import rejected" in str(info.value) and "导入被拒绝" in str(info.value)
    assert tree_digest(store.data_dir) == digest


def test_rejected_import_changes_nothing(store: Store, tmp_path: Path) -> None:
    tables = small_tables()
    tables["units"].loc[0, "county_code"] = "320199"
    tables["indicator_inputs"].loc[3, "new_jobs_total"] = "lots"
    digest = tree_digest(store.data_dir)
    with pytest.raises(ImportRejected) as info:
        store.import_paths([write_csv_dir(tmp_path / "bad", tables)])
    checks = {(p.file, p.row, p.column, p.check) for p in info.value.problems}
    assert ("units.csv", 2, "county_code", "unknown_county") in checks
    assert ("indicator_inputs.csv", 5, "new_jobs_total", "not_integer") in checks
    assert tree_digest(store.data_dir) == digest


def test_validate_paths_changes_nothing(store: Store, tmp_path: Path) -> None:
    tables = small_tables()
    tables["quotas"].loc[0, "evaluation_quota"] = "0"
    tables["regions"].loc[1, "level"] = "州"
    directory = write_csv_dir(tmp_path / "check", tables)
    digest = tree_digest(store.data_dir)
    problems = store.validate_paths([directory])
    assert {p.check for p in problems} >= {"quota_below_target", "invalid_choice"}
    assert tree_digest(store.data_dir) == digest
    assert store.validate_paths([write_csv_dir(tmp_path / "ok", small_tables())]) == []


def test_interrupted_import_leaves_every_byte_unchanged(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = write_csv_dir(tmp_path / "new", small_tables())
    digest = tree_digest(store.data_dir)
    active = store.active_version_id()
    real_write = store_module._write_new_file
    calls = []

    def failing_write(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(store_module, "_write_new_file", failing_write)
    with pytest.raises(StoreFull, match="Not enough disk space"):
        store.import_paths([new])
    assert len(calls) == 2  # the first table was written before the failure
    assert tree_digest(store.data_dir) == digest
    monkeypatch.undo()
    assert store.active_version_id() == active
    assert store.import_paths([new]).version_id > active  # the store still works


def test_killed_import_leaves_the_active_version_and_is_cleaned_up(store: Store, tmp_path: Path) -> None:
    new = write_csv_dir(tmp_path / "new", small_tables())
    digest = tree_digest(store.data_dir)
    script = textwrap.dedent(f"""
        import os, signal, sys
        import pandas as pd
        sys.path.insert(0, {str(REPO)!r})
        from chuangye.data import store
        real = store._write_new_file
        calls = []
        def write(path, data):
            calls.append(1)
            if len(calls) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(path, data)
        store._write_new_file = write
        store.Store({str(store.data_dir)!r}).import_paths([{str(new)!r}])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    leftovers = set(tree_digest(store.data_dir)) - set(digest)
    assert leftovers and all(".staging-" in p for p in leftovers)  # only the half-written staging directory
    # A reader serves the active version and writes nothing (issue 12: reading works read-only) ...
    assert Store(store.data_dir).active().version_id == store.active_version_id()
    assert set(tree_digest(store.data_dir)) - set(digest) == leftovers
    # ... the next writer removes the leftovers before it writes
    store.rollback(store.active_version_id())
    assert tree_digest(store.data_dir) == digest


def test_versions_and_rollback(store: Store, tmp_path: Path) -> None:
    first = store.active_version_id()
    quotas = small_tables()["quotas"]
    second = store.import_paths([write_csv_dir(tmp_path / "q", {"quotas": quotas})]).version_id
    third = store.import_paths([write_csv_dir(tmp_path / "q", {"quotas": quotas})]).version_id
    assert first < second < third  # ids sort in creation order, even within one second
    infos = store.versions()
    assert [v.id for v in infos] == [first, second, third]
    assert [v.active for v in infos] == [False, False, True]
    assert infos[0].files["quotas"] == "quotas.csv" and infos[0].rows["units"] == 9
    assert store.rollback() == second
    assert store.active().version_id == second
    assert store.rollback() == first
    with pytest.raises(StoreError, match="no earlier version"):
        store.rollback()
    assert store.rollback(third) == third
    assert [v.active for v in store.versions()] == [False, False, True]
    with pytest.raises(StoreError, match="no version"):
        store.rollback("20990101T000000-ffff")


def test_damaged_version_is_detected(store: Store) -> None:
    version = store.active_version_id()
    path = store.data_dir / "versions" / version / "units.parquet"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CorruptVersion):
        Store(store.data_dir).active()


def test_ensure_initialised_imports_the_sample_once(tmp_path: Path, sample_dir: Path) -> None:
    s = Store(tmp_path / "data")
    assert s.ensure_initialised(sample_dir) is not None
    assert s.ensure_initialised(sample_dir) is None
    assert len(s.versions()) == 1


def test_default_data_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_dir: Path
) -> None:
    monkeypatch.setenv("CHUANGYE_DATA_DIR", str(tmp_path / "elsewhere"))
    store = Store()
    assert store.data_dir == tmp_path / "elsewhere"
    assert not store.data_dir.exists()  # opening writes nothing (issue 12); the first import creates it
    store.import_paths([sample_dir])
    assert (tmp_path / "elsewhere" / "versions").is_dir()


def test_boundaries_are_stored_as_geoparquet_and_carried_over(store: Store, tmp_path: Path) -> None:
    shapes = gpd.GeoDataFrame(
        {"code": [320102001, 320102002], "name": ["玄武门街道", "梅园新村街道"]},
        geometry=[box(118.78, 32.05, 118.80, 32.07), box(118.80, 32.03, 118.82, 32.05)],
        crs="EPSG:4326",
    )
    path = tmp_path / "towns.geojson"
    shapes.to_file(path, driver="GeoJSON")
    first = store.import_paths([store.data_dir.parent / "sample" / "quotas.csv"], boundaries={"township": path})
    stored = store.active().boundaries["township"]
    assert stored["code"].tolist() == ["320102001", "320102002"] and stored.crs.to_epsg() == 4326
    assert (store.data_dir / "versions" / first.version_id / "boundaries" / "township.parquet").is_file()
    store.import_paths([store.data_dir.parent / "sample" / "quotas.csv"])
    assert store.active().boundaries["township"].geometry.equals(stored.geometry)
    assert store.active().meta.source_files["boundaries:township"] == "towns.geojson"
    with pytest.raises(ImportRejected) as info:
        store.import_paths(
            [store.data_dir.parent / "sample" / "quotas.csv"], boundaries={"village": shapes.drop(columns="code")}
        )
    assert [p.check for p in info.value.problems] == ["boundary_invalid"]
    only_shapes = store.import_paths([], boundaries={"county": shapes.iloc[:1]})
    assert only_shapes.imported == () and set(store.active().boundaries) == {"township", "county"}


def test_imports_do_not_interleave(store: Store, sample_dir: Path) -> None:
    before = len(store.versions())
    done = threading.Event()

    def run_import() -> None:
        Store(store.data_dir).import_paths([sample_dir])
        done.set()

    with (store.data_dir / ".lock").open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # as another importing process would
        worker = threading.Thread(target=run_import)
        worker.start()
        time.sleep(0.5)
        assert not done.is_set() and len(store.versions()) == before
        assert not [p for p in (store.data_dir / "versions").iterdir() if p.name.startswith(".staging")]
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    worker.join(timeout=30)
    assert done.is_set() and len(store.versions()) == before + 1


def test_lock_file_is_never_rewritten(store: Store) -> None:
    assert os.path.getsize(store.data_dir / ".lock") == 0
