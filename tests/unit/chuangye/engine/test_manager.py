"""Analytics decides scope once for the whole version: NBS placeholders are never counted, whatever the data says."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from chuangye.config.loader import load_config
from chuangye.data.dataset import Dataset
from chuangye.data.tables import read_inputs
from chuangye.engine.manager import Analytics
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
