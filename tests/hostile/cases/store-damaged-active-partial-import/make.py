"""The only version's units.parquet damaged; the user imports quotas.csv alone."""

import shutil
from pathlib import Path

from tests.store_faults import active_version, damage


def prepare(data_dir: Path) -> None:
    damage(active_version(data_dir) / "units.parquet")


def make(inputs: Path, sample: Path) -> None:
    shutil.copy(sample / "quotas.csv", inputs / "quotas.csv")
