"""units.csv of the sample, to be imported into a data directory the command may not write to."""

import shutil
from pathlib import Path


def make(inputs: Path, sample: Path) -> None:
    shutil.copy(sample / "units.csv", inputs / "units.csv")
