"""The sample's quotas.csv alone, as the user's file (no sample marker beside it)."""

import shutil
from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    shutil.copy(sample / "quotas.csv", inputs / "quotas.csv")
