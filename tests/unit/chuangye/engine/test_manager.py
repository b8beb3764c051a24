"""Analytics decides scope once for the whole version: NBS placeholders are never counted, whatever the data says;
the DataManager serves the newest intact version while the active one is damaged, and says so."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.config.loader import load_config
from chuangye.data.dataset import Dataset
from chuangye.data.integrity import Damage
from chuangye.data.store import Fallback, Store
from chuangye.data.tables import read_inputs
from chuangye.engine.manager import Analytics, DataManager
from tests.synthetic import small_tables, write_csv_dir

PLACEHOLDER = "320102001498"


def _dataset_with_a_placeholder_in_scope(tmp_path: Path) -> Dataset:
    t = small_tables()
    row = [PLACEHOLDER, "玄武门虚拟社区", "community_village", "社区", "true", "320100", "320102", "320102001"]
    t["units"].loc[len(t["units"])] = [*row, "", "", ""]
    inputs = t["indicator_inputs"]
    copied = inputs[inputs["unit_code"] == "320102001001"].assign(unit_code=PLACEHOLDER)
    t["indicator_inputs"] = pd.concat([inputs, copied], ignore_index=True)
    loaded, problems = read_inputs([write_csv_dir(tmp_path / "in", t)])
    assert problems == []
    return Dataset.from_tables({name: table.frame for name, table in loaded.items()})


def test_a_placeholder_marked_in_scope_is_not_counted(tmp_path: Path) -> None:
    dataset = _dataset_with_a_placeholder_in_scope(tmp_path)
    an = Analytics(dataset, load_config())
    row = an.coverage(level="province", unit_type="community_village", year=2018)
    assert row["units_in_scope"].tolist() == [3]  # 玄武门社区, 百子亭社区, 东亭村; not 玄武门虚拟社区
    county = an.coverage(level="county", unit_type="community_village", year=2018, region="320102")
    assert county["units_in_scope"].tolist() == [2]
    assert not an.unit_row(PLACEHOLDER)["in_scope"]
    assert bool(dataset.units.loc[dataset.units["unit_code"] == PLACEHOLDER, "in_scope"].iloc[0])  # input untouched


def test_a_dataset_without_placeholders_is_used_as_it_is(tmp_path: Path) -> None:
    loaded, _ = read_inputs([write_csv_dir(tmp_path / "in", small_tables())])
    dataset = Dataset.from_tables({name: table.frame for name, table in loaded.items()})
    assert Analytics(dataset, load_config()).dataset is dataset


# ------------------------------------------------------------------------ a damaged active version (issue 12)


def _store_with_two_versions(tmp_path: Path) -> tuple[Store, str, str]:
    store = Store(tmp_path / "data", config=load_config())
    inputs = write_csv_dir(tmp_path / "in", small_tables())
    return store, store.import_paths([inputs]).version_id, store.import_paths([inputs]).version_id


def test_the_manager_serves_the_newest_intact_version_and_says_why(tmp_path: Path) -> None:
    store, first, second = _store_with_two_versions(tmp_path)
    units = store.versions_dir / second / "units.parquet"
    units.write_bytes(units.read_bytes()[:-4] + b"0000")
    manager = DataManager(Store(store.data_dir), load_config())
    assert manager.current().version_id == first  # the old code raised CorruptVersion
    assert manager.fallback == Fallback(second, first, (Damage(second, "units.parquet", "checksum_mismatch"),))
    recovered = store.import_paths([write_csv_dir(tmp_path / "again", small_tables())]).version_id
    assert manager.current().version_id == recovered and manager.fallback is None


def test_the_manager_verifies_once_per_version_switch_not_per_request(tmp_path: Path, monkeypatch) -> None:
    store, first, second = _store_with_two_versions(tmp_path)
    manager = DataManager(store, load_config())
    verified = []
    real = store.damage
    monkeypatch.setattr(store, "damage", lambda version_id: verified.append(version_id) or real(version_id))
    for _ in range(3):
        assert manager.current().version_id == second
    store.rollback(first)
    for _ in range(3):
        assert manager.current().version_id == first
    assert verified == [second, first, first]  # start-up; the rollback's own check; the switch
