"""One path for preview and import (issue 10): ``ImportPreview.dataset`` is the version the import stores; each
version's manifest records who made it, an optional note and its change summary, and older manifests without
them still load."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from chuangye.config.loader import load_config
from chuangye.data.dataset import TABLE_NAMES, Dataset
from chuangye.data.store import PREVIEW_VERSION, ImportPreview, Store
from tests.synthetic import small_tables, write_csv_dir

CONFIG = load_config()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data", config=CONFIG)
    store.import_paths([write_csv_dir(tmp_path / "real", small_tables())], by="cli:tester", note="初始数据")
    return store


def assert_same_dataset(preview: Dataset, stored: Dataset) -> None:
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(preview.table(name), stored.table(name), obj=name)
    assert preview.meta.synthetic_tables == stored.meta.synthetic_tables
    assert preview.meta.carried_over == stored.meta.carried_over
    assert preview.meta.source_files == stored.meta.source_files
    assert preview.meta.row_counts == stored.meta.row_counts


def changed_quotas(tmp_path: Path) -> Path:
    quotas = small_tables()["quotas"]
    quotas.loc[0, "target_count"] = "5"
    return write_csv_dir(tmp_path / "quotas", {"quotas": pd.concat([quotas.iloc[1:-1], quotas.iloc[[0]]])})


def test_the_preview_holds_the_dataset_the_import_stores(store: Store, tmp_path: Path) -> None:
    files = changed_quotas(tmp_path)
    preview = store.preview_import([files])
    assert preview.dataset is not None and preview.dataset.version_id == PREVIEW_VERSION
    result = store.import_paths([files])
    assert_same_dataset(preview.dataset, store.load(result.version_id))
    assert preview.changes == result.changes


def test_the_preview_of_a_region_import_is_the_merged_version(store: Store, tmp_path: Path) -> None:
    inputs = small_tables()["indicator_inputs"]
    wuxi = inputs[inputs["unit_code"].str.startswith("320205") & (inputs["year"] == "2018")].copy()
    wuxi["trainees"] = "120"
    files = write_csv_dir(tmp_path / "wuxi", {"indicator_inputs": wuxi})
    preview = store.preview_import([files], region="320200")
    result = store.import_paths([files], region="320200")
    assert_same_dataset(preview.dataset, store.load(result.version_id))


def test_the_preview_of_a_first_import_with_the_sample(tmp_path: Path) -> None:
    folder = write_csv_dir(tmp_path / "sample", small_tables())
    (folder / "SYNTHETIC-SAMPLE.md").write_text("sample")
    only_units = write_csv_dir(tmp_path / "mine", {"units": small_tables()["units"]})
    store = Store(tmp_path / "data", config=CONFIG)
    preview = store.preview_import([only_units], sample=folder)
    result = store.import_paths([only_units], sample=folder)
    assert_same_dataset(preview.dataset, store.load(result.version_id))
    assert set(preview.dataset.meta.synthetic_tables) == {"regions", "indicator_inputs", "certifications", "quotas"}


def test_a_preview_with_errors_builds_no_dataset(store: Store, tmp_path: Path) -> None:
    quotas = small_tables()["quotas"]
    quotas.loc[0, "target_count"] = "many"
    preview = store.preview_import([write_csv_dir(tmp_path / "bad", {"quotas": quotas})])
    assert isinstance(preview, ImportPreview) and preview.dataset is None
    assert [p.check for p in preview.problems if p.is_error] == ["not_integer"]


def test_each_version_records_who_why_and_what_changed(store: Store, tmp_path: Path) -> None:
    store.import_paths([changed_quotas(tmp_path)], by="api:admin1", note="更正南京 2018 年任务数")
    first, second = store.versions()
    assert (first.by, first.note) == ("cli:tester", "初始数据")
    assert (second.by, second.note, second.region) == ("api:admin1", "更正南京 2018 年任务数", ())
    assert second.sources == second.files and second.files["quotas"] == "quotas.csv"
    changes = {c["table"]: c for c in second.changes}
    assert list(changes) == list(TABLE_NAMES)
    assert changes["quotas"] == {"table": "quotas", "before": 12, "after": 11, "added": 0, "changed": 1, "removed": 1}
    assert changes["units"] == {"table": "units", "before": 9, "after": 9, "added": 0, "changed": 0, "removed": 0}
    assert {c["table"]: c["before"] for c in first.changes}["units"] is None  # nothing before the first


def test_a_manifest_written_before_provenance_still_loads(store: Store) -> None:
    [info] = store.versions()
    manifest_path = store.versions_dir / info.id / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for key in ("by", "note", "changes"):
        manifest.pop(key)
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    [old] = Store(store.data_dir, config=CONFIG).versions(verify=True)
    assert (old.by, old.note, old.changes, old.region, old.damage) == (None, None, (), (), ())
    assert len(Store(store.data_dir, config=CONFIG).active().units) == 9
