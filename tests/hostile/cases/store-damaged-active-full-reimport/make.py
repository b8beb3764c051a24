"""The only version's units.parquet damaged; the user imports all five tables again."""

import shutil
from pathlib import Path

from tests.store_faults import active_version, damage


def prepare(data_dir: Path) -> None:
    damage(active_version(data_dir) / "units.parquet")


def make(inputs: Path, sample: Path) -> None:
    for table in sample.glob("*.csv"):
        shutil.copy(table, inputs / table.name)
