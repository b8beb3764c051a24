"""units.csv of the sample, validated against a data directory that does not exist yet."""

import shutil
from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    shutil.copy(sample / "units.csv", inputs / "units.csv")
